import { describe, expect, it } from 'vitest';
import type { Attachment } from '@groupchat/schemas';
import {
  decideDelete,
  decideEdit,
  decideFollow,
  decidePin,
  decideReact,
  decideRemovePreview,
  decideSend,
  type MessageFacts,
  type MessageState,
  type SendState,
} from '../src/messages/decide';
import type { GroupFacts } from '../src/groups/roles';
import { given } from './support/decider';

const group: GroupFacts = { groupId: 'g1', visibility: 'public', slowModeSeconds: 0, deleted: false, kind: 'group', broadcastMinRole: 'moderator' };
const send = { groupId: 'g1', senderId: 'u1', clientMessageId: 'c1', messageId: 'm1', text: 'hi', attachments: [] as Attachment[] };
const sent = { type: 'MessageSent' as const, ...send, replyTo: null, threadId: null, mentions: [], broadcast: null, linkPreview: null };
const now = 1_000_000;
const members: Record<string, 'member' | 'moderator'> = { u1: 'member', u2: 'member', u3: 'moderator' };
const sending = (more: Partial<SendState>): SendState => ({ group, senderRole: 'member', lastSentAt: null, now, roleOf: (id) => members[id] ?? null, ...more });

describe('sending a message', () => {
  it('given a member, when sending, then MessageSent', () => {
    given(sending({})).when(decideSend, send).then([sent]);
  });
  it('given a non-member, then 403 in a public group and 404 in a private one', () => {
    given(sending({ senderRole: null }))
      .when(decideSend, send)
      .thenFails(403, 'not_a_member');
    given(sending({ senderRole: null, group: { ...group, visibility: 'private' } }))
      .when(decideSend, send)
      .thenFails(404, 'not_found');
  });
  it('given a deleted group, then 404', () => {
    given(sending({ group: { ...group, deleted: true } }))
      .when(decideSend, send)
      .thenFails(404, 'not_found');
  });
  it('given slow mode of 30 s and a message 10 s ago, then 429 slow_mode with 20 s to wait', () => {
    const error = given(sending({ group: { ...group, slowModeSeconds: 30 }, lastSentAt: now - 10_000 }))
      .when(decideSend, send)
      .thenFails(429, 'slow_mode');
    expect(error.extra.retryAfter).toBe(20);
  });
  it('given slow mode and a message longer ago than the interval, then MessageSent', () => {
    given(sending({ group: { ...group, slowModeSeconds: 30 }, lastSentAt: now - 30_000 }))
      .when(decideSend, send)
      .then([sent]);
  });
  it('given slow mode, moderators and above are exempt', () => {
    given(sending({ group: { ...group, slowModeSeconds: 30 }, lastSentAt: now - 1000, senderRole: 'moderator' }))
      .when(decideSend, send)
      .then([sent]);
  });
});

const message: MessageFacts = { messageId: 'm1', groupId: 'g1', senderId: 'u1', deleted: false, threadId: null };
const state = (more: Partial<MessageState> = {}): MessageState => ({ group, actorRole: 'member', message, ...more });
const ids = { groupId: 'g1', messageId: 'm1', actorId: 'u1' };

describe('editing and deleting a message', () => {
  it('given the author, when editing, then MessageEdited', () => {
    given(state())
      .when(decideEdit, { ...ids, text: 'fixed' })
      .then([{ type: 'MessageEdited', messageId: 'm1', groupId: 'g1', text: 'fixed', mentions: [], broadcast: null, linkPreview: null }]);
  });
  it('given someone else, even a moderator, when editing, then 403', () => {
    given(state({ actorRole: 'owner' }))
      .when(decideEdit, { ...ids, actorId: 'u2', text: 'x' })
      .thenFails(403, 'forbidden');
  });
  it('given a deleted, unknown or other-group message, then 404', () => {
    given(state({ message: { ...message, deleted: true } }))
      .when(decideEdit, { ...ids, text: 'x' })
      .thenFails(404, 'not_found');
    given(state({ message: null }))
      .when(decideDelete, ids)
      .thenFails(404, 'not_found');
    given(state({ message: { ...message, groupId: 'g2' } }))
      .when(decideDelete, ids)
      .thenFails(404, 'not_found');
  });
  it('given the author or a moderator, when deleting, then MessageDeleted; another member, then 403', () => {
    given(state())
      .when(decideDelete, ids)
      .then([{ type: 'MessageDeleted', messageId: 'm1', groupId: 'g1' }]);
    given(state({ actorRole: 'moderator' }))
      .when(decideDelete, { ...ids, actorId: 'u2' })
      .then([{ type: 'MessageDeleted', messageId: 'm1', groupId: 'g1' }]);
    given(state())
      .when(decideDelete, { ...ids, actorId: 'u2' })
      .thenFails(403, 'forbidden');
  });
  it('given an author who left the group, then 403', () => {
    given(state({ actorRole: null }))
      .when(decideDelete, ids)
      .thenFails(403, 'not_a_member');
  });
});

