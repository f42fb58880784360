import type { DomainEvent } from '@groupchat/schemas';
import { AppError, type AppendResult, type Logger } from '@groupchat/shared';

export interface Appender {
  appendMany(items: { event: DomainEvent; key: string }[]): Promise<AppendResult[]>;
}

export interface Settlement<T> {
  /** Runs once the broker acknowledged (even after the caller was already answered 503). */
  done(results: AppendResult[]): Promise<T>;
  /** Runs once the append has definitely failed, releasing what was claimed for it. */
  failed?(err: Error): Promise<void>;
}

export interface AppendOptions {
  timeoutMs: number;
  log: Logger;
}

export const logUnavailable = (detail: string) =>
  new AppError(503, 'log_unavailable', `the event log is unavailable (${detail}); nothing was recorded, retry shortly`, { retryAfter: 2 }, true);

/**
 * Appends a command's events and settles its claims. The caller gets an answer within
 * `timeoutMs`; when the broker is slower than that the answer is 503, but the append keeps
 * going and its late outcome still marks the claim done or releases it, so no claim is
 * left half-done and a retry of the same command finds it either settled or reclaimable.
 */
export async function appendEvents<T>(
  appender: Appender,
  items: { event: DomainEvent; key: string }[],
  settlement: Settlement<T>,
  { timeoutMs, log }: AppendOptions,
): Promise<T> {
  const outcome = appender.appendMany(items).then(
    (results) => settlement.done(results),
    async (err: Error) => {
      await settlement.failed?.(err).catch((releaseErr: unknown) => log.error({ err: releaseErr }, 'releasing a claim after a failed append failed'));
      throw err;
    },
  );
  outcome.catch((err: unknown) => log.warn({ err }, 'append failed'));
  try {
    return await withDeadline(outcome, timeoutMs);
  } catch (err) {
    if (isBrokerError(err)) throw logUnavailable((err as Error).message);
    throw err;
  }
}

/**
 * The caller's wait for an acknowledgement, bounded: past `timeoutMs` it is answered 503
 * `log_unavailable` while `pending` goes on (its outcome still settles what it was for).
 */
export async function withDeadline<T>(pending: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(logUnavailable(`no acknowledgement within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([pending, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function isBrokerError(err: unknown): boolean {
  return err instanceof Error && err.name.startsWith('KafkaJS');
}
