// WebSocket clients: each authenticates, subscribes to its group, then counts the chat messages
// it receives and how long after their intended send time they arrived.
import jwt from 'jsonwebtoken';
import { WebSocket, type RawData } from 'ws';
import { signAccessToken } from '@groupchat/shared';
import { encode, histogram, nowMs, recordMs, type Histogram } from '../lib/hdr';
import type { Poster } from '../lib/population';
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
    if (perMessage) perMessage.set(stamp, (perMessage.get(stamp) ?? 0) + 1);
    if (Number.isFinite(sent)) recordMs(hist, now - sent);
    at = data.indexOf(MARKER, start);
  }
  return true;
}

function asBuffer(data: RawData): Buffer {
  return Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

function tokenFor(c: Connect, p: Poster): string {
  if (c.kind === 'ours') return signAccessToken({ JWT_SECRET: c.jwtSecret!, ACCESS_TOKEN_TTL_SECONDS: c.tokenTtlSeconds! }, { sub: p.userId, username: p.username });
  return jwt.sign({ sub: p.userId }, c.hmacSecret!, { algorithm: 'HS256', expiresIn: c.tokenTtlSeconds ?? 3600 });
}

/** Opens one client; resolves when it is subscribed, rejects with the reason it is not. */
function open(c: Connect, p: Poster, localAddress: string): Promise<void> {
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
      const token = tokenFor(c, p);
      ws.send(c.kind === 'ours' ? JSON.stringify({ type: 'auth', token }) : JSON.stringify({ id: 1, connect: { token, name: 'bench' } }));
    });
    ws.on('message', (raw) => {
      const data = asBuffer(raw);
      if (live) {
        if (onDelivery(data)) return;
        // Centrifugo pings with an empty command and expects one back.
        if (c.kind === 'centrifugo' && data.length === 2 && data.toString() === '{}') ws.send('{}');
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
    await Promise.all(
      Array.from({ length: Math.min(c.concurrency, c.clients.length) }, async () => {
        while (next < c.clients.length) {
          const i = next++;
          try {
            await open(c, c.clients[i]!, c.localAddresses[i % c.localAddresses.length]!);
            connected++;
          } catch (err) {
            const why = (err as Error).message;
            failures[why] = (failures[why] ?? 0) + 1;
          }
        }
      }),
    );
    return { connected, failures, seconds: (nowMs() - started) / 1000, open: sockets.size };
  },

  /** Starts a measurement window; with `track`, deliveries are also counted per message. */
  mark({ track = false }: { track?: boolean } = {}) {
    perMessage = track ? new Map() : undefined;
    deliveries = 0;
    hist = histogram();
    closes = {};
    markedAt = nowMs();
    markedCpu = process.cpuUsage();
    return { open: sockets.size };
  },

  /** Ends the window: deliveries, their latencies, closes seen and the CPU used since mark. */
  collect() {
    const tracked = perMessage ? { stamps: [...perMessage.keys()], counts: [...perMessage.values()] } : undefined;
    return { deliveries, hist: encode(hist), seconds: (nowMs() - markedAt) / 1000, windowCpuMs: cpuMsSince(markedCpu), closes, open: sockets.size, tracked };
  },

  async close() {
    for (const ws of sockets) ws.terminate();
    sockets.clear();
    await new Promise((r) => setTimeout(r, 200));
    return {};
  },
});
