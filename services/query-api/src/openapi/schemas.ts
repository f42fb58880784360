import { z } from 'zod';
import { UNREAD_CAP, type ComponentRegistry } from '@groupchat/shared';
import { AUDIT_ACTIONS } from '../groups/audit';

/**
 * Every query-api answer, as zod schemas from which the document's component schemas are
 * generated. Objects are closed (strict), so an undocumented field fails the contract test.
 */
export const querySchemas: ComponentRegistry = z.registry<{ id: string }>();
function named<S extends z.ZodType>(id: string, schema: S): S {
  querySchemas.add(schema as z.ZodType, { id });
  return schema;
}

const dateTime = z.string().meta({ format: 'date-time' });
const count = z.int().min(0);
const role = z.enum(['owner', 'admin', 'moderator', 'member']);
const visibility = z.enum(['public', 'private']);
const POSITION = /^m\.\d+\.\d+$/;
const position = z.string().regex(POSITION).describe('opaque position token of the message in the log');
const nextCursor = z.string().nullable().describe('pass back as `cursor` for the next page; null on the last page');

const groupSummary = {
  id: z.string(),
  name: z.string(),
  description: z.string(),
  interests: z.array(z.string()),
  visibility,
  memberCount: count,
  lastActivityAt: dateTime.nullable(),
  myRole: role.nullable().describe("the caller's role, null when not a member"),
};

