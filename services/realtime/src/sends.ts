import { randomUUID } from 'node:crypto';
import { Coalescer, type Outcome } from '@groupchat/shared';
import { SENT_FIELDS, type SendFrame, type ServerFrame } from './protocol';

/** What the command API's batch send takes per request (its limits: 100 items, 1 MB). */
const MAX_ITEMS = 100;
const MAX_BODY_BYTES = 900_000;
const MAX_MIN_POSITIONS = 8;
/**
 * Two, not one: a client's burst often reaches the server in two reads, and with one request
 * at a time the second part waits out the first's whole round trip, every time (measured: WebSocket
 * sends at 0.12 of the raw producer with one, docs/performance.md).
 */
const REQUESTS_PER_SOCKET = 2;

type Answer = Extract<ServerFrame, { type: 'ack' | 'error' }>;

interface Problem {
  status?: number;
  code?: string;
  detail?: string;
  retryAfter?: number;
  errors?: unknown;
}

/**
 * Send frames go to the command API's `POST /api/v1/messages/batch` under the sender's own
 * access token: deciding stays in the command API, with the same validation, authorization,
 * slow mode, idempotency and message budget as any HTTP send. Each socket has one queue: the
 * sends waiting in it leave together as one request (appended together, one produce request),
 * at most REQUESTS_PER_SOCKET at a time. The sends of one request are appended in the order
 * sent; two requests of a socket in flight at once may interleave.
 */
export class SendRelay {
  constructor(
    private readonly commandApiUrl: string | undefined,
    private readonly timeoutMs: number,
  ) {}

  /** A socket's queue; `token` is read when a request leaves, so a renewed token is used. */
  queue(token: () => string): (frame: SendFrame) => Promise<Answer> {
    const queue = new Coalescer<SendFrame, Answer>((frames) => this.flush(frames, token()), { maxBatch: MAX_ITEMS, concurrency: REQUESTS_PER_SOCKET });
    return (frame) => queue.run(frame).catch((err: unknown) => unavailable(frame, `the send could not be relayed (${(err as Error).message})`));
  }

  private async flush(frames: SendFrame[], token: string): Promise<Outcome<Answer>[]> {
    const answers: Answer[] = [];
    for (const chunk of chunks(frames)) answers.push(...(await this.post(chunk, token)));
    return answers.map((value) => ({ ok: true, value }));
  }

  private async post(frames: { frame: SendFrame; item: string }[], token: string): Promise<Answer[]> {
    if (!this.commandApiUrl)
      return frames.map(({ frame }) => unavailable(frame, 'this realtime process has no COMMAND_API_URL to send messages to', 'sending_unavailable'));
    const minPositions = [...new Set(frames.flatMap(({ frame }) => frame.minPosition?.split(',').map((p) => p.trim()) ?? []))]
      .filter(Boolean)
      .slice(0, MAX_MIN_POSITIONS);
    let res: Response;
    let body: { items?: unknown[] } & Problem;
    try {
      res = await fetch(new URL('/api/v1/messages/batch', this.commandApiUrl), {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'x-request-id': `ws-${randomUUID()}`,
          ...(minPositions.length ? { 'x-min-position': minPositions.join(',') } : {}),
        },
        body: `{"items":[${frames.map((f) => f.item).join(',')}]}`,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      body = (await res.json()) as typeof body;
    } catch (err) {
      return frames.map(({ frame }) => unavailable(frame, `the command API did not answer (${(err as Error).message}); retry with the same clientMessageId`));
    }
    if (res.status !== 200 || !Array.isArray(body.items) || body.items.length !== frames.length) {
      return frames.map(({ frame }) => refused(frame, { status: res.status, ...body }));
    }
    return frames.map(({ frame }, i) => {
      const item = body.items![i] as { messageId?: string; position?: string } & Problem;
      return item.messageId && item.position
        ? { type: 'ack', clientMessageId: frame.clientMessageId, messageId: item.messageId, position: item.position }
        : refused(frame, item);
    });
  }
}

/** The command API's problem, as the error frame of the one send it is about. */
function refused(frame: SendFrame, p: Problem): Answer {
  return {
    type: 'error',
    clientMessageId: frame.clientMessageId,
    code: p.code ?? 'unavailable',
    message: p.detail ?? 'the send was not accepted',
    ...(p.status ? { status: p.status } : {}),
    ...(typeof p.retryAfter === 'number' ? { retryAfter: p.retryAfter } : {}),
    ...(p.errors ? { errors: p.errors } : {}),
  };
}

function unavailable(frame: SendFrame, message: string, code = 'unavailable'): Answer {
  return { type: 'error', clientMessageId: frame.clientMessageId, code, message, status: 503 };
}

/** Requests within the batch endpoint's limits, in order. */
export function chunks(frames: SendFrame[]): { frame: SendFrame; item: string }[][] {
  const out: { frame: SendFrame; item: string }[][] = [];
  let bytes = 0;
  for (const frame of frames) {
    const item = JSON.stringify({
      groupId: frame.groupId,
      clientMessageId: frame.clientMessageId,
      ...Object.fromEntries(SENT_FIELDS.map((f) => [f, frame[f]])),
    });
    const size = Buffer.byteLength(item) + 1;
    const last = out.at(-1);
    if (!last || last.length >= MAX_ITEMS || bytes + size > MAX_BODY_BYTES) {
      out.push([{ frame, item }]);
      bytes = size;
    } else {
      last.push({ frame, item });
      bytes += size;
    }
  }
  return out;
}
