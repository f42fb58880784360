import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KafkaMessage } from 'kafkajs';
import { registry, topicName } from '@groupchat/shared';
import { Supervisor, listBuilds } from '../src';
import { projections } from '../src/projections';
import { messages } from '../src/projections/messages';
import { startHarness, type Harness } from './support/harness';
import { aggregateOf, reacted, sent } from './support/events';
import { waitUntil } from '@groupchat/test-kit';

describe('delivery and lag', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('the same records delivered again (a rebalance, a retry after a lost commit) are applied once', async () => {
    const events = [sent('g-twice', 'm-twice', 'u-1'), reacted('g-twice', 'm-twice', 'u-2'), reacted('g-twice', 'm-twice', 'u-3')];
    const appended = await h.given(...events);
    await h.caughtUp();
    // A second supervisor over the same database holds the same checkpoints, as a second process would.
    const other = await Supervisor.start(h.rt, [messages]);
    try {
      const live = (await listBuilds(h.rt.pool, 'messages')).find((b) => b.status === 'live')!;
      const records: KafkaMessage[] = events.map((e, i) => {
        const { value, headers } = h.rt.serde.encode(e);
        return {
          key: Buffer.from(aggregateOf(e)),
          value,
          headers,
          offset: String(appended[i]!.position.offset),
          timestamp: '0',
          attributes: 0,
        } as KafkaMessage;
      });
      const partition = appended[0]!.position.partition;
      const next = await other
        .createProcessor(messages, live)
        .process(
          { topic: 'messages', physicalTopic: topicName(h.config, 'messages'), partition, messages: records },
          { signal: new AbortController().signal, heartbeat: async () => undefined },
        );
      expect(next).toBeGreaterThan(Number(appended[2]!.position.offset));
    } finally {
      await other.close();
    }
    expect(await h.rows(`SELECT count(*)::int AS n FROM messages WHERE group_id = 'g-twice'`)).toEqual([{ n: 1 }]);
    expect(await h.rows(`SELECT count(*)::int AS n FROM reactions WHERE message_id = 'm-twice'`)).toEqual([{ n: 2 }]);
  });

  it('reports lag per projection and partition in /metrics; after a burst of 10,000 messages it returns to zero (time reported)', async () => {
    const burst = Array.from({ length: 10_000 }, (_, i) => sent(`g-burst-${i % 50}`, `m-burst-${i}`, `u-${i % 30}`, `burst message ${i}`));
    const started = Date.now();
    await h.given(...burst);
    const appendedAt = Date.now();
    let sawLag = false;
    /** When each projection was first seen caught up after the append: which one the figure waits for. */
    const doneAt = new Map<string, number>();
    await waitUntil(
      async () => {
        const text = await registry.getSingleMetricAsString('groupchat_projection_lag');
        const values = text
          .split('\n')
          .filter((l) => l.startsWith('groupchat_projection_lag{') && l.includes('topic="messages"'))
          .map((l) => Number(l.split(' ').pop()));
        if (values.some((v) => v > 0)) sawLag = true;
        const builds = await h.projectors.status();
        for (const b of builds) if (b.lag === 0 && !doneAt.has(b.name)) doneAt.set(b.name, Date.now() - appendedAt);
        return values.length >= 12 && values.every((v) => v === 0) && builds.every((b) => b.lag === 0);
      },
      { timeoutMs: 45_000, intervalMs: 25, what: 'lag back to zero' },
    );
    const drained = Date.now();
    console.log(
      `[bench] burst of ${burst.length} messages: appended in ${appendedAt - started} ms; lag of all ${projections.length} projections back to 0 ${drained - appendedAt} ms after the last append (each: ${[
        ...doneAt,
      ]
        .sort((a, b) => b[1] - a[1])
        .map(([n, ms]) => `${n} ${ms}`)
        .join(', ')})`,
    );
    expect(sawLag).toBe(true);
    const text = await registry.getSingleMetricAsString('groupchat_projection_lag');
    expect(text).toMatch(/groupchat_projection_lag\{projection="messages",topic="messages",partition="\d+"\} 0/);
    expect(text).toMatch(/groupchat_projection_lag\{projection="search-groups",topic="groups",partition="\d+"\} 0/);
  });
});
