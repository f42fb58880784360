import { createServer, type Server } from 'node:http';
import express, { type Express } from 'express';
import type { Runtime } from './runtime';
import { AppError, toProblem } from './errors';
import { notFoundHandler, problemHandler, requestContext } from './http';
import { metricsEndpoint } from './metrics-access';
import { LimitStore } from './rate-limit';
import { trustProxy } from './trust-proxy';

export interface Served {
  app: Express;
  server: Server;
  port: number;
  close(): Promise<void>;
}

/**
 * Security headers every answer carries; the web app's CSP allows only its own origin. API
 * answers (tokens, private messages) are not stored by any cache unless a route says otherwise
 * (media downloads set `private`).
 */
export function securityHeaders(): express.RequestHandler {
  return (req, res, next) => {
    if (req.path.startsWith('/api/')) res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    // connect-src 'self' also covers ws:/wss: to this same host (CSP3; Chromium, Firefox, Safari 15.4+): no other socket host.
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; connect-src 'self'; style-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'",
    );
    next();
  };
}

const CORS_METHODS = 'GET, POST, PUT, PATCH, DELETE';
const CORS_HEADERS = 'Authorization, Content-Type, X-Min-Position, X-Request-Id';
const CORS_EXPOSED = 'Retry-After, X-Request-Id, Content-Range, Accept-Ranges';

/**
 * Cross-origin access only for the origins in CORS_ORIGINS, named one by one (never `*`, never
 * with credentials: the API uses no cookies, tokens travel in the Authorization header). A
 * preflight from any other origin is refused with 403; other requests from it get no
 * Access-Control-Allow-Origin, so a browser keeps the answer from the page.
 */
export function corsPolicy(origins: string): express.RequestHandler {
  const allowed = new Set(
    origins
      .split(',')
      .map((o) => o.trim().toLowerCase())
      .filter(Boolean),
  );
  return (req, res, next) => {
    const origin = req.get('origin');
    if (!origin) return next();
    res.vary('Origin');
    const ok = allowed.has(origin.toLowerCase());
    if (ok) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Expose-Headers', CORS_EXPOSED);
    }
    if (req.method === 'OPTIONS' && req.get('access-control-request-method')) {
      if (!ok) {
        res
          .status(403)
          .type('application/problem+json')
          .send(
            JSON.stringify(toProblem(new AppError(403, 'cors_origin_refused', `the origin ${origin.slice(0, 100)} may not call this API`), req.originalUrl)),
          );
        return;
      }
      res.setHeader('Access-Control-Allow-Methods', CORS_METHODS);
      res.setHeader('Access-Control-Allow-Headers', CORS_HEADERS);
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    next();
  };
}

/**
 * One HTTP server with the common endpoints (/healthz, /readyz, /metrics) and whatever the
 * services mount. Used by each service alone and by the all-in-one process.
 */
export async function serve(rt: Runtime, mount: (app: Express) => void, port = rt.config.PORT, host = rt.config.HOST): Promise<Served> {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxy(rt.config.TRUST_PROXY));
  app.locals.limits = await LimitStore.open(rt.pool);
  app.use(securityHeaders());
  app.use(corsPolicy(rt.config.CORS_ORIGINS));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const checks = await rt.readiness();
    const ok = Object.values(checks).every((c) => c.ok);
    // Error texts name hosts, ports and versions: the log gets them, the public answer only up or down.
    if (!ok) rt.log.warn({ checks }, 'not ready');
    res
      .status(ok ? 200 : 503)
      .json({ status: ok ? 'ready' : 'not ready', checks: Object.fromEntries(Object.entries(checks).map(([name, c]) => [name, { ok: c.ok }])) });
  });
  app.get('/metrics', metricsEndpoint(rt.config.METRICS_TOKEN));
  app.use(requestContext(rt.log));
  mount(app);
  app.use(notFoundHandler());
  app.use(problemHandler);
  const server = createServer(app);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  return {
    app,
    server,
    port: typeof address === 'object' && address ? address.port : port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      }),
  };
}
