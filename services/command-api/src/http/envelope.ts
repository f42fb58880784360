import { createHash, randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { DomainEvent } from '@groupchat/schemas';

type EnvelopeField = 'eventId' | 'occurredAt' | 'actorId' | 'correlationId' | 'causationId';
type Bare<E> = E extends DomainEvent ? Omit<E, EnvelopeField> : never;

/** What a decide function returns: the event's own fields, before the envelope is stamped on. */
export type Decided = Bare<DomainEvent>;

/** Who caused the events of one command and when: the envelope every event of it carries. */
export interface Envelope {
  actorId: string | null;
  correlationId: string;
  occurredAt: number;
}

export function envelopeOf(req: Request): Envelope {
  return { actorId: req.user?.sub ?? null, correlationId: req.id, occurredAt: Date.now() };
}

/** A deterministic event id makes a retried command's event recognisable as the same one downstream. */
export function stamp(decided: Decided, envelope: Envelope, eventId: string = randomUUID()): DomainEvent {
  return {
    ...decided,
    eventId,
    occurredAt: envelope.occurredAt,
    actorId: envelope.actorId,
    correlationId: envelope.correlationId,
    causationId: null,
  } as DomainEvent;
}

const NAMESPACE = Buffer.from('6f1c2a4e9b7d4c3aa1e25d0f8b9c7e31', 'hex');

/** RFC 9562 UUIDv5 (SHA-1, name-based) of the parts joined by NUL, in GroupChat's namespace. */
export function uuidV5(...parts: string[]): string {
  const hash = createHash('sha1').update(NAMESPACE).update(parts.join('\u0000')).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
