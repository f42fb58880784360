export type Role = 'owner' | 'admin' | 'moderator' | 'member';
export type Visibility = 'public' | 'private';
export type AttachmentKind = 'image' | 'video' | 'audio' | 'file';

export interface User {
  id: string;
  username: string;
  displayName: string;
  bio?: string;
  interests: string[];
  avatarMediaId: string | null;
  email?: string;
}

export interface GroupSummary {
  id: string;
  name: string;
  description: string;
  interests: string[];
  visibility: Visibility;
  memberCount: number;
  lastActivityAt?: string | null;
  myRole?: Role | null;
}

export interface GroupDetail extends GroupSummary {
  ownerId?: string;
  slowModeSeconds?: number;
  createdAt?: string;
  invited?: boolean;
}

export interface Member {
  userId: string;
  username: string | null;
  displayName: string | null;
  avatarMediaId: string | null;
  role: Role;
  joinedAt?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

export interface Attachment {
  mediaId: string;
  kind: AttachmentKind;
  contentType: string;
  size: number;
  fileName?: string | null;
  width?: number | null;
  height?: number | null;
  durationMs?: number | null;
  thumbnailMediaId?: string | null;
}

export interface Reaction {
  emoji: string;
  count: number;
  /** Whether the signed-in user is among those who reacted. */
  mine: boolean;
  userIds?: string[];
}

export interface Message {
  id: string;
  groupId: string;
  senderId: string;
  text: string | null;
  attachments: Attachment[];
  sentAt: string;
  editedAt?: string | null;
  deleted: boolean;
  reactions: Reaction[];
  position: string | null;
  clientMessageId?: string;
  sender?: { username: string | null; displayName: string | null; avatarMediaId: string | null };
}

export interface CommandResult {
  position: string;
}

export interface MediaInfo {
  mediaId: string;
  contentType: string;
  size: number;
  width?: number;
  height?: number;
  url?: string;
  thumbnailUrl?: string;
}

