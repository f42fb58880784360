// Sends chat messages over HTTP: to GroupChat's command API, to Centrifugo's publish API, or into a Matrix room on Synapse.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Agent } from 'node:http';
import { histogram, nowMs, recordMs } from '../lib/hdr';
import { FastClient, keepAliveAgent, send, StatusCounts, type Answer } from '../lib/http';
import { closedLoop, drain, openLoop } from '../lib/pace';
import type { Poster } from '../lib/population';
import { tokenSigner } from '../lib/tokens';
import { serveCalls } from '../lib/worker';
import { prng, Vocabulary } from '../lib/words';

interface Setup {
  target: 'ours' | 'centrifugo' | 'synapse';
  baseUrl: string;
  /** For Synapse: the room's id as groupId, the Matrix user id as userId. */
  posters: Poster[];
  jwtSecret?: string;
  tokenTtlSeconds?: number;
  apiKey?: string;
  /** Synapse: access token by Matrix user id. */
  accessTokens?: Record<string, string>;
  maxSockets: number;
  seed: number;
}

let setup: Setup;
let agent: Agent;
let client: FastClient;
let rand: () => number;
let token: (userId: string, username: string) => string;
const tag = randomBytes(4).toString('hex');
let counter = 0;
let sentences: string[] = [];

const tokenOf = (p: Poster) => token(p.userId, p.username);

function resetAgent() {
  agent.destroy();
  agent = keepAliveAgent(setup.maxSockets);
  client.reset();
}

/** The message text carries the time it was meant to be sent, for the receiving sockets. */
function stamped(intendedMs: number): string {
  return `t=${intendedMs.toFixed(3)} ${sentences[counter % sentences.length]}`;
}

function post(intendedMs: number): Promise<Answer> {
  const p = setup.posters[Math.floor(rand() * setup.posters.length)]!;
  const n = counter++;
  const text = stamped(intendedMs);
  if (setup.target === 'ours') {
    return client.send(
      'POST',
      `/api/v1/groups/${p.groupId}/messages`,
      { authorization: `Bearer ${tokenOf(p)}` },
      JSON.stringify({ clientMessageId: `b${tag}-${n}`, text }),
    );
  }
  if (setup.target === 'synapse') {
    return client.send(
      'PUT',
      `/_matrix/client/v3/rooms/${encodeURIComponent(p.groupId)}/send/m.room.message/b${tag}-${n}`,
      { authorization: `Bearer ${setup.accessTokens![p.userId]}` },
      JSON.stringify({ msgtype: 'm.text', body: text }),
    );
  }
  return send(agent, 'POST', new URL('/api/publish', setup.baseUrl), { 'x-api-key': setup.apiKey! }, JSON.stringify(publication(p, n, text))).then(
    centrifugoAnswer,
  );
}

/** The same payload our WebSocket pushes for a MessageSent, so frames are of a similar size. */
function publication(p: Poster, n: number, text: string) {
  const data = {
    type: 'MessageSent',
    eventId: randomUUID(),
    occurredAt: Date.now(),
    actorId: p.userId,
    correlationId: randomUUID(),
    causationId: null,
    messageId: randomUUID(),
    groupId: p.groupId,
    senderId: p.userId,
    clientMessageId: `b${tag}-${n}`,
    text,
    attachments: [],
  };
  return { channel: p.groupId, data };
}

/** Centrifugo answers API errors with 200 and an error object. */
function centrifugoAnswer(a: Answer): Answer {
  return a.status === 200 && a.body.includes('"error"') ? { status: 599, body: a.body } : a;
}

