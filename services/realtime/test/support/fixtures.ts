import { randomUUID } from 'node:crypto';
import { withDefaults, type DomainEvent, type EventOf } from '@groupchat/schemas';
import { EventLog, createKafka, signAccessToken, waitForPositions, type Config, type Pool, type Position } from '@groupchat/shared';

const meta = (actorId: string) => ({ eventId: randomUUID(), occurredAt: Date.now(), actorId, correlationId: randomUUID(), causationId: null });

export const groupCreated = (groupId: string, ownerId: string, visibility: 'public' | 'private' = 'public'): EventOf<'GroupCreated'> =>
  withDefaults({
    type: 'GroupCreated' as const,
    ...meta(ownerId),
    groupId,
    name: `group ${groupId.slice(0, 8)}`,
    description: 'realtime test group',
    interests: ['testing'],
    visibility,
    ownerId,
    slowModeSeconds: 0,
  }) as EventOf<'GroupCreated'>;

export const memberJoined = (groupId: string, userId: string, role: 'owner' | 'member' = 'member'): EventOf<'MemberJoined'> => ({
  type: 'MemberJoined',
  ...meta(userId),
  groupId,
  userId,
  role,
  via: role === 'owner' ? 'create' : 'public',
  inviteCode: null,
});

export const memberRemoved = (groupId: string, userId: string, removedBy: string): EventOf<'MemberRemoved'> => ({
  type: 'MemberRemoved',
  ...meta(removedBy),
  groupId,
  userId,
  removedBy,
});

export const messageSent = (groupId: string, senderId: string, text: string): EventOf<'MessageSent'> => {
  const messageId = randomUUID();
  return withDefaults({
    type: 'MessageSent' as const,
    ...meta(senderId),
    groupId,
    messageId,
    senderId,
    clientMessageId: messageId,
    text,
    attachments: [],
  }) as unknown as EventOf<'MessageSent'>;
};

/** Any other event of a group's message stream (pins, follows, …), with its schema's defaults. */
export const groupEvent = <T extends DomainEvent['type']>(type: T, groupId: string, actorId: string, fields: object): DomainEvent =>
  withDefaults({ type, ...meta(actorId), groupId, ...fields }) as unknown as DomainEvent;

/** Appends events straight to the log, as the command API would after deciding. */
export class Fixtures {
  private constructor(
    readonly config: Config,
    readonly log: EventLog,
  ) {}

  static async connect(config: Config): Promise<Fixtures> {
    return new Fixtures(config, await EventLog.connect(createKafka(config, 'realtime-test-fixtures'), config));
  }

  token(userId: string, ttlSeconds = this.config.ACCESS_TOKEN_TTL_SECONDS): string {
    return signAccessToken({ ...this.config, ACCESS_TOKEN_TTL_SECONDS: ttlSeconds }, { sub: userId, username: `user_${userId.slice(0, 8)}` });
  }

  async append(events: DomainEvent[]): Promise<Position[]> {
    const results = await this.log.appendMany(events.map((event) => ({ event, key: (event as { groupId: string }).groupId })));
    return results.map((r) => r.position);
  }

  /** A group with an owner and members, visible in the read models once this resolves. */
  async group(pool: Pool, ownerId: string, members: string[], visibility: 'public' | 'private' = 'public'): Promise<string> {
    const groupId = randomUUID();
    const positions = await this.append([
      groupCreated(groupId, ownerId, visibility),
      memberJoined(groupId, ownerId, 'owner'),
      ...members.map((m) => memberJoined(groupId, m)),
    ]);
    await waitForPositions(pool, positions, { timeoutMs: 30_000 });
    return groupId;
  }

  close() {
    return this.log.close();
  }
}