export const GroupSummary = named('GroupSummary', z.strictObject(groupSummary));
export const GroupHit = named('GroupHit', z.strictObject({ ...groupSummary, highlight: z.record(z.string(), z.array(z.string())).optional() }));
export const GroupDetail = named(
  'GroupDetail',
  z.strictObject({
    ...groupSummary,
    ownerId: z.string(),
    slowModeSeconds: count,
    createdAt: dateTime,
    updatedAt: dateTime,
    invited: z.boolean().describe('the caller holds an invite (accept with POST /groups/{id}/join)'),
    kind: z.enum(['group', 'direct']).describe('`direct`: a direct conversation (GET /dms), named by its members, with no settings'),
    broadcastMinRole: role.describe('the least role that may mention @here and @everyone'),
    retentionDays: z.number().int().nullable().describe('messages older than this many days are not served (docs/privacy.md); null: kept forever'),
    myBan: z
      .strictObject({ until: dateTime.nullable().describe('null: permanent'), reason: z.string().nullable() })
      .nullable()
      .describe('a ban of the caller in force (docs/moderation.md): they cannot join or read'),
    myTimeout: z
      .strictObject({ until: dateTime, reason: z.string().nullable() })
      .nullable()
      .describe('a timeout of the caller in force: they read but cannot post or react until then'),
  }),
);
const auditPerson = z.strictObject({ userId: z.string(), username: z.string().nullable(), displayName: z.string().nullable() }).nullable();
export const AuditPage = named(
  'AuditPage',
  z.strictObject({
    items: z.array(
      z.strictObject({
        id: z.string().describe('the entry’s place in the log'),
        at: dateTime,
        action: z.enum(AUDIT_ACTIONS),
        actor: auditPerson.describe('who did it (null: the system)'),
        targetUser: auditPerson.describe('whom it was done to, if anyone'),
        targetMessageId: z.string().nullable(),
        details: z.record(z.string(), z.unknown()).describe('per action: role, changed fields and their new values, reason, until'),
      }),
    ),
    nextBefore: z.string().nullable().describe('pass back as `before` for older entries; null on the last page'),
  }),
);
const reportAction = z.enum(['dismiss', 'delete', 'timeout', 'ban']).nullable().describe('null while open');
const reportStatus = z.enum(['open', 'resolved']);
export const ReportList = named(
  'ReportList',
  z.strictObject({
    items: z.array(
      z.strictObject({
        reportId: z.string(),
        groupId: z.string(),
        reporter: z.strictObject({ userId: z.string(), displayName: z.string().nullable() }),
        target: z.strictObject({ userId: z.string(), displayName: z.string().nullable(), role: role.nullable().describe('null: no longer a member') }),
        message: z
          .strictObject({ messageId: z.string(), text: z.string().nullable().describe('null when deleted or without text'), deleted: z.boolean() })
          .nullable()
          .describe('null for a report about a member'),
        reason: z.string(),
        audience: z.enum(['moderators', 'admins']).describe('admins: about a moderator or above, for admins and owners only'),
        filedAt: dateTime,
        status: reportStatus,
        action: reportAction,
        resolvedBy: z.string().nullable(),
        resolvedAt: dateTime.nullable(),
        note: z.string().nullable(),
      }),
    ),
  }),
);
export const MyReports = named(
  'MyReports',
  z.strictObject({
    items: z.array(
      z.strictObject({
        reportId: z.string(),
        groupId: z.string(),
        groupName: z.string(),
        target: z.strictObject({ userId: z.string(), displayName: z.string().nullable() }),
        messageId: z.string().nullable(),
        reason: z.string(),
        filedAt: dateTime,
        status: reportStatus,
        action: reportAction,
        resolvedAt: dateTime.nullable(),
      }),
    ),
  }),
);
export const AutoModerationSettings = named(
  'AutoModerationSettings',
  z.strictObject({
    patterns: z.array(z.string()).describe('blocked words, phrases and RE2 patterns'),
    action: z.enum(['flag', 'refuse']),
    newMemberMinutes: count,
    newMemberSlowModeSeconds: count,
  }),
);
export const BlockList = named(
  'BlockList',
  z.strictObject({
    items: z.array(
      z.strictObject({
        userId: z.string(),
        username: z.string().nullable(),
        displayName: z.string().nullable(),
        avatarMediaId: z.string().nullable(),
        blockedAt: dateTime,
      }),
    ),
  }),
);
export const InviteList = named(
  'InviteList',
  z.strictObject({
    items: z.array(
      z.strictObject({
        userId: z.string(),
        username: z.string().nullable(),
        displayName: z.string().nullable(),
        invitedBy: z.string(),
        invitedByName: z.string().nullable(),
        invitedAt: dateTime,
        expiresAt: dateTime.nullable().describe('the invite lapses then (7 days after it was made); null: never'),
      }),
    ),
  }),
);
export const BanList = named(
  'BanList',
  z.strictObject({
    items: z.array(
      z.strictObject({
        userId: z.string(),
        username: z.string().nullable(),
        displayName: z.string().nullable(),
        until: dateTime.nullable().describe('null: permanent'),
        reason: z.string().nullable(),
        bannedBy: z.string(),
        bannedAt: dateTime,
      }),
    ),
  }),
);
export const GroupPage = named(
  'GroupPage',
  z.strictObject({
    items: z.array(GroupHit),
    total: count,
    nextCursor,
    facets: z.strictObject({ interests: z.array(z.strictObject({ value: z.string(), count })) }),
  }),
);
export const RecommendedGroups = named(
  'RecommendedGroups',
  z.strictObject({
    items: z.array(
      z.strictObject({ ...groupSummary, score: z.number(), reasons: z.strictObject({ sharedInterests: z.array(z.string()), membersFromYourGroups: count }) }),
    ),
  }),
);
export const MemberPage = named(
  'MemberPage',
  z.strictObject({
    items: z.array(
      z.strictObject({
        userId: z.string(),
        username: z.string().nullable(),
        displayName: z.string().nullable(),
        avatarMediaId: z.string().nullable(),
        role,
        joinedAt: dateTime,
      }),
    ),
    nextCursor,
  }),
);

