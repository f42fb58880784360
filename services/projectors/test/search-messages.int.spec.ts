import { describe, it } from 'vitest';
import { searchMessages } from '../src/projections/search-messages';
import { projectionSpec } from './support/projection-spec';
import { event, sent } from './support/events';

const log = projectionSpec(searchMessages).given(
  sent('g-s', 'ms-1', 'u-1', 'the quick brown fox'),
  sent('g-s', 'ms-2', 'u-1', '今日は東京で会議'),
  sent('g-s', 'ms-3', 'u-1', 'to be deleted fox'),
  event('MessageEdited', { groupId: 'g-s', messageId: 'ms-1', text: 'the slow green turtle' }),
  event('MessageDeleted', { groupId: 'g-s', messageId: 'ms-3' }),
);

describe('the message search projection', () => {
  it('indexes messages for search: edits replace the text, deletions remove the document', async () => {
    await log.then({ match: { text: 'fox' } }, []);
    await log.then({ match: { text: 'turtle' } }, [{ message_id: 'ms-1', group_id: 'g-s', text: 'the slow green turtle' }]);
    await log.then({ match: { 'text.cjk': '東京' } }, [{ message_id: 'ms-2' }]);
  });
});

describe('the message search projection and undone removals', () => {
  it('indexes a restored message again at its first position, with its thread', async () => {
    const restored = event('MessageRestored', {
      ...{ groupId: 'g-r', messageId: 'mr-1', senderId: 'u-1', text: 'the returning heron', threadId: 'mr-0', replyTo: null },
      ...{ attachments: [], mentions: [], broadcast: null, linkPreview: null, sentAt: Date.UTC(2024, 0, 1), sentOffset: 7, removedBy: 'mod' },
    });
    await projectionSpec(searchMessages)
      .given(sent('g-r', 'mr-1', 'u-1', 'the returning heron'), event('MessageDeleted', { groupId: 'g-r', messageId: 'mr-1' }), restored)
      .then({ match: { text: 'heron' } }, [{ message_id: 'mr-1', thread_id: 'mr-0', offset: 7, sent_at: '2024-01-01T00:00:00.000Z' }]);
  });
});
