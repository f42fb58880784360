// Generated from schemas/avro by `npm run schemas:gen`; a test fails when it drifts.

export interface Attachment {
  mediaId: string;
  kind: AttachmentKind;
  contentType: string;
  size: number;
  fileName: null | string;
  width: null | number;
  height: null | number;
  durationMs: null | number;
  thumbnailMediaId: null | string;
}
export type AttachmentKind = 'image' | 'video' | 'audio' | 'file';
export type AutoModerationAction = 'flag' | 'refuse';
export type BroadcastMinRole = 'member' | 'moderator' | 'admin' | 'owner';
export type GroupKind = 'group' | 'direct';
export type JoinVia = 'create' | 'public' | 'invite';
export type MentionBroadcast = 'here' | 'everyone';
export type NotificationLevel = 'all' | 'mentions' | 'none';
export type PushText = 'public' | 'always' | 'never';
export type ReportAction = 'dismiss' | 'delete' | 'timeout' | 'ban';
export type ReportAudience = 'moderators' | 'admins';
export type Role = 'owner' | 'admin' | 'moderator' | 'member';
export type Visibility = 'public' | 'private';

export interface AutoModerationSet {
  type: 'AutoModerationSet';
  eventId: string;
  occurredAt: number;
  actorId: null | string;
  correlationId: string;
  causationId: null | string;
  groupId: string;
  setBy: string;
  patterns: string[];
  action: AutoModerationAction;
  newMemberMinutes: number;
  newMemberSlowModeSeconds: number;
}

export interface GroupCreated {
  type: 'GroupCreated';
  eventId: string;
  occurredAt: number;
  actorId: null | string;
  correlationId: string;
  causationId: null | string;
  groupId: string;
  name: string;
  description: string;
  interests: string[];
  visibility: Visibility;
  ownerId: string;
  slowModeSeconds: number;
  kind: GroupKind;
  broadcastMinRole: BroadcastMinRole;
}

export interface GroupDeleted {
  type: 'GroupDeleted';
  eventId: string;
  occurredAt: number;
  actorId: null | string;
  correlationId: string;
  causationId: null | string;
  groupId: string;
}

export interface GroupUpdated {
  type: 'GroupUpdated';
  eventId: string;
  occurredAt: number;
  actorId: null | string;
  correlationId: string;
  causationId: null | string;
  groupId: string;
  name: null | string;
  description: null | string;
  interests: null | string[];
  visibility: null | Visibility;
  slowModeSeconds: null | number;
  broadcastMinRole: null | BroadcastMinRole;
  retentionDays: null | number;
}

export interface InviteLinkCreated {
  type: 'InviteLinkCreated';
  eventId: string;
  occurredAt: number;
  actorId: null | string;
  correlationId: string;
  causationId: null | string;
  groupId: string;
  code: string;
  createdBy: string;
  expiresAt: null | number;
  maxUses: null | number;
}

export interface InviteLinkRevoked {
  type: 'InviteLinkRevoked';
  eventId: string;
  occurredAt: number;
  actorId: null | string;
  correlationId: string;
  causationId: null | string;
  groupId: string;
  code: string;
  revokedBy: string;
}

export interface InviteRevoked {
  type: 'InviteRevoked';
  eventId: string;
  occurredAt: number;
  actorId: null | string;
  correlationId: string;
  causationId: null | string;
  groupId: string;
  userId: string;
  revokedBy: string;
}

export interface LinkPreviewRemoved {
  type: 'LinkPreviewRemoved';
  eventId: string;
  occurredAt: number;
  actorId: null | string;
  correlationId: string;
  causationId: null | string;
  messageId: string;
  groupId: string;
}

export interface MemberBanned {
  type: 'MemberBanned';
  eventId: string;
  occurredAt: number;
  actorId: null | string;
  correlationId: string;
  causationId: null | string;
  groupId: string;
  userId: string;
  bannedBy: string;
  reason: null | string;
  until: null | number;
  deleteMessagesSince: null | number;
}

export interface MemberInvited {
  type: 'MemberInvited';
  eventId: string;
  occurredAt: number;
  actorId: null | string;
  correlationId: string;
  causationId: null | string;
  groupId: string;
  userId: string;
  invitedBy: string;
  expiresAt: null | number;
}

export interface MemberJoined {
  type: 'MemberJoined';
  eventId: string;
  occurredAt: number;
  actorId: null | string;
  correlationId: string;
  causationId: null | string;
  groupId: string;
  userId: string;
  role: Role;
  via: JoinVia;
  inviteCode: null | string;
}