export const Attachment = named(
  'Attachment',
  z.looseObject({
    mediaId: z.string(),
    kind: z.enum(['image', 'video', 'audio', 'file']),
    contentType: z.string(),
    size: count,
    fileName: z.string().nullable().optional(),
    width: z.int().nullable().optional(),
    height: z.int().nullable().optional(),
    durationMs: z.int().nullable().optional(),
    thumbnailMediaId: z.string().nullable().optional(),
    url: z.string(),
    thumbnailUrl: z.string().nullable().optional(),
  }),
);
export const Reaction = named(
  'Reaction',
  z.strictObject({
    emoji: z.string(),
    count: z.int().min(1),
    mine: z.boolean(),
    userIds: z.array(z.string()).describe('who reacted, first ones first (at most 20; `count` is exact)'),
  }),
);
export const Quote = named(
  'Quote',
  z
    .strictObject({
      id: z.string(),
      senderId: z.string().nullable(),
      username: z.string().nullable(),
      displayName: z.string().nullable(),
      text: z.string().nullable().describe('the start of the parent’s text; null when it is deleted or has attachments only'),
      deleted: z.boolean(),
    })
    .describe('the message this one answers'),
);
export const Message = named(
  'Message',
  z.strictObject({
    id: z.string(),
    groupId: z.string(),
    senderId: z.string(),
    sender: z.strictObject({ username: z.string().nullable(), displayName: z.string().nullable(), avatarMediaId: z.string().nullable() }),
    clientMessageId: z.string(),
    text: z.string().nullable().describe('null when deleted or attachments only'),
    attachments: z.array(Attachment),
    sentAt: dateTime,
    editedAt: dateTime.nullable(),
    deleted: z.boolean(),
    reactions: z.array(Reaction),
    replyTo: Quote.nullable(),
    threadId: z.string().nullable().describe('the root of the thread this message is a reply in'),
    thread: z
      .strictObject({ replyCount: z.int().min(1), lastReplyAt: dateTime })
      .nullable()
      .describe('for a root with replies: how many are live and when the last came'),
    mentions: z.array(z.string()).describe('ids of the members the text mentions'),
    broadcast: z.enum(['here', 'everyone']).nullable().describe('@here or @everyone'),
    linkPreview: z.string().nullable().describe('the link whose preview is shown: GET /link-previews?url='),
    senderBlocked: z.boolean().describe('the caller has blocked the sender: the web collapses it'),
    position,
  }),
);
export const MessagePage = named(
  'MessagePage',
  z.strictObject({
    items: z.array(Message).describe('oldest first'),
    hasMore: z.boolean().describe('more messages exist in the direction of travel (older without `after`, newer with it)'),
    nextBefore: position.describe('position of the oldest item: pass as `before` for older messages').optional(),
    nextAfter: position.describe('position of the newest item: pass as `after` for newer messages').optional(),
    hasMoreAfter: z.boolean().describe('with `around`: newer messages exist after the page').optional(),
    anchor: z
      .strictObject({ messageId: z.string(), threadId: z.string().nullable() })
      .describe('with `around`: the message asked for, and its thread if it is a reply in one')
      .optional(),
  }),
);
export const ThreadPage = named(
  'ThreadPage',
  z.strictObject({
    root: Message,
    following: z.boolean().describe('whether the caller follows the thread'),
    items: z.array(Message).describe('replies, oldest first'),
    hasMore: z.boolean(),
    nextBefore: position.optional(),
    nextAfter: position.optional(),
  }),
);
export const PinList = named('PinList', z.strictObject({ items: z.array(Message.extend({ pinnedBy: z.string().nullable(), pinnedAt: dateTime })) }));
export const FollowedThread = named(
  'FollowedThread',
  Message.extend({
    unread: count.describe(
      `replies of others after my marker in the thread (or after my own newest reply there, if further), not deleted, not of people I block; at most ${UNREAD_CAP}`,
    ),
    marker: z
      .string()
      .nullable()
      .describe('position of the newest message of the thread read; null before the first PUT /me/read-markers/{groupId} with this threadId'),
  }),
);
export const FollowedThreads = named('FollowedThreads', z.strictObject({ items: z.array(FollowedThread).describe('thread roots, most recent reply first') }));
export const MessageHit = named(
  'MessageHit',
  z.strictObject({
    id: z.string(),
    groupId: z.string(),
    senderId: z.string(),
    text: z.string().nullable(),
    sentAt: dateTime.nullable(),
    editedAt: dateTime.nullable(),
    position: z.string().regex(POSITION).nullable(),
    threadId: z.string().nullable().describe('for a reply in a thread: its root, to open the hit in its thread'),
    highlight: z.array(z.string()).describe('HTML-escaped fragments with matches in <mark>'),
    score: z.number().nullable(),
  }),
);
export const MessageSearchPage = named('MessageSearchPage', z.strictObject({ items: z.array(MessageHit), total: count, nextCursor }));

