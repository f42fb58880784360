/** JSON Schemas (OpenAPI 3.1) of every query-api answer; closed objects, so an undocumented field fails the contract test. */
const str = { type: 'string' };
const nullable = (type: string, extra: Record<string, unknown> = {}) => ({ type: [type, 'null'], ...extra });
const dateTime = { type: 'string', format: 'date-time' };
const strings = { type: 'array', items: str };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const role = { type: 'string', enum: ['owner', 'admin', 'moderator', 'member'] };
const visibility = { type: 'string', enum: ['public', 'private'] };
const closed = (properties: Record<string, unknown>, optional: string[] = []) => ({
  type: 'object',
  additionalProperties: false,
  required: Object.keys(properties).filter((k) => !optional.includes(k)),
  properties,
});
const position = { type: 'string', pattern: '^m\\.\\d+\\.\\d+$', description: 'opaque position token of the message in the log' };
const nextCursor = nullable('string', { description: 'pass back as `cursor` for the next page; null on the last page' });

const groupSummaryProps = {
  id: str,
  name: str,
  description: str,
  interests: strings,
  visibility,
  memberCount: { type: 'integer', minimum: 0 },
  lastActivityAt: nullable('string', { format: 'date-time' }),
  myRole: { type: ['string', 'null'], enum: [...role.enum, null], description: "the caller's role, null when not a member" },
};

export const querySchemas = {
  GroupSummary: closed(groupSummaryProps),
  GroupHit: closed({ ...groupSummaryProps, highlight: { type: 'object', additionalProperties: strings } }, ['highlight']),
  GroupDetail: closed({
    ...groupSummaryProps,
    ownerId: str,
    slowModeSeconds: { type: 'integer', minimum: 0 },
    createdAt: dateTime,
    updatedAt: dateTime,
    invited: { type: 'boolean', description: 'the caller holds an invite (accept with POST /groups/{id}/join)' },
  }),
  GroupPage: closed({
    items: { type: 'array', items: ref('GroupHit') },
    total: { type: 'integer', minimum: 0 },
    nextCursor,
    facets: closed({ interests: { type: 'array', items: closed({ value: str, count: { type: 'integer', minimum: 0 } }) } }),
  }),
  RecommendedGroups: closed({
    items: {
      type: 'array',
      items: closed({
        ...groupSummaryProps,
        score: { type: 'number' },
        reasons: closed({ sharedInterests: strings, membersFromYourGroups: { type: 'integer', minimum: 0 } }),
      }),
    },
  }),
  MemberPage: closed({
    items: {
      type: 'array',
      items: closed({ userId: str, username: nullable('string'), displayName: nullable('string'), avatarMediaId: nullable('string'), role, joinedAt: dateTime }),
    },
    nextCursor,
  }),
  Attachment: {
    type: 'object',
    required: ['mediaId', 'kind', 'contentType', 'size', 'url'],
    properties: {
      mediaId: str,
      kind: { type: 'string', enum: ['image', 'video', 'audio', 'file'] },
      contentType: str,
      size: { type: 'integer', minimum: 0 },
      fileName: nullable('string'),
      width: nullable('integer'),
      height: nullable('integer'),
      durationMs: nullable('integer'),
      thumbnailMediaId: nullable('string'),
      url: str,
      thumbnailUrl: nullable('string'),
    },
  },
  Reaction: closed({ emoji: str, count: { type: 'integer', minimum: 1 }, mine: { type: 'boolean' } }),
  Message: closed({
    id: str,
    groupId: str,
    senderId: str,
    sender: closed({ username: nullable('string'), displayName: nullable('string'), avatarMediaId: nullable('string') }),
    clientMessageId: str,
    text: nullable('string', { description: 'null when deleted or attachments only' }),
    attachments: { type: 'array', items: ref('Attachment') },
    sentAt: dateTime,
    editedAt: nullable('string', { format: 'date-time' }),
    deleted: { type: 'boolean' },
    reactions: { type: 'array', items: ref('Reaction') },
    position,
  }),
  MessagePage: closed(
    {
      items: { type: 'array', items: ref('Message'), description: 'oldest first' },
      hasMore: { type: 'boolean', description: 'more messages exist in the direction of travel (older without `after`, newer with it)' },
      nextBefore: { ...position, description: 'position of the oldest item: pass as `before` for older messages' },
      nextAfter: { ...position, description: 'position of the newest item: pass as `after` for newer messages' },
    },
    ['nextBefore', 'nextAfter'],
  ),
  MessageHit: closed({
    id: str,
    groupId: str,
    senderId: str,
    text: nullable('string'),
    sentAt: nullable('string', { format: 'date-time' }),
    editedAt: nullable('string', { format: 'date-time' }),
    position: { ...nullable('string'), pattern: '^m\\.\\d+\\.\\d+$' },
    highlight: { ...strings, description: 'HTML-escaped fragments with matches in <mark>' },
    score: nullable('number'),
  }),
  MessageSearchPage: closed({ items: { type: 'array', items: ref('MessageHit') }, total: { type: 'integer', minimum: 0 }, nextCursor }),
  UserProfile: closed({ id: str, username: str, displayName: str, bio: nullable('string'), interests: strings, avatarMediaId: nullable('string'), createdAt: dateTime }),
  Me: closed({
    id: str,
    username: str,
    email: str,
    displayName: str,
    bio: nullable('string'),
    interests: strings,
    avatarMediaId: nullable('string'),
    createdAt: dateTime,
    updatedAt: dateTime,
    groups: { type: 'array', items: closed({ groupId: str, name: str, visibility, role, joinedAt: dateTime }) },
    invites: { type: 'array', items: closed({ groupId: str, name: str, invitedBy: str, invitedAt: dateTime }) },
  }),
  UserHit: closed({ id: str, username: str, displayName: str, interests: strings, avatarMediaId: nullable('string') }),
  UserSearchPage: closed({ items: { type: 'array', items: ref('UserHit') }, total: { type: 'integer', minimum: 0 }, nextCursor }),
};
