import { createHash } from 'node:crypto';
import { badRequest, invalid, pushEndpointProblem } from '@groupchat/shared';
import type { CommandContext } from '../http/context';
import type { CommandRoutes } from '../http/routes';
import { byUser, limiter, MINUTE } from '../http/rate-limits';
import { parseInput, pathId } from '../http/validation';
import type { GroupHeads } from '../groups/heads';
import { memberOf } from '../groups/roles';
import { loadGroup, roleIn } from '../groups/state';
import {
  MUTE_MAX,
  NotificationSettingRequest,
  NotificationSettingReset,
  NotificationSettingResponse,
  PushSubscriptionCreated,
  PushSubscriptionRequest,
  PushUnsubscribeRequest,
} from './schemas';

/** Settings changes per user per minute: each is an event, and a menu needs only a few. */
const SETTINGS_LIMIT = 60;
/** Browsers per user with a push subscription; subscribing another drops the oldest. */
export const MAX_PUSH_SUBSCRIPTIONS = 20;

/** The id of a subscription: its endpoint's digest, so the endpoint itself is never shown back. */
export const subscriptionIdOf = (endpoint: string) => createHash('sha256').update(endpoint).digest('base64url').slice(0, 22);

/**
 * Notification settings (events on the users topic, docs/notifications.md) and Web Push
 * subscriptions (rows of command-api's own table: their keys are secrets, kept out of the log).
 */
