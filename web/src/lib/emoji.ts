// The emoji data is served with the app (see docs/decisions/0013): there is no CDN at run time.
import dataSource from 'emoji-picker-element-data/en/emojibase/data.json?url';
import type Database from 'emoji-picker-element/database.js';
import type { NativeEmoji } from 'emoji-picker-element/shared';

export const EMOJI_DATA_URL = dataSource;

export interface EmojiMatch {
  unicode: string;
  shortcode: string;
  annotation: string;
}

let database: Promise<Database> | null = null;

/** One IndexedDB-backed database for the picker and the completion, loaded when first needed. */
export function emojiDatabase(): Promise<Database> {
  database ??= import('emoji-picker-element/database.js').then(({ default: Db }) => new Db({ dataSource }));
  return database;
}

/** Emoji whose shortcode starts with the query first, then other matches, in the preferred skin tone. */
export async function searchEmoji(query: string, limit = 8): Promise<EmojiMatch[]> {
  const db = await emojiDatabase();
  const [found, tone] = await Promise.all([db.getEmojiBySearchQuery(query), db.getPreferredSkinTone()]);
  const q = query.toLowerCase();
  return found
    .filter((e): e is NativeEmoji => 'unicode' in e)
    .map((e) => {
      const shortcode = e.shortcodes?.find((s) => s.startsWith(q)) ?? e.shortcodes?.[0] ?? e.annotation;
      const skin = tone ? e.skins?.find((s) => s.tone === tone)?.unicode : undefined;
      return { unicode: skin ?? e.unicode, shortcode, annotation: e.annotation, prefix: shortcode.startsWith(q) };
    })
    .sort((a, b) => Number(b.prefix) - Number(a.prefix))
    .slice(0, limit)
    .map(({ prefix: _, ...m }) => m);
}

/** Counts an emoji as used, for the picker's "frequently used" row. */
export function noteEmojiUsed(unicode: string): void {
  void emojiDatabase()
    .then((db) => db.incrementFavoriteEmojiCount(unicode))
    .catch(() => undefined);
}
