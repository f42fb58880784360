import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';

export interface Origin {
  url: string;
  /** Requests seen per path (query left out). */
  hits(path: string): number;
  /** Requests that carried a Cookie header. */
  cookies(): number;
  close(): Promise<void>;
}

const page = (head: string) => `<!doctype html><html><head>${head}</head><body><p>${'body text '.repeat(50)}</p></body></html>`;

/**
 * A local web site for link-preview tests on 127.0.0.1: Open Graph pages, `png` as their image, redirects
 * (`/redirect?to=`), a page bigger than any cap, a page that never finishes, a gzip bomb.
 */
export async function startOrigin(png: Buffer): Promise<Origin> {
  const hits = new Map<string, number>();
  let cookies = 0;
  const held = new Set<ServerResponse>();
  const routes: Record<string, (req: IncomingMessage, res: ServerResponse, q: URLSearchParams) => void> = {
    '/article': (_req, res) =>
      html(
        res,
        page(`<title>Fallback title</title><meta property="og:title" content="A &amp; B: the article"><meta property="og:description" content="What the article says.">
          <meta property="og:site_name" content="Local News"><meta property="og:image" content="/picture.png">`),
      ),
    '/twitter': (_req, res) =>
      html(res, page(`<meta name="twitter:title" content="Card title"><meta name="description" content="Plain description"><title>T</title>`)),
    '/video': (_req, res) => html(res, page(`<link rel="alternate" type="application/json+oembed" href="/oembed.json?v=1">`)),
    '/oembed.json': (_req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ type: 'video', title: 'A video', author_name: 'Vera', provider_name: 'LocalTube', thumbnail_url: '/picture.png' })),
    '/title-only': (_req, res) => html(res, page(`<title>  Just   a title </title>`)),
    '/bare': (_req, res) => html(res, page('')),
    '/plain': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('hello'),
    '/picture.png': (_req, res) => res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length }).end(png),
    '/redirect': (_req, res, q) => res.writeHead(302, { location: q.get('to') ?? '/article' }).end(),
    '/huge': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><head><title>huge</title>');
      const filler = `<meta name="x" content="${'x'.repeat(1000)}">`.repeat(64);
      const more = () => {
        while (!res.destroyed && res.write(filler));
        if (!res.destroyed) res.once('drain', more);
      };
      more();
    },
    '/bomb': (_req, res) => {
      const body = gzipSync(Buffer.concat([Buffer.from('<html><head><title>bomb</title>'), Buffer.alloc(50 * 1024 * 1024, ' ')]));
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip', 'content-length': body.length }).end(body);
    },
    '/reset': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><head><title>cut');
      setImmediate(() => res.socket?.destroy());
    },
    '/slow': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><head><title>slow');
      held.add(res);
    },
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://origin');
    hits.set(url.pathname, (hits.get(url.pathname) ?? 0) + 1);
    if (req.headers.cookie !== undefined) cookies += 1;
    const route = routes[url.pathname];
    if (!route) return void res.writeHead(404).end();
    route(req, res, url.searchParams);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    hits: (path) => hits.get(path) ?? 0,
    cookies: () => cookies,
    async close() {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

function html(res: ServerResponse, body: string) {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'set-cookie': 'tracker=1; Path=/' }).end(body);
}
