// Issue 15, item 9: nothing secret or internal leaks through the logs or the public endpoints:
// tokens in query strings are redacted from request logs, /metrics needs its own bearer token,
// /readyz says only up or down, and the CSP allows sockets to our own origin only.
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, serve, type Runtime, type Served } from '@groupchat/shared';
import { NO_ABUSE_LIMITS, startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { freePort, isolatedConfig, waitUntil } from '@groupchat/test-kit';
import { apiOf, registerUser } from '../../services/command-api/test/support/client';
import { TestClient } from '../../services/realtime/test/support/client';
import { png } from '../../services/command-api/test/media-fixtures';

const METRICS_TOKEN = 'leaks-test-metrics-token-0123456789';
const logText = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : '');

describe('leaks', () => {
  let app: TestApp;
  let logFile: string;

  beforeAll(async () => {
    logFile = join(mkdtempSync(join(tmpdir(), 'groupchat-leaks-')), 'app.log');
    app = await startTestApp({ ...NO_ABUSE_LIMITS, LOG_LEVEL: 'info', LOG_FILE: logFile, METRICS_TOKEN });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('when signed media URLs and /ws?token= are requested, then no token text reaches the log', async () => {
    const api = apiOf(app);
    const user = await registerUser(api, 'leaks');
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await png(64, 64))], { type: 'image/png' }), 'leak.png');
    const upload = await fetch(`${app.url}/api/v1/media`, { method: 'POST', headers: { authorization: `Bearer ${user.token}` }, body: form });
    expect(upload.status).toBe(201);
    const media = (await upload.json()) as { mediaId: string; url: string };
    const mediaToken = new URL(media.url, app.url).searchParams.get('token')!;
    expect(mediaToken.length).toBeGreaterThan(20);
    expect((await fetch(`${app.url}${media.url}`)).status).toBe(200);
    const tampered = `${mediaToken.slice(0, -4)}AAAA`;
    const refused = await fetch(`${app.url}/api/v1/media/${media.mediaId}?token=${tampered}`);
    expect(refused.status).toBeGreaterThanOrEqual(400);
    // The problem's `instance` names the path only: the answer does not carry the token back either.
    const problem = await refused.text();
    expect(problem).toContain(`/api/v1/media/${media.mediaId}`);
    expect(problem.includes(tampered), 'the tampered token in the problem').toBe(false);
    expect((await fetch(`${app.url}/api/v1/media/${media.mediaId}?a=1&%74oken=${mediaToken}`)).status).toBeLessThan(500);

    const ws = await TestClient.open(`${app.wsUrl}?token=${encodeURIComponent(user.token)}`);
    await ws.next((f) => f.type === 'ready');
    ws.close();
    // The same path without an upgrade is an ordinary HTTP request, and so logged.
    await fetch(`${app.url}/ws?token=${encodeURIComponent(user.token)}`);

    const log = await waitUntil(
      () => {
        const text = logText(logFile);
        return text.includes(`/api/v1/media/${media.mediaId}?a=1`) && text.includes('"url":"/ws?token=') ? text : undefined;
      },
      { what: 'the request lines in the log' },
    );
    for (const [what, secret] of [
      ['the media token', mediaToken],
      ['the tampered media token', tampered],
      ['the access token', user.token],
      ['the refresh token', user.refreshToken],
    ] as const) {
      expect(log.includes(secret), `${what} in the log`).toBe(false);
    }
    expect(log).toContain(`"url":"/api/v1/media/${media.mediaId}?token=[redacted]"`);
    expect(log).toContain('"url":"/ws?token=[redacted]"');
  });

  it('when /metrics is asked for on the public port, then 401 without the metrics token (and with an access token), 200 with it', async () => {
    const api = apiOf(app);
    const user = await registerUser(api, 'metrics');
    for (const authorization of [undefined, `Bearer ${user.token}`, 'Bearer not-the-metrics-token', `Basic ${METRICS_TOKEN}`]) {
      const res = await fetch(`${app.url}/metrics`, { headers: authorization ? { authorization } : {} });
      expect(res.status, authorization ?? 'no header').toBe(401);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(await res.text()).not.toMatch(/groupchat_|process_cpu/);
    }
    const scrape = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(scrape.status).toBe(200);
    expect(await scrape.text()).toMatch(/http_request_duration|groupchat_/);
  });

  it('names only our own origin in the CSP connect-src: no bare ws: or wss:', async () => {
    for (const path of ['/', '/healthz', '/api/v1/openapi.json']) {
      const csp = (await fetch(`${app.url}${path}`)).headers.get('content-security-policy')!;
      const connect = csp
        .split(';')
        .map((d) => d.trim())
        .find((d) => d.startsWith('connect-src'));
      expect(connect, path).toBe("connect-src 'self'");
      expect(csp, path).not.toMatch(/(^|\s)wss?:(\s|;|$)/);
    }
  });
});

describe('readiness with a dependency down', () => {
  let rt: Runtime;
  let served: Served;
  let logFile: string;
  let esPort: number;

  beforeAll(async () => {
    logFile = join(mkdtempSync(join(tmpdir(), 'groupchat-readyz-')), 'app.log');
    esPort = await freePort();
    rt = await createRuntime(isolatedConfig({ ELASTICSEARCH_URL: `http://127.0.0.1:${esPort}`, LOG_LEVEL: 'info', LOG_FILE: logFile }), 'readyz-test');
    served = await serve(rt, () => undefined);
  });
  afterAll(async () => {
    await served?.close();
    await rt?.close();
  });

  it('then /readyz is 503 naming the dependency as down, with no error text, host or port; the log has the details; /metrics is 404 without a configured token', async () => {
    const res = await fetch(`http://127.0.0.1:${served.port}/readyz`);
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ status: 'not ready', checks: { kafka: { ok: true }, postgres: { ok: true }, elasticsearch: { ok: false } } });
    expect(text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|connect|error/i);
    expect(text).not.toContain(String(esPort));
    const log = await waitUntil(() => (logText(logFile).includes('not ready') ? logText(logFile) : undefined), { what: 'the readiness failure in the log' });
    expect(log).toMatch(/ECONNREFUSED|ConnectionError|no answer within/);
    expect((await fetch(`http://127.0.0.1:${served.port}/metrics`)).status).toBe(404);
  });
});