export function notificationRoutes(routes: CommandRoutes, ctx: CommandContext, heads: GroupHeads) {
  const { pool, config } = ctx.rt;
  const perUser = limiter({ windowMs: MINUTE, limit: SETTINGS_LIMIT, key: (req) => `notification-settings:${byUser(req)}` });

  routes.add(
    {
      method: 'put',
      path: '/me/notification-settings/:groupId',
      summary: 'Set how a conversation notifies me, or (groupId `default`) my default',
      description:
        'The whole setting: `level` (all messages, mentions and replies only, or nothing; a direct message counts as a mention) and `muteUntil` (nothing at all before it, @here and @everyone included). On `default`, also `pushText`: whether pushes show message text (only for public groups unless `always`). Recorded as a NotificationSettingsChanged event. Members only.',
      auth: true,
      body: { name: 'NotificationSettingRequest', schema: NotificationSettingRequest },
      success: { status: 200, description: 'the setting as recorded', name: 'NotificationSettingResponse', schema: NotificationSettingResponse },
      errors: [403, 404, 422, 429],
    },
    ctx.auth,
    perUser,
    async (req, res) => {
      const userId = req.user!.sub;
      const isDefault = req.params.groupId === 'default';
      const groupId = isDefault ? null : pathId(req.params.groupId, 'group');
      const input = parseInput(NotificationSettingRequest, req.body);
      const muteUntil = input.muteUntil ? Date.parse(input.muteUntil) : null;
      if (muteUntil !== null && muteUntil > MUTE_MAX) throw invalid([{ field: 'muteUntil', message: `must be before ${new Date(MUTE_MAX).toISOString()}` }]);
      if (!isDefault && input.pushText) throw invalid([{ field: 'pushText', message: 'is a setting of the default only' }]);
      if (groupId) await memberOfGroup(groupId, userId, req);
      const pushText = isDefault ? (input.pushText ?? null) : null;
      const position = await ctx.record(req, [{ type: 'NotificationSettingsChanged', userId, groupId, level: input.level, muteUntil, pushText }], userId);
      res.json({ groupId, level: input.level, muteUntil: muteUntil === null ? null : new Date(muteUntil).toISOString(), pushText, position });
    },
  );

  routes.add(
    {
      method: 'delete',
      path: '/me/notification-settings/:groupId',
      summary: "Drop a conversation's own notification setting: it follows my default again",
      auth: true,
      success: { status: 200, description: 'recorded', name: 'NotificationSettingReset', schema: NotificationSettingReset },
      errors: [403, 404, 429],
    },
    ctx.auth,
    perUser,
    async (req, res) => {
      const userId = req.user!.sub;
      if (req.params.groupId === 'default') throw badRequest('the default cannot be dropped; set it instead', 'default_not_removable');
      const groupId = pathId(req.params.groupId, 'group');
      await memberOfGroup(groupId, userId, req);
      const position = await ctx.record(req, [{ type: 'NotificationSettingsChanged', userId, groupId, level: null, muteUntil: null, pushText: null }], userId);
      res.json({ groupId, position });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/me/push-subscriptions',
      summary: "Register this browser's Web Push subscription (PushSubscription.toJSON())",
      description:
        'The endpoint must be an https URL of a push service (not a private address). Subscribing an endpoint again updates its keys, and moves it to the caller if another account had it. A user keeps at most 20 subscriptions; a new one drops the oldest. Not an event: the keys are secrets.',
      auth: true,
      body: { name: 'PushSubscriptionRequest', schema: PushSubscriptionRequest },
      success: { status: 201, description: 'registered', name: 'PushSubscriptionCreated', schema: PushSubscriptionCreated },
      errors: [422, 429],
    },
    ctx.auth,
    perUser,
    async (req, res) => {
      const userId = req.user!.sub;
      const input = parseInput(PushSubscriptionRequest, req.body);
      const problem = pushEndpointProblem(input.endpoint, { allowLoopback: config.PUSH_ALLOW_LOOPBACK });
      if (problem) throw invalid([{ field: 'endpoint', message: problem }]);
      const subscriptionId = subscriptionIdOf(input.endpoint);
      const userAgent = String(req.headers['user-agent'] ?? '').slice(0, 200) || null;
      // The id is a hash of the endpoint, and its index (the primary key) is the table's first: as the arbiter it sees a
      // concurrent insert of the same endpoint before the endpoint index does, so two at once never end in a 500.
      const { rows } = await pool.query<{ created_at: Date }>(
        `WITH upsert AS (
           INSERT INTO push_subscriptions (subscription_id, endpoint, user_id, p256dh, auth, user_agent) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (subscription_id) DO UPDATE SET user_id = EXCLUDED.user_id, p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth,
             user_agent = EXCLUDED.user_agent, created_at = now()
           RETURNING created_at),
         oldest AS (
           DELETE FROM push_subscriptions WHERE subscription_id IN (
             SELECT subscription_id FROM push_subscriptions WHERE user_id = $3 AND subscription_id <> $1 ORDER BY created_at DESC OFFSET $7))
         SELECT created_at FROM upsert`,
        [subscriptionId, input.endpoint, userId, input.keys.p256dh, input.keys.auth, userAgent, MAX_PUSH_SUBSCRIPTIONS - 1],
      );
      res.status(201).json({ subscriptionId, createdAt: rows[0]!.created_at.toISOString() });
    },
  );

  routes.add(
    {
      method: 'delete',
      path: '/me/push-subscriptions',
      summary: "Remove this browser's Web Push subscription",
      description: 'Removes the caller’s subscription with this endpoint; one of another account, or none, is left alone and answers the same.',
      auth: true,
      body: { name: 'PushUnsubscribeRequest', schema: PushUnsubscribeRequest },
      success: { status: 204, description: 'removed (or there was none)' },
      errors: [422, 429],
    },
    ctx.auth,
    perUser,
    async (req, res) => {
      const input = parseInput(PushUnsubscribeRequest, req.body);
      await pool.query('DELETE FROM push_subscriptions WHERE endpoint = $1 AND user_id = $2', [input.endpoint, req.user!.sub]);
      res.status(204).end();
    },
  );

  async function memberOfGroup(groupId: string, userId: string, req: Parameters<GroupHeads['settle']>[0]) {
    await heads.settle(req, groupId);
    const [group, role] = await Promise.all([loadGroup(pool, groupId), roleIn(pool, groupId, userId)]);
    memberOf(group, role);
  }
}
