// Postgres down. The services reach the shared Postgres through a TCP proxy this test cuts
// (open connections reset, new ones refused) and restores, so nobody else's database moves.
//   1. Everything's Postgres down: what needs it answers 503 problem+json with Retry-After,
//      fast; liveness, the OpenAPI document and open WebSocket connections keep working; after
//      recovery the same requests succeed.
//   2. Only the projectors' Postgres down: commands keep being accepted and delivered live; the
//      read models lag (read-your-writes answers 503 read_model_behind), then catch up with
//      every message exactly once.
import { Router } from 'express';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, serve, serveOpenApi, type Config, type Runtime } from '@groupchat/shared';
import { createCommandApi } from '@groupchat/command-api';
import { createQueryApi } from '@groupchat/query-api';
import { createProjectors } from '@groupchat/projectors';
import { createRealtime } from '@groupchat/realtime';
import { startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { isolatedConfig, NO_ABUSE_LIMITS, waitUntil } from '@groupchat/test-kit';
import { tcpProxy, throughProxy, type TcpProxy } from '@groupchat/test-kit/tcp-proxy';
import { apiOf, registerUser, type Answer, type Api, type TestUser } from '../../services/command-api/test/support/client';
import { TestClient } from '../../services/realtime/test/support/client';

function proxyFor(url: string) {
  const u = new URL(url);
  return tcpProxy({ host: u.hostname, port: Number(u.port) });
}

function expectUnavailable(what: string, res: Answer, ms: number) {
  expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(503);
  expect(res.headers.get('content-type'), what).toMatch(/application\/problem\+json/);
  expect(Number(res.headers.get('retry-after')), `${what} Retry-After`).toBeGreaterThan(0);
  expect(ms, `${what} took ${ms} ms`).toBeLessThan(10_000);
}

describe('when Postgres goes down for every service', () => {
  let proxy: TcpProxy;
  let app: TestApp;
  let api: Api;
  let owner: TestUser;
  let member: TestUser;
  let groupId: string;
  let ws: TestClient;

  beforeAll(async () => {
    const base = isolatedConfig(NO_ABUSE_LIMITS);
    proxy = await proxyFor(base.DATABASE_URL);
    app = await startTestApp({ ...base, DATABASE_URL: throughProxy(base.DATABASE_URL, proxy) });
    api = apiOf(app);
    [owner, member] = await Promise.all([registerUser(api, 'pgowner'), registerUser(api, 'pgmember')]);
    groupId = (await api.post('/groups', { name: 'Outage', visibility: 'public' }, { token: owner.token })).body.groupId;
    expect((await api.post(`/groups/${groupId}/join`, undefined, { token: member.token })).status).toBe(200);
    const sent = await api.post(`/groups/${groupId}/messages`, { clientMessageId: 'before', text: 'before the outage' }, { token: member.token });
    expect(sent.status).toBe(202);
    ws = await TestClient.ready(app.wsUrl, owner.token);
    ws.send({ type: 'subscribe', groupId, minPosition: sent.body.position });
    await ws.next((f) => f.type === 'subscribed');
    await proxy.cut();
  });
  afterAll(async () => {
    ws?.close();
    await proxy?.restore();
    await app?.close();
    await proxy?.close();
  });

  it('then what needs it answers 503 with Retry-After within 10 s, never 500; a text send, which does not, is accepted', async () => {
    const calls: [string, () => Promise<Answer>][] = [
      ['register', () => api.post('/auth/register', { username: 'during_pg_outage', email: 'during@example.com', password: 'correct horse battery' })],
      ['login', () => api.post('/auth/login', { login: owner.username, password: 'correct horse battery' })],
      ['refresh', () => api.post('/auth/refresh', { refreshToken: owner.refreshToken })],
      ['create group', () => api.post('/groups', { name: 'During', visibility: 'public' }, { token: owner.token })],
      ['history', () => api.call('GET', `/groups/${groupId}/messages`, undefined, { token: member.token })],
      ['group detail', () => api.call('GET', `/groups/${groupId}`, undefined, { token: member.token })],
      ['me', () => api.call('GET', '/me', undefined, { token: member.token })],
      ['discovery', () => api.call('GET', '/groups?q=outage', undefined, { token: member.token })],
      ['message search', () => api.call('GET', '/search/messages?q=outage', undefined, { token: member.token })],
    ];
    for (const [what, call] of calls) {
      const started = Date.now();
      const res = await call();
      expectUnavailable(what, res, Date.now() - started);
    }
    // Sends are decided on the groups view kept from the log: no Postgres before the append.
    const sent = await api.post(`/groups/${groupId}/messages`, { clientMessageId: 'during', text: 'during the outage' }, { token: member.token });
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
  });

  it('then liveness, the OpenAPI document and token checks still answer, and readiness names Postgres', async () => {
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${app.url}/api/v1/openapi.json`)).status).toBe(200);
    expect((await api.call('GET', '/me', undefined, { token: 'forged' })).status).toBe(401);
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(503);
    const body = await ready.json();
    expect(body.checks.postgres.ok).toBe(false);
    expect(body.checks.kafka.ok).toBe(true);
    expect(body.checks.elasticsearch.ok).toBe(true);
    expect(ws.closed, 'the open WebSocket stays open').toBeUndefined();
  });

  it('then after it comes back, the same requests succeed, and the retried send is delivered once', async () => {
    await proxy.restore();
    const sent = await waitUntil(
      async () => {
        const res = await api.post(`/groups/${groupId}/messages`, { clientMessageId: 'during', text: 'during the outage' }, { token: member.token });
        return res.status === 202 ? res : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 250, what: 'sends to succeed again' },
    );
    expect((await api.post('/auth/login', { login: owner.username, password: 'correct horse battery' })).status).toBe(200);
    const history = await api.call('GET', `/groups/${groupId}/messages`, undefined, { token: member.token, headers: { 'x-min-position': sent.body.position } });
    expect(history.status).toBe(200);
    expect(history.body.items.map((m: { text: string }) => m.text)).toEqual(['before the outage', 'during the outage']);
    await ws.next((f) => f.type === 'event' && f.event?.messageId === sent.body.messageId);
    expect(ws.events(groupId).filter((f) => f.event?.messageId === sent.body.messageId)).toHaveLength(1);
    await waitUntil(async () => (await fetch(`${app.url}/readyz`)).status === 200, { what: 'readiness' });
  });
});

describe('when only the projectors lose Postgres', () => {
  let proxy: TcpProxy;
  let config: Config;
  let apiRt: Runtime;
  let projectorsRt: Runtime;
  let close: () => Promise<void>;
  let api: Api;
  let owner: TestUser;
  let groupId: string;
  let ws: TestClient;
  let wsUrl: string;
  const during: { messageId: string; position: string }[] = [];

  beforeAll(async () => {
    config = isolatedConfig({ ...NO_ABUSE_LIMITS, MIN_POSITION_WAIT_MS: 1500 });
    proxy = await proxyFor(config.DATABASE_URL);
    // The APIs and realtime reach Postgres directly; the projectors only through the proxy.
    apiRt = await createRuntime(config, 'outage-apis');
    projectorsRt = await createRuntime({ ...config, DATABASE_URL: throughProxy(config.DATABASE_URL, proxy) }, 'outage-projectors');
    const projectors = await createProjectors(projectorsRt);
    const [command, query] = [await createCommandApi(apiRt), await createQueryApi(apiRt)];
    const served = await serve(apiRt, (app) => {
      const docs = Router();
      serveOpenApi(docs, command.openapi, query.openapi);
      app.use('/api/v1', docs, command.router, query.router);
    });
    const realtime = await createRealtime(apiRt, served.server);
    close = async () => {
      await realtime.close();
      await served.close();
      await Promise.allSettled([command.close(), query.close()]);
      await projectors.close();
      await Promise.allSettled([apiRt.close(), projectorsRt.close()]);
    };
    api = apiOf({ url: `http://127.0.0.1:${served.port}` });
    wsUrl = `ws://127.0.0.1:${served.port}/ws`;
    owner = await registerUser(api, 'projdown');
    groupId = (await api.post('/groups', { name: 'Projectors down', visibility: 'public' }, { token: owner.token })).body.groupId;
    const first = await api.post(`/groups/${groupId}/messages`, { clientMessageId: 'first', text: 'catchup first' }, { token: owner.token });
    expect(first.status).toBe(202);
    ws = await TestClient.ready(wsUrl, owner.token);
    // Resuming after the first message: everything later reaches this socket, the first does not.
    ws.send({ type: 'subscribe', groupId, after: first.body.position });
    await ws.next((f) => f.type === 'subscribed');
    await waitUntil(
      async () =>
        (
          await api.call('GET', `/search/messages?q=catchup&groupId=${groupId}`, undefined, {
            token: owner.token,
            headers: { 'x-min-position': first.body.position },
          })
        ).body?.items?.length === 1,
      { what: 'the first message to be searchable' },
    );
    await proxy.cut();
  });
  afterAll(async () => {
    ws?.close();
    await proxy?.restore();
    await close?.();
    await proxy?.close();
  });

  it('then sends are still accepted and delivered live, while reads at their positions answer 503 read_model_behind', async () => {
    for (let i = 0; i < 20; i++) {
      const res = await api.post(`/groups/${groupId}/messages`, { clientMessageId: `during-${i}`, text: `catchup during ${i}` }, { token: owner.token });
      expect(res.status, JSON.stringify(res.body)).toBe(202);
      during.push(res.body);
    }
    for (const m of during) await ws.next((f) => f.type === 'event' && f.event?.messageId === m.messageId);
    const behind = await api.call('GET', `/groups/${groupId}/messages`, undefined, {
      token: owner.token,
      headers: { 'x-min-position': during.at(-1)!.position },
    });
    expect(behind.status).toBe(503);
    expect(behind.body.code).toBe('read_model_behind');
    expect(Number(behind.headers.get('retry-after'))).toBeGreaterThan(0);
    const stale = await api.call('GET', `/groups/${groupId}/messages`, undefined, { token: owner.token });
    expect(stale.status, 'reads without a position still answer, from the last state').toBe(200);
    expect((await projectorsRt.readiness()).postgres?.ok).toBe(false);
  });

  it('then after it comes back, the read models catch up with every message exactly once', async () => {
    await proxy.restore();
    const last = during.at(-1)!.position;
    const history = await waitUntil(
      async () => {
        const res = await api.call('GET', `/groups/${groupId}/messages?limit=100`, undefined, { token: owner.token, headers: { 'x-min-position': last } });
        return res.status === 200 ? res : undefined;
      },
      { timeoutMs: 45_000, intervalMs: 250, what: 'the history to catch up' },
    );
    const ids = history.body.items.map((m: { id: string }) => m.id);
    expect(ids).toHaveLength(21);
    expect(new Set(ids).size).toBe(21);
    expect(ids.slice(1)).toEqual(during.map((m) => m.messageId));
    const found = await waitUntil(
      async () => {
        const res = await api.call('GET', `/search/messages?q=catchup&groupId=${groupId}&limit=100`, undefined, {
          token: owner.token,
          headers: { 'x-min-position': last },
        });
        return res.status === 200 && res.body.items.length === 21 ? res : undefined;
      },
      { timeoutMs: 45_000, intervalMs: 250, what: 'search to catch up' },
    );
    expect(new Set(found.body.items.map((m: { id: string }) => m.id)).size).toBe(21);
    const db = new pg.Pool({ connectionString: config.DATABASE_URL, max: 1 });
    try {
      const { rows } = await db.query(`SELECT count(*)::int AS n, count(DISTINCT message_id)::int AS d FROM messages WHERE group_id = $1`, [groupId]);
      expect(rows[0]).toEqual({ n: 21, d: 21 });
    } finally {
      await db.end();
    }
    expect(
      ws.events(groupId).map((f) => f.event?.messageId),
      'each message delivered live once',
    ).toEqual(during.map((m) => m.messageId));
  });
});
