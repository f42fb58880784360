import { randomUUID } from 'node:crypto';
import { withDefaults, type DomainEvent, type EventInput, type EventOf } from '@groupchat/schemas';
import { EventLog, createKafka, formatPosition, parsePosition, signAccessToken, type AppendResult, type Config, type Position } from '@groupchat/shared';
import { startTestApp, type TestApp } from '@groupchat/test-kit/app';

export interface Actor {
  id: string;
  username: string;
  token: string;
}

export type Registered = Actor & { position: string };

export interface Answer<T = any> {
  status: number;
  body: T;
  ms: number;
}

type Payload<T extends DomainEvent['type']> = Omit<EventInput<T>, 'type' | 'eventId' | 'occurredAt' | 'actorId' | 'correlationId' | 'causationId'>;

/**
 * The whole app in this process, with the write side replaced by appending events straight to
 * the log (what command-api would append), so read-side tests depend only on the event
 * contract. Reads go through real HTTP with real tokens.
 */
export class World {
  private constructor(
    readonly app: TestApp,
    readonly log: EventLog,
  ) {}

  static async start(overrides: Partial<Config> = {}): Promise<World> {
    const app = await startTestApp(overrides);
    const log = await EventLog.connect(createKafka(app.config, 'query-api-test'), app.config);
    return new World(app, log);
  }

  get config() {
    return this.app.config;
  }

  async close() {
    await this.log.close();
    await this.app.close();
  }

  event<T extends DomainEvent['type']>(type: T, actorId: string | null, payload: Payload<T>): EventOf<T> {
    return withDefaults({
      type,
      eventId: randomUUID(),
      occurredAt: Date.now(),
      actorId,
      correlationId: randomUUID(),
      causationId: null,
      ...payload,
    }) as unknown as EventOf<T>;
  }

  /** Appends and returns the position token a command would have returned. */
  async append(event: DomainEvent, key: string): Promise<string> {
    return token(await this.log.append(event, key));
  }

  async user(name: string, interests: string[] = [], displayName = name): Promise<Registered> {
    const id = `u-${randomUUID()}`;
    const username = `${name}_${id.slice(2, 8)}`.toLowerCase();
    const position = await this.append(
      this.event('UserRegistered', id, { userId: id, username, email: `${username}@example.com`, displayName, interests }),
      id,
    );
    return { id, username, token: signAccessToken(this.config, { sub: id, username }), position };
  }

  /** GroupCreated then the owner's MemberJoined, as command-api appends them; returns the later position. */
  async group(owner: Actor, { name = 'Group', description = '', interests = [] as string[], visibility = 'public' as 'public' | 'private' } = {}) {
    const id = `g-${randomUUID()}`;
    await this.append(
      this.event('GroupCreated', owner.id, { groupId: id, name, description, interests, visibility, ownerId: owner.id, slowModeSeconds: 0 }),
      id,
    );
    const position = await this.append(this.event('MemberJoined', owner.id, { groupId: id, userId: owner.id, role: 'owner', via: 'create' }), id);
    return { id, position };
  }

  join(groupId: string, user: Actor, role: 'owner' | 'admin' | 'moderator' | 'member' = 'member', via: 'public' | 'invite' = 'public') {
    return this.append(this.event('MemberJoined', user.id, { groupId, userId: user.id, role, via }), groupId);
  }

  invite(groupId: string, user: Actor, by: Actor) {
    return this.append(this.event('MemberInvited', by.id, { groupId, userId: user.id, invitedBy: by.id }), groupId);
  }

  sent(groupId: string, sender: Actor, text: string | null, attachments: EventOf<'MessageSent'>['attachments'] = []) {
    const messageId = `m-${randomUUID()}`;
    return this.event('MessageSent', sender.id, { messageId, groupId, senderId: sender.id, clientMessageId: randomUUID(), text, attachments });
  }

  async send(groupId: string, sender: Actor, text: string | null) {
    const event = this.sent(groupId, sender, text);
    return { id: event.messageId, position: await this.append(event, groupId) };
  }

  /** GET under /api/v1 as `as` (or anonymously), optionally with X-Min-Position. */
  async get<T = any>(path: string, as?: Actor, minPosition?: string | string[]): Promise<Answer<T>> {
    const headers: Record<string, string> = {};
    if (as) headers.authorization = `Bearer ${as.token}`;
    if (minPosition) headers['x-min-position'] = Array.isArray(minPosition) ? minPosition.join(',') : minPosition;
    const started = performance.now();
    const res = await fetch(`${this.app.url}/api/v1${path}`, { headers });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, ms: performance.now() - started };
  }
}

export const token = (r: AppendResult) => formatPosition(r.position);

/** The furthest position per partition among `tokens`: what a client would carry in X-Min-Position. */
export function latest(...tokens: string[]): string[] {
  const best = new Map<string, Position>();
  for (const p of tokens.map(parsePosition)) {
    const key = `${p.topic}.${p.partition}`;
    if ((best.get(key)?.offset ?? -1n) < p.offset) best.set(key, p);
  }
  return [...best.values()].map(formatPosition);
}
