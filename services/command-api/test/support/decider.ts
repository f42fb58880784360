import { expect } from 'vitest';
import { AppError } from '@groupchat/shared';
import type { Decided } from '../../src/http/envelope';

/** Decider tests read: given state, when command, then events — or then the error. */
export function given<S>(state: S) {
  return {
    when<C>(decide: (s: S, c: C) => Decided[], command: C) {
      return {
        then(events: Decided[]) {
          expect(decide(state, command)).toEqual(events);
        },
        thenFails(status: number, code: string) {
          let error: unknown;
          try {
            decide(state, command);
          } catch (err) {
            error = err;
          }
          expect(error, 'the command should be refused').toBeInstanceOf(AppError);
          expect({ status: (error as AppError).status, code: (error as AppError).code }).toEqual({ status, code });
          return error as AppError;
        },
      };
    },
  };
}
