// Matrix clients reading one room the way a Matrix client does: each user long-polls /sync with
// the last since token and counts the stamped messages of the room's timeline, like the sockets
// worker does for WebSockets (same mark/collect answers, so the same code reads both).
import { encode, histogram, nowMs, recordMs, type Histogram } from '../lib/hdr';
import { FastClient } from '../lib/http';
import { sleep } from '../lib/proc';
import { cpuMsSince, serveCalls } from '../lib/worker';

interface Listen {
  baseUrl: string;
  roomId: string;
  users: { userId: string; token: string }[];
  /** How long one /sync waits for something new, in ms. */
  timeoutMs: number;
}

interface SyncBody {
  next_batch: string;
  rooms?: { join?: Record<string, { timeline?: { limited?: boolean; events?: { type: string; content?: { body?: unknown } }[] } }> };
}

const STAMP = /^t=(\S+)/;
// Lazy-loaded members and no presence, as chat clients ask; a timeline long enough that a
// reader who falls behind is not cut off (a `limited` timeline would hide the messages in the gap).
const FILTER = encodeURIComponent(JSON.stringify({ room: { timeline: { limit: 500 }, state: { lazy_load_members: true } }, presence: { not_types: ['*'] } }));

let client: FastClient | undefined;
let listening = false;
let loops: Promise<void>[] = [];
let deliveries = 0;
let hist: Histogram = histogram();
let perMessage: Map<string, number> | undefined;
let lastSeen = new Map<string, number>();
let statuses: Record<string, number> = {};
let limited = 0;
let markedAt = nowMs();
let markedCpu = process.cpuUsage();

function seen(events: { type: string; content?: { body?: unknown } }[], now: number) {
  for (const e of events) {
    const m = e.type === 'm.room.message' && typeof e.content?.body === 'string' ? STAMP.exec(e.content.body) : null;
    if (!m) continue;
    const stamp = m[1]!;
    deliveries++;
    recordMs(hist, now - Number.parseFloat(stamp));
    if (perMessage) {
      perMessage.set(stamp, (perMessage.get(stamp) ?? 0) + 1);
      lastSeen.set(stamp, now);
    }
  }
}

async function sync(token: string, since: string | undefined, timeoutMs: number): Promise<SyncBody | undefined> {
  const query = `filter=${FILTER}&timeout=${timeoutMs}${since ? `&since=${encodeURIComponent(since)}` : ''}`;
  const a = await client!.send('GET', `/_matrix/client/v3/sync?${query}`, { authorization: `Bearer ${token}` }, undefined, timeoutMs + 30_000);
  if (a.status !== 200) {
    if (listening) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
    return undefined;
  }
  return JSON.parse(a.body) as SyncBody;
}

async function follow(l: Listen, token: string, since: string): Promise<void> {
  while (listening) {
    const body = await sync(token, since, l.timeoutMs);
    if (!body) {
      if (listening) await sleep(200);
      continue;
    }
    const now = nowMs();
    since = body.next_batch;
    const timeline = body.rooms?.join?.[l.roomId]?.timeline;
    if (timeline?.limited) limited++;
    seen(timeline?.events ?? [], now);
  }
}

serveCalls({
  /** Every user's first sync (what is in the room already is not counted), then a long-poll loop each. */
  async listen(l: Listen) {
    client = new FastClient(new URL(l.baseUrl).origin, l.users.length + 2);
    listening = true;
    const first = await Promise.all(l.users.map((u) => sync(u.token, undefined, 0)));
    const failed = first.filter((b) => !b).length;
    if (failed) throw new Error(`${failed} of ${l.users.length} first syncs failed: ${JSON.stringify(statuses)}`);
    loops = l.users.map((u, i) => follow(l, u.token, first[i]!.next_batch));
    return { listening: loops.length };
  },

  mark({ track = false }: { track?: boolean } = {}) {
    perMessage = track ? new Map() : undefined;
    lastSeen = new Map();
    deliveries = 0;
    hist = histogram();
    statuses = {};
    limited = 0;
    markedAt = nowMs();
    markedCpu = process.cpuUsage();
    return { open: loops.length };
  },

  /** The same answer as the sockets worker's; `closes` holds the failed syncs by status, `limited` the cut-off timelines. */
  collect() {
    const tracked = perMessage ? { stamps: [...perMessage.keys()], counts: [...perMessage.values()], last: [...lastSeen.values()] } : undefined;
    return {
      deliveries,
      hist: encode(hist),
      seconds: (nowMs() - markedAt) / 1000,
      windowCpuMs: cpuMsSince(markedCpu),
      closes: statuses,
      open: loops.length,
      limited,
      tracked,
    };
  },

  /** Ends the long polls (their connections are dropped, not waited out). */
  async close() {
    listening = false;
    client?.reset();
    await Promise.allSettled(loops);
    loops = [];
    return {};
  },
});
