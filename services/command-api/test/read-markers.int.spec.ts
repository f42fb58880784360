import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProjectors, projections } from '@groupchat/projectors';
import { createRuntime, type Runtime } from '@groupchat/shared';
import { NO_ABUSE_LIMITS, startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { waitUntil } from '@groupchat/test-kit';
import { TestClient } from '../../realtime/test/support/client';
import { apiOf, readingOwnWrites, registerUsers, type Api, type TestUser } from './support/client';

interface FollowedThread {
  id: string;
  groupId: string;
  unread: number;
  marker: string | null;
}

interface Unread {
  groupId: string;
  unread: number;
  mentions: number;
  marker: string | null;
  latest?: string | null;
}

/** Read markers move forward only, and the counts they give are exact after sends, moves, a reload and a rebuild. */
describe('read markers and unread counts on the real app', () => {
  let app: TestApp;
  let api: Api;
  let ada: TestUser;
  let bo: TestUser;
  let cy: TestUser;
  let group: string;
  let quiet: string;

  const { as, ok } = readingOwnWrites();
  const send = (u: TestUser, body: object, groupId = group) =>
    ok(api.post(`/groups/${groupId}/messages`, { clientMessageId: `c${Math.random().toString(36).slice(2)}`, ...body }, as(u)));
  const mark = (u: TestUser, position: string, groupId = group) => api.put(`/me/read-markers/${groupId}`, { position }, as(u));
  const markThread = (u: TestUser, position: string, threadId: string, groupId = group) =>
    api.put(`/me/read-markers/${groupId}`, { position, threadId }, as(u));
  const threadsOf = async (u: TestUser) => {
    const res = await api.get<{ items: FollowedThread[] }>('/me/threads', as(u));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return new Map(res.body.items.map((t) => [t.id, { unread: t.unread, marker: t.marker }]));
  };
  const latest = new Map<string, string | null>();
  const unreadOf = async (u: TestUser) => {
    const res = await api.get<{ items: Unread[] }>('/me/unread', as(u));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return new Map(
      res.body.items.map(({ latest: newest, ...i }) => {
        latest.set(i.groupId, newest ?? null);
        return [i.groupId, i];
      }),
    );
  };

  beforeAll(async () => {
    app = await startTestApp(NO_ABUSE_LIMITS);
    api = apiOf(app);
    [ada, bo, cy] = await registerUsers(api, ['ada', 'bo', 'cy']);
    group = (await ok(api.post('/groups', { name: 'Markers', visibility: 'public' }, as(ada)))).groupId;
    quiet = (await ok(api.post('/groups', { name: 'Quiet', visibility: 'public' }, as(ada)))).groupId;
    await ok(api.post(`/groups/${group}/join`, undefined, as(bo)));
    await ok(api.post(`/groups/${quiet}/join`, undefined, as(bo)));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('counts what others sent since joining, then since the marker; mentions are those naming me or @here; a marker never moves back', async () => {
    expect(await unreadOf(bo)).toEqual(
      new Map([
        [group, { groupId: group, unread: 0, mentions: 0, marker: null }],
        [quiet, { groupId: quiet, unread: 0, mentions: 0, marker: null }],
      ]),
    );
    const first = await send(ada, { text: 'hello all' });
    const named = await send(ada, { text: `hi @${bo.username}`, mentions: [bo.userId] });
    await send(ada, { text: 'in a thread', threadId: first.messageId });
    await send(bo, { text: 'my own' });
    const gone = await send(ada, { text: 'soon deleted' });
    await ok(api.del(`/groups/${group}/messages/${gone.messageId}`, undefined, as(ada)));
    const here = await send(ada, { text: '@here look' });
    const newest = await send(ada, { text: 'the newest' });
    // first, named, here and the newest; not the thread reply, bo's own or the deleted one.
    expect((await unreadOf(bo)).get(group)).toEqual({ groupId: group, unread: 4, mentions: 2, marker: null });
    expect([latest.get(group), latest.get(quiet)]).toEqual([newest.position, null]);

    const moved = await ok(mark(bo, named.position));
    expect(moved).toMatchObject({ groupId: group, marker: named.position, position: expect.stringMatching(/^u\./) });
    expect((await unreadOf(bo)).get(group)).toEqual({ groupId: group, unread: 2, mentions: 1, marker: named.position });

    const back = await ok(mark(bo, first.position));
    expect(back.marker).toBe(named.position);
    expect((await unreadOf(bo)).get(group)).toEqual({ groupId: group, unread: 2, mentions: 1, marker: named.position });

    await ok(mark(bo, here.position));
    const reloaded = await unreadOf(bo);
    expect(reloaded.get(group)).toEqual({ groupId: group, unread: 1, mentions: 0, marker: here.position });
    expect(reloaded.get(quiet)).toEqual({ groupId: quiet, unread: 0, mentions: 0, marker: null });
    expect((await unreadOf(ada)).get(group)).toMatchObject({ unread: 1, mentions: 0, marker: null });
  });

  it('refuses a position that is not a message of the conversation, and a marker of a non-member', async () => {
    const newest = await send(ada, { text: 'newest of all' });
    const [, partition, offset] = newest.position.split('.');
    const problem = async (res: ReturnType<typeof mark>, status: number, code: string) => {
      const r = await res;
      expect({ status: r.status, code: r.body?.code }, JSON.stringify(r.body)).toEqual({ status, code });
      expect(r.headers.get('content-type')).toContain('application/problem+json');
    };
    await problem(mark(bo, `m.${partition}.${BigInt(offset!) + 1000n}`), 422, 'validation_failed');
    await problem(mark(bo, `m.${(Number(partition) + 1) % 1000}.${offset}`), 422, 'validation_failed');
    await problem(mark(bo, 'g.0.0'), 422, 'validation_failed');
    await problem(mark(bo, newest.position, quiet), 422, 'validation_failed');
    await problem(mark(bo, 'not-a-position'), 400, 'invalid_position');
    await problem(mark(cy, newest.position), 403, 'not_a_member');
    await problem(mark(bo, newest.position, 'no-such-group'), 404, 'not_found');
    expect((await unreadOf(bo)).get(group)?.marker).not.toBe(newest.position);
  });

  it('moves a thread marker forward only, to messages of that thread, and counts the replies of others after it', async () => {
    const mainBefore = (await unreadOf(bo)).get(group)!;
    const root = await send(ada, { text: 'a thread of its own' });
    const mine = await send(bo, { text: 'I take part', threadId: root.messageId });
    const r2 = await send(ada, { text: 'second reply', threadId: root.messageId });
    const r3 = await send(ada, { text: 'third reply', threadId: root.messageId });
    const r4 = await send(ada, { text: 'fourth reply', threadId: root.messageId });
    const other = await send(ada, { text: 'another root' });
    const elsewhere = await send(ada, { text: 'a reply elsewhere', threadId: other.messageId });
    // bo follows by replying; what came before his own reply is read, his own reply is not counted.
    expect((await threadsOf(bo)).get(root.messageId)).toEqual({ unread: 3, marker: null });

    const moved = await ok(markThread(bo, r2.position, root.messageId));
    expect(moved).toEqual({ groupId: group, threadId: root.messageId, marker: r2.position, position: expect.stringMatching(/^u\./) });
    expect((await threadsOf(bo)).get(root.messageId)).toEqual({ unread: 2, marker: r2.position });

    for (const back of [mine.position, root.position, r2.position]) expect((await ok(markThread(bo, back, root.messageId))).marker).toBe(r2.position);
    expect((await threadsOf(bo)).get(root.messageId)).toEqual({ unread: 2, marker: r2.position });

    const refused = async (res: ReturnType<typeof markThread>, field: string) => {
      const r = await res;
      expect({ status: r.status, code: r.body?.code, fields: r.body?.errors?.map((e: { field: string }) => e.field) }, JSON.stringify(r.body)).toEqual({
        status: 422,
        code: 'validation_failed',
        fields: [field],
      });
      expect(r.headers.get('content-type')).toContain('application/problem+json');
    };
    await refused(markThread(bo, other.position, root.messageId), 'position');
    await refused(markThread(bo, elsewhere.position, root.messageId), 'position');
    await refused(markThread(bo, r4.position, 'no-such-thread'), 'threadId');
    await refused(markThread(bo, r4.position, r3.messageId), 'threadId');
    await refused(markThread(bo, r4.position, root.messageId, quiet), 'position');
    const [, partition, offset] = r4.position.split('.');
    await refused(markThread(bo, `m.${partition}.${BigInt(offset!) + 1000n}`, root.messageId), 'position');
    expect((await api.put(`/me/read-markers/${group}`, { position: r4.position, threadId: 'not an id!' }, as(bo))).status).toBe(422);
    expect((await threadsOf(bo)).get(root.messageId)).toEqual({ unread: 2, marker: r2.position });

    await ok(markThread(bo, r4.position, root.messageId));
    expect((await threadsOf(bo)).get(root.messageId)).toEqual({ unread: 0, marker: r4.position });
    // The main list's marker and counts are untouched by thread moves (the new roots are unread there).
    expect((await unreadOf(bo)).get(group)).toEqual({ ...mainBefore, unread: mainBefore.unread + 2 });
  });

  it("leaves replies of someone I block out of a thread's count", async () => {
    await ok(api.post(`/groups/${group}/join`, undefined, as(cy)));
    const root = await send(bo, { text: 'bo asks' });
    await send(cy, { text: 'cy answers', threadId: root.messageId });
    const ada1 = await send(ada, { text: 'ada answers', threadId: root.messageId });
    expect((await threadsOf(bo)).get(root.messageId)).toEqual({ unread: 2, marker: null });
    await ok(api.put(`/me/blocks/${cy.userId}`, undefined, as(bo)));
    expect((await threadsOf(bo)).get(root.messageId)).toEqual({ unread: 1, marker: null });
    await ok(markThread(bo, ada1.position, root.messageId));
    expect((await threadsOf(bo)).get(root.messageId)).toEqual({ unread: 0, marker: ada1.position });
    await ok(api.del(`/me/blocks/${cy.userId}`, undefined, as(bo)));
    await ok(api.post(`/groups/${group}/leave`, undefined, as(cy)));
  });

  it('pushes the new counts to every socket of the reader when others send and when the reader moves the marker', async () => {
    const [phone, laptop] = await Promise.all([TestClient.ready(app.wsUrl, bo.token), TestClient.ready(app.wsUrl, bo.token)]);
    try {
      const before = (await unreadOf(bo)).get(group)!;
      const named = await send(ada, { text: `look @${bo.username}`, mentions: [bo.userId] });
      const more = { type: 'unread', groupId: group, unread: before.unread + 1, mentions: before.mentions + 1, marker: before.marker };
      for (const c of [phone, laptop]) expect(await c.next((f) => f.type === 'unread' && f.unread === more.unread)).toEqual(more);
      expect((await unreadOf(bo)).get(group)).toMatchObject({ unread: more.unread, mentions: more.mentions });

      const from = [phone.frames.length, laptop.frames.length];
      await ok(mark(bo, named.position));
      const none = { type: 'unread', groupId: group, unread: 0, mentions: 0, marker: named.position };
      for (const [i, c] of [phone, laptop].entries()) expect(await c.next((f) => f.type === 'unread' && f.unread === 0, { from: from[i] })).toEqual(none);
      expect([...phone.frames, ...laptop.frames].filter((f) => f.type === 'unread' && f.groupId === quiet)).toEqual([]);
    } finally {
      phone.close();
      laptop.close();
    }
  });

  it('pushes the count of a followed thread to every socket of the reader when a reply arrives and when the thread marker moves', async () => {
    const root = await send(bo, { text: 'bo wonders' });
    const [phone, laptop] = await Promise.all([TestClient.ready(app.wsUrl, bo.token), TestClient.ready(app.wsUrl, bo.token)]);
    try {
      const reply = await send(ada, { text: 'ada knows', threadId: root.messageId });
      const one = { type: 'thread-unread', groupId: group, threadId: root.messageId, unread: 1, marker: null };
      for (const c of [phone, laptop]) expect(await c.next((f) => f.type === 'thread-unread' && f.threadId === root.messageId)).toEqual(one);

      const from = [phone.frames.length, laptop.frames.length];
      await ok(markThread(bo, reply.position, root.messageId));
      const none = { ...one, unread: 0, marker: reply.position };
      for (const [i, c] of [phone, laptop].entries())
        expect(await c.next((f) => f.type === 'thread-unread' && f.threadId === root.messageId, { from: from[i] })).toEqual(none);
    } finally {
      phone.close();
      laptop.close();
    }
  });

  it('gives the same counts, of threads too, after the read-markers projection is rebuilt from the log', async () => {
    const before = await unreadOf(bo);
    const threadsBefore = await threadsOf(bo);
    expect([...threadsBefore.values()].some((t) => t.marker !== null)).toBe(true);
    let rt: Runtime | undefined;
    try {
      rt = await createRuntime(app.config, 'read-markers-rebuild');
      const control = await createProjectors(rt, { projections: projections.filter((p) => p.name === 'read-markers'), run: false });
      try {
        const requested = await control.rebuild('read-markers');
        await waitUntil(async () => (await control.status('read-markers')).some((b) => b.generation === requested.generation && b.status === 'live'), {
          timeoutMs: 40_000,
          intervalMs: 100,
          what: 'the rebuilt read markers to go live',
        });
      } finally {
        await control.close();
      }
    } finally {
      await rt?.close();
    }
    expect(await unreadOf(bo)).toEqual(before);
    expect(await threadsOf(bo)).toEqual(threadsBefore);
  });
});
