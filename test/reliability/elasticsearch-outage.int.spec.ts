// Elasticsearch down. The app reaches the shared Elasticsearch through a TCP proxy this test
// cuts and restores. Search answers 503 with Retry-After; history, commands, profiles and live
// delivery keep working; after recovery the search index catches up with what was sent during
// the outage, each message once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { isolatedConfig, NO_ABUSE_LIMITS, waitUntil } from '@groupchat/test-kit';
import { tcpProxy, throughProxy, type TcpProxy } from '@groupchat/test-kit/tcp-proxy';
import { apiOf, registerUser, type Api, type TestUser } from '../../services/command-api/test/support/client';
import { TestClient } from '../../services/realtime/test/support/client';

describe('when Elasticsearch goes down', () => {
  let proxy: TcpProxy;
  let app: TestApp;
  let api: Api;
  let owner: TestUser;
  let groupId: string;
  let ws: TestClient;
  const during: { messageId: string; position: string }[] = [];

  beforeAll(async () => {
    const base = isolatedConfig(NO_ABUSE_LIMITS);
    const es = new URL(base.ELASTICSEARCH_URL);
    proxy = await tcpProxy({ host: es.hostname, port: Number(es.port) });
    app = await startTestApp({ ...base, ELASTICSEARCH_URL: throughProxy(base.ELASTICSEARCH_URL, proxy) });
    api = apiOf(app);
    owner = await registerUser(api, 'esdown');
    groupId = (await api.post('/groups', { name: 'Search outage', visibility: 'public', interests: ['outages'] }, { token: owner.token })).body.groupId;
    const first = await api.post(`/groups/${groupId}/messages`, { clientMessageId: 'first', text: 'heron first' }, { token: owner.token });
    await waitUntil(
      async () =>
        (await api.call('GET', `/search/messages?q=heron`, undefined, { token: owner.token, headers: { 'x-min-position': first.body.position } })).body?.items
          ?.length === 1,
      { what: 'the first message to be searchable' },
    );
    ws = await TestClient.ready(app.wsUrl, owner.token);
    ws.send({ type: 'subscribe', groupId });
    await ws.next((f) => f.type === 'subscribed');
    await proxy.cut();
  });
  afterAll(async () => {
    ws?.close();
    await proxy?.restore();
    await app?.close();
    await proxy?.close();
  });

  it('then search answers 503 with Retry-After within 5 s; readiness names Elasticsearch', async () => {
    for (const path of ['/search/messages?q=heron', '/groups?q=outage', '/search/groups?q=outage', '/users?q=esdown', '/search/users?q=esdown']) {
      const started = Date.now();
      const res = await api.call('GET', path, undefined, { token: owner.token });
      expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(503);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(Number(res.headers.get('retry-after')), path).toBeGreaterThan(0);
      expect(Date.now() - started, path).toBeLessThan(5000);
    }
    const ready = await (await fetch(`${app.url}/readyz`)).json();
    expect(ready.checks.elasticsearch.ok).toBe(false);
    expect(ready.checks.postgres.ok).toBe(true);
  });

  it('then sending, history, group detail, profiles and live delivery keep working', async () => {
    for (let i = 0; i < 10; i++) {
      const res = await api.post(`/groups/${groupId}/messages`, { clientMessageId: `during-${i}`, text: `heron during ${i}` }, { token: owner.token });
      expect(res.status).toBe(202);
      during.push(res.body);
    }
    for (const m of during) await ws.next((f) => f.type === 'event' && f.event?.messageId === m.messageId);
    const history = await api.call('GET', `/groups/${groupId}/messages`, undefined, {
      token: owner.token,
      headers: { 'x-min-position': during.at(-1)!.position },
    });
    expect(history.status).toBe(200);
    expect(history.body.items).toHaveLength(11);
    for (const path of [`/groups/${groupId}`, `/groups/${groupId}/members`, '/me', `/users/${owner.userId}`, '/groups/recommended']) {
      expect((await api.call('GET', path, undefined, { token: owner.token })).status, path).toBe(200);
    }
    expect((await api.patch('/me', { bio: 'still here' }, { token: owner.token })).status).toBe(200);
  });

  it('then after it comes back, search catches up with every message sent meanwhile, once each', async () => {
    await proxy.restore();
    const found = await waitUntil(
      async () => {
        const res = await api.call('GET', `/search/messages?q=heron&groupId=${groupId}&limit=50`, undefined, {
          token: owner.token,
          headers: { 'x-min-position': during.at(-1)!.position },
        });
        return res.status === 200 && res.body.items.length === 11 ? res : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, what: 'search to catch up' },
    );
    const ids = found.body.items.map((m: { id: string }) => m.id);
    expect(new Set(ids).size).toBe(11);
    for (const m of during) expect(ids).toContain(m.messageId);
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
  });
});
