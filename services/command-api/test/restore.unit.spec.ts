import { describe, expect, it } from 'vitest';
import { RESTORE_WINDOW_MS } from '@groupchat/shared';
import { decideRestore, type RestoreState } from '../src/moderation/restore';

const now = Date.UTC(2026, 0, 2);
const group = { groupId: 'g', visibility: 'public', kind: 'group', deleted: false } as unknown as RestoreState['group'];
const removal = (removedAt: number) => ({
  ...{ groupId: 'g', senderId: 'bo', removedBy: 'mo', removedAt, text: 'hi', attachments: [], replyTo: null, threadId: null },
  ...{ mentions: [], broadcast: null, linkPreview: null, sentAt: 0, sentOffset: 4 },
});
const state = (over: Partial<RestoreState>): RestoreState => ({
  group,
  actorRole: 'moderator',
  message: { groupId: 'g', deleted: true },
  removal: removal(now),
  ...over,
});
const decide = (s: RestoreState) => decideRestore(s, { groupId: 'g', messageId: 'm', now });

describe('undoing a removal', () => {
  it('restores within a day of the removal, carrying the content back; not a moment later', () => {
    expect(decide(state({ removal: removal(now - RESTORE_WINDOW_MS) }))).toEqual([
      expect.objectContaining({ type: 'MessageRestored', messageId: 'm', groupId: 'g', senderId: 'bo', text: 'hi', sentOffset: 4, removedBy: 'mo' }),
    ]);
    expect(() => decide(state({ removal: removal(now - RESTORE_WINDOW_MS - 1) }))).toThrow(expect.objectContaining({ code: 'not_restorable' }));
  });

  it('is for moderators and up, of a deleted message of this group that was removed by another', () => {
    expect(() => decide(state({ actorRole: 'member' }))).toThrow(expect.objectContaining({ status: 403 }));
    expect(() => decide(state({ message: { groupId: 'g', deleted: false } }))).toThrow(expect.objectContaining({ code: 'not_deleted' }));
    expect(() => decide(state({ message: { groupId: 'other', deleted: true } }))).toThrow(expect.objectContaining({ status: 404 }));
    expect(() => decide(state({ removal: null }))).toThrow(expect.objectContaining({ code: 'not_restorable' }));
  });
});
