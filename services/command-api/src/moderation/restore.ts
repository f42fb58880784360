import type { Request } from 'express';
import { permissions } from '@groupchat/schemas/permissions';
import { conflict, forbidden, notFound, RESTORE_WINDOW_MS, type Pool } from '@groupchat/shared';
import type { EventOf } from '@groupchat/schemas';
import type { CommandContext } from '../http/context';
import type { Decided } from '../http/envelope';
import type { CommandRoutes } from '../http/routes';
import { pathId } from '../http/validation';
import { PositionResponse } from '../accounts/schemas';
import type { GroupHeads } from '../groups/heads';
import { withGroupLock } from '../groups/lock';
import { memberOf, type GroupFacts } from '../groups/roles';
import { loadGroup, roleIn } from '../groups/state';
import type { MessageHeads } from '../messages/state';
import type { Role } from '@groupchat/schemas';

type Content = Pick<
  EventOf<'MessageRestored'>,
  'senderId' | 'text' | 'attachments' | 'replyTo' | 'threadId' | 'mentions' | 'broadcast' | 'linkPreview' | 'sentAt' | 'sentOffset' | 'removedBy'
>;

/** A message removed by someone other than its sender, as the messages projection keeps it for the undo window. */
export interface Removal extends Content {
  groupId: string;
  removedAt: number;
}

export interface RestoreState {
  group: GroupFacts | null;
  actorRole: Role | null;
  /** The message as the read model shows it: absent, deleted or not. */
  message: { groupId: string; deleted: boolean } | null;
  removal: Removal | null;
}

/**
 * Moderators and up undo a removal of someone else's message within a day of it (the sender's
 * own deletion is final: nothing of it is kept). The event carries the content back.
 */
export function decideRestore(s: RestoreState, c: { groupId: string; messageId: string; now: number }): Decided[] {
  const role = memberOf(s.group, s.actorRole);
  if (!s.message || s.message.groupId !== c.groupId) throw notFound('message');
  if (!permissions.moderate(role)) throw forbidden('only moderators and above undo a removal');
  if (!s.message.deleted) throw conflict('this message is not deleted', 'not_deleted');
  if (!s.removal || s.removal.groupId !== c.groupId || c.now - s.removal.removedAt > RESTORE_WINDOW_MS)
    throw conflict("only a moderator's removal of someone else's message can be undone, within a day", 'not_restorable');
  const { groupId: _g, removedAt: _r, ...content } = s.removal;
  return [{ type: 'MessageRestored', messageId: c.messageId, groupId: c.groupId, ...content }];
}

const UNDEFINED_TABLE = '42P01';

interface RemovalRow {
  group_id: string;
  sender_id: string;
  removed_by: string;
  removed_at: Date;
  text: string | null;
  attachments: Content['attachments'];
  sent_at: Date;
  reply_to: string | null;
  thread_id: string | null;
  mentions: string[];
  broadcast: Content['broadcast'];
  link_preview: string | null;
}

async function loadRemoval(pool: Pool, messageId: string): Promise<{ message: RestoreState['message']; removal: Removal | null }> {
  const [found, kept] = await Promise.all([
    pool.query<{ group_id: string; deleted: boolean; offset: string }>('SELECT group_id, deleted, "offset" FROM messages WHERE message_id = $1', [messageId]),
    // Until messages v4 (which keeps removals) is live after an upgrade, there is no removal to undo.
    pool.query<RemovalRow>('SELECT * FROM removed_messages WHERE message_id = $1', [messageId]).catch((e: { code?: string }) => {
      if (e.code === UNDEFINED_TABLE) return { rows: [] as RemovalRow[] };
      throw e;
    }),
  ]);
  const m = found.rows[0];
  if (!m) return { message: null, removal: null };
  const r = kept.rows[0];
  const removal: Removal | null = r
    ? {
        groupId: r.group_id,
        senderId: r.sender_id,
        removedBy: r.removed_by,
        removedAt: r.removed_at.getTime(),
        text: r.text,
        attachments: r.attachments,
        sentAt: r.sent_at.getTime(),
        sentOffset: Number(m.offset),
        replyTo: r.reply_to,
        threadId: r.thread_id,
        mentions: r.mentions,
        broadcast: r.broadcast,
        linkPreview: r.link_preview,
      }
    : null;
  return { message: { groupId: m.group_id, deleted: m.deleted }, removal };
}

/** POST /groups/:id/messages/:messageId/restore: undo a moderator's removal (docs/moderation.md). */
export function restoreRoutes(routes: CommandRoutes, ctx: CommandContext, heads: GroupHeads, messageHeads: MessageHeads): void {
  const { pool } = ctx.rt;
  routes.add(
    {
      method: 'post',
      path: '/groups/:id/messages/:messageId/restore',
      summary: "Undo a moderator's removal of someone else's message, within a day (moderators and up)",
      description:
        "The message comes back as it was when removed, for everyone, live and in history and search. A message its sender deleted cannot be restored (409 `not_restorable`), nor one removed more than a day ago; one that is not deleted answers 409 `not_deleted`. Restores of one group are decided one at a time, so two moderators' restores make one event.",
      auth: true,
      success: { status: 200, description: 'appended to the log', name: 'PositionResponse', schema: PositionResponse },
      errors: [403, 404, 409],
    },
    ctx.auth,
    async (req: Request, res) => {
      const groupId = pathId(req.params.id, 'group');
      const messageId = pathId(req.params.messageId, 'message');
      const actorId = req.user!.sub;
      const position = await withGroupLock(pool, groupId, async () => {
        await heads.settle(req, groupId, messageHeads.of(messageId));
        const [group, actorRole, { message, removal }] = await Promise.all([
          loadGroup(pool, groupId),
          roleIn(pool, groupId, actorId),
          loadRemoval(pool, messageId),
        ]);
        const decided = decideRestore({ group, actorRole, message, removal }, { groupId, messageId, now: Date.now() });
        return ctx.record(req, decided, groupId, async (results) => messageHeads.advance(messageId, results.at(-1)!.position));
      });
      res.json({ position });
    },
  );
}
