import { describe, it } from 'vitest';
import { messages } from '../src/projections/messages';
import { projectionSpec } from './support/projection-spec';
import { event, sent } from './support/events';

const spec = projectionSpec(messages);
const reply = (id: string, sender: string, threadId: string, replyTo: string | null = null) =>
  event('MessageSent', { groupId: 'g1', messageId: id, senderId: sender, clientMessageId: `c-${id}`, text: `re ${id}`, attachments: [], threadId, replyTo });
const follow = (userId: string, on: boolean) => event(on ? 'ThreadFollowed' : 'ThreadUnfollowed', { groupId: 'g1', threadId: 'root', userId });
const deleted = (messageId: string) => event('MessageDeleted', { groupId: 'g1', messageId });

describe('threads in the messages projection', () => {
  it('counts a root’s live replies and keeps its last reply time; a repeated reply counts once', async () => {
    const [root, r1, r2] = [sent('g1', 'root', 'ada'), reply('r1', 'bo', 'root'), reply('r2', 'cy', 'root', 'r1')];
    await spec.given(root, r1, r2, r2, reply('r3', 'bo', 'root'), deleted('r3')).then(
      `SELECT message_id, reply_count, last_reply_at = (SELECT sent_at FROM messages WHERE message_id = 'r2') AS last_is_r2, reply_to, thread_id
               FROM messages ORDER BY "offset" LIMIT 3`,
      [
        { message_id: 'root', reply_count: 2, last_is_r2: true, reply_to: null, thread_id: null },
        { message_id: 'r1', reply_count: 0, last_is_r2: null, reply_to: null, thread_id: 'root' },
        { message_id: 'r2', reply_count: 0, last_is_r2: null, reply_to: 'r1', thread_id: 'root' },
      ],
    );
  });

  it('the root’s author and repliers follow; an unfollow holds until their next reply; an outsider follows by choice', async () => {
    await spec
      .given(sent('g1', 'root', 'ada'), reply('r1', 'bo', 'root'), follow('ada', false), follow('bo', false), reply('r2', 'bo', 'root'), follow('cy', true))
      .then(`SELECT user_id, following FROM thread_follows WHERE thread_id = 'root' ORDER BY user_id`, [
        { user_id: 'ada', following: false },
        { user_id: 'bo', following: true },
        { user_id: 'cy', following: true },
      ]);
  });

  it('mentions, @here and the previewed link are stored; an edit replaces them; a deletion drops them', async () => {
    const text = 'hi @bo see https://example.com';
    await spec
      .given(
        event('MessageSent', {
          groupId: 'g1',
          messageId: 'a',
          senderId: 'ada',
          clientMessageId: 'ca',
          text,
          attachments: [],
          mentions: ['bo'],
          broadcast: 'here',
          linkPreview: 'https://example.com/',
        }),
        event('MessageSent', {
          groupId: 'g1',
          messageId: 'b',
          senderId: 'ada',
          clientMessageId: 'cb',
          text,
          attachments: [],
          mentions: ['bo'],
          linkPreview: 'https://example.com/',
        }),
        event('MessageEdited', { groupId: 'g1', messageId: 'a', text: 'hi @cy', mentions: ['cy'], broadcast: null, linkPreview: null }),
        event('LinkPreviewRemoved', { groupId: 'g1', messageId: 'b' }),
        sent('g1', 'c', 'ada'),
        event('MessageSent', {
          groupId: 'g1',
          messageId: 'd',
          senderId: 'ada',
          clientMessageId: 'cd',
          text,
          attachments: [],
          mentions: ['bo'],
          linkPreview: 'https://example.com/',
        }),
        deleted('d'),
      )
      .then(`SELECT message_id, mentions, broadcast, link_preview FROM messages ORDER BY message_id`, [
        { message_id: 'a', mentions: ['cy'], broadcast: null, link_preview: null },
        { message_id: 'b', mentions: ['bo'], broadcast: null, link_preview: null },
        { message_id: 'c', mentions: [], broadcast: null, link_preview: null },
        { message_id: 'd', mentions: [], broadcast: null, link_preview: null },
      ]);
  });
});
