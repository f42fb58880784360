import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '@groupchat/test-kit/app';
import { waitUntil } from '@groupchat/test-kit';
import type { Api, TestUser } from './support/client';
import { eventsIn } from './support/log';
import { appOnPrivateBroker, type PrivateBroker } from './support/private-broker';

describe('when the broker stalls (accepts, answers nothing) and then goes on', () => {
  let broker: PrivateBroker;
  let app: TestApp;
  let api: Api;
  let owner: TestUser;
  let groupId: string;

  beforeAll(async () => {
    const setup = await appOnPrivateBroker('Stall', { APPEND_TIMEOUT_MS: 1500 });
    ({ broker, app, api, owner, groupId } = setup);
    expect(setup.firstSend.status).toBe(202);
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
    const sent = await waitUntil(
      async () => {
        const res = await send();
        return res.status === 202 ? res : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250, what: 'the send to be acknowledged' },
    );
    const records = (await eventsIn(app.config, 'messages')).filter((e) => e.event.type === 'MessageSent' && e.event.clientMessageId === 'stalled');
    expect(records).toHaveLength(1);
    expect('messageId' in records[0]!.event && records[0]!.event.messageId).toBe(sent.body.messageId);
  });
});
