/**
 * Whether a failure is the dependency's (retry later) or the data's (retrying cannot help):
 * decided here once for Postgres, Elasticsearch, Kafka and the network, for the projectors'
 * retries and for the HTTP answers (503 with Retry-After instead of 500).
 */
// Postgres SQLSTATEs worth waiting out: serialization failure, deadlock, lock timeout, too
// many connections, server shutting down or starting, and the whole connection-exception class.
const PG_TRANSIENT = new Set(['40001', '40P01', '55P03', '53300', '57P01', '57P02', '57P03', '58000', '58030']);
const NODE_TRANSIENT = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);
const MESSAGE_TRANSIENT =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|socket hang up|no living connections|Request timed out/i;

/** Whether retrying the same work later can succeed: the dependency, not the data, failed. */
export function isTransient(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const e = err as Error & { code?: string; retriable?: boolean; statusCode?: number; meta?: { statusCode?: number } };
  if (e.retriable === true) return true;
  if (typeof e.code === 'string' && (PG_TRANSIENT.has(e.code) || e.code.startsWith('08') || NODE_TRANSIENT.has(e.code))) return true;
  if (e.name === 'ConnectionError' || e.name === 'TimeoutError' || e.name === 'NoLivingConnectionsError') return true;
  const status = e.statusCode ?? e.meta?.statusCode;
  if (status === 429 || status === 502 || status === 503 || status === 504) return true;
  if (e.name === 'AggregateError') return (err as AggregateError).errors.some(isTransient);
  return MESSAGE_TRANSIENT.test(e.message);
}

/** Exponential backoff with jitter, capped so a recovered dependency is noticed within seconds. */
export function backoffMs(attempt: number, baseMs = 100, capMs = 5000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 16));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}
