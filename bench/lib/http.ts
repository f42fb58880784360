import { Agent, request } from 'node:http';
import { Pool } from 'undici';
import { encode, nowMs, type Histogram } from './hdr';

export interface Answer {
  status: number;
  body: string;
}

export function keepAliveAgent(maxSockets: number, localAddress?: string): Agent {
  return new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets, scheduling: 'fifo', ...(localAddress ? { localAddress } : {}) });
}

/** One HTTP request on a keep-alive agent; network failures answer status 0 rather than throw. */
export function send(agent: Agent, method: string, url: URL, headers: Record<string, string>, body?: string, timeoutMs = 30_000): Promise<Answer> {
  return new Promise((resolve) => {
    const payload = body === undefined ? undefined : Buffer.from(body);
    const req = request(
      url,
      {
        agent,
        method,
        headers: payload ? { 'content-type': 'application/json', ...headers, 'content-length': String(payload.length) } : headers,
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', (err) => resolve({ status: 0, body: err.message }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err) => resolve({ status: 0, body: err.message }));
    req.end(payload);
  });
}

/**
 * A keep-alive undici pool on one origin: far less client CPU per request than node:http's
 * agent, so the senders measure the server, not themselves. Failures answer status 0.
 */
export class FastClient {
  private pool: Pool;

  constructor(
    private readonly origin: string,
    private readonly connections: number,
  ) {
    this.pool = this.open();
  }

  async send(method: 'POST' | 'GET' | 'PUT', path: string, headers: Record<string, string>, body?: string, timeoutMs = 30_000): Promise<Answer> {
    try {
      const res = await this.pool.request({
        method,
        path,
        headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
        body,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      return { status: res.statusCode, body: await res.body.text() };
    } catch (err) {
      return { status: 0, body: (err as Error).message };
    }
  }

  /** Drops the connections and what is queued on them, so nothing spills into the next measurement. */
  reset(): void {
    void this.pool.destroy().catch(() => undefined);
    this.pool = this.open();
  }

  private open(): Pool {
    return new Pool(this.origin, { connections: this.connections, pipelining: 1, keepAliveTimeout: 60_000 });
  }
}

/** Counts answers by status, for the error columns. */
export class StatusCounts {
  readonly counts: Record<string, number> = {};
  readonly samples: Record<string, string> = {};

  add(a: Answer) {
    const k = String(a.status);
    this.counts[k] = (this.counts[k] ?? 0) + 1;
    if (!(k in this.samples) && (a.status < 200 || a.status >= 300)) this.samples[k] = a.body.slice(0, 300);
  }

  ok(): number {
    return Object.entries(this.counts).reduce((n, [k, v]) => n + (k.startsWith('2') ? v : 0), 0);
  }

  failed(): number {
    return Object.entries(this.counts).reduce((n, [k, v]) => n + (k.startsWith('2') ? 0 : v), 0);
  }

  /** The outcome of a run that began at `startedMs` (nowMs), with the answered requests' latencies in `h`. */
  outcome(startedMs: number, h: Histogram) {
    return {
      seconds: (nowMs() - startedMs) / 1000,
      ok: this.ok(),
      failed: this.failed(),
      statuses: this.counts,
      samples: this.samples,
      hist: encode(h),
    } satisfies Outcome;
  }
}

/** What a load worker answers after a run of requests. */
export interface Outcome {
  seconds: number;
  ok: number;
  failed: number;
  /** Still unanswered when the run gave up waiting. */
  pending?: number;
  statuses: Record<string, number>;
  samples?: Record<string, string>;
  /** HDR histogram of the answered requests' latencies (encoded). */
  hist?: string;
  /** Open loop: how late the scheduler fired the worst request, in ms. */
  lateMs?: number;
  /** Send-time stamps of the accepted messages, when asked to track them. */
  accepted?: string[];
}
