import type { Request, RequestHandler } from 'express';
import { authenticate, formatPosition, type AppendResult, type Runtime } from '@groupchat/shared';
import { appendEvents, type Appender, type Settlement } from './append';
import { envelopeOf, stamp, type Decided } from './envelope';
import type { DomainEvent } from '@groupchat/schemas';

/** What every feature's routes share: the runtime, the event log, and authentication. */
export interface CommandContext {
  rt: Runtime;
  auth: RequestHandler;
  append<T>(items: { event: DomainEvent; key: string }[], settlement: Settlement<T>): Promise<T>;
  /**
   * Stamps and appends one command's events on one key and answers the position token of
   * the last (all share one partition, so it covers them all). `after` runs once acknowledged.
   */
  record(req: Request, decided: Decided[], key: string, after?: (results: AppendResult[]) => Promise<void>): Promise<string>;
}

export function commandContext(rt: Runtime, log: Appender): CommandContext {
  const append: CommandContext['append'] = (items, settlement) => appendEvents(log, items, settlement, { timeoutMs: rt.config.APPEND_TIMEOUT_MS, log: rt.log });
  return {
    rt,
    auth: authenticate(rt.config),
    append,
    record(req, decided, key, after) {
      const envelope = envelopeOf(req);
      return append(
        decided.map((d) => ({ event: stamp(d, envelope), key })),
        {
          async done(results) {
            await after?.(results);
            return formatPosition(results.at(-1)!.position);
          },
        },
      );
    },
  };
}
