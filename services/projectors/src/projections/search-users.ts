import { defineProjection } from '../framework';
import { analysis, date, iso, keyword, lcKeyword, searchable } from './search-analysis';

/** People search by username (exact or partial) and display name (words, partial words, CJK). */
export const searchUsers = defineProjection({
  name: 'search-users',
  version: 1,
  storage: 'elasticsearch',
  topics: ['users'],
  index: {
    name: 'users',
    settings: { analysis },
    mappings: {
      dynamic: 'strict',
      properties: {
        user_id: keyword,
        username: {
          ...lcKeyword,
          fields: { prefix: { type: 'text', analyzer: 'prefix', search_analyzer: 'folded' }, text: { type: 'text', analyzer: 'folded' } },
        },
        display_name: searchable(),
        interests: { ...lcKeyword, fields: { text: { type: 'text', analyzer: 'folded' } } },
        avatar_media_id: keyword,
        created_at: date,
        updated_at: date,
      },
    },
  },
  id: ({ event }) => (event.type === 'UserRegistered' || event.type === 'UserProfileUpdated' ? event.userId : undefined),
  creates: ['UserRegistered'],
  handlers: {
    UserRegistered: (_doc, { event: e }) => ({
      user_id: e.userId,
      username: e.username,
      display_name: e.displayName,
      interests: e.interests,
      created_at: iso(e.occurredAt),
      updated_at: iso(e.occurredAt),
    }),
    UserProfileUpdated: (doc, { event: e }) =>
      doc && {
        ...doc,
        display_name: e.displayName ?? doc.display_name,
        interests: e.interests ?? doc.interests,
        ...(e.avatarMediaId === null ? {} : { avatar_media_id: e.avatarMediaId }),
        updated_at: iso(e.occurredAt),
      },
  },
});
