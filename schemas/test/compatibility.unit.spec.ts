import { mkdtempSync, cpSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AVRO_DIR, EVENT_TYPES, EventSerde, loadCatalog } from '../src/index';
import { checkSchemas } from '../src/compatibility';

describe('the event contract', () => {
  it('holds: every event has a schema, versions are transitively backward compatible, fixtures decode, types in sync', () => {
    expect(checkSchemas()).toEqual([]);
  });

  it('has a schema for every event type of the architecture', () => {
    expect([...loadCatalog().keys()].sort()).toEqual([...EVENT_TYPES].sort());
  });

  it('when a new version adds a field without a default, then the check names the break', () => {
    const dir = mkdtempSync(join(tmpdir(), 'avro-'));
    cpSync(AVRO_DIR, dir, { recursive: true });
    const v1 = loadCatalog(dir).get('GroupDeleted')![0]!.schema as { fields: object[] };
    writeFileSync(join(dir, 'GroupDeleted', 'v2.avsc'), JSON.stringify({ ...v1, fields: [...v1.fields, { name: 'reason', type: 'string' }] }));
    const problems = checkSchemas(loadCatalog(dir));
    expect(problems.some((p) => p.includes('GroupDeleted: v2 cannot read v1'))).toBe(true);
  });

  it('when an event type has no schema folder, then the check says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'avro-'));
    cpSync(AVRO_DIR, dir, { recursive: true });
    const catalog = loadCatalog(dir);
    catalog.delete('ReactionRemoved');
    mkdirSync(join(dir, 'x'), { recursive: true });
    expect(checkSchemas(catalog)).toContain('ReactionRemoved: no schema under schemas/avro/ReactionRemoved/');
  });

  it('decodes a GroupCreated written with v1 through the v2 reader, filling the default', () => {
    const catalog = loadCatalog();
    const [v1] = catalog.get('GroupCreated')!;
    const serde = new EventSerde(catalog);
    const bytes = v1!.type.toBuffer({
      eventId: 'e1',
      occurredAt: 1700000000000,
      actorId: 'u1',
      correlationId: 'c1',
      causationId: null,
      groupId: 'g1',
      name: 'Climbing',
      description: 'Boulders',
      interests: ['climbing'],
      visibility: 'public',
      ownerId: 'u1',
    });
    const event = serde.decode(bytes, v1!.fingerprint);
    expect(event).toMatchObject({ type: 'GroupCreated', groupId: 'g1', name: 'Climbing', slowModeSeconds: 0 });
  });

  it('round-trips the newest version of every event', () => {
    const serde = new EventSerde();
    for (const s of serde.writerSchemas()) {
      const value = s.type.random();
      const { value: bytes, headers } = serde.encode({ type: s.eventType, ...(value as object) } as never);
      expect(headers['event-type']).toBe(s.eventType);
      const decoded = serde.decode(bytes, headers['schema-fingerprint']!);
      expect(s.type.toBuffer(decoded as never).equals(bytes)).toBe(true);
    }
  });
});
