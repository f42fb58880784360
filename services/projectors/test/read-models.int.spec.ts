import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness';
import { event, groupCreated, joined, reacted, registered, sent } from './support/events';

describe('the read models, given events on the real log', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('projects users, with profile updates leaving absent fields unchanged', async () => {
    await h.given(
      registered('u-ada', 'ada'),
      event('UserProfileUpdated', { userId: 'u-ada', displayName: 'Ada Lovelace', bio: 'engines', interests: null, avatarMediaId: null }),
    );
    await h.caughtUp();
    const [ada] = await h.rows(`SELECT * FROM users WHERE user_id = 'u-ada'`);
    expect(ada).toMatchObject({
      username: 'ada',
      email: 'ada@example.com',
      display_name: 'Ada Lovelace',
      bio: 'engines',
      interests: [],
      avatar_media_id: null,
    });
    const hits = await h.search('users', { match: { 'display_name.prefix': 'lovel' } });
    expect(hits.map((d) => d.user_id)).toEqual(['u-ada']);
  });

  it('projects groups with members, roles, invites, member count and last activity', async () => {
    const sentEvent = sent('g-1', 'm-act', 'u-1');
    await h.given(
      groupCreated('g-1', 'u-1', { name: 'Engines', interests: ['math'], visibility: 'private' }),
      joined('g-1', 'u-1', 'owner'),
      event('MemberInvited', { groupId: 'g-1', userId: 'u-2', invitedBy: 'u-1' }),
      event('MemberInvited', { groupId: 'g-1', userId: 'u-3', invitedBy: 'u-1' }),
      joined('g-1', 'u-2'),
      joined('g-1', 'u-4'),
      event('MemberRoleChanged', { groupId: 'g-1', userId: 'u-2', role: 'moderator', changedBy: 'u-1' }),
      event('MemberLeft', { groupId: 'g-1', userId: 'u-4' }),
      event('GroupUpdated', { groupId: 'g-1', name: null, description: 'Analytical', interests: null, visibility: null, slowModeSeconds: 5 }),
      sentEvent,
    );
    await h.caughtUp();
    const [g] = await h.rows(`SELECT * FROM groups WHERE group_id = 'g-1'`);
    expect(g).toMatchObject({
      name: 'Engines',
      description: 'Analytical',
      interests: ['math'],
      visibility: 'private',
      owner_id: 'u-1',
      slow_mode_seconds: 5,
      member_count: 2,
      deleted: false,
    });
    expect((g!.last_activity_at as Date).getTime()).toBe(sentEvent.occurredAt);
    expect(await h.rows(`SELECT user_id, role FROM memberships WHERE group_id = 'g-1' ORDER BY user_id`)).toEqual([
      { user_id: 'u-1', role: 'owner' },
      { user_id: 'u-2', role: 'moderator' },
    ]);
    expect(await h.rows(`SELECT user_id, invited_by FROM invites WHERE group_id = 'g-1'`)).toEqual([{ user_id: 'u-3', invited_by: 'u-1' }]);

    await h.given(event('GroupDeleted', { groupId: 'g-1' }));
    await h.caughtUp();
    expect((await h.rows(`SELECT deleted FROM groups WHERE group_id = 'g-1'`))[0]).toEqual({ deleted: true });
  });

  it('projects messages in log order with edits, deletions, reactions and the timeline of every event', async () => {
    const attachment = {
      mediaId: 'md-1',
      kind: 'image' as const,
      contentType: 'image/png',
      size: 10,
      fileName: 'a.png',
      width: 2,
      height: 3,
      durationMs: null,
      thumbnailMediaId: null,
    };
    // Tab, newline and backslash: characters COPY's text format must escape.
    const hello = 'hello\tthere\nwith \\o/';
    const first = { ...sent('g-2', 'm-1', 'u-1', hello), attachments: [attachment] };
    const events = [
      first,
      sent('g-2', 'm-2', 'u-2', 'second'),
      sent('g-2', 'm-3', 'u-1', 'doomed'),
      event('MessageEdited', { groupId: 'g-2', messageId: 'm-2', text: 'second, edited' }),
      reacted('g-2', 'm-1', 'u-2'),
      reacted('g-2', 'm-1', 'u-3'),
      reacted('g-2', 'm-1', 'u-3', '🎉'),
      event('ReactionRemoved', { groupId: 'g-2', messageId: 'm-1', userId: 'u-3', emoji: '👍' }),
      event('MessageDeleted', { groupId: 'g-2', messageId: 'm-3' }),
      { ...sent('g-2', 'm-1', 'u-1', hello), eventId: 'dup' },
    ];
    const positions = await h.given(...events);
    await h.caughtUp();
    const rows = await h.rows(
      `SELECT message_id, text, attachments, edited_at IS NOT NULL AS edited, deleted, partition, "offset" FROM messages WHERE group_id = 'g-2' ORDER BY "offset"`,
    );
    expect(rows).toEqual([
      {
        message_id: 'm-1',
        text: hello,
        attachments: [attachment],
        edited: false,
        deleted: false,
        partition: positions[0]!.position.partition,
        offset: Number(positions[0]!.position.offset),
      },
      {
        message_id: 'm-2',
        text: 'second, edited',
        attachments: [],
        edited: true,
        deleted: false,
        partition: positions[1]!.position.partition,
        offset: Number(positions[1]!.position.offset),
      },
      {
        message_id: 'm-3',
        text: null,
        attachments: [],
        edited: false,
        deleted: true,
        partition: positions[2]!.position.partition,
        offset: Number(positions[2]!.position.offset),
      },
    ]);
    expect(await h.rows(`SELECT user_id, emoji FROM reactions WHERE message_id = 'm-1' ORDER BY user_id, emoji`)).toEqual([
      { user_id: 'u-2', emoji: '👍' },
      { user_id: 'u-3', emoji: '🎉' },
    ]);
    const timeline = await h.rows<{ offset: number; event_type: string; payload: unknown }>(
      `SELECT "offset", event_type, payload FROM message_events WHERE group_id = 'g-2' ORDER BY "offset"`,
    );
    expect(timeline.map((r) => r.offset)).toEqual(positions.map((p) => Number(p.position.offset)));
    expect(timeline.map((r) => r.payload)).toEqual(events.map((e) => JSON.parse(JSON.stringify(e))));

    const [activity] = await h.rows(`SELECT messages, active_members FROM group_daily_activity WHERE group_id = 'g-2'`);
    expect(activity).toEqual({ messages: 4, active_members: 2 });
  });

  it('finds groups by word, partial word, interest and Chinese text; removes deleted ones', async () => {
    await h.given(
      groupCreated('g-zh', 'u-1', { name: '北京编程俱乐部 Rustaceans', description: '每周一起学习 Rust 语言', interests: ['Programming'] }),
      joined('g-zh', 'u-1', 'owner'),
      joined('g-zh', 'u-2'),
      groupCreated('g-gone', 'u-1', { name: 'Rustaceans anonymous' }),
      event('GroupDeleted', { groupId: 'g-gone' }),
    );
    await h.caughtUp();
    const ids = async (query: object) => (await h.search('groups', query)).map((d) => d.group_id).sort();
    expect(await ids({ match: { 'name.prefix': 'rusta' } })).toEqual(['g-zh']);
    expect(await ids({ match: { 'description.cjk': '学习' } })).toEqual(['g-zh']);
    expect(await ids({ match: { 'name.cjk': '编程' } })).toEqual(['g-zh']);
    expect(await ids({ term: { interests: 'programming' } })).toEqual(['g-zh']);
    const [doc] = await h.search('groups', { term: { group_id: 'g-zh' } });
    expect(doc).toMatchObject({ member_count: 2, visibility: 'public', owner_id: 'u-1' });
  });

  it('projects a direct conversation like a private group, never into the groups search index; a declined request leaves no invite', async () => {
    await h.given(
      groupCreated('d-1', 'u-1', { name: '', visibility: 'private', kind: 'direct', broadcastMinRole: 'owner' }),
      event('MemberJoined', { groupId: 'd-1', userId: 'u-1', role: 'member', via: 'create' }),
      event('MemberJoined', { groupId: 'd-1', userId: 'u-2', role: 'member', via: 'create' }),
      event('MemberInvited', { groupId: 'd-1', userId: 'u-3', invitedBy: 'u-1' }),
      event('MemberInvited', { groupId: 'd-1', userId: 'u-4', invitedBy: 'u-1' }),
      event('MemberLeft', { groupId: 'd-1', userId: 'u-4' }),
      sent('d-1', 'm-dm', 'u-2'),
    );
    await h.caughtUp();
    expect(await h.rows(`SELECT kind, visibility, member_count, broadcast_min_role FROM groups WHERE group_id = 'd-1'`)).toEqual([
      { kind: 'direct', visibility: 'private', member_count: 2, broadcast_min_role: 'owner' },
    ]);
    expect(await h.rows(`SELECT user_id FROM invites WHERE group_id = 'd-1'`)).toEqual([{ user_id: 'u-3' }]);
    const [doc] = await h.search('groups', { term: { group_id: 'd-1' } });
    expect(doc ?? {}).not.toHaveProperty('visibility');
  });

  it("keeps a group's last activity when its message is applied before the group itself (the two topics have no order)", async () => {
    const message = sent('g-late', 'm-early', 'u-1');
    await h.given(message);
    await h.caughtUp();
    const [partial] = await h.search('groups', { term: { group_id: 'g-late' } });
    expect(partial).toMatchObject({ group_id: 'g-late', last_activity_at: new Date(message.occurredAt).toISOString() });
    expect(partial).not.toHaveProperty('visibility');
    await h.given(groupCreated('g-late', 'u-1', { name: 'Late bloomers', occurredAt: message.occurredAt - 60_000 }));
    await h.caughtUp();
    const [doc] = await h.search('groups', { term: { group_id: 'g-late' } });
    expect(doc).toMatchObject({ name: 'Late bloomers', visibility: 'public', last_activity_at: new Date(message.occurredAt).toISOString() });
  });
});
