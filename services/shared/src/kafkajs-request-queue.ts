// kafkajs 2.2.4 (its last release) keeps a 1 ms timer going on every connection that has nothing
// to do: its request queue schedules the next look at waiting requests `throttledUntil - now` ms
// ahead, which is negative whenever the broker throttles nothing (throttledUntil starts at -1),
// and that look schedules the next one (kafkajs issues #1704 and #1751). That is about 1,500
// wake-ups a second in an idle process; Node 20 ran them silently, Node 24 prints a
// TimeoutNegativeWarning for them (into the CLI's error output, too).
//
// Here the queue looks again only when that can change something: a request waits (at the end
// of a throttle, else at kafkajs's own 10 ms), or a throttle ends. A request pushed later while
// the queue is full schedules its own look (RequestQueue.push), and each response looks at once.
import { createRequire } from 'node:module';

interface RequestQueue {
  throttledUntil: number;
  pending: unknown[];
  throttleCheckTimeoutId: ReturnType<typeof setTimeout> | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

const require = createRequire(import.meta.url);
const { version } = require('kafkajs/package.json') as { version: string };
const { prototype } = require('kafkajs/src/network/requestQueue/index.js') as { prototype: RequestQueue };
/** kafkajs's interval between looks while requests wait for a free in-flight slot. */
const CHECK_PENDING_REQUESTS_INTERVAL = 10;

/** The version this replaces the scheduling of; another one is left as it is, and its test says to look again. */
export const KAFKAJS_REQUEST_QUEUE_FIXED = version === '2.2.4';

/** RequestQueue.scheduleCheckPendingRequests, arming a timer only when a later look can change something. */
export function scheduleCheckPendingRequests(this: RequestQueue): void {
  if (this.throttleCheckTimeoutId) return;
  const throttledFor = this.throttledUntil - Date.now();
  if (this.pending.length === 0 && throttledFor <= 0) return;
  this.throttleCheckTimeoutId = setTimeout(
    () => {
      this.throttleCheckTimeoutId = null;
      this.checkPendingRequests();
    },
    throttledFor > 0 ? throttledFor : CHECK_PENDING_REQUESTS_INTERVAL,
  );
}

if (KAFKAJS_REQUEST_QUEUE_FIXED) prototype.scheduleCheckPendingRequests = scheduleCheckPendingRequests;

/** For tests: the queue's prototype as kafkajs uses it. */
export const requestQueuePrototype = prototype;
