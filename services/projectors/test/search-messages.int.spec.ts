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
