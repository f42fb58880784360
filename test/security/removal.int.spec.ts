// Removal is immediate: once `DELETE /groups/:id/members/:userId` has answered, the removed
// member's socket receives no message appended after it, even while the realtime process
// serving it has not read the removal from the groups topic (its groups consumer held back
// through the `groupsFeedGate` test hook); a remaining member on the same process gets them all.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_ABUSE_LIMITS, startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { apiOf, as, registerUsers, succeeded, type Api } from '../../services/command-api/test/support/client';
import { TestClient } from '../../services/realtime/test/support/client';
import { startRealtime } from '../../services/realtime/test/support/realtime';

/** Holds the groups consumer of a realtime process while closed; counts the batches it held. */
function gate() {
  let open: Promise<void> = Promise.resolve();
  let release = () => undefined as void;
  let held = 0;
  return {
    wait: () => {
      const now = open;
      if (now !== gateOpen) held++;
      return now;
    },
    close() {
      open = new Promise<void>((resolve) => (release = resolve));
    },
    open() {
      release();
      open = gateOpen;
    },
    get held() {
      return held;
    },
  };
}
const gateOpen = Promise.resolve();

let app: TestApp;
let api: Api;
let realtime: Awaited<ReturnType<typeof startRealtime>>;
const groupsFeed = gate();

beforeAll(async () => {
  app = await startTestApp(NO_ABUSE_LIMITS);
  api = apiOf(app);
  realtime = await startRealtime(app.config, { groupsFeedGate: groupsFeed.wait });
}, 60_000);

afterAll(async () => {
  groupsFeed.open();
  await realtime?.close();
  await app?.close();
});

describe('removing a member', () => {
  it('when the realtime groups consumer lags, then the removed member gets no message sent after the removal was acknowledged and is told it lost access (and cannot subscribe again), while a remaining member gets them all', async () => {
    const [owner, removed, stays] = await registerUsers(api, ['rmown', 'rmgone', 'rmstay']);
    const created = succeeded(
      await api.post('/groups', { name: 'Removal check', description: 'removal', interests: ['removal'], visibility: 'public' }, as(owner, owner.position)),
    );
    const groupId: string = created.body.groupId;
    const position: string = created.body.position;
    const joins: Record<string, string> = {};
    for (const u of [removed, stays]) joins[u.userId] = succeeded(await api.post(`/groups/${groupId}/join`, undefined, as(u, position))).body.position;

    const clients = new Map<string, TestClient>();
    for (const u of [removed, stays]) {
      const client = await TestClient.ready(realtime.wsUrl, u.token);
      client.send({ type: 'subscribe', groupId, minPosition: joins[u.userId] });
      await client.next((f) => f.type === 'presence' && f.groupId === groupId);
      clients.set(u.userId, client);
    }
    const [gone, kept] = [clients.get(removed.userId)!, clients.get(stays.userId)!];
    try {
      groupsFeed.close();
      const removal = succeeded(await api.del(`/groups/${groupId}/members/${removed.userId}`, undefined, as(owner, `${position},${joins[removed.userId]}`)));
      const sinceRemoval = gone.frames.length;
      const sent: string[] = [];
      for (let i = 0; i < 5; i++) {
        const answer = succeeded(
          await api.post(`/groups/${groupId}/messages`, { clientMessageId: randomUUID(), text: `after removal ${i}` }, as(owner, removal.body.position)),
        );
        sent.push(answer.body.messageId);
      }

      await kept.until(
        () => (sent.every((id) => kept.events(groupId).some((f) => f.event?.messageId === id)) ? true : undefined),
        20_000,
        'every message at the remaining member',
      );
      const leaked = gone.frames.slice(sinceRemoval).filter((f) => f.type === 'event' && sent.includes(String(f.event?.messageId)));
      expect(leaked).toEqual([]);
      const told = gone.frames.slice(sinceRemoval).find((f) => f.groupId === groupId && ['unsubscribed', 'resync'].includes(f.type));
      expect(told).toMatchObject({ type: 'unsubscribed', reason: 'removed' });
      // Nor can the removed member come back while the view still lags.
      const again = gone.frames.length;
      gone.send({ type: 'subscribe', groupId });
      expect(await gone.next((f) => f.groupId === groupId && ['error', 'subscribed'].includes(f.type), { from: again })).toMatchObject({
        type: 'error',
        code: 'forbidden',
      });
      // The realtime process really had not read the removal while all this happened.
      expect(groupsFeed.held).toBeGreaterThan(0);
    } finally {
      groupsFeed.open();
      gone.close();
      kept.close();
    }
  });
});
