import { invalid, notFound } from '@groupchat/shared';
import type { Decided } from '../http/envelope';

export interface RegisterUser {
  userId: string;
  username: string;
  email: string;
  displayName?: string;
  interests?: string[];
}

/** Uniqueness is already held by the credentials claim; what remains is shaping the event. */
export function decideRegister(command: RegisterUser): Decided[] {
  return [
    {
      type: 'UserRegistered',
      userId: command.userId,
      username: command.username,
      email: command.email,
      displayName: command.displayName ?? command.username,
      interests: command.interests ?? [],
    },
  ];
}

export interface ProfileState {
  registered: boolean;
  /** The media named as avatarMediaId, if the command names one and it exists. */
  avatar?: { ownerId: string; kind: string } | null;
}

export interface UpdateProfile {
  userId: string;
  displayName?: string;
  bio?: string;
  interests?: string[];
  /** null removes the avatar. */
  avatarMediaId?: string | null;
}

/** In UserProfileUpdated null means "unchanged", so a removed avatar is written as the empty id. */
export const NO_AVATAR = '';

export function decideUpdateProfile(state: ProfileState, command: UpdateProfile): Decided[] {
  if (!state.registered) throw notFound('user');
  if (typeof command.avatarMediaId === 'string') {
    if (!state.avatar || state.avatar.ownerId !== command.userId) throw invalid([{ field: 'avatarMediaId', message: 'no such upload of yours' }]);
    if (state.avatar.kind !== 'image') throw invalid([{ field: 'avatarMediaId', message: 'must be an image' }]);
  }
  return [
    {
      type: 'UserProfileUpdated',
      userId: command.userId,
      displayName: command.displayName ?? null,
      bio: command.bio ?? null,
      interests: command.interests ?? null,
      avatarMediaId: command.avatarMediaId === null ? NO_AVATAR : (command.avatarMediaId ?? null),
    },
  ];
}
