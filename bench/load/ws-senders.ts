// Sends chat messages as WebSocket `send` frames: each socket authenticates as one member and
// keeps `window` sends awaiting their ack, sending the next as each answer arrives.
import { randomBytes } from 'node:crypto';
import { WebSocket } from 'ws';
import { encode, histogram, nowMs, recordMs, type Histogram } from '../lib/hdr';
import type { Poster } from '../lib/population';
import { tokenSigner } from '../lib/tokens';
import { serveCalls } from '../lib/worker';
import { prng, Vocabulary } from '../lib/words';

interface Setup {
  url: string;
  posters: Poster[];
  jwtSecret: string;
  tokenTtlSeconds: number;
}

const tag = randomBytes(4).toString('hex');
let setup: Setup;
let sentences: string[] = [];
let counter = 0;

/** One socket's closed loop; resolves with its counts once the deadline passed and its sends were answered. */
function run(p: Poster, token: string, window: number, deadline: number, hist: Histogram): Promise<{ ok: number; errors: Record<string, number> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(setup.url, { perMessageDeflate: false });
    const sentAt = new Map<string, number>();
    const errors: Record<string, number> = {};
    let ok = 0;
    const next = () => {
      if (nowMs() >= deadline) {
        if (!sentAt.size) ws.close();
        return;
      }
      const id = `w${tag}-${counter++}`;
      sentAt.set(id, nowMs());
      ws.send(
        JSON.stringify({ type: 'send', groupId: p.groupId, clientMessageId: id, text: `t=${nowMs().toFixed(3)} ${sentences[counter % sentences.length]}` }),
      );
    };
    // Sends still unanswered 30 s after the window count as failed, with their socket.
    const giveUp = setTimeout(() => ws.terminate(), deadline - nowMs() + 30_000);
    ws.on('open', () => ws.send(JSON.stringify({ type: 'auth', token })));
    ws.on('message', (raw) => {
      const f = JSON.parse(raw.toString()) as { type: string; clientMessageId?: string; code?: string };
      if (f.type === 'ready') {
        for (let i = 0; i < window; i++) next();
        return;
      }
      if ((f.type === 'ack' || f.type === 'error') && f.clientMessageId && sentAt.has(f.clientMessageId)) {
        const t = sentAt.get(f.clientMessageId)!;
        sentAt.delete(f.clientMessageId);
        if (f.type === 'ack') {
          ok++;
          recordMs(hist, nowMs() - t);
        } else errors[f.code ?? '?'] = (errors[f.code ?? '?'] ?? 0) + 1;
        next();
      } else if (f.type === 'error') errors[f.code ?? '?'] = (errors[f.code ?? '?'] ?? 0) + 1;
    });
    ws.on('close', (code) => {
      clearTimeout(giveUp);
      if (sentAt.size) errors[`closed ${code}`] = sentAt.size;
      resolve({ ok, errors });
    });
    ws.on('error', (err) => reject(err));
  });
}

serveCalls({
  setup(args: Setup) {
    setup = args;
    const rand = prng(31);
    const vocab = new Vocabulary();
    sentences = Array.from({ length: 2000 }, () => vocab.sentence(rand));
    return { posters: args.posters.length };
  },

  /** `sockets` sockets (distinct members), each with `window` sends in flight, for `seconds`. */
  async closed({ seconds, sockets, window }: { seconds: number; sockets: number; window: number }) {
    const sign = tokenSigner(setup.jwtSecret, setup.tokenTtlSeconds);
    const chosen = setup.posters.slice(0, sockets);
    const tokens = chosen.map((p) => sign(p.userId, p.username));
    const hist = histogram();
    const started = nowMs();
    const results = await Promise.all(chosen.map((p, i) => run(p, tokens[i]!, window, started + seconds * 1000, hist)));
    const statuses: Record<string, number> = { ack: 0 };
    for (const r of results) {
      statuses.ack! += r.ok;
      for (const [k, v] of Object.entries(r.errors)) statuses[k] = (statuses[k] ?? 0) + v;
    }
    const ok = statuses.ack!;
    return { seconds: (nowMs() - started) / 1000, ok, failed: Object.values(statuses).reduce((n, v) => n + v, 0) - ok, statuses, hist: encode(hist) };
  },
});
