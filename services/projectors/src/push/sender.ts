import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createHash } from 'node:crypto';
import webPush from 'web-push';
import type { PoolClient } from 'pg';
import { guardedLookup, pushEndpointProblem, vapidKeys, type Logger, type Pool, type VapidKeys } from '@groupchat/shared';
import { FRESH_MS } from '../projections/notifications';
import { deliveriesOf, type Delivery } from './deliveries';

export interface PushSenderOptions {
  /** Whether the user has a GroupChat tab open and visible somewhere: then nothing is pushed. */
  isAwake(userId: string): boolean;
  allowLoopback: boolean;
  subject: string;
  env?: { VAPID_PUBLIC_KEY?: string; VAPID_PRIVATE_KEY?: string };
  /** Poll interval when no notification wakes the sender. */
  pollMs?: number;
}

interface Subscription {
  subscriptionId: string;
  userId: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

const CLAIM = 200;
const CLAIM_SECONDS = 60;
const PARALLEL = 16;
const REQUEST_TIMEOUT_MS = 10_000;
const PRUNE_EVERY_MS = 60_000;

/** What the push carries (docs/notifications.md); the service worker turns it into a notification. */
export function payloadOf(d: Delivery) {
  return {
    type: 'message',
    groupId: d.groupId,
    groupName: d.groupName,
    messageId: d.messageId,
    sender: { userId: d.senderId, displayName: d.senderName },
    reason: d.reason,
    text: d.text,
    url: `/groups/${d.groupId}/messages/${d.messageId}`,
  };
}

/**
 * Sends Web Push for the messages the notifications projection queued: claims a batch (SKIP
 * LOCKED, so any number of processes share the queue), works out the deliveries in one query,
 * skips users who are looking at a tab, records each (message, user) before pushing to it so a
 * message pushes at most once per user, posts to every subscription of theirs, and removes the
 * subscriptions the push service says are gone (404, 410). Woken by the projection's NOTIFY,
 * polling as a fallback.
 */
export class PushSender {
  private listener?: PoolClient;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private closed = false;
  private keys?: VapidKeys;
  private lastPrune = 0;
  readonly stats = { pushed: 0, skippedAwake: 0, gone: 0, failed: 0 };

  constructor(
    private readonly pool: Pool,
    private readonly log: Logger,
    private readonly options: PushSenderOptions,
  ) {}

  async start(): Promise<void> {
    this.timer = setInterval(() => this.wake(), this.options.pollMs ?? 2000);
    this.timer.unref();
    try {
      this.listener = await this.pool.connect();
      this.listener.on('notification', () => this.wake());
      this.listener.on('error', (err) => this.log.warn({ err }, 'push sender: listener failed; polling'));
      await this.listener.query('LISTEN notification_queue');
    } catch (err) {
      this.log.warn({ err }, 'push sender: cannot listen; polling');
    }
    this.wake();
  }

