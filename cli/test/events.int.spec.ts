import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '@groupchat/schemas';
import { EventLog, createKafka, type Config } from '@groupchat/shared';
import { isolatedConfig, waitUntil } from '@groupchat/test-kit';
import { ParquetReader } from '@dsnp/parquetjs';
import { cli } from './support/cli';

const meta = (occurredAt: number) => ({ eventId: randomUUID(), occurredAt, actorId: 'u1', correlationId: 'c', causationId: null });
const sent = (groupId: string, i: number, at: number): DomainEvent => ({
  type: 'MessageSent',
  ...meta(at),
  messageId: `${groupId}-m${i}`,
  groupId,
  senderId: 'u1',
  clientMessageId: `c${i}`,
  text: `hello, "${i}"`,
  attachments: [],
});

describe('groupchat events', () => {
  let config: Config;
  let log: EventLog;
  let boundary: number;

  beforeAll(async () => {
    config = isolatedConfig();
    log = await EventLog.connect(createKafka(config, 'cli-test'), config);
    const day1 = Date.parse('2026-11-01T10:00:00Z');
    await log.append(
      { type: 'UserRegistered', ...meta(day1), userId: 'u1', username: 'ada', email: 'ada@example.com', displayName: 'Ada', interests: [] },
      'u1',
    );
    await log.appendMany(Array.from({ length: 30 }, (_, i) => ({ event: sent(i % 2 ? 'g1' : 'g2', i, day1), key: i % 2 ? 'g1' : 'g2' })));
    boundary = Date.now();
    await waitUntil(() => Date.now() > boundary + 5, { what: 'the clock to move past the boundary' });
    await log.appendMany(Array.from({ length: 10 }, (_, i) => ({ event: sent('g1', 100 + i, Date.parse('2026-11-02T10:00:00Z')), key: 'g1' })));
  });
  afterAll(async () => {
    await log?.close();
  });

  it('exports every event as JSON lines, decoded', async () => {
    const r = await cli(config, ['events', 'export']);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(41);
    expect(lines.filter((l) => l.type === 'MessageSent')).toHaveLength(40);
    expect(lines.find((l) => l.type === 'UserRegistered')).toMatchObject({ username: 'ada', topic: 'users' });
    expect(r.stderr).toContain('exported 41 of 41 events');
  });

  it('filters by type and group, and by time, to CSV in a file', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'export-')), 'g1.csv');
    const r = await cli(config, [
      'events',
      'export',
      '--topic',
      'messages',
      '--type',
      'MessageSent',
      '--group',
      'g1',
      '--since',
      new Date(boundary).toISOString(),
      '--format',
      'csv',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    const rows = readFileSync(out, 'utf8').trim().split('\n');
    expect(rows[0]).toMatch(/^position,topic,partition,offset/);
    expect(rows).toHaveLength(11);
    expect(rows.slice(1).every((row) => row.includes(',MessageSent,') && row.includes(',g1,'))).toBe(true);
    expect(rows[1]).toContain(',g1-m100,');
  });

  it('exports to Parquet with typed columns, readable by a Parquet reader; Parquet needs a file', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'export-')), 'messages.parquet');
    const r = await cli(config, ['events', 'export', '--topic', 'messages', '--group', 'g1', '--format', 'parquet', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('exported 25 of 40 events');
    const bytes = readFileSync(out);
    expect([bytes.subarray(0, 4).toString(), bytes.subarray(-4).toString()]).toEqual(['PAR1', 'PAR1']);
    const reader = await ParquetReader.openFile(out);
    try {
      expect(Number(reader.getRowCount())).toBe(25);
      const fields = reader.getSchema().fields;
      expect([fields.offset!.primitiveType, fields.occurredAt!.originalType, fields.groupId!.repetitionType]).toEqual([
        'INT64',
        'TIMESTAMP_MILLIS',
        'OPTIONAL',
      ]);
      const cursor = reader.getCursor();
      const first = (await cursor.next()) as Record<string, unknown>;
      expect(first).toMatchObject({ topic: 'messages', type: 'MessageSent', groupId: 'g1', actorId: 'u1', messageId: 'g1-m1' });
      expect((first.occurredAt as Date).toISOString()).toBe('2026-11-01T10:00:00.000Z');
      expect(JSON.parse(first.payload as string)).toMatchObject({ text: expect.any(String), senderId: expect.any(String) });
    } finally {
      await reader.close();
    }
    const toStdout = await cli(config, ['events', 'export', '--format', 'parquet']);
    expect(toStdout.code).not.toBe(0);
    expect(toStdout.stderr).toContain('--format parquet writes a file: give it with --out');
  });

  it('counts events by type and day', async () => {
    const r = await cli(config, ['events', 'stats']);
    expect(r.code).toBe(0);
    const line = r.stdout.split('\n').find((l) => l.startsWith('MessageSent'))!;
    expect(line.trim().split(/\s+/)).toEqual(['MessageSent', '30', '10', '40']);
    expect(r.stdout.split('\n')[0]).toContain('2026-11-01');
  });

  it('tails new events live', async () => {
    const tail = cli(config, ['events', 'tail', '--type', 'MessageSent', '--group', 'g9', '--limit', '2']);
    // Keep appending until the tailing consumer has joined and seen two.
    let i = 0;
    let done = false;
    void tail.then(() => (done = true));
    await waitUntil(
      async () => {
        await log.append(sent('g9', i++, Date.now()), 'g9');
        return done;
      },
      { timeoutMs: 60_000, intervalMs: 300, what: 'tail to print two events' },
    );
    const r = await tail;
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => l.groupId === 'g9')).toBe(true);
  });

  it('says what is wrong in one line and exits non-zero', async () => {
    const unknownTopic = await cli(config, ['events', 'export', '--topic', 'nope']);
    expect(unknownTopic.code).not.toBe(0);
    expect(unknownTopic.stderr.trim()).toMatch(/^groupchat: unknown topic "nope"/);
    const badTime = await cli(config, ['events', 'export', '--since', 'yesterday-ish']);
    expect(badTime.code).not.toBe(0);
    expect(badTime.stderr.trim().split('\n')).toHaveLength(1);
    expect(badTime.stderr).toContain('--since "yesterday-ish" is neither a time');
    const noBroker = await cli(config, ['events', 'stats'], { KAFKA_BROKERS: '127.0.0.1:1' });
    expect(noBroker.code).not.toBe(0);
    expect(noBroker.stderr).toContain('cannot reach the Kafka broker at 127.0.0.1:1');
  });
});