describe('reacting', () => {
  it('given a member, when reacting and unreacting, then ReactionAdded and ReactionRemoved', () => {
    given(state())
      .when(decideReact, { ...ids, actorId: 'u2', emoji: '👍', add: true })
      .then([{ type: 'ReactionAdded', messageId: 'm1', groupId: 'g1', userId: 'u2', emoji: '👍' }]);
    given(state())
      .when(decideReact, { ...ids, actorId: 'u2', emoji: '👍', add: false })
      .then([{ type: 'ReactionRemoved', messageId: 'm1', groupId: 'g1', userId: 'u2', emoji: '👍' }]);
  });
  it('given a non-member, then 403', () => {
    given(state({ actorRole: null }))
      .when(decideReact, { ...ids, emoji: '👍', add: true })
      .thenFails(403, 'not_a_member');
  });
});

describe('replies and threads', () => {
  const root: MessageFacts = { messageId: 'r', groupId: 'g1', senderId: 'u2', deleted: false, threadId: null };
  const inThread: MessageFacts = { messageId: 't1', groupId: 'g1', senderId: 'u2', deleted: false, threadId: 'r' };
  it('given a message of the group, when replying to it, then MessageSent quoting it, in no thread', () => {
    given(sending({ parent: root }))
      .when(decideSend, { ...send, replyTo: 'r' })
      .then([{ ...sent, replyTo: 'r' }]);
  });
  it('given a thread root, when replying in its thread, then MessageSent in that thread', () => {
    given(sending({ root }))
      .when(decideSend, { ...send, threadId: 'r' })
      .then([{ ...sent, threadId: 'r' }]);
  });
  it('given a reply inside a thread, when naming it as the thread or quoting it, then the reply goes to its root (one level deep)', () => {
    given(sending({ root: inThread }))
      .when(decideSend, { ...send, threadId: 't1' })
      .then([{ ...sent, threadId: 'r' }]);
    given(sending({ parent: inThread }))
      .when(decideSend, { ...send, replyTo: 't1' })
      .then([{ ...sent, replyTo: 't1', threadId: 'r' }]);
  });
  it('given a parent in another group, deleted or unknown, then 422 on the field; a quote from another thread, then 422', () => {
    for (const parent of [{ ...root, groupId: 'g2' }, { ...root, deleted: true }, null]) {
      given(sending({ parent }))
        .when(decideSend, { ...send, replyTo: 'r' })
        .thenFails(422, 'validation_failed');
      given(sending({ root: parent }))
        .when(decideSend, { ...send, threadId: 'r' })
        .thenFails(422, 'validation_failed');
    }
    given(sending({ root, parent: { ...inThread, threadId: 'elsewhere' } }))
      .when(decideSend, { ...send, threadId: 'r', replyTo: 't1' })
      .thenFails(422, 'validation_failed');
  });
});

