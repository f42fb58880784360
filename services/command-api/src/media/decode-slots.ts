import pLimit from 'p-limit';
import { AppError } from '@groupchat/shared';

export interface DecodeSlots {
  /** Runs `task` when a slot is free; refuses at once (503, Retry-After) when the queue is full. */
  run<T>(task: () => Promise<T>): Promise<T>;
}

/**
 * Decoding a large image takes hundreds of megabytes and the threads libuv shares with file I/O:
 * a few at a time per process, a short queue behind them, and a refusal beyond that rather than
 * an unbounded pile of waiting uploads (each holding a staged file and a connection).
 */
export function decodeSlots({ concurrency, queue, retryAfterSeconds = 5 }: { concurrency: number; queue: number; retryAfterSeconds?: number }): DecodeSlots {
  const limit = pLimit(concurrency);
  return {
    run(task) {
      if (limit.activeCount + limit.pendingCount >= concurrency + queue) {
        return Promise.reject(new AppError(503, 'media_busy', 'too many images are being processed; retry shortly', { retryAfter: retryAfterSeconds }, true));
      }
      return limit(task);
    },
  };
}