export interface MemberLeft {
  type: 'MemberLeft';
  eventId: string;
  occurredAt: number;
  actorId: null | string;
  correlationId: string;
  causationId: null | string;
  groupId: string;
  userId: string;
}

export interface MemberRemoved {
  type: 'MemberRemoved';
  eventId: string;
  occurredAt: number;
  actorId: null | string;
  correlationId: string;
  causationId: null | string;
  groupId: string;
  userId: string;
  removedBy: string;
}

export interface MemberRoleChanged {
  type: 'MemberRoleChanged';
  eventId: string;
  occurredAt: number;
  actorId: null | string;
  correlationId: string;
  causationId: null | string;
  groupId: string;
  userId: string;
  role: Role;
  changedBy: string;
}

export interface MemberTimedOut {
  type: 'MemberTimedOut';
  eventId: string;
  occurredAt: number;
  actorId: null | string;
  correlationId: string;
  causationId: null | string;
  groupId: string;
  userId: string;
  timedOutBy: string;
  until: number;
  reason: null | string;
}

export interface MemberUnbanned {
  type: 'MemberUnbanned';
  eventId: string;
  occurredAt: number;
  actorId: null | string;
  correlationId: string;
  causationId: null | string;
  groupId: string;
  userId: string;
  unbannedBy: string;
}

export interface MessageDeleted {
  type: 'MessageDeleted';
  eventId: string;
  occurredAt: number;
  actorId: null | string;
  correlationId: string;
  causationId: null | string;
  messageId: string;
  groupId: string;
}

export interface MessageEdited {
  type: 'MessageEdited';
  eventId: string;
  occurredAt: number;
  actorId: null | string;
  correlationId: string;
  causationId: null | string;
  messageId: string;
  groupId: string;
  text: string;
  mentions: string[];
  broadcast: null | MentionBroadcast;
  linkPreview: null | string;
}

export interface MessagePinned {
  type: 'MessagePinned';
  eventId: string;
  occurredAt: number;
  actorId: null | string;
  correlationId: string;
  causationId: null | string;
  messageId: string;
  groupId: string;
}

export interface MessageRestored {
  type: 'MessageRestored';
  eventId: string;
  occurredAt: number;
  actorId: null | string;
  correlationId: string;
  causationId: null | string;
  messageId: string;
  groupId: string;
  senderId: string;
  text: null | string;
  attachments: Attachment[];
  replyTo: null | string;
  threadId: null | string;
  mentions: string[];
  broadcast: null | MentionBroadcast;
  linkPreview: null | string;
  sentAt: number;
  sentOffset: number;
  removedBy: string;
}

export interface MessageSent {
  type: 'MessageSent';
  eventId: string;
  occurredAt: number;
  actorId: null | string;
  correlationId: string;
  causationId: null | string;
  messageId: string;
  groupId: string;
  senderId: string;
  clientMessageId: string;
  text: null | string;
  attachments: Attachment[];
  replyTo: null | string;
  threadId: null | string;
  mentions: string[];
  broadcast: null | MentionBroadcast;
  linkPreview: null | string;
}

export interface MessageUnpinned {
  type: 'MessageUnpinned';
  eventId: string;
  occurredAt: number;
  actorId: null | string;
  correlationId: string;
  causationId: null | string;
  messageId: string;
  groupId: string;
}

export interface NotificationSettingsChanged {
  type: 'NotificationSettingsChanged';
  eventId: string;
  occurredAt: number;
  actorId: null | string;
  correlationId: string;
  causationId: null | string;
  userId: string;
  groupId: null | string;
  level: null | NotificationLevel;
  muteUntil: null | number;
  pushText: null | PushText;
}

export interface ReactionAdded {
  type: 'ReactionAdded';
  eventId: string;
  occurredAt: number;
  actorId: null | string;
  correlationId: string;
  causationId: null | string;
  messageId: string;
  groupId: string;
  userId: string;
  emoji: string;
}

export interface ReactionRemoved {
  type: 'ReactionRemoved';
  eventId: string;
  occurredAt: number;
  actorId: null | string;
  correlationId: string;
  causationId: null | string;
  messageId: string;
  groupId: string;
  userId: string;
  emoji: string;
}

export interface ReadMarkerMoved {
  type: 'ReadMarkerMoved';
  eventId: string;
  occurredAt: number;
  actorId: null | string;
  correlationId: string;
  causationId: null | string;
  userId: string;
  groupId: string;
  partition: number;
  offset: number;
  threadId: null | string;
}

export interface ReportFiled {
  type: 'ReportFiled';
  eventId: string;
  occurredAt: number;
  actorId: null | string;
  correlationId: string;
  causationId: null | string;
  reportId: string;
  groupId: string;
  reporterId: string;
  messageId: null | string;
  userId: string;
  reason: string;
  audience: ReportAudience;
}