describe('mentions, @here and @everyone, link previews', () => {
  it('given members, when mentioning them, then their ids travel in the event; a non-member, then 422', () => {
    given(sending({}))
      .when(decideSend, { ...send, text: 'hi @bo', mentions: ['u2'] })
      .then([{ ...sent, text: 'hi @bo', mentions: ['u2'] }]);
    given(sending({}))
      .when(decideSend, { ...send, mentions: ['stranger'] })
      .thenFails(422, 'validation_failed');
  });
  it('given the default broadcastMinRole, a member calling @everyone is refused, a moderator is not', () => {
    given(sending({}))
      .when(decideSend, { ...send, text: 'hey @everyone' })
      .thenFails(403, 'broadcast_not_allowed');
    given(sending({ senderRole: 'moderator' }))
      .when(decideSend, { ...send, text: 'hey @here' })
      .then([{ ...sent, text: 'hey @here', broadcast: 'here' }]);
    given(sending({ group: { ...group, broadcastMinRole: 'member' } }))
      .when(decideSend, { ...send, text: 'hey @everyone' })
      .then([{ ...sent, text: 'hey @everyone', broadcast: 'everyone' }]);
  });
  it('given a link, then its preview is shown unless the sender said no', () => {
    const text = 'read https://example.com/post, then (https://second.example)';
    given(sending({}))
      .when(decideSend, { ...send, text })
      .then([{ ...sent, text, linkPreview: 'https://example.com/post' }]);
    given(sending({}))
      .when(decideSend, { ...send, text, linkPreview: false })
      .then([{ ...sent, text }]);
  });
  it('given an edit, then mentions and preview are decided again for the new text', () => {
    given(state({ roleOf: (id) => members[id] ?? null }))
      .when(decideEdit, { ...ids, text: 'now @bo, see https://x.example', mentions: ['u2'] })
      .then([
        {
          type: 'MessageEdited',
          messageId: 'm1',
          groupId: 'g1',
          text: 'now @bo, see https://x.example',
          mentions: ['u2'],
          broadcast: null,
          linkPreview: 'https://x.example/',
        },
      ]);
    given(state())
      .when(decideEdit, { ...ids, text: 'now @everyone' })
      .thenFails(403, 'broadcast_not_allowed');
  });
  it('given the sender, when removing the preview, then LinkPreviewRemoved; anyone else, then 403', () => {
    given(state())
      .when(decideRemovePreview, ids)
      .then([{ type: 'LinkPreviewRemoved', messageId: 'm1', groupId: 'g1' }]);
    given(state({ actorRole: 'owner' }))
      .when(decideRemovePreview, { ...ids, actorId: 'u2' })
      .thenFails(403, 'forbidden');
  });
});

describe('pins and followed threads', () => {
  it('given a moderator, when pinning and unpinning, then MessagePinned and MessageUnpinned; a member, then 403', () => {
    given(state({ actorRole: 'moderator' }))
      .when(decidePin, { ...ids, pin: true })
      .then([{ type: 'MessagePinned', messageId: 'm1', groupId: 'g1' }]);
    given(state({ actorRole: 'moderator' }))
      .when(decidePin, { ...ids, pin: false })
      .then([{ type: 'MessageUnpinned', messageId: 'm1', groupId: 'g1' }]);
    given(state())
      .when(decidePin, { ...ids, pin: true })
      .thenFails(403, 'forbidden');
  });
  it('given a direct conversation, every member pins', () => {
    given(state({ group: { ...group, visibility: 'private', kind: 'direct' } }))
      .when(decidePin, { ...ids, pin: true })
      .then([{ type: 'MessagePinned', messageId: 'm1', groupId: 'g1' }]);
  });
  it('given a top-level message, a member follows and unfollows its thread; a reply has no thread of its own (404)', () => {
    given(state())
      .when(decideFollow, { ...ids, actorId: 'u2', follow: true })
      .then([{ type: 'ThreadFollowed', groupId: 'g1', threadId: 'm1', userId: 'u2' }]);
    given(state())
      .when(decideFollow, { ...ids, actorId: 'u2', follow: false })
      .then([{ type: 'ThreadUnfollowed', groupId: 'g1', threadId: 'm1', userId: 'u2' }]);
    given(state({ message: { ...message, threadId: 'r' } }))
      .when(decideFollow, { ...ids, follow: true })
      .thenFails(404, 'not_found');
  });
});
