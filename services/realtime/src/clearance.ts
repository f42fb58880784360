import type { Context } from './context';
import { resyncGroup, revoke } from './subscribe';

/**
 * Clears the events of followed groups for their current subscribers. Messages and
 * memberships live on different topics with no order between them, so the messages just read
 * may have been appended after a removal this process has not read yet (its groups consumer
 * lags). Every group event acknowledged before those messages were appended lies below the
 * groups topic's end offsets read now; once this process's groups view has applied up to
 * them, its revocations have run. If it does not get there in time, the groups projection is
 * asked instead, once it has reached the same offsets, and subscribers it no longer counts as
 * members are revoked; if neither can answer, the subscribers are told to resync rather than
 * be sent what they may no longer read.
 */
export async function clearDelivery(ctx: Context, groupIds: string[]): Promise<void> {
  let ends: number[];
  try {
    const seen = await ctx.view.covers(
      groupIds.map((g) => ctx.view.partitionOf(g)),
      ctx.options.membershipWaitMs,
    );
    if (seen.covered) return;
    ends = seen.ends;
  } catch (err) {
    ctx.rt.log.warn({ err }, 'groups topic end offsets unreadable; subscribers of the batch must resync');
    for (const groupId of groupIds) resyncGroup(ctx, groupId, 'membership_unknown');
    return;
  }
  await Promise.all(groupIds.map((groupId) => clearFromReadModel(ctx, groupId, (ends[ctx.view.partitionOf(groupId)] ?? 0) - 1)));
}

async function clearFromReadModel(ctx: Context, groupId: string, end: number) {
  const subs = ctx.hub.subscriptions(groupId);
  if (!subs.length) return;
  let group;
  try {
    group = await ctx.access.membersAt(
      groupId,
      subs.map((s) => s.userId),
      end,
    );
  } catch (err) {
    ctx.rt.log.warn({ err, groupId }, 'memberships unknown while the groups view lags; subscribers must resync');
    return resyncGroup(ctx, groupId, 'membership_unknown');
  }
  for (const sub of subs) {
    if (!group || group.deleted) revoke(ctx, sub, 'group_deleted');
    else if (!group.members.has(sub.userId)) revoke(ctx, sub, 'removed');
  }
}
