import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Partitioners } from 'kafkajs';
import { HEADER_EVENT_TYPE, HEADER_FINGERPRINT } from '@groupchat/schemas';
import { topicName } from '@groupchat/shared';
import { DEADLETTER_HEADERS, defineProjection, ms, withRows } from '../src';
import { messages } from '../src/projections/messages';
import { startHarness, type Harness } from './support/harness';
import { sent } from './support/events';
import { waitUntil } from '@groupchat/test-kit';

let refuse = true;

/** Refuses the text "boom" while `refuse` is set: a handler bug, fixed later. */
const fragile = defineProjection({
  name: 'fragile',
  version: 1,
  storage: 'postgres',
  topics: ['messages'],
  tables: ['fragile'],
  async setup({ client, table }) {
    await client.query(`CREATE TABLE ${table('fragile')} (message_id text PRIMARY KEY, text text, sent_at timestamptz)`);
  },
  handlers: {
    MessageSent: async ({ event: e }, ctx) => {
      if (refuse && e.text === 'boom') throw new Error('the handler refuses "boom"');
      await withRows(
        ctx,
        `INSERT INTO ${ctx.table('fragile')} SELECT id, text, ${ms('at')} FROM json_to_recordset($1::json) AS x(id text, text text, at bigint)`,
        [{ id: e.messageId, text: e.text, at: e.occurredAt }],
      );
    },
  },
});

let deadlocks = 0;

/** Meets a deadlock on its first five tries of "contended": a dependency problem, to wait out. */
const contended = defineProjection({
  name: 'contended',
  version: 1,
  storage: 'postgres',
  topics: ['messages'],
  tables: ['contended'],
  async setup({ client, table }) {
    await client.query(`CREATE TABLE ${table('contended')} (message_id text PRIMARY KEY)`);
  },
  handlers: {
    MessageSent: async ({ event: e }, ctx) => {
      if (e.text === 'contended' && deadlocks++ < 5) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
      await ctx.client.query(`INSERT INTO ${ctx.table('contended')} VALUES ($1)`, [e.messageId]);
    },
  },
});

describe('dead letters', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ projections: [messages, fragile, contended] });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a record that cannot be decoded is dead-lettered with where it came from and why; the events after it are projected', async () => {
    const producer = h.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const [meta] = await producer.send({
      topic: topicName(h.config, 'messages'),
      acks: -1,
      messages: [
        {
          key: 'g-poison',
          value: Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00]),
          headers: { [HEADER_EVENT_TYPE]: 'MessageSent', [HEADER_FINGERPRINT]: 'f'.repeat(64) },
        },
      ],
    });
    await producer.disconnect();
    await h.given(sent('g-poison', 'm-after', 'u-1', 'after the poison'));
    await h.caughtUp();

    expect(await h.rows(`SELECT message_id FROM messages WHERE group_id = 'g-poison'`)).toEqual([{ message_id: 'm-after' }]);
    const letters = (await h.projectors.deadLetters()).filter((l) => l.originalOffset === Number(meta!.baseOffset) && l.partition === meta!.partition);
    expect(letters.map((l) => l.projection).sort()).toEqual(['contended', 'fragile', 'messages']);
    for (const letter of letters) {
      const version = { messages: messages.version, fragile: fragile.version, contended: contended.version }[letter.projection];
      expect(letter).toMatchObject({ topic: topicName(h.config, 'messages'), version, eventType: 'MessageSent', key: 'g-poison' });
      expect(letter.error).toMatch(/cannot decode.*no writer schema registered/);
      expect(letter.value).toEqual(Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00]));
      expect(letter.headers[DEADLETTER_HEADERS.failedAt]).toMatch(/^\d{4}-/);
    }
  });

  it('an event whose handler keeps failing is dead-lettered after its retries, the projection moves on, and a retry once fixed applies it once', async () => {
    await h.given(sent('g-f', 'm-ok', 'u-1', 'ok'), sent('g-f', 'm-boom', 'u-1', 'boom'), sent('g-f', 'm-fine', 'u-1', 'fine'));
    await h.caughtUp();
    expect(await h.rows(`SELECT message_id FROM fragile WHERE message_id IN ('m-ok', 'm-boom', 'm-fine') ORDER BY message_id`)).toEqual([
      { message_id: 'm-fine' },
      { message_id: 'm-ok' },
    ]);
    expect(await h.rows(`SELECT count(*)::int AS n FROM messages WHERE group_id = 'g-f'`)).toEqual([{ n: 3 }]);
    const letter = await waitUntil(async () => (await h.projectors.deadLetters({ projection: 'fragile' })).find((l) => l.key === 'g-f'), {
      what: 'the dead letter',
    });
    expect(letter.error).toContain('the handler refuses "boom"');

    refuse = false;
    expect(await h.projectors.retryDeadLetter(letter.offset)).toBe('applied');
    expect(await h.projectors.retryDeadLetter(letter.offset)).toBe('already-applied');
    expect(await h.rows(`SELECT message_id, text FROM fragile WHERE message_id = 'm-boom'`)).toEqual([{ message_id: 'm-boom', text: 'boom' }]);
  });

  it('a transient failure (a deadlock) is retried with backoff however often it happens, never dead-lettered', async () => {
    await h.given(sent('g-c', 'm-contended', 'u-1', 'contended'), sent('g-c', 'm-calm', 'u-1', 'calm'));
    await h.caughtUp();
    expect(deadlocks).toBe(6);
    expect(await h.rows(`SELECT message_id FROM contended WHERE message_id IN ('m-contended', 'm-calm') ORDER BY 1`)).toEqual([
      { message_id: 'm-calm' },
      { message_id: 'm-contended' },
    ]);
    expect((await h.projectors.deadLetters({ projection: 'contended' })).filter((l) => l.key === 'g-c')).toEqual([]);
  });
});
