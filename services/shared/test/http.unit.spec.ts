import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corsPolicy, jsonBody, loadConfig, problemHandler, securityHeaders, unavailable } from '../src/index';

describe('JSON bodies and cross-origin requests', () => {
  let server: Server;
  let url: string;
  const ALLOWED = 'https://chat.example.com';

  beforeAll(async () => {
    const app = express();
    app.use(securityHeaders(), corsPolicy(`${ALLOWED}, http://localhost:5173`));
    app.post('/echo', jsonBody(), (req, res) => res.json(req.body));
    app.get('/hello', (_req, res) => res.json({ hello: 'world' }));
    app.get('/fail/:how', (req) => {
      if (req.params.how === 'refused') throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      if (req.params.how === 'terminated') throw new Error('Connection terminated unexpectedly');
      if (req.params.how === 'no-view') throw Object.assign(new Error('relation "messages" does not exist'), { code: '42P01' });
      if (req.params.how === 'deadlock') throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
      if (req.params.how === 'no-function') throw Object.assign(new Error('function group_access(text, text) does not exist'), { code: '42883' });
      if (req.params.how === 'search') throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9200'), { name: 'ConnectionError' });
      if (req.params.how === 'behind') throw unavailable('the read model is behind', 'read_model_behind');
      throw new Error('a bug');
    });
    app.use(problemHandler);
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const post = (body: Buffer | string) =>
    fetch(`${url}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : new Uint8Array(body) });

  it('refuses a body that is not valid UTF-8 with 400 invalid_utf8 instead of replacing the bytes', async () => {
    for (const bytes of [[0xff], [0xc0, 0xaf], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]]) {
      const res = await post(Buffer.concat([Buffer.from('{"text":"a'), Buffer.from(bytes), Buffer.from('b"}')]));
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(await res.json()).toMatchObject({ status: 400, code: 'invalid_utf8' });
    }
  });

  it('keeps well-formed UTF-8 as it is', async () => {
    const res = await post('{"text":"héllo 👋 世界"}');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ text: 'héllo 👋 世界' });
  });

  it('answers a preflight from a configured origin, naming that origin, never *', async () => {
    const res = await fetch(`${url}/echo`, {
      method: 'OPTIONS',
      headers: { origin: ALLOWED, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('vary')).toMatch(/Origin/);
  });

  it('refuses a preflight from any other origin with 403, and gives its simple requests no CORS header', async () => {
    for (const origin of ['https://evil.example', 'null', 'https://chat.example.com.evil.example', 'http://chat.example.com']) {
      const pre = await fetch(`${url}/echo`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
      expect(pre.status, origin).toBe(403);
      expect(pre.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(pre.headers.get('access-control-allow-origin')).toBeNull();
      const simple = await fetch(`${url}/hello`, { headers: { origin } });
      expect(simple.status).toBe(200);
      expect(simple.headers.get('access-control-allow-origin')).toBeNull();
      expect(simple.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('answers a database that is down, a view not created yet or any 503 with Retry-After; a bug stays a 500', async () => {
    for (const [how, code] of [
      ['refused', 'database_unavailable'],
      ['terminated', 'database_unavailable'],
      ['deadlock', 'database_unavailable'],
      ['no-view', 'read_model_unavailable'],
      ['no-function', 'read_model_unavailable'],
      ['search', 'search_unavailable'],
      ['behind', 'read_model_behind'],
    ]) {
      const res = await fetch(`${url}/fail/${how}`);
      expect(res.status, how).toBe(503);
      expect(res.headers.get('retry-after'), how).toBe('1');
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(await res.json()).toMatchObject({ status: 503, code });
    }
    const bug = await fetch(`${url}/fail/bug`);
    expect(bug.status).toBe(500);
    expect(bug.headers.get('retry-after')).toBeNull();
  });

  it('marks API answers no-store, and leaves other paths to their routes', async () => {
    expect((await fetch(`${url}/api/v1/anything`)).headers.get('cache-control')).toBe('no-store');
    expect((await fetch(`${url}/hello`)).headers.get('cache-control')).toBeNull();
  });

  it('takes CORS_ORIGINS only as a list of exact origins', () => {
    const env = { KAFKA_BROKERS: 'k:1', DATABASE_URL: 'postgres://x@y/z', ELASTICSEARCH_URL: 'http://e:1' };
    expect(loadConfig(env).CORS_ORIGINS).toBe('');
    expect(loadConfig({ ...env, CORS_ORIGINS: 'https://a.example, http://localhost:5173' }).CORS_ORIGINS).toBe('https://a.example, http://localhost:5173');
    for (const bad of ['*', 'https://*.example.com', 'https://a.example/path', 'a.example'])
      expect(() => loadConfig({ ...env, CORS_ORIGINS: bad }), bad).toThrow(/CORS_ORIGINS/);
  });
});
