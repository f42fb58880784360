import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createKafka } from '../src/kafka-client';
import { KAFKAJS_REQUEST_QUEUE_FIXED, requestQueuePrototype, scheduleCheckPendingRequests } from '../src/kafkajs-request-queue';

/** A request queue in the state kafkajs keeps: nothing throttled yet, `pending` waiting for a free in-flight slot. */
function queue(pending: unknown[], throttledUntil = -1) {
  const q = { throttledUntil, pending, throttleCheckTimeoutId: null as ReturnType<typeof setTimeout> | null, checks: 0 };
  return Object.assign(q, {
    checkPendingRequests: () => void q.checks++,
    schedule: () => requestQueuePrototype.scheduleCheckPendingRequests.call(q as never),
  });
}

describe("kafkajs's request queue, as createKafka's clients use it", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('is the kafkajs version whose scheduling is replaced (another version: check whether it still needs it)', () => {
    expect(KAFKAJS_REQUEST_QUEUE_FIXED).toBe(true);
    // Loading the client module is what installs it.
    expect(createKafka).toBeTypeOf('function');
    expect(requestQueuePrototype.scheduleCheckPendingRequests).toBe(scheduleCheckPendingRequests);
  });

  it('arms no timer when nothing waits and nothing is throttled (kafkajs 2.2.4 re-armed one every millisecond)', () => {
    const q = queue([]);
    q.schedule();
    expect(q.throttleCheckTimeoutId).toBeNull();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('looks at waiting requests again after 10 ms, once', () => {
    const q = queue(['request']);
    q.schedule();
    q.schedule();
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(9);
    expect(q.checks).toBe(0);
    vi.advanceTimersByTime(1);
    expect(q.checks).toBe(1);
    expect(q.throttleCheckTimeoutId).toBeNull();
  });

  it('while the broker throttles, looks again when the throttle ends, waiting requests or not', () => {
    for (const pending of [[], ['request']]) {
      const q = queue(pending, Date.now() + 500);
      q.schedule();
      vi.advanceTimersByTime(499);
      expect(q.checks).toBe(0);
      vi.advanceTimersByTime(1);
      expect(q.checks).toBe(1);
    }
  });
});
