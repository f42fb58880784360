import { describe, expect, it } from 'vitest';
import type { Runtime } from '@groupchat/shared';
import { GroupsView } from '../src/groups-view';

/** A runtime whose admin client answers end offsets only when the test says so. */
function runtime() {
  const pending: (() => void)[] = [];
  let fetches = 0;
  const admin = {
    connect: async () => undefined,
    disconnect: async () => undefined,
    fetchTopicOffsets: () => {
      fetches++;
      return new Promise<{ partition: number; high: string }[]>((resolve) => pending.push(() => resolve([{ partition: 0, high: String(fetches) }])));
    },
  };
  const rt = { kafka: { admin: () => admin }, config: { GROUPCHAT_NAMESPACE: 't_' } } as unknown as Runtime;
  return { rt, pending, fetches: () => fetches };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the groups view', () => {
  it('when end offsets are asked while a request is in flight, then the callers share one request sent after it, never the earlier one', async () => {
    const { rt, pending, fetches } = runtime();
    const view = new GroupsView(rt, { onMembership: () => undefined });
    const first = view.covers([0], 10);
    await settle();
    const second = view.covers([0], 10);
    const third = view.covers([0], 10);
    await settle();
    expect(fetches()).toBe(1);
    pending.shift()!();
    expect((await first).ends).toEqual([1]);
    await settle();
    expect(fetches()).toBe(2);
    pending.shift()!();
    expect([(await second).ends, (await third).ends]).toEqual([[2], [2]]);
  });

  it('when it has not applied up to the end offsets in time, then it does not claim to cover them', async () => {
    const { rt, pending } = runtime();
    const view = new GroupsView(rt, { onMembership: () => undefined });
    const asked = view.covers([0], 20);
    await settle();
    pending.shift()!();
    // Nothing applied (never started): offset 0 exists in the log but not in this view.
    expect(await asked).toEqual({ covered: false, ends: [1] });
  });
});
