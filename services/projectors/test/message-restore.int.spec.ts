import { describe, it } from 'vitest';
import { RESTORE_WINDOW_MS } from '@groupchat/shared';
import { messages } from '../src/projections/messages';
import { projectionSpec } from './support/projection-spec';
import { event, sent } from './support/events';

const spec = projectionSpec(messages);
const removed = (messageId: string, actorId: string, occurredAt?: number) =>
  event('MessageDeleted', { groupId: 'g1', messageId, actorId, ...(occurredAt ? { occurredAt } : {}) });
const restored = (messageId: string, text: string, threadId: string | null = null) =>
  event('MessageRestored', {
    ...{ groupId: 'g1', messageId, senderId: 'ada', text, threadId, replyTo: null, attachments: [], mentions: [], broadcast: null, linkPreview: null },
    ...{ sentAt: 0, sentOffset: 0, removedBy: 'mod', actorId: 'mod' },
  });
const reply = (id: string) =>
  event('MessageSent', { groupId: 'g1', messageId: id, senderId: 'ada', clientMessageId: `c-${id}`, text: id, attachments: [], threadId: 'root' });

describe('removals and their undo in the messages projection', () => {
  it('keeps the content of a removal by another, not of the sender’s own deletion; a restore brings it back and drops the copy', async () => {
    await spec
      .given(sent('g1', 'm1', 'ada', 'kept'), sent('g1', 'm2', 'ada', 'own'), sent('g1', 'm3', 'ada', 'back'), removed('m1', 'mod'), removed('m2', 'ada'))
      .then(`SELECT message_id, removed_by, text FROM removed_messages`, [{ message_id: 'm1', removed_by: 'mod', text: 'kept' }]);
    await spec
      .given(sent('g1', 'm3', 'ada', 'back'), removed('m3', 'mod'), removed('m3', 'mod'), restored('m3', 'back'))
      .then(`SELECT m.deleted, m.text, (SELECT count(*)::int FROM removed_messages) AS kept FROM messages m`, [{ deleted: false, text: 'back', kept: 0 }]);
  });

  it('a restored reply counts in its thread again; a copy older than a day is dropped by a later removal', async () => {
    await spec
      .given(sent('g1', 'root', 'bo'), reply('r1'), reply('r2'), removed('r1', 'mod'), removed('r2', 'mod'), restored('r1', 'r1', 'root'))
      .then(`SELECT reply_count FROM messages WHERE message_id = 'root'`, [{ reply_count: 1 }]);
    const later = Date.UTC(2030, 0, 1);
    await spec
      .given(sent('g1', 'm1', 'ada'), sent('g1', 'm2', 'ada'), removed('m1', 'mod', later - RESTORE_WINDOW_MS - 1), removed('m2', 'mod', later))
      .then(`SELECT message_id FROM removed_messages`, [{ message_id: 'm2' }]);
  });
});