  /** Runs a drain now, or once more after the one running. */
  wake(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((err: Error & { code?: string }) => {
        // The push tables come with command-api's migrations; until they exist there is nothing to send.
        if (err.code === '42P01') this.log.debug({ err }, 'push sender: tables not there yet');
        else this.log.warn({ err }, 'push sender: drain failed');
      })
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Until the queue holds nothing claimable. */
  async drain(): Promise<void> {
    await this.prune();
    for (;;) {
      const claimed = await this.claim();
      if (!claimed.length) return;
      const deliveries = (await deliveriesOf(this.pool, claimed)).filter((d) => {
        if (!this.options.isAwake(d.userId)) return true;
        this.stats.skippedAwake++;
        return false;
      });
      await this.deliver(deliveries);
      await this.pool.query('DELETE FROM notification_queue WHERE message_id = ANY($1)', [claimed]);
      if (claimed.length < CLAIM) return;
    }
  }

  /** Messages whose row the messages view has already (they wait otherwise), oldest first. */
  private async claim(): Promise<string[]> {
    const { rows } = await this.pool.query<{ message_id: string }>(
      `UPDATE notification_queue q SET claimed_until = now() + make_interval(secs => $2)
        WHERE q.message_id IN (
          SELECT c.message_id FROM notification_queue c
           WHERE (c.claimed_until IS NULL OR c.claimed_until < now()) AND EXISTS (SELECT 1 FROM messages m WHERE m.message_id = c.message_id)
           ORDER BY c.sent_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING q.message_id`,
      [CLAIM, CLAIM_SECONDS],
    );
    return rows.map((r) => r.message_id);
  }

  private async deliver(deliveries: Delivery[]): Promise<void> {
    if (!deliveries.length) return;
    // Recorded first: a message pushes to a user at most once, even when queued again by a rebuild.
    const { rows: fresh } = await this.pool.query<{ message_id: string; user_id: string }>(
      `INSERT INTO push_sent (message_id, user_id) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING RETURNING message_id, user_id`,
      [deliveries.map((d) => d.messageId), deliveries.map((d) => d.userId)],
    );
    const todo = new Set(fresh.map((r) => `${r.message_id}/${r.user_id}`));
    const chosen = deliveries.filter((d) => todo.has(`${d.messageId}/${d.userId}`));
    if (!chosen.length) return;
    const subscriptions = await this.subscriptionsOf([...new Set(chosen.map((d) => d.userId))]);
    const jobs = chosen.flatMap((d) => (subscriptions.get(d.userId) ?? []).map((s) => () => this.push(d, s)));
    await inParallel(jobs, PARALLEL);
  }

  private async subscriptionsOf(userIds: string[]): Promise<Map<string, Subscription[]>> {
    const { rows } = await this.pool.query<{ subscription_id: string; user_id: string; endpoint: string; p256dh: string; auth: string }>(
      'SELECT subscription_id, user_id, endpoint, p256dh, auth FROM push_subscriptions WHERE user_id = ANY($1)',
      [userIds],
    );
    const byUser = new Map<string, Subscription[]>();
    for (const r of rows) {
      const list = byUser.get(r.user_id) ?? [];
      list.push({ subscriptionId: r.subscription_id, userId: r.user_id, endpoint: r.endpoint, keys: { p256dh: r.p256dh, auth: r.auth } });
      byUser.set(r.user_id, list);
    }
    return byUser;
  }

  private async push(d: Delivery, s: Subscription): Promise<void> {
    const problem = pushEndpointProblem(s.endpoint, { allowLoopback: this.options.allowLoopback });
    if (problem) {
      this.log.warn({ subscriptionId: s.subscriptionId, problem }, 'push sender: endpoint refused; subscription removed');
      await this.remove(s);
      return;
    }
    this.keys ??= await vapidKeys(this.pool, this.options.env);
    const details = webPush.generateRequestDetails(s, JSON.stringify(payloadOf(d)), {
      vapidDetails: { subject: this.options.subject, publicKey: this.keys.publicKey, privateKey: this.keys.privateKey },
      TTL: Math.round(FRESH_MS / 1000),
      urgency: d.reason === 'message' || d.reason === 'broadcast' ? 'normal' : 'high',
      // A push service replaces an undelivered push of the same topic: a repeat never stacks up.
      topic: createHash('sha256').update(d.messageId).digest('base64url').slice(0, 32),
    });
    try {
      const status = await post(details.endpoint, details.headers, details.body, this.options.allowLoopback);
      if (status === 404 || status === 410) {
        this.stats.gone++;
        await this.remove(s);
      } else if (status >= 200 && status < 300) this.stats.pushed++;
      else {
        this.stats.failed++;
        this.log.warn({ subscriptionId: s.subscriptionId, status }, 'push sender: the push service refused a push');
      }
    } catch (err) {
      this.stats.failed++;
      this.log.warn({ err, subscriptionId: s.subscriptionId }, 'push sender: push not sent');
    }
  }

  private async remove(s: Subscription) {
    await this.pool.query('DELETE FROM push_subscriptions WHERE subscription_id = $1 AND endpoint = $2', [s.subscriptionId, s.endpoint]);
  }

  private async prune() {
    if (Date.now() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = Date.now();
    await this.pool.query(`DELETE FROM notification_queue WHERE sent_at < now() - make_interval(secs => $1)`, [FRESH_MS / 1000]);
    await this.pool.query(`DELETE FROM push_sent WHERE sent_at < now() - interval '1 day'`);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.running;
    if (this.listener) {
      await this.listener.query('UNLISTEN *').catch(() => undefined);
      this.listener.release();
    }
  }
}

/** POSTs a push, connecting only to addresses the outbound rules allow; no redirects are followed. */
function post(endpoint: string, headers: Record<string, string | number>, body: Buffer | null, allowLoopback: boolean): Promise<number> {
  const url = new URL(endpoint);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const r = request(url, { method: 'POST', headers, agent: false, lookup: guardedLookup({ allowLoopback }), timeout: REQUEST_TIMEOUT_MS }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    r.on('timeout', () => r.destroy(new Error('the push service took too long')));
    r.on('error', reject);
    r.end(body ?? undefined);
  });
}

async function inParallel(jobs: (() => Promise<void>)[], width: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, jobs.length) }, async () => {
      while (next < jobs.length) await jobs[next++]!();
    }),
  );
}
