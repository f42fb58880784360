import { createECDH, randomBytes, type ECDH } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { Agent } from 'node:https';
import { connect, type NetConnectOpts } from 'node:net';
import { decrypt } from 'http_ece';
import { waitUntil } from './stack';
import { vapidProblem } from './vapid';

/** What a browser's `PushSubscription.toJSON()` gives, keys base64url. */
export interface PushSubscriptionJson {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** A push that decrypted and carried valid VAPID, with the status it was answered. */
export interface ReceivedPush {
  subscriptionEndpoint: string;
  headers: IncomingHttpHeaders;
  /** The decrypted body, JSON-parsed; null for a push without a body. */
  payload: unknown;
  ttl: number;
  urgency: string | undefined;
  topic: string | undefined;
  status: number;
}

/** A request refused as a push service would refuse it. */
export interface RefusedPush {
  path: string;
  status: number;
  reason: string;
}

export interface PushEndpoint {
  /** The origin, http://127.0.0.1:<port>. */
  url: string;
  /** A new subscription, as a browser would make it: its own key pair and auth secret. */
  subscription(): PushSubscriptionJson;
  received: ReceivedPush[];
  /** Bad requests (400, 404, 413); a test sending only good pushes asserts this stays empty. */
  errors: RefusedPush[];
  /** Answers pushes to `endpoint` with `status` from now on (410: the subscription expired). */
  respondWith(endpoint: string, status: number): void;
  /** The first push, received already or later, that matches. */
  waitFor(predicate: (push: ReceivedPush) => boolean, timeoutMs?: number): Promise<ReceivedPush>;
  close(): Promise<void>;
}

interface Subscription {
  endpoint: string;
  ecdh: ECDH;
  auth: Buffer;
  status: number;
}

/** RFC 8030 §5: what push services accept at least, and refuse past with 413. */
const MAX_BODY = 4096;
const URGENCIES = new Set(['very-low', 'low', 'normal', 'high']);

/**
 * A Web Push service on 127.0.0.1 for tests: it decrypts each push (RFC 8291, aes128gcm) with
 * the subscription's private key, checks its VAPID JWT (RFC 8292) and keeps what it received,
 * so a test sees what a member's browser would show.
 */
export async function startPushEndpoint(): Promise<PushEndpoint> {
  const subscriptions = new Map<string, Subscription>();
  const received: ReceivedPush[] = [];
  const errors: RefusedPush[] = [];
  let url = '';

  const refuse = (res: ServerResponse, path: string, status: number, reason: string) => {
    errors.push({ path, status, reason });
    res.writeHead(status, { 'content-type': 'text/plain' }).end(reason);
  };

  const onPush = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const path = new URL(req.url ?? '/', url).pathname;
    const id = /^\/push\/([A-Za-z0-9_-]+)$/.exec(path)?.[1];
    const sub = id ? subscriptions.get(id) : undefined;
    if (req.method !== 'POST' || !sub) return refuse(res, path, 404, 'no such subscription');
    if (body.length > MAX_BODY) return refuse(res, path, 413, `body of ${body.length} bytes, more than ${MAX_BODY}`);
    const problem = headerProblem(req.headers, body, url);
    if (problem) return refuse(res, path, 400, problem);
    let payload: unknown = null;
    if (body.length) {
      try {
        payload = JSON.parse(decrypt(body, { version: 'aes128gcm', privateKey: sub.ecdh, authSecret: sub.auth }).toString('utf8'));
      } catch (err) {
        return refuse(res, path, 400, `body does not decrypt to JSON: ${(err as Error).message}`);
      }
    }
    const urgency = req.headers.urgency;
    const topic = req.headers.topic;
    received.push({
      subscriptionEndpoint: sub.endpoint,
      headers: req.headers,
      payload,
      ttl: Number(req.headers.ttl),
      urgency: typeof urgency === 'string' ? urgency : undefined,
      topic: typeof topic === 'string' ? topic : undefined,
      status: sub.status,
    });
    res.writeHead(sub.status, { location: `${url}/message/${randomBytes(8).toString('hex')}` }).end();
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => onPush(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

  return {
    url,
    received,
    errors,
    subscription() {
      const id = randomBytes(16).toString('hex');
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const sub = { endpoint: `${url}/push/${id}`, ecdh, auth: randomBytes(16), status: 201 };
      subscriptions.set(id, sub);
      return { endpoint: sub.endpoint, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: sub.auth.toString('base64url') } };
    },
    respondWith(endpoint, status) {
      const sub = [...subscriptions.values()].find((s) => s.endpoint === endpoint);
      if (!sub) throw new Error(`${endpoint} is not a subscription of this push service`);
      sub.status = status;
    },
    async waitFor(predicate, timeoutMs = 10_000) {
      try {
        return await waitUntil(() => received.find(predicate), { timeoutMs, what: 'a matching push' });
      } catch (err) {
        throw new Error(`${(err as Error).message}; ${received.length} received, refused: ${JSON.stringify(errors)}`);
      }
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

/**
 * web-push's `sendNotification` only speaks https; this agent (its `agent` option) carries the
 * request over plain TCP, so code under test can send to this http service unchanged.
 */
export function plainHttpAgent(): Agent {
  return new PlainAgent();
}

class PlainAgent extends Agent {
  override createConnection(options: NetConnectOpts) {
    return connect(options);
  }
}

/** RFC 8030 §5 and RFC 8291 §4: the headers a push must carry. */
function headerProblem(headers: IncomingHttpHeaders, body: Buffer, origin: string): string | undefined {
  const ttl = headers.ttl;
  if (typeof ttl !== 'string' || !/^\d+$/.test(ttl)) return 'TTL header missing or not a number of seconds';
  if (headers.urgency !== undefined && !URGENCIES.has(String(headers.urgency)))
    return `Urgency ${String(headers.urgency)} is not one of ${[...URGENCIES].join(', ')}`;
  const topic = headers.topic;
  if (topic !== undefined && (typeof topic !== 'string' || !/^[A-Za-z0-9_-]{1,32}$/.test(topic))) return 'Topic must be at most 32 base64url characters';
  if (body.length && headers['content-encoding'] !== 'aes128gcm') return `Content-Encoding ${String(headers['content-encoding'])}, not aes128gcm`;
  return vapidProblem(headers.authorization, origin);
}
