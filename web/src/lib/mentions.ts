import type { Member } from '../api/types';
import { mentionedNames } from './markdown';

export type Broadcast = 'here' | 'everyone';

/** What a message says about who it calls (absent on messages from before mentions). */
export interface Mentioning {
  senderId: string;
  mentions?: string[];
  broadcast?: Broadcast | null;
}

/** The server takes at most this many ids with a message. */
export const MAX_MENTIONS = 50;

/** The ids of the members named by `@username` outside code, for the send body. */
export function mentionIds(text: string, members: Pick<Member, 'userId' | 'username'>[]): string[] {
  if (!text.includes('@')) return [];
  const byName = new Map(members.filter((m) => m.username).map((m) => [m.username!.toLowerCase(), m.userId]));
  const ids = mentionedNames(text).flatMap((name) => byName.get(name) ?? []);
  return [...new Set(ids)].slice(0, MAX_MENTIONS);
}

/** Whether the message calls me: by name, or by @here / @everyone from someone else. */
export function mentionsMe(m: Mentioning, me: string | null): boolean {
  if (!me) return false;
  return !!m.mentions?.includes(me) || (!!m.broadcast && m.senderId !== me);
}
