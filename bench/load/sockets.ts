// WebSocket clients: each authenticates, subscribes to its group, then counts the chat messages
// it receives and how long after their intended send time they arrived.
import { WebSocket, type RawData } from 'ws';
import { encode, histogram, nowMs, recordMs, type Histogram } from '../lib/hdr';
import type { Poster } from '../lib/population';
import { centrifugoSigner, tokenSigner } from '../lib/tokens';
import { cpuMsSince, serveCalls } from '../lib/worker';

interface Connect {
  kind: 'ours' | 'centrifugo';
  url: string;
  clients: Poster[];
  jwtSecret?: string;
  tokenTtlSeconds?: number;
  hmacSecret?: string;
  localAddresses: string[];
  concurrency: number;
  timeoutMs: number;
  /** No new connection is started after this long. */
  budgetMs?: number;
  /** Times a client that failed to subscribe is tried again (a server too busy to answer in time). */
  retries?: number;
}

const MARKER = Buffer.from('"text":"t=');
const sockets = new Set<WebSocket>();
let deliveries = 0;
let hist: Histogram = histogram();
let closes: Record<string, number> = {};
let markedAt = nowMs();
let markedCpu = process.cpuUsage();
/** Deliveries per message (by its send-time stamp), when the window tracks them. */
let perMessage: Map<string, number> | undefined;
/** When the latest of those deliveries arrived, per message. */
let lastSeen = new Map<string, number>();

/** Counts every stamped message in a frame (Centrifugo may put several in one frame, one per line). */
function onDelivery(data: Buffer) {
  let at = data.indexOf(MARKER);
  if (at < 0) return false;
  const now = nowMs();
  while (at >= 0) {
    const start = at + MARKER.length;
    const end = data.indexOf(0x20, start);
    const stamp = data.toString('latin1', start, end > start && end - start < 32 ? end : start + 24);
    const sent = Number.parseFloat(stamp);
    deliveries++;
    if (perMessage) {
      perMessage.set(stamp, (perMessage.get(stamp) ?? 0) + 1);
      lastSeen.set(stamp, now);
    }
    if (Number.isFinite(sent)) recordMs(hist, now - sent);
    at = data.indexOf(MARKER, start);
  }
  return true;
}

const PING = Buffer.from('{}');
const PING_LINE = Buffer.from('\n{}');

function isPing(data: Buffer): boolean {
  if (data.length === 2) return data.equals(PING);
  return data.subarray(0, 3).toString() === '{}\n' || data.indexOf(PING_LINE) >= 0;
}

function asBuffer(data: RawData): Buffer {
  return Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

function signerFor(c: Connect): (p: Poster) => string {
  if (c.kind === 'ours') {
    const sign = tokenSigner(c.jwtSecret!, c.tokenTtlSeconds!);
    return (p) => sign(p.userId, p.username);
  }
  const sign = centrifugoSigner(c.hmacSecret!, c.tokenTtlSeconds ?? 3600);
  return (p) => sign(p.userId);
}

/** Opens one client; resolves when it is subscribed, rejects with the reason it is not. */
function open(c: Connect, p: Poster, localAddress: string, tokenFor: (p: Poster) => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(c.url, { localAddress, perMessageDeflate: false, handshakeTimeout: c.timeoutMs });
    let live = false;
    const timer = setTimeout(() => fail('timeout'), c.timeoutMs);
    const fail = (why: string) => {
      clearTimeout(timer);
      if (!live) ws.terminate();
      reject(new Error(why));
    };
    const ok = () => {
      clearTimeout(timer);
      live = true;
      resolve();
    };
    ws.on('error', (err) => !live && fail(`error: ${err.message.slice(0, 80)}`));
    ws.on('close', (code) => {
      sockets.delete(ws);
      if (live) closes[code] = (closes[code] ?? 0) + 1;
      else fail(`closed ${code}`);
    });
    ws.on('open', () => {
      sockets.add(ws);
      const token = tokenFor(p);
      ws.send(c.kind === 'ours' ? JSON.stringify({ type: 'auth', token }) : JSON.stringify({ id: 1, connect: { token, name: 'bench' } }));
    });
    ws.on('message', (raw) => {
      const data = asBuffer(raw);
      if (live) {
        onDelivery(data);
        // Centrifugo pings with an empty command, alone or among other lines of a frame, and expects one back.
        if (c.kind === 'centrifugo' && isPing(data)) ws.send('{}');
        return;
      }
      for (const line of data.toString().split('\n')) {
        if (!line) continue;
        const f = JSON.parse(line) as Record<string, unknown>;
        if (c.kind === 'ours') {
          if (f.type === 'ready') ws.send(JSON.stringify({ type: 'subscribe', groupId: p.groupId }));
          else if (f.type === 'subscribed') ok();
          else if (f.type === 'error') fail(`error ${String(f.code)}`);
        } else {
          if (f.error) fail(`error ${JSON.stringify(f.error).slice(0, 80)}`);
          else if (f.id === 1) ws.send(JSON.stringify({ id: 2, subscribe: { channel: p.groupId } }));
          else if (f.id === 2) ok();
          else if (line === '{}') ws.send('{}');
        }
      }
    });
  });
}

serveCalls({
  /** Opens every client, `concurrency` at a time; answers how many are subscribed and why others failed. */
  async connect(c: Connect) {
    const started = nowMs();
    const failures: Record<string, number> = {};
    let connected = 0;
    let next = 0;
    const tokenFor = signerFor(c);
    const deadline = started + (c.budgetMs ?? Infinity);
    await Promise.all(
      Array.from({ length: Math.min(c.concurrency, c.clients.length) }, async () => {
        while (next < c.clients.length && nowMs() < deadline) {
          const i = next++;
          for (let attempt = 0; ; attempt++) {
            try {
              await open(c, c.clients[i]!, c.localAddresses[i % c.localAddresses.length]!, tokenFor);
              connected++;
              break;
            } catch (err) {
              if (attempt < (c.retries ?? 0) && nowMs() < deadline) continue;
              const why = (err as Error).message;
              failures[why] = (failures[why] ?? 0) + 1;
              break;
            }
          }
        }
      }),
    );
    return { connected, failures, seconds: (nowMs() - started) / 1000, open: sockets.size };
  },

  /** Starts a measurement window; with `track`, deliveries are also counted per message. */
  mark({ track = false }: { track?: boolean } = {}) {
    perMessage = track ? new Map() : undefined;
    lastSeen = new Map();
    deliveries = 0;
    hist = histogram();
    closes = {};
    markedAt = nowMs();
    markedCpu = process.cpuUsage();
    return { open: sockets.size };
  },

  /** Deliveries since mark, cheaply: for waiting until a window's messages have all arrived. */
  count() {
    return { deliveries };
  },

  /** Ends the window: deliveries, their latencies, closes seen and the CPU used since mark. */
  collect() {
    const tracked = perMessage ? { stamps: [...perMessage.keys()], counts: [...perMessage.values()], last: [...lastSeen.values()] } : undefined;
    return { deliveries, hist: encode(hist), seconds: (nowMs() - markedAt) / 1000, windowCpuMs: cpuMsSince(markedCpu), closes, open: sockets.size, tracked };
  },

  async close() {
    for (const ws of sockets) ws.terminate();
    sockets.clear();
    await new Promise((r) => setTimeout(r, 200));
    return {};
  },
});
