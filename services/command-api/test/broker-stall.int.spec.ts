import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app';
import { isolatedConfig, waitUntil } from '../../../test/support/stack';
import { apiOf, registerUser, type Api, type TestUser } from './support/client';
import { eventsIn } from './support/log';
import { privateBroker, topicsReady, type PrivateBroker } from './support/private-broker';

describe('when the broker stalls (accepts, answers nothing) and then goes on', () => {
  let broker: PrivateBroker;
  let app: TestApp;
  let api: Api;
  let owner: TestUser;
  let groupId: string;

  beforeAll(async () => {
    broker = await privateBroker();
    await broker.up();
    const config = isolatedConfig({ KAFKA_BROKERS: broker.brokers, REGISTER_LIMIT_PER_IP: 1000, MESSAGE_LIMIT_BURST: 1000, APPEND_TIMEOUT_MS: 1500 });
    await topicsReady(config);
    app = await startTestApp(config);
    api = apiOf(app);
    owner = await registerUser(api, 'stall');
    groupId = (await api.post('/groups', { name: 'Stall', visibility: 'public' }, { token: owner.token })).body.groupId;
    expect((await api.post(`/groups/${groupId}/messages`, { clientMessageId: 'before', text: 'all good' }, { token: owner.token })).status).toBe(202);
  });
  afterAll(async () => {
    broker?.resume();
    await app?.close();
    await broker?.close();
  });

  it('then retries of a send answered 503 wait for the first append instead of appending it again: one record in the log', async () => {
    const send = () => api.post(`/groups/${groupId}/messages`, { clientMessageId: 'stalled', text: 'slow but once' }, { token: owner.token });
    broker.pause();
    try {
      // Past APPEND_TIMEOUT_MS each attempt is 503, and the claim of the first one goes stale: without
      // the wait every retry would append the same event again, all landing once the broker goes on.
      for (let i = 0; i < 4; i++) {
        const res = await send();
        expect(res.status).toBe(503);
        expect(res.body.code).toBe('log_unavailable');
      }
    } finally {
      broker.resume();
    }
    const sent = await waitUntil(async () => {
      const res = await send();
      return res.status === 202 ? res : undefined;
    }, { timeoutMs: 60_000, intervalMs: 250, what: 'the send to be acknowledged' });
    const records = (await eventsIn(app.config, 'messages')).filter((e) => e.event.type === 'MessageSent' && e.event.clientMessageId === 'stalled');
    expect(records).toHaveLength(1);
    expect('messageId' in records[0]!.event && records[0]!.event.messageId).toBe(sent.body.messageId);
  });
});
