import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '@groupchat/test-kit/app';
import { waitUntil } from '@groupchat/test-kit';
import { uniqueName, type Api, type TestUser } from './support/client';
import { eventsIn } from './support/log';
import { appOnPrivateBroker, type PrivateBroker } from './support/private-broker';

describe('when the broker is stopped', () => {
  let broker: PrivateBroker;
  let app: TestApp;
  let api: Api;
  let owner: TestUser;
  let groupId: string;

  beforeAll(async () => {
    const setup = await appOnPrivateBroker('Outage');
    ({ broker, app, api, owner, groupId } = setup);
    expect(setup.firstSend.status).toBe(202);
    await broker.down();
  });
  afterAll(async () => {
    await broker?.up();
    await app?.close();
    await broker?.close();
  });

  const username = uniqueName('during');
  const registration = { username, email: `${username}@example.com`, password: 'correct horse battery' };
  const send = { clientMessageId: 'during-outage', text: 'is anyone there?' };

  it('then commands answer 503 with Retry-After within 5 s, and nothing is left half-done', async () => {
    for (const attempt of [() => api.post('/auth/register', registration), () => api.post(`/groups/${groupId}/messages`, send, { token: owner.token })]) {
      const started = Date.now();
      const res = await attempt();
      expect(Date.now() - started).toBeLessThan(5000);
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect((await api.post('/auth/login', { login: username, password: registration.password })).status).toBe(401);
  });

  it('then after it restarts, the same commands retried succeed once', async () => {
    await broker.up();
    const registered = await waitUntil(
      async () => {
        const res = await api.post('/auth/register', registration);
        return res.status === 201 ? res : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, what: 'registration to succeed again' },
    );
    expect((await api.post('/auth/login', { login: username, password: registration.password })).status).toBe(200);
    const sent = await waitUntil(
      async () => {
        const res = await api.post(`/groups/${groupId}/messages`, send, { token: owner.token });
        return res.status === 202 ? res : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, what: 'the send to succeed again' },
    );

    const users = (await eventsIn(app.config, 'users')).filter((e) => e.event.type === 'UserRegistered' && e.event.username === username);
    expect(new Set(users.map((e) => e.event.eventId)).size).toBe(1);
    expect(users[0]!.key).toBe(registered.body.userId);
    const messages = (await eventsIn(app.config, 'messages')).filter((e) => e.event.type === 'MessageSent' && e.event.clientMessageId === send.clientMessageId);
    expect(messages.length).toBeGreaterThanOrEqual(1);
    expect(new Set(messages.map((e) => e.event.eventId)).size).toBe(1);
    expect(messages.every((e) => 'messageId' in e.event && e.event.messageId === sent.body.messageId)).toBe(true);
  });
});
