import { describe, expect, it } from 'vitest';
import type { Attachment } from '@groupchat/schemas';
import { decideDelete, decideEdit, decideReact, decideSend, type MessageState, type SendState } from '../src/messages/decide';
import type { GroupFacts } from '../src/groups/roles';
import { given } from './support/decider';

const group: GroupFacts = { groupId: 'g1', visibility: 'public', slowModeSeconds: 0, deleted: false, kind: 'group', broadcastMinRole: 'moderator' };
const send = { groupId: 'g1', senderId: 'u1', clientMessageId: 'c1', messageId: 'm1', text: 'hi', attachments: [] as Attachment[] };
const sent = { type: 'MessageSent' as const, ...send, replyTo: null, threadId: null, mentions: [], broadcast: null, linkPreview: null };
const now = 1_000_000;
const sending = (more: Partial<SendState>): SendState => ({ group, senderRole: 'member', lastSentAt: null, now, ...more });

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

const message = { messageId: 'm1', groupId: 'g1', senderId: 'u1', deleted: false };
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
