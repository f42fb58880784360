import { randomUUID } from 'node:crypto';
import { withDefaults, type DomainEvent, type EventInput, type EventOf, type EventType } from '@groupchat/schemas';

let clock = Date.UTC(2024, 0, 1, 12);

type Fields<T extends EventType> = Omit<EventInput<T>, 'type' | 'eventId' | 'occurredAt' | 'actorId' | 'correlationId' | 'causationId'> &
  Partial<Pick<EventOf<T>, 'occurredAt' | 'actorId'>>;

/** An event with fresh metadata and its schema's defaults; each one a millisecond after the one before. */
export function event<T extends EventType>(type: T, fields: Fields<T>): EventOf<T> {
  clock += 1;
  return withDefaults({
    type,
    eventId: randomUUID(),
    occurredAt: clock,
    actorId: null,
    correlationId: randomUUID(),
    causationId: null,
    ...fields,
  }) as unknown as EventOf<T>;
}

/** The key an event is appended under: its aggregate. */
export function aggregateOf(e: DomainEvent): string {
  if (e.type === 'ReadMarkerMoved' || e.type === 'NotificationSettingsChanged' || e.type === 'UserBlocked' || e.type === 'UserUnblocked') return e.userId;
  return 'groupId' in e ? e.groupId : (e as { userId: string }).userId;
}

export const registered = (userId: string, username = userId) =>
  event('UserRegistered', { userId, username, email: `${username}@example.com`, displayName: username, interests: [] });

export const groupCreated = (groupId: string, ownerId: string, extra: Partial<Fields<'GroupCreated'>> = {}) =>
  event('GroupCreated', { groupId, name: `group ${groupId}`, description: '', interests: [], visibility: 'public', ownerId, slowModeSeconds: 0, ...extra });

export const joined = (groupId: string, userId: string, role: 'owner' | 'member' = 'member') =>
  event('MemberJoined', { groupId, userId, role, via: role === 'owner' ? 'create' : 'public' });

export const sent = (groupId: string, messageId: string, senderId: string, text: string | null = `text of ${messageId}`) =>
  event('MessageSent', { groupId, messageId, senderId, clientMessageId: `c-${messageId}`, text, attachments: [] });

export const reacted = (groupId: string, messageId: string, userId: string, emoji = '👍') => event('ReactionAdded', { groupId, messageId, userId, emoji });
