import { AppError, formatPosition, parsePositions, waitForPositions } from '@groupchat/shared';
import type { Context } from './context';
import type { MembershipEnd } from './groups-view';
import { resyncsCounter, subscriptionsGauge } from './metrics';
import type { ClientFrame, ResyncReason, UnsubscribeReason } from './protocol';
import { replay } from './replay';
import { Subscription, type Sink } from './subscription';

type SubscribeFrame = Extract<ClientFrame, { type: 'subscribe' }>;

/**
 * Subscribes a socket to a group. The subscription joins the hub first, holding live events,
 * so nothing after `from` (the live offset at that moment) can be missed; membership is checked;
 * with `after`, the events in (after, from] come from the timeline read model once it has
 * reached `from`; then the held events past that go out and the subscription is live.
 */
export async function subscribe(ctx: Context, sink: Sink, frame: SubscribeFrame): Promise<void> {
  const { groupId } = frame;
  const existing = sink.subs.get(groupId);
  if (existing) drop(ctx, existing);
  else if (sink.subs.size >= ctx.options.maxSubscriptionsPerSocket) {
    return sink.sendJson({
      type: 'error',
      code: 'too_many_subscriptions',
      message: `at most ${ctx.options.maxSubscriptionsPerSocket} subscriptions per connection`,
      groupId,
    });
  }
  const partition = ctx.feed.partitionOf(groupId);
  const sub = new Subscription(groupId, partition, ctx.feed.lastOffset(partition), sink, ctx.options.maxHeldEvents);
  sink.subs.set(groupId, sub);
  ctx.hub.add(sub);
  subscriptionsGauge.inc();
  try {
    if (frame.minPosition) await waitForPositions(ctx.rt.pool, parsePositions(frame.minPosition), { timeoutMs: ctx.options.resumeWaitMs });
    const verdict = await ctx.access.check(groupId, sink.userId);
    if (sub.ended) return;
    if (verdict !== 'ok') {
      drop(ctx, sub);
      const message = verdict === 'forbidden' ? 'join the group to follow it' : 'no such group';
      return sink.sendJson({ type: 'error', code: verdict, message, groupId });
    }
    if (frame.after === undefined) {
      const position = sub.from >= 0 ? formatPosition({ topic: 'messages', partition, offset: BigInt(sub.from) }) : undefined;
      sink.sendJson({ type: 'subscribed', groupId, ...(position ? { position } : {}) });
      return activate(ctx, sub, sub.from);
    }
    sink.sendJson({ type: 'subscribed', groupId });
    const outcome = await replay(ctx, sub, frame.after);
    if (sub.ended) return;
    if (typeof outcome === 'string') {
      drop(ctx, sub);
      resyncsCounter.inc();
      ctx.rt.log.info({ groupId, after: frame.after, from: sub.from, reason: outcome }, 'resume answered with resync');
      return sink.sendJson({ type: 'resync', groupId, reason: outcome });
    }
    activate(ctx, sub, outcome);
  } catch (err) {
    if (sub.ended) return;
    drop(ctx, sub);
    if (err instanceof AppError) return sink.sendJson({ type: 'error', code: err.code, message: err.message, groupId });
    ctx.rt.log.warn({ err, groupId }, 'subscription could not be set up');
    sink.sendJson({ type: 'error', code: 'unavailable', message: 'the subscription could not be set up; retry shortly', groupId });
  }
}

export function unsubscribe(ctx: Context, sink: Sink, groupId: string) {
  const sub = sink.subs.get(groupId);
  if (sub) drop(ctx, sub);
  sink.sendJson({ type: 'unsubscribed', groupId, reason: 'client' });
}

/** A member removed or gone, or the group deleted: their subscriptions end at once. */
export function endMembership(ctx: Context, event: MembershipEnd) {
  const reason = event.type === 'GroupDeleted' ? 'group_deleted' : event.type === 'MemberLeft' ? 'left' : 'removed';
  for (const sub of ctx.hub.subscriptions(event.groupId)) {
    if (event.type !== 'GroupDeleted' && sub.userId !== event.userId) continue;
    revoke(ctx, sub, reason);
  }
}

/** The subscriber may no longer follow the group: it is told so and gets nothing more. */
export function revoke(ctx: Context, sub: Subscription, reason: UnsubscribeReason) {
  drop(ctx, sub);
  sub.sink.sendJson({ type: 'unsubscribed', groupId: sub.groupId, reason });
}

/** The group's subscribers cannot be served what follows (an event missed, or memberships unknown): they must reload. */
export function resyncGroup(ctx: Context, groupId: string, reason: ResyncReason) {
  for (const sub of ctx.hub.subscriptions(groupId)) {
    drop(ctx, sub);
    resyncsCounter.inc();
    sub.sink.sendJson({ type: 'resync', groupId, reason });
  }
}

export function drop(ctx: Context, sub: Subscription) {
  if (sub.ended) return;
  const wasLive = sub.state === 'live';
  sub.end();
  ctx.hub.remove(sub);
  if (sub.sink.subs.get(sub.groupId) === sub) sub.sink.subs.delete(sub.groupId);
  subscriptionsGauge.dec();
  if (wasLive) ctx.presence.leave(sub.groupId, sub.userId);
}

function activate(ctx: Context, sub: Subscription, covered: number) {
  sub.goLive(covered);
  // Releasing the held events may have closed a slow socket.
  if (sub.state !== 'live') return;
  ctx.presence.join(sub.groupId, sub.userId);
  sub.sink.send(ctx.presence.frameFor(sub.groupId, sub.userId), 'presence');
}
