import type { components } from './generated/openapi';

/** The answers of the API, as the served OpenAPI document describes them (`npm run api:types`). */
type Schemas = components['schemas'];

/**
 * The client's models are the answers' types, with the fields named in K optional: what the
 * client holds before the server has answered (an optimistic group, a pending message) or
 * learns from a realtime event that carries less.
 */
type Partly<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;

export type Role = Schemas['Me']['groups'][number]['role'];
export type Visibility = Schemas['GroupSummary']['visibility'];
export type AttachmentKind = Schemas['Attachment']['kind'];

export type User = Omit<Schemas['UserProfile'], 'bio' | 'createdAt'> & { bio?: string; createdAt?: string; email?: Schemas['Me']['email'] };
export type GroupSummary = Partly<Schemas['GroupSummary'], 'lastActivityAt' | 'myRole'>;
export type GroupDetail = GroupSummary &
  Partial<
    Pick<
      Schemas['GroupDetail'],
      'ownerId' | 'slowModeSeconds' | 'createdAt' | 'invited' | 'kind' | 'broadcastMinRole' | 'retentionDays' | 'myBan' | 'myTimeout'
    >
  >;
export type Member = Partly<Schemas['MemberPage']['items'][number], 'joinedAt'>;

/** Any paged listing: the items and the cursor of the next page. */
export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

type WireAttachment = Schemas['Attachment'];
export type Attachment = Pick<WireAttachment, 'mediaId' | 'kind' | 'contentType' | 'size'> &
  Partial<Pick<WireAttachment, 'fileName' | 'width' | 'height' | 'durationMs' | 'thumbnailMediaId'>>;

/** `userIds` (the first reactors) comes with the history; an optimistic reaction has none yet. */
export type Reaction = Partly<Schemas['Reaction'], 'userIds'>;
/** The quoted parent of a reply: never its text once deleted. */
export type Quote = Schemas['Quote'];
export type ThreadSummary = NonNullable<Schemas['Message']['thread']>;

type WireMessage = Schemas['Message'];
/** A pending message has no position yet. */
export type Message = Omit<
  Partly<WireMessage, 'editedAt' | 'clientMessageId' | 'sender' | 'replyTo' | 'threadId' | 'thread' | 'senderBlocked'>,
  'position' | 'attachments' | 'reactions' | 'linkPreview' | 'mentions' | 'broadcast'
> & {
  position: WireMessage['position'] | null;
  attachments: Attachment[];
  reactions: Reaction[];
  /** The ids of the members the text mentions, and whether it calls @here or @everyone. */
  mentions?: string[];
  broadcast?: 'here' | 'everyone' | null;
  /** The link whose preview is shown under the message (MessageSent's `linkPreview`); null or absent: none. */
  linkPreview?: string | null;
};

export type CommandResult = Schemas['PositionResponse'];
export type MediaInfo = Pick<Schemas['MediaUploaded'], 'mediaId' | 'contentType' | 'size'> &
  Partial<Pick<Schemas['MediaUploaded'], 'width' | 'height' | 'url' | 'thumbnailUrl'>>;