export interface ReportResolved {
  type: 'ReportResolved';
  eventId: string;
  occurredAt: number;
  actorId: null | string;
  correlationId: string;
  causationId: null | string;
  reportId: string;
  groupId: string;
  resolvedBy: string;
  action: ReportAction;
  note: null | string;
}

export interface ThreadFollowed {
  type: 'ThreadFollowed';
  eventId: string;
  occurredAt: number;
  actorId: null | string;
  correlationId: string;
  causationId: null | string;
  groupId: string;
  threadId: string;
  userId: string;
}

export interface ThreadUnfollowed {
  type: 'ThreadUnfollowed';
  eventId: string;
  occurredAt: number;
  actorId: null | string;
  correlationId: string;
  causationId: null | string;
  groupId: string;
  threadId: string;
  userId: string;
}

export interface UserBlocked {
  type: 'UserBlocked';
  eventId: string;
  occurredAt: number;
  actorId: null | string;
  correlationId: string;
  causationId: null | string;
  userId: string;
  blockedUserId: string;
}

export interface UserProfileUpdated {
  type: 'UserProfileUpdated';
  eventId: string;
  occurredAt: number;
  actorId: null | string;
  correlationId: string;
  causationId: null | string;
  userId: string;
  displayName: null | string;
  bio: null | string;
  interests: null | string[];
  avatarMediaId: null | string;
}

export interface UserRegistered {
  type: 'UserRegistered';
  eventId: string;
  occurredAt: number;
  actorId: null | string;
  correlationId: string;
  causationId: null | string;
  userId: string;
  username: string;
  email: string;
  displayName: string;
  interests: string[];
}

export interface UserUnblocked {
  type: 'UserUnblocked';
  eventId: string;
  occurredAt: number;
  actorId: null | string;
  correlationId: string;
  causationId: null | string;
  userId: string;
  blockedUserId: string;
}

export type DomainEvent =
  | AutoModerationSet
  | GroupCreated
  | GroupDeleted
  | GroupUpdated
  | InviteLinkCreated
  | InviteLinkRevoked
  | InviteRevoked
  | LinkPreviewRemoved
  | MemberBanned
  | MemberInvited
  | MemberJoined
  | MemberLeft
  | MemberRemoved
  | MemberRoleChanged
  | MemberTimedOut
  | MemberUnbanned
  | MessageDeleted
  | MessageEdited
  | MessagePinned
  | MessageRestored
  | MessageSent
  | MessageUnpinned
  | NotificationSettingsChanged
  | ReactionAdded
  | ReactionRemoved
  | ReadMarkerMoved
  | ReportFiled
  | ReportResolved
  | ThreadFollowed
  | ThreadUnfollowed
  | UserBlocked
  | UserProfileUpdated
  | UserRegistered
  | UserUnblocked;

export type EventOf<T extends DomainEvent['type']> = Extract<DomainEvent, { type: T }>;

/** The fields a later version added with a default: a writer may leave them out, and Avro writes the default. */
export interface AddedFields {
  AutoModerationSet: never;
  GroupCreated: 'slowModeSeconds' | 'kind' | 'broadcastMinRole';
  GroupDeleted: never;
  GroupUpdated: 'broadcastMinRole' | 'retentionDays';
  InviteLinkCreated: never;
  InviteLinkRevoked: never;
  InviteRevoked: never;
  LinkPreviewRemoved: never;
  MemberBanned: never;
  MemberInvited: 'expiresAt';
  MemberJoined: 'inviteCode';
  MemberLeft: never;
  MemberRemoved: never;
  MemberRoleChanged: never;
  MemberTimedOut: never;
  MemberUnbanned: never;
  MessageDeleted: never;
  MessageEdited: 'mentions' | 'broadcast' | 'linkPreview';
  MessagePinned: never;
  MessageRestored: never;
  MessageSent: 'replyTo' | 'threadId' | 'mentions' | 'broadcast' | 'linkPreview';
  MessageUnpinned: never;
  NotificationSettingsChanged: never;
  ReactionAdded: never;
  ReactionRemoved: never;
  ReadMarkerMoved: 'threadId';
  ReportFiled: never;
  ReportResolved: never;
  ThreadFollowed: never;
  ThreadUnfollowed: never;
  UserBlocked: never;
  UserProfileUpdated: never;
  UserRegistered: never;
  UserUnblocked: never;
}

export type EventInput<T extends DomainEvent['type']> = Omit<EventOf<T>, AddedFields[T]> & Partial<Pick<EventOf<T>, Extract<AddedFields[T], keyof EventOf<T>>>>;
