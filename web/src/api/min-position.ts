import { laterOf, streamOf } from '../lib/position';

/**
 * Read-your-writes: the positions of this client's own writes, one per log partition, sent as
 * `X-Min-Position` so reads (and the command API's own checks) wait until they have caught up.
 */
export function createMinPositions(limit = 8) {
  const latest = new Map<string, string>();

  return {
    note(token: string | null | undefined) {
      if (!token) return;
      const key = streamOf(token);
      const kept = laterOf(latest.get(key), token)!;
      latest.delete(key);
      latest.set(key, kept);
      while (latest.size > limit) latest.delete(latest.keys().next().value!);
    },
    header(): string | undefined {
      return latest.size ? [...latest.values()].join(',') : undefined;
    },
    clear() {
      latest.clear();
    },
  };
}

export type MinPositions = ReturnType<typeof createMinPositions>;
