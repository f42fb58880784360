import type { DomainEvent } from '@groupchat/schemas';
import { defineProjection, type Doc } from '../framework';
import { analysis, date, iso, keyword, lcKeyword, searchable } from './search-analysis';

/**
 * Group discovery: name, description and interests searchable by word, partial word and CJK
 * text; member count and last activity for ranking. Deleted groups are removed; direct
 * conversations never enter.
 */
export const searchGroups = defineProjection({
  name: 'search-groups',
  version: 1,
  storage: 'elasticsearch',
  topics: ['groups', 'messages'],
  index: {
    name: 'groups',
    settings: { analysis },
    mappings: {
      dynamic: 'strict',
      properties: {
        group_id: keyword,
        name: searchable({ keyword: { type: 'keyword', ignore_above: 256 } }),
        description: searchable(),
        interests: {
          ...lcKeyword,
          fields: {
            text: { type: 'text', analyzer: 'folded' },
            prefix: { type: 'text', analyzer: 'prefix', search_analyzer: 'folded' },
            cjk: { type: 'text', analyzer: 'cjk' },
          },
        },
        visibility: keyword,
        owner_id: keyword,
        member_count: { type: 'integer' },
        created_at: date,
        updated_at: date,
        last_activity_at: date,
      },
    },
  },
  // Only messages that exist as events of this group's stream matter; reactions and edits are not activity.
  id: ({ event }) =>
    event.type.startsWith('Group') || event.type.startsWith('Member') || event.type === 'MessageSent'
      ? (event as DomainEvent & { groupId: string }).groupId
      : undefined,
  handlers: {
    // A direct conversation is nobody's to discover (docs/direct-messages.md); a partial document its messages leave has no visibility, so no query shows it.
    GroupCreated: (doc, { event: e }) =>
      e.kind === 'direct'
        ? null
        : {
            group_id: e.groupId,
            name: e.name,
            description: e.description,
            interests: e.interests,
            visibility: e.visibility,
            owner_id: e.ownerId,
            member_count: (doc?.member_count as number | undefined) ?? 0,
            created_at: iso(e.occurredAt),
            updated_at: iso(e.occurredAt),
            last_activity_at: (doc?.last_activity_at as string | undefined) ?? iso(e.occurredAt),
          },
    GroupUpdated: (doc, { event: e }) =>
      doc && {
        ...doc,
        name: e.name ?? doc.name,
        description: e.description ?? doc.description,
        interests: e.interests ?? doc.interests,
        visibility: e.visibility ?? doc.visibility,
        updated_at: iso(e.occurredAt),
      },
    GroupDeleted: () => null,
    MemberJoined: (doc) => doc && count(doc, +1),
    MemberLeft: (doc) => doc && count(doc, -1),
    MemberRemoved: (doc) => doc && count(doc, -1),
    MemberRoleChanged: (doc, { event: e }) => (doc && e.role === 'owner' ? { ...doc, owner_id: e.userId } : undefined),
    // The messages topic has no order against the groups topic: a message applied before its
    // group's GroupCreated leaves a partial document (no visibility, so no query shows it) that
    // GroupCreated completes, keeping the activity.
    MessageSent: (doc, { event: e }) => {
      if (!doc) return { group_id: e.groupId, last_activity_at: iso(e.occurredAt) };
      return iso(e.occurredAt) > String(doc.last_activity_at ?? '') ? { ...doc, last_activity_at: iso(e.occurredAt) } : undefined;
    },
  },
});

function count(doc: Doc, delta: number): Doc {
  return { ...doc, member_count: Math.max(0, ((doc.member_count as number | undefined) ?? 0) + delta) };
}
