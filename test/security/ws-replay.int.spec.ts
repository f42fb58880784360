// A WebSocket replay shows only what the read model still shows: a member who joins after a
// message was deleted and another edited, and replays the group from the start, never receives
// the deleted text or the text before the edit; and a replay past the cap is refused before
// any of it is sent.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_ABUSE_LIMITS, startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { apiOf, as, registerUsers, succeeded, type Api, type TestUser } from '../../services/command-api/test/support/client';
import { TestClient, type Frame } from '../../services/realtime/test/support/client';
import { startRealtime } from '../../services/realtime/test/support/realtime';

let app: TestApp;
let api: Api;
let owner: TestUser;
let newcomer: TestUser;
let groupId: string;
let joined: string;
let firstPosition: string;
const words = { kept: uniqueWord('kept'), deleted: uniqueWord('deleted'), before: uniqueWord('before'), after: uniqueWord('after') };

function uniqueWord(prefix: string) {
  return `${prefix}${randomUUID().replace(/-/g, '').slice(0, 12)}`;
}

/** Subscribes with `after` and collects the frames until the subscription is live (its presence frame) or ends. */
async function replayFrom(url: string, after: string): Promise<Frame[]> {
  const client = await TestClient.ready(url, newcomer.token);
  try {
    client.send({ type: 'subscribe', groupId, after, minPosition: joined });
    await client.next((f) => f.groupId === groupId && ['presence', 'resync', 'error', 'unsubscribed'].includes(f.type));
    return client.frames;
  } finally {
    client.close();
  }
}

beforeAll(async () => {
  app = await startTestApp(NO_ABUSE_LIMITS);
  api = apiOf(app);
  [owner, newcomer] = await registerUsers(api, ['rpown', 'rpnew']);
  const created = succeeded(
    await api.post('/groups', { name: 'Replay check', description: 'replays', interests: ['replay'], visibility: 'public' }, as(owner, owner.position)),
  );
  groupId = created.body.groupId;
  let position: string = created.body.position;
  const sent: Record<string, string> = {};
  for (const [key, text] of Object.entries({ kept: words.kept, deleted: words.deleted, edited: words.before })) {
    const answer = succeeded(await api.post(`/groups/${groupId}/messages`, { clientMessageId: randomUUID(), text }, as(owner, position)));
    sent[key] = answer.body.messageId;
    position = answer.body.position;
    firstPosition ??= position;
  }
  position = succeeded(await api.del(`/groups/${groupId}/messages/${sent.deleted}`, undefined, as(owner, position))).body.position;
  position = succeeded(await api.patch(`/groups/${groupId}/messages/${sent.edited}`, { text: words.after }, as(owner, position))).body.position;
  joined = succeeded(await api.post(`/groups/${groupId}/join`, undefined, as(newcomer, position))).body.position;
  // The history over HTTP hides both already: the replay must agree with it.
  const history = succeeded(await api.call('GET', `/groups/${groupId}/messages`, undefined, as(newcomer, `${position},${joined}`)));
  expect(JSON.stringify(history.body)).not.toContain(words.deleted);
  expect(JSON.stringify(history.body)).not.toContain(words.before);
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('a WebSocket replay', () => {
  it.each([
    ['the start of the partition', () => `m.${firstPosition.split('.')[1]}.0`],
    ['the first message they can see', () => firstPosition],
  ])('when a later member replays from %s, then no frame carries the deleted or the pre-edit text, and the current texts arrive', async (_name, after) => {
    const frames = await replayFrom(app.wsUrl, after());
    const leaks = frames.filter((f) => JSON.stringify(f).includes(words.deleted) || JSON.stringify(f).includes(words.before));
    expect(leaks).toEqual([]);
    expect(frames.filter((f) => f.type === 'resync' || f.type === 'error')).toEqual([]);
    // The first message opens the group's partition in this namespace: both positions replay what follows it.
    const events = frames.filter((f) => f.type === 'event').map((f) => f.event!);
    expect(events.map((e) => e.type)).toEqual(['MessageSent', 'MessageSent', 'MessageDeleted', 'MessageEdited']);
    expect(events.map((e) => e.text)).toEqual([null, words.after, undefined, words.after]);
  });

  it('when a replay is longer than the cap, then the client is told to resync and gets none of its events', async () => {
    const capped = await startRealtime(app.config, { maxReplayEvents: 2 });
    try {
      const frames = await replayFrom(capped.wsUrl, `m.${firstPosition.split('.')[1]}.0`);
      expect(frames.find((f) => f.type === 'resync')).toMatchObject({ groupId, reason: 'too_far_behind' });
      expect(frames.filter((f) => f.type === 'event')).toEqual([]);
    } finally {
      await capped.close();
    }
  });
});
