import type { RequestHandler, Router } from 'express';
import { vapidKeys, type Pool, type Runtime } from '@groupchat/shared';
import { readYourWrites } from '../access';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The caller's default and per-conversation notification settings (docs/notifications.md). */
export async function settingsOf(pool: Pool, userId: string) {
  const { rows } = await pool.query<{ group_id: string | null; level: string | null; mute_until: Date | null; push_text: string | null }>(
    `SELECT s.group_id, s.level, s.mute_until, s.push_text FROM notification_settings s
      WHERE s.user_id = $1 AND (s.group_id IS NULL OR EXISTS (SELECT 1 FROM memberships m WHERE m.group_id = s.group_id AND m.user_id = $1))
      ORDER BY s.group_id NULLS FIRST`,
    [userId],
  );
  const own = rows.find((r) => r.group_id === null);
  return {
    default: { level: own?.level ?? 'mentions', muteUntil: iso(own?.mute_until ?? null), pushText: own?.push_text ?? 'public' },
    items: rows.filter((r) => r.group_id !== null).map((r) => ({ groupId: r.group_id!, level: r.level, muteUntil: iso(r.mute_until) })),
  };
}

/** GET /me/notification-settings and GET /me/push-subscriptions (with the key browsers subscribe with). */
export function notificationRoutes(router: Router, rt: Runtime, auth: RequestHandler) {
  router.get('/me/notification-settings', auth, readYourWrites(rt), async (req, res) => {
    res.json(await settingsOf(rt.pool, req.user!.sub));
  });

  let vapid: Promise<string> | undefined;
  router.get('/me/push-subscriptions', auth, async (req, res) => {
    vapid ??= vapidKeys(rt.pool, rt.config).then((k) => k.publicKey);
    vapid.catch(() => (vapid = undefined));
    const [vapidPublicKey, { rows }] = await Promise.all([
      vapid,
      rt.pool.query<{ subscription_id: string; created_at: Date; user_agent: string | null }>(
        'SELECT subscription_id, created_at, user_agent FROM push_subscriptions WHERE user_id = $1 ORDER BY created_at DESC',
        [req.user!.sub],
      ),
    ]);
    res.json({
      vapidPublicKey,
      items: rows.map((r) => ({ subscriptionId: r.subscription_id, createdAt: r.created_at.toISOString(), userAgent: r.user_agent })),
    });
  });
}