export const UserProfile = named(
  'UserProfile',
  z.strictObject({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    bio: z.string().nullable(),
    interests: z.array(z.string()),
    avatarMediaId: z.string().nullable(),
    createdAt: dateTime,
  }),
);
export const Me = named(
  'Me',
  z.strictObject({
    id: z.string(),
    username: z.string(),
    email: z.string(),
    displayName: z.string(),
    bio: z.string().nullable(),
    interests: z.array(z.string()),
    avatarMediaId: z.string().nullable(),
    createdAt: dateTime,
    updatedAt: dateTime,
    groups: z.array(z.strictObject({ groupId: z.string(), name: z.string(), visibility, role, joinedAt: dateTime })),
    invites: z.array(z.strictObject({ groupId: z.string(), name: z.string(), invitedBy: z.string(), invitedAt: dateTime })),
  }),
);
export const DmList = named(
  'DmList',
  z.strictObject({
    items: z
      .array(
        z.strictObject({
          groupId: z.string().describe('the conversation: read and post with the /groups/{id} routes'),
          status: z
            .enum(['member', 'invited'])
            .describe("the caller's standing: `invited` is a request to accept (POST /groups/{id}/join) or decline (POST /groups/{id}/leave)"),
          invitedBy: z.string().nullable().describe('who asked, for a request'),
          others: z
            .array(
              z.strictObject({
                id: z.string(),
                username: z.string().nullable(),
                displayName: z.string().nullable(),
                avatarMediaId: z.string().nullable(),
                status: z.enum(['member', 'invited']),
              }),
            )
            .describe('everyone else in it or asked to it'),
          lastActivityAt: dateTime,
          createdAt: dateTime,
        }),
      )
      .describe('most recently active first'),
  }),
);
export const UnreadList = named(
  'UnreadList',
  z.strictObject({
    items: z
      .array(
        z.strictObject({
          groupId: z.string(),
          unread: count.describe(`top-level messages of others after the marker (without one: since joining), not deleted; at most ${UNREAD_CAP}`),
          mentions: count.describe('those of them that mention the caller or @here/@everyone'),
          marker: z.string().nullable().describe('position of the newest message read; null before the first PUT /me/read-markers/{groupId}'),
          latest: z.string().nullable().describe('position of the newest message, for marking the conversation read; null without messages'),
        }),
      )
      .describe('every group and direct conversation the caller is a member of, by groupId'),
  }),
);
const level = z.enum(['all', 'mentions', 'none']);
export const NotificationSettings = named(
  'NotificationSettings',
  z.strictObject({
    default: z.strictObject({
      level: level.describe('for conversations without a setting of their own'),
      muteUntil: dateTime.nullable().describe('nothing notifies before this time'),
      pushText: z.enum(['public', 'always', 'never']).describe('whether pushes show message text: public groups only, always or never'),
    }),
    items: z
      .array(
        z.strictObject({
          groupId: z.string(),
          level: level.nullable().describe('null: the default level'),
          muteUntil: dateTime.nullable(),
        }),
      )
      .describe('conversations of the caller with a setting of their own'),
  }),
);
export const PushSubscriptions = named(
  'PushSubscriptions',
  z.strictObject({
    vapidPublicKey: z.string().describe("the server's VAPID public key (base64url): `applicationServerKey` for pushManager.subscribe"),
    items: z
      .array(z.strictObject({ subscriptionId: z.string(), createdAt: dateTime, userAgent: z.string().nullable() }))
      .describe("the caller's browsers, newest first"),
  }),
);
export const UserHit = named(
  'UserHit',
  z.strictObject({ id: z.string(), username: z.string(), displayName: z.string(), interests: z.array(z.string()), avatarMediaId: z.string().nullable() }),
);
export const UserSearchPage = named('UserSearchPage', z.strictObject({ items: z.array(UserHit), total: count, nextCursor }));

export const InviteLinkList = named(
  'InviteLinkList',
  z.strictObject({
    items: z.array(
      z.strictObject({
        code: z.string(),
        url: z.string().describe('/invite/<code> on the origin the request was sent to'),
        createdBy: z.string(),
        createdAt: dateTime,
        expiresAt: dateTime.nullable().describe('null: never'),
        maxUses: count.nullable().describe('null: unlimited'),
        uses: count,
        revoked: z.boolean(),
        works: z.boolean().describe('not revoked, not expired and not used up'),
      }),
    ),
  }),
);

export const InviteLinkPreview = named(
  'InviteLinkPreview',
  z.strictObject({
    code: z.string(),
    groupId: z.string(),
    name: z.string(),
    description: z.string(),
    memberCount: count,
    visibility,
    expiresAt: dateTime.nullable(),
    isMember: z.boolean().describe('the caller is already a member'),
  }),
);
