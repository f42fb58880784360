import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { NO_ABUSE_LIMITS, startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { uuidV5 } from '../src/http/envelope';
import { apiOf, as, expectStatus, registerUsers, type Api, type TestUser } from './support/client';
import { eventsIn } from './support/log';

describe('messages through HTTP', () => {
  let app: TestApp;
  let api: Api;
  let db: pg.Pool;
  let owner: TestUser;
  let member: TestUser;
  let moderator: TestUser;
  let stranger: TestUser;
  let groupId: string;

  const messagesOf = async (g: string) => (await eventsIn(app.config, 'messages')).filter((e) => e.key === g);

  beforeAll(async () => {
    app = await startTestApp(NO_ABUSE_LIMITS);
    api = apiOf(app);
    db = new pg.Pool({ connectionString: app.config.DATABASE_URL, max: 2 });
    [owner, member, moderator, stranger] = await registerUsers(api, ['owner', 'member', 'mod', 'stranger']);
    const created = await api.post('/groups', { name: 'Chatters', visibility: 'public' }, as(owner));
    groupId = created.body.groupId;
    expectStatus(await api.post(`/groups/${groupId}/join`, undefined, as(member)));
    expectStatus(await api.post(`/groups/${groupId}/join`, undefined, as(moderator)));
    expectStatus(await api.put(`/groups/${groupId}/members/${moderator.userId}/role`, { role: 'moderator' }, as(owner)));
  });
  afterAll(async () => {
    await db?.end();
    await app?.close();
  });

  it('when a member sends, then 202 with a messageId and the position of MessageSent', async () => {
    const res = await api.post(
      `/groups/${groupId}/messages`,
      { clientMessageId: 'first', text: ' Cafe\u0301 ☕\n' },
      { ...as(member), headers: { 'x-request-id': 'send-first' } },
    );
    expectStatus(res, 202);
    expect(res.body).toEqual({ messageId: uuidV5('message', groupId, member.userId, 'first'), position: expect.stringMatching(/^m\.\d+\.\d+$/) });
    const [sent] = (await messagesOf(groupId)).filter((e) => e.event.type === 'MessageSent' && e.event.clientMessageId === 'first');
    expect(sent!.event).toMatchObject({
      messageId: res.body.messageId,
      eventId: uuidV5('MessageSent', res.body.messageId),
      groupId,
      senderId: member.userId,
      actorId: member.userId,
      text: 'Café ☕',
      attachments: [],
      correlationId: 'send-first',
    });
    expect(`m.${sent!.partition}.${sent!.offset}`).toBe(res.body.position);
  });

  it('when the same clientMessageId is sent 20 times at once, then one MessageSent and the same answer for all', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => api.post(`/groups/${groupId}/messages`, { clientMessageId: 'burst-same', text: 'only once' }, as(member))),
    );
    for (const a of answers) expectStatus(a, 202);
    expect(new Set(answers.map((a) => `${a.body.messageId} ${a.body.position}`)).size).toBe(1);
    const again = await api.post(`/groups/${groupId}/messages`, { clientMessageId: 'burst-same', text: 'only once' }, as(member));
    expect(again.body).toEqual(answers[0]!.body);
    const sent = (await messagesOf(groupId)).filter((e) => e.event.type === 'MessageSent' && e.event.clientMessageId === 'burst-same');
    expect(sent).toHaveLength(1);
  });

  it('the same clientMessageId from two senders is two messages', async () => {
    const [a, b] = await Promise.all(
      [member, moderator].map((u) => api.post(`/groups/${groupId}/messages`, { clientMessageId: 'shared-id', text: 'hi' }, as(u))),
    );
    expect(a!.body.messageId).not.toBe(b!.body.messageId);
  });

  it('non-members are refused: 403 in a public group, 404 in a private one; nothing is appended', async () => {
    const before = (await messagesOf(groupId)).length;
    expect((await api.post(`/groups/${groupId}/messages`, { clientMessageId: 'x', text: 'let me in' }, as(stranger))).body).toMatchObject({
      status: 403,
      code: 'not_a_member',
    });
    const secret = (await api.post('/groups', { name: 'Secret', visibility: 'private' }, as(owner))).body.groupId;
    expect((await api.post(`/groups/${secret}/messages`, { clientMessageId: 'x', text: 'let me in' }, as(stranger))).status).toBe(404);
    expect((await messagesOf(groupId)).length).toBe(before);
  });

  it('attachments are the sender’s own uploads, copied into the event and marked attached', async () => {
    await db.query(
      `INSERT INTO media (media_id, owner_id, kind, content_type, size, width, height, file_name, storage_key) VALUES
        ('pic-${member.userId}', $1, 'image', 'image/jpeg', 12345, 640, 480, 'cat.jpg', 'k/1'),
        ('pic-${owner.userId}', $2, 'image', 'image/jpeg', 1, 1, 1, 'x.jpg', 'k/2')`,
      [member.userId, owner.userId],
    );
    const res = await api.post(`/groups/${groupId}/messages`, { clientMessageId: 'with-pic', attachments: [`pic-${member.userId}`] }, as(member));
    expectStatus(res, 202);
    const [sent] = (await messagesOf(groupId)).filter((e) => e.event.type === 'MessageSent' && e.event.clientMessageId === 'with-pic');
    expect(sent!.event).toMatchObject({
      text: null,
      attachments: [
        {
          mediaId: `pic-${member.userId}`,
          kind: 'image',
          contentType: 'image/jpeg',
          size: 12345,
          width: 640,
          height: 480,
          fileName: 'cat.jpg',
          durationMs: null,
          thumbnailMediaId: null,
        },
      ],
    });
    expect((await db.query('SELECT attached_at FROM media WHERE media_id = $1', [`pic-${member.userId}`])).rows[0].attached_at).toBeInstanceOf(Date);

    const foreign = await api.post(
      `/groups/${groupId}/messages`,
      { clientMessageId: 'foreign-pic', text: 'look', attachments: [`pic-${owner.userId}`, 'missing'] },
      as(member),
    );
    expect(foreign.status).toBe(422);
    expect(foreign.body.errors.map((e: { field: string }) => e.field)).toEqual(['attachments.0', 'attachments.1']);
  });

  it('slow mode: a member waits between messages (429 with Retry-After); moderators are exempt', async () => {
    const slow = (await api.post('/groups', { name: 'Slow lane', visibility: 'public' }, as(owner))).body.groupId;
    expectStatus(await api.post(`/groups/${slow}/join`, undefined, as(member)));
    expectStatus(await api.post(`/groups/${slow}/join`, undefined, as(moderator)));
    expectStatus(await api.put(`/groups/${slow}/members/${moderator.userId}/role`, { role: 'moderator' }, as(owner)));
    expectStatus(await api.patch(`/groups/${slow}`, { slowModeSeconds: 60 }, as(moderator)));

    expectStatus(await api.post(`/groups/${slow}/messages`, { clientMessageId: 's1', text: 'one' }, as(member)), 202);
    const second = await api.post(`/groups/${slow}/messages`, { clientMessageId: 's2', text: 'two' }, as(member));
    expect(second.status).toBe(429);
    expect(second.body).toMatchObject({ code: 'slow_mode' });
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(50);
    expect((await api.post(`/groups/${slow}/messages`, { clientMessageId: 's1', text: 'one' }, as(member))).status).toBe(202);
    for (const id of ['m1', 'm2']) expectStatus(await api.post(`/groups/${slow}/messages`, { clientMessageId: id, text: 'mod' }, as(moderator)), 202);
  });

  it('editing: the author only, right after sending; unknown messages are 404', async () => {
    const sent = await api.post(`/groups/${groupId}/messages`, { clientMessageId: 'to-edit', text: 'typo' }, as(member));
    const path = `/groups/${groupId}/messages/${sent.body.messageId}`;
    const edit = await api.patch(path, { text: 'fixed' }, as(member));
    expectStatus(edit);
    expect((await api.patch(path, { text: 'not yours' }, as(owner))).status).toBe(403);
    expect((await api.patch(`/groups/${groupId}/messages/${uuidV5('nothing')}`, { text: 'x' }, as(member))).status).toBe(404);
    const edited = (await messagesOf(groupId)).find((e) => e.event.type === 'MessageEdited' && e.event.messageId === sent.body.messageId)!;
    expect(edited.event).toMatchObject({ text: 'fixed', actorId: member.userId });
    expect(`m.${edited.partition}.${edited.offset}`).toBe(edit.body.position);
  });

  it('deleting: the author or a moderator; another member may not; a deleted message is gone', async () => {
    const mine = await api.post(`/groups/${groupId}/messages`, { clientMessageId: 'to-delete-1', text: 'oops' }, as(member));
    const theirs = await api.post(`/groups/${groupId}/messages`, { clientMessageId: 'to-delete-2', text: 'spam' }, as(owner));
    expect((await api.del(`/groups/${groupId}/messages/${theirs.body.messageId}`, undefined, as(member))).status).toBe(403);
    expectStatus(await api.del(`/groups/${groupId}/messages/${mine.body.messageId}`, undefined, as(member)));
    expectStatus(await api.del(`/groups/${groupId}/messages/${theirs.body.messageId}`, undefined, as(moderator)));
    const gone = await api.patch(`/groups/${groupId}/messages/${mine.body.messageId}`, { text: 'back?' }, { ...as(member) });
    expect(gone.status).toBe(404);
  });

  it('reactions: members add and remove emoji; non-members may not', async () => {
    const sent = await api.post(`/groups/${groupId}/messages`, { clientMessageId: 'to-react', text: 'react to me' }, as(member));
    const base = `/groups/${groupId}/messages/${sent.body.messageId}/reactions`;
    for (const emoji of ['👍', '🇫🇷', ':party:']) expectStatus(await api.post(`${base}/${encodeURIComponent(emoji)}`, undefined, as(owner)));
    expectStatus(await api.del(`${base}/${encodeURIComponent('👍')}`, undefined, as(owner)));
    expect((await api.post(`${base}/${encodeURIComponent('👍')}`, undefined, as(stranger))).status).toBe(403);
    const reactions = (await messagesOf(groupId))
      .filter((e) => e.event.type.startsWith('Reaction') && 'messageId' in e.event && e.event.messageId === sent.body.messageId)
      .map((e) => e.event);
    expect(reactions.map((e) => [e.type, 'emoji' in e ? e.emoji : undefined])).toEqual([
      ['ReactionAdded', '👍'],
      ['ReactionAdded', '🇫🇷'],
      ['ReactionAdded', ':party:'],
      ['ReactionRemoved', '👍'],
    ]);
  });
});