serveCalls({
  setup(args: Setup) {
    setup = args;
    agent = keepAliveAgent(args.maxSockets);
    client = new FastClient(new URL(args.baseUrl).origin, args.maxSockets);
    rand = prng(args.seed);
    const vocab = new Vocabulary();
    sentences = Array.from({ length: 2000 }, () => vocab.sentence(rand));
    if (args.target === 'ours') {
      token = tokenSigner(args.jwtSecret!, args.tokenTtlSeconds!);
      for (const p of args.posters) tokenOf(p);
    }
    return { posters: args.posters.length };
  },

  /** As fast as `concurrency` callers go, for `seconds`. */
  async closed({ seconds, concurrency }: { seconds: number; concurrency: number }) {
    const statuses = new StatusCounts();
    const h = histogram();
    const started = nowMs();
    await closedLoop(concurrency, seconds, async () => {
      const t = nowMs();
      const a = await post(t);
      statuses.add(a);
      if (a.status >= 200 && a.status < 300) recordMs(h, nowMs() - t);
    });
    return statuses.outcome(started, h);
  },

  /** Ours only: `concurrency` callers each posting `batch` messages of one sender to POST /messages/batch, for `seconds`. */
  async batchedOurs({ seconds, concurrency, batch }: { seconds: number; concurrency: number; batch: number }) {
    const statuses = new StatusCounts();
    const h = histogram();
    let ok = 0;
    let refused = 0;
    const started = nowMs();
    await closedLoop(concurrency, seconds, async () => {
      const p = setup.posters[Math.floor(rand() * setup.posters.length)]!;
      const t = nowMs();
      const items = Array.from({ length: batch }, () => ({ groupId: p.groupId, clientMessageId: `b${tag}-${counter++}`, text: stamped(t) }));
      const a = await client.send('POST', '/api/v1/messages/batch', { authorization: `Bearer ${tokenOf(p)}` }, JSON.stringify({ items }));
      statuses.add(a);
      if (a.status !== 200) return;
      recordMs(h, nowMs() - t);
      for (const item of (JSON.parse(a.body) as { items: { messageId?: string }[] }).items) {
        if (item.messageId) ok++;
        else refused++;
      }
    });
    // Counted per message, not per request: a batch answered 200 may refuse some of its items.
    return { ...statuses.outcome(started, h), ok, failed: refused + statuses.failed() * batch };
  },

  /** Centrifugo only: `rate` publications per second for `seconds`, `batch` to an /api/batch request (its fastest way in). */
  async batched({ seconds, rate, batch }: { seconds: number; rate: number; batch: number }) {
    const statuses = new StatusCounts();
    const inFlight = new Set<Promise<unknown>>();
    const started = nowMs();
    let published = 0;
    await openLoop(rate / batch, seconds, (intended) => {
      const commands = Array.from({ length: batch }, () => {
        const p = setup.posters[Math.floor(rand() * setup.posters.length)]!;
        return { publish: publication(p, counter++, stamped(intended)) };
      });
      const req = send(agent, 'POST', new URL('/api/batch', setup.baseUrl), { 'x-api-key': setup.apiKey! }, JSON.stringify({ commands }))
        .then(centrifugoAnswer)
        .then((a) => {
          statuses.add(a);
          if (a.status === 200) published += batch;
          inFlight.delete(req);
        });
      inFlight.add(req);
    });
    const pending = await drain(inFlight, 30_000);
    if (pending) resetAgent();
    return { seconds: (nowMs() - started) / 1000, ok: published, failed: statuses.failed() * batch, pending, statuses: statuses.counts };
  },

  /** `rate` sends per second for `seconds`, each timed from when it was due. */
  async open({ seconds, rate, drainMs = 30_000, track = false }: { seconds: number; rate: number; drainMs?: number; track?: boolean }) {
    const statuses = new StatusCounts();
    const accepted: string[] = [];
    const h = histogram();
    const inFlight = new Set<Promise<unknown>>();
    const started = nowMs();
    const { scheduled, lateMs } = await openLoop(rate, seconds, (intended) => {
      const p = post(intended).then((a) => {
        statuses.add(a);
        if (a.status >= 200 && a.status < 300) {
          recordMs(h, nowMs() - intended);
          if (track) accepted.push(intended.toFixed(3));
        }
        inFlight.delete(p);
      });
      inFlight.add(p);
    });
    const pending = await drain(inFlight, drainMs);
    // Requests still queued would spill into the next measurement: drop them with their sockets.
    if (pending) resetAgent();
    return {
      ...statuses.outcome(started, h),
      scheduled,
      lateMs,
      pending,
      ...(track ? { accepted } : {}),
    };
  },
});
