import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePosition, waitForPositions } from '@groupchat/shared';
import { TestClient, type Frame } from './support/client';
import { messageSent } from './support/fixtures';
import { startSystem } from './support/system';

const TOTAL = 10_000;
const BATCH = 100;
const MAX_AHEAD = 2000;
/** How far the log may run ahead of the timeline projection: a resume waits for it, bounded. */
const MAX_PROJECTION_LAG = 1500;

describe('resume without gap or duplicate', () => {
  let sys: Awaited<ReturnType<typeof startSystem>>;
  beforeAll(async () => {
    sys = await startSystem({}, { MIN_POSITION_WAIT_MS: 20_000 });
  });
  afterAll(async () => {
    await sys?.close();
  });

  it('when 10,000 messages are sent while a client keeps dropping and resuming from its last position on either process, then it ends with every message exactly once, in order', async () => {
    const owner = randomUUID();
    const reader = randomUUID();
    const groupId = await sys.fixtures.group(sys.pool, owner, [reader]);
    const token = sys.fixtures.token(reader);
    const urls = [sys.app.wsUrl, sys.realtime.wsUrl];

    const sent: { messageId: string; offset: bigint }[] = [];
    let partition = 0;
    const byId = new Map<string, unknown>();
    const received: Frame[] = [];
    const unexpected: Frame[] = [];
    let sessions = 0;

    let firstSubscribed!: () => void;
    const readerFollows = new Promise<void>((r) => (firstSubscribed = r));

    const produce = async () => {
      // A subscription without a position starts at the live end: what was sent before is history.
      await readerFollows;
      for (let i = 0; i < TOTAL; i += BATCH) {
        const events = Array.from({ length: BATCH }, (_, j) => messageSent(groupId, owner, `message ${i + j}`));
        // Stay a bounded distance ahead of the reader, so sending and resuming interleave.
        while (i - received.length > MAX_AHEAD) await new Promise((r) => setTimeout(r, 5));
        if (sent.length > MAX_PROJECTION_LAG) {
          const behind = sent[sent.length - MAX_PROJECTION_LAG]!;
          await waitForPositions(sys.pool, [{ topic: 'messages', partition, offset: behind.offset }], { projections: ['timeline'], timeoutMs: 60_000 });
        }
        const positions = await sys.fixtures.append(events);
        partition = positions[0]!.partition;
        events.forEach((e, j) => {
          sent.push({ messageId: e.messageId, offset: positions[j]!.offset });
          byId.set(e.messageId, JSON.parse(JSON.stringify(e)));
        });
      }
    };

    const read = async () => {
      let last: string | undefined;
      while (received.length < TOTAL && !(sent.length === TOTAL && received.at(-1)?.event!.messageId === sent.at(-1)!.messageId)) {
        const client = await TestClient.ready(urls[randomInt(urls.length)]!, token);
        sessions++;
        client.send({ type: 'subscribe', groupId, ...(last ? { after: last } : {}) });
        if (!last) void client.next((f) => f.type === 'subscribed').then(() => firstSubscribed());
        // Leave after a random number of events (sometimes before the first), or when all are in.
        // Without any position yet, the first session must see an event to have one.
        const leaveAfter = randomInt(last ? 0 : 1, 700);
        const finalId = () => (sent.length === TOTAL ? sent[sent.length - 1]!.messageId : undefined);
        await client.until(
          () => {
            const events = client.events();
            const done = received.length + events.length >= TOTAL || (finalId() && events.some((f) => f.event!.messageId === finalId()));
            const refused = client.frames.some((f) => f.type === 'resync' || f.type === 'error');
            return events.length >= leaveAfter || done || refused || client.closed ? true : undefined;
          },
          60_000,
          'events',
        );
        if (randomInt(2)) client.ws.close(1000);
        else client.close();
        const events = client.events(groupId);
        received.push(...events);
        if (events.length) last = events[events.length - 1]!.position;
        unexpected.push(...client.frames.filter((f) => f.type === 'resync' || f.type === 'error'));
        if (unexpected.length) throw new Error(`resume refused: ${JSON.stringify(unexpected)} after ${received.length} events`);
      }
    };

    await Promise.all([produce(), read()]);

    const offsets = received.map((f) => parsePosition(f.position!).offset);
    const out = offsets.flatMap((o, i) => (i > 0 && o <= offsets[i - 1]! ? [`${offsets[i - 1]}→${o}`] : []));
    const have = new Set(offsets);
    const missing = sent.filter((s) => !have.has(s.offset)).map((s) => s.offset);
    expect({ outOfOrder: out.slice(0, 20), missing: missing.slice(0, 20) }).toEqual({ outOfOrder: [], missing: [] });
    expect(unexpected).toEqual([]);
    expect(sessions).toBeGreaterThan(10);
    const expected = [...sent].sort((a, b) => (a.offset < b.offset ? -1 : 1)).map((s) => s.messageId);
    const got = received.map((f) => f.event!.messageId);
    expect(got.length).toBe(TOTAL);
    expect(new Set(got).size).toBe(TOTAL);
    expect(got).toEqual(expected);
    // Replayed (from the read model) and live events look the same: the event as appended.
    const differing = received.filter((f) => JSON.stringify(sortKeys(f.event)) !== JSON.stringify(sortKeys(byId.get(f.event!.messageId!))));
    expect(differing.slice(0, 3)).toEqual([]);
  });
});

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  return value;
}
