import { readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import avro from 'avsc';

export const AVRO_DIR = fileURLToPath(new URL('../avro/', import.meta.url));

/** Which topic each event type lives on; the key is the aggregate id named here. */
export const EVENT_TOPICS = {
  UserRegistered: 'users',
  UserProfileUpdated: 'users',
  ReadMarkerMoved: 'users',
  NotificationSettingsChanged: 'users',
  UserBlocked: 'users',
  UserUnblocked: 'users',
  GroupCreated: 'groups',
  GroupUpdated: 'groups',
  GroupDeleted: 'groups',
  MemberJoined: 'groups',
  MemberLeft: 'groups',
  MemberInvited: 'groups',
  MemberRemoved: 'groups',
  MemberRoleChanged: 'groups',
  MemberBanned: 'groups',
  MemberUnbanned: 'groups',
  MemberTimedOut: 'groups',
  ReportFiled: 'groups',
  ReportResolved: 'groups',
  AutoModerationSet: 'groups',
  InviteLinkCreated: 'groups',
  InviteLinkRevoked: 'groups',
  InviteRevoked: 'groups',
  MessageSent: 'messages',
  MessageEdited: 'messages',
  MessageDeleted: 'messages',
  MessageRestored: 'messages',
  ReactionAdded: 'messages',
  ReactionRemoved: 'messages',
  MessagePinned: 'messages',
  MessageUnpinned: 'messages',
  LinkPreviewRemoved: 'messages',
  ThreadFollowed: 'messages',
  ThreadUnfollowed: 'messages',
} as const;

export type EventType = keyof typeof EVENT_TOPICS;
export type TopicName = (typeof EVENT_TOPICS)[EventType];
export const EVENT_TYPES = Object.keys(EVENT_TOPICS) as EventType[];

export interface SchemaVersion {
  eventType: string;
  version: number;
  schema: avro.Schema;
  type: avro.Type;
  /** SHA-256 of the Avro Parsing Canonical Form, hex. */
  fingerprint: string;
}

/**
 * SHA-256 of the canonical form rather than avsc's default MD5: the Avro spec lists
 * SHA-256 among its fingerprints, and it leaves no practical room for collisions in a
 * registry that lives forever.
 */
export function fingerprintOf(type: avro.Type): string {
  return createHash('sha256').update(JSON.stringify(type.schema())).digest('hex');
}

export function parseSchema(schema: avro.Schema): avro.Type {
  return avro.Type.forSchema(schema, { logicalTypes: {}, wrapUnions: false });
}

/** Every version of every event found under avro/<Event>/v<N>.avsc, sorted by version. */
export function loadCatalog(dir = AVRO_DIR): Map<string, SchemaVersion[]> {
  const catalog = new Map<string, SchemaVersion[]>();
  for (const eventType of readdirSync(dir).sort()) {
    const versions = readdirSync(join(dir, eventType))
      .map((file) => /^v(\d+)\.avsc$/.exec(file))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => {
        const schema = JSON.parse(readFileSync(join(dir, eventType, m[0]), 'utf8')) as avro.Schema;
        const type = parseSchema(schema);
        return { eventType, version: Number(m[1]), schema, type, fingerprint: fingerprintOf(type) };
      })
      .sort((a, b) => a.version - b.version);
    catalog.set(eventType, versions);
  }
  return catalog;
}

let newest: Map<string, { name: string; default?: unknown }[]> | undefined;

/**
 * An event with every field its newest schema defaults filled in where the writer left it
 * out: what a reader decodes from the log. For events built in memory (tests, tools).
 */
export function withDefaults<E extends { type: string }>(event: E): E {
  newest ??= new Map([...loadCatalog()].map(([t, vs]) => [t, (vs[vs.length - 1]!.schema as { fields: { name: string; default?: unknown }[] }).fields]));
  const filled: Record<string, unknown> = { ...event };
  for (const f of newest.get(event.type) ?? []) if (filled[f.name] === undefined && f.default !== undefined) filled[f.name] = structuredClone(f.default);
  return filled as E;
}
