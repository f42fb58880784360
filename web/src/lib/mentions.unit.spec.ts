import { describe, expect, it } from 'vitest';
import { mentionIds, mentionsMe } from './mentions';

const members = [
  { userId: 'u1', username: 'ann' },
  { userId: 'u2', username: 'bo.b' },
  { userId: 'u3', username: null },
];

describe('mentionIds', () => {
  it('maps @usernames outside code to member ids, once each, ignoring case and non-members', () => {
    expect(mentionIds('@Ann and @bo.b. and @ann, @carl `@bo.b`', members)).toEqual(['u1', 'u2']);
    expect(mentionIds('```\n@ann\n```', members)).toEqual([]);
    expect(mentionIds('no one', members)).toEqual([]);
  });

  it('sends at most 50 ids', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ userId: `id${i}`, username: `user${i}` }));
    expect(mentionIds(many.map((m) => `@${m.username}`).join(' '), many)).toHaveLength(50);
  });
});

describe('mentionsMe', () => {
  it('is true for my id or for a broadcast from someone else', () => {
    expect(mentionsMe({ senderId: 'a', mentions: ['me'] }, 'me')).toBe(true);
    expect(mentionsMe({ senderId: 'a', mentions: [], broadcast: 'here' }, 'me')).toBe(true);
    expect(mentionsMe({ senderId: 'me', mentions: [], broadcast: 'everyone' }, 'me')).toBe(false);
    expect(mentionsMe({ senderId: 'a' }, 'me')).toBe(false);
    expect(mentionsMe({ senderId: 'a', mentions: ['me'] }, null)).toBe(false);
  });
});
