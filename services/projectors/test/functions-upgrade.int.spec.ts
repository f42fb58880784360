import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '@groupchat/test-kit';
import { defineProjection, withRows } from '../src/framework';
import { startHarness, type Harness } from './support/harness';
import { sent } from './support/events';

// A projection whose next version adds a column and a function over its view that reads it.
const probe = (version: number) =>
  defineProjection({
    name: 'upgrade-probe',
    version,
    storage: 'postgres',
    topics: ['messages'],
    tables: ['upgrade_probe'],
    functions: [
      `CREATE OR REPLACE FUNCTION upgrade_probe_texts() RETURNS SETOF text LANGUAGE sql STABLE AS $$ SELECT ${version > 1 ? 'sender_id' : 'message_id'} FROM upgrade_probe $$`,
    ],
    async setup({ client, table }) {
      await client.query(`CREATE TABLE ${table('upgrade_probe')} (message_id text PRIMARY KEY${version > 1 ? ', sender_id text' : ''})`);
    },
    batchHandlers: {
      MessageSent: (envelopes, ctx) =>
        withRows(
          ctx,
          `INSERT INTO ${ctx.table('upgrade_probe')} (message_id${version > 1 ? ', sender_id' : ''})
           SELECT message_id${version > 1 ? ', sender_id' : ''} FROM json_to_recordset($1::json) AS x(message_id text, sender_id text) ON CONFLICT DO NOTHING`,
          envelopes.map(({ event: e }) => ({ message_id: e.messageId, sender_id: e.senderId })),
        ),
    },
  });

describe('functions over the views across a version bump', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ projections: [probe(1)] });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('when the next version’s function reads a column only its build has, then the projectors start, build it, and make the function at the switch', async () => {
    await h.given(sent('g-1', 'm-1', 'ada'), sent('g-1', 'm-2', 'bo'));
    await h.caughtUp();
    expect((await h.rows(`SELECT upgrade_probe_texts() AS t ORDER BY 1`)).map((r) => r.t)).toEqual(['m-1', 'm-2']);
    await h.restart([probe(2)]);
    await waitUntil(async () => (await h.projectors.status()).some((b) => b.version === 2 && b.status === 'live'), {
      timeoutMs: 30_000,
      what: 'version 2 to go live',
    });
    expect((await h.rows(`SELECT upgrade_probe_texts() AS t ORDER BY 1`)).map((r) => r.t)).toEqual(['ada', 'bo']);
  });
});
