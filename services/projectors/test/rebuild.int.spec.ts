import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../src/projections/messages';
import { searchMessages } from '../src/projections/search-messages';
import { aliasName, createProjectors } from '../src';
import { startHarness, type Harness } from './support/harness';
import { sent } from './support/events';
import { waitUntil } from '@groupchat/test-kit';

// The shipped versions, and the bump this test makes to each.
const [m1, s1] = [messages.version, searchMessages.version];
const [m2, s2] = [m1 + 1, s1 + 1];
const batchOf = (from: number, n: number) => Array.from({ length: n }, (_, i) => sent(`g-${(from + i) % 20}`, `m-${from + i}`, 'u-1', `message ${from + i}`));

describe('rebuild beside the live build', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ projections: [messages, searchMessages] });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a version bump builds the new tables and index from offset 0 while readers keep reading the old ones, then swaps and drops them', async () => {
    await h.given(...batchOf(0, 3000));
    await h.caughtUp();
    const alias = aliasName(h.config, 'messages');
    const failures: string[] = [];
    const counts: number[] = [];
    const searchCounts: number[] = [];
    let reading = true;
    const reader = (async () => {
      while (reading) {
        try {
          counts.push((await h.rows<{ n: number }>(`SELECT count(*)::int AS n FROM messages`))[0]!.n);
          searchCounts.push((await h.rt.es.count({ index: alias })).count);
        } catch (err) {
          failures.push((err as Error).message);
        }
      }
    })();

    await h.restart([
      { ...messages, version: m2 },
      { ...searchMessages, version: s2 },
    ]);
    await h.given(...batchOf(3000, 500));
    await waitUntil(async () => (await h.projectors.status()).every((b) => b.version === (b.name === 'messages' ? m2 : s2) && b.status === 'live'), {
      timeoutMs: 40_000,
      intervalMs: 100,
      what: 'the bumped versions to go live',
    });
    await h.caughtUp();
    reading = false;
    await reader;

    expect(failures).toEqual([]);
    expect(counts.length).toBeGreaterThan(10);
    expect(Math.min(...counts), 'a reader saw a half-built model').toBe(3000);
    expect(Math.min(...searchCounts), 'a search saw a half-built index').toBeGreaterThanOrEqual(3000);
    expect((await h.rows(`SELECT count(*)::int AS n FROM messages`))[0]).toEqual({ n: 3500 });
    expect((await h.rt.es.count({ index: alias })).count).toBe(3500);

    const builds = await h.rows(`SELECT name, version, status, dropped_at IS NOT NULL AS dropped FROM projections ORDER BY name, version`);
    expect(builds).toEqual([
      { name: 'messages', version: m1, status: 'retired', dropped: true },
      { name: 'messages', version: m2, status: 'live', dropped: false },
      { name: 'search-messages', version: s1, status: 'retired', dropped: true },
      { name: 'search-messages', version: s2, status: 'live', dropped: false },
    ]);
    const tables = await h.rows<{ t: string }>(
      `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_name ~ '^(messages|reactions)_v' ORDER BY 1`,
    );
    expect(tables.map((r) => r.t)).toEqual([`messages_v${m2}`, `reactions_v${m2}`]);
    expect(Object.keys(await h.rt.es.indices.get({ index: `${alias}-v*` }))).toEqual([`${alias}-v${s2}`]);
    expect(Object.keys(await h.rt.es.indices.getAlias({ name: alias }))).toEqual([`${alias}-v${s2}`]);
  });

  it('a rebuild requested by another process that consumes nothing (the CLI) is built by the running projector and swapped in', async () => {
    const control = await createProjectors(h.rt, { projections: [{ ...messages, version: m2 }], run: false });
    try {
      const requested = await control.rebuild('messages');
      expect(requested).toMatchObject({ name: 'messages', version: m2, generation: 1, status: 'building' });
      await waitUntil(async () => (await control.status('messages')).some((b) => b.generation === 1 && b.status === 'live'), {
        timeoutMs: 40_000,
        intervalMs: 100,
        what: 'the requested build to go live',
      });
    } finally {
      await control.close();
    }
    expect((await h.rows(`SELECT count(*)::int AS n FROM messages`))[0]).toEqual({ n: 3500 });
    const remaining = () => h.rows(`SELECT version, generation, status FROM projections WHERE name = 'messages' AND dropped_at IS NULL`);
    await waitUntil(async () => JSON.stringify(await remaining()) === JSON.stringify([{ version: m2, generation: 1, status: 'live' }]), {
      timeoutMs: 30_000,
      what: 'only the new build to remain, live, once the replaced one is dropped',
    });
  });

  it('a long transaction reading the live view delays the switch, but other readers are never held behind it for long', async () => {
    const m3 = m2 + 1;
    const holder = await h.rt.pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT count(*) FROM messages');
      await h.restart([{ ...messages, version: m3 }]);
      const built = () =>
        h.rows<{ n: number }>(`SELECT coalesce(sum(next_offset), 0)::int AS n FROM projection_checkpoints WHERE projection = 'messages' AND version = $1`, [
          m3,
        ]);
      await waitUntil(async () => (await built())[0]!.n >= 3500, { timeoutMs: 40_000, what: 'the new version to catch up' });
      // While the long transaction holds the view, the switch keeps trying; readers must keep being answered.
      const waits: number[] = [];
      const started = Date.now();
      while (Date.now() - started < 4000 || waits.length < 20) {
        const t = Date.now();
        expect((await h.rows<{ n: number }>(`SELECT count(*)::int AS n FROM messages`))[0]!.n).toBe(3500);
        waits.push(Date.now() - t);
      }
      expect(Math.max(...waits), `reads waited ${Math.max(...waits)} ms behind the switch`).toBeLessThan(3000);
      expect((await h.projectors.status()).find((b) => b.version === m3)?.status, 'the switch waits for the long transaction').toBe('building');
      await holder.query('COMMIT');
    } finally {
      holder.release();
    }
    await waitUntil(
      async () =>
        JSON.stringify(await h.rows(`SELECT version, status FROM projections WHERE name = 'messages' AND dropped_at IS NULL`)) ===
        JSON.stringify([{ version: m3, status: 'live' }]),
      {
        timeoutMs: 30_000,
        what: 'the new version to go live and the old one to be dropped once the long transaction ended',
      },
    );
  });
});
