import { unreadCounts, type Pool, type UnreadCount } from '@groupchat/shared';

export type UnreadItem = Omit<UnreadCount, 'userId'>;

/** The caller's unread and mention counts, one item per conversation they can read (docs/unread.md). */
export async function unreadOf(pool: Pool, userId: string): Promise<{ items: UnreadItem[] }> {
  return { items: (await unreadCounts(pool, [userId])).map(({ userId: _, ...item }) => item) };
}
