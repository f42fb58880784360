import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '@groupchat/test-kit';
import { startMediaHarness, type MediaHarness } from './media-harness';
import * as fx from './media-fixtures';

describe('unattached uploads', () => {
  let h: MediaHarness;
  beforeAll(async () => {
    h = await startMediaHarness({ MEDIA_UNATTACHED_TTL_SECONDS: 3, MEDIA_SWEEP_INTERVAL_SECONDS: 0.25 });
  });
  afterAll(async () => h?.close());

  const upload = async (name: string) => {
    const res = await h.upload(h.token('alice'), { fileName: name, contentType: 'image/png', body: await fx.png() });
    expect(res.status).toBe(201);
    return (await res.json()) as { mediaId: string; thumbnailMediaId: string };
  };
  const keysOf = async (ids: string[]) =>
    (await h.rt.pool.query<{ storage_key: string }>('SELECT storage_key FROM media WHERE media_id = ANY($1)', [ids])).rows.map((r) => r.storage_key);

  it('when an upload is neither attached nor an avatar past the TTL, then it and its thumbnail are removed; the others stay', async () => {
    const [forgotten, sent, avatar] = [await upload('forgotten.png'), await upload('sent.png'), await upload('avatar.png')];
    const groupId = await h.createGroup('public', ['alice']);
    await h.postMessage(groupId, 'alice', [sent.mediaId]);
    // An avatar found only through the users read model, without attached_at, is kept too.
    await h.rt.pool.query(`INSERT INTO users (user_id, username, email, avatar_media_id) VALUES ('alice', 'alice', 'alice@example.test', $1)`, [
      avatar.mediaId,
    ]);
    const forgottenKeys = await keysOf([forgotten.mediaId, forgotten.thumbnailMediaId]);
    expect(forgottenKeys).toHaveLength(2);

    // Rows go first, then the objects: wait for both.
    await waitUntil(
      async () =>
        (await keysOf([forgotten.mediaId, forgotten.thumbnailMediaId])).length === 0 &&
        (await Promise.all(forgottenKeys.map((k) => h.media.store.head(k)))).every((o) => o === undefined),
      { what: 'the sweeper', timeoutMs: 20_000 },
    );

    const kept = [sent.mediaId, sent.thumbnailMediaId, avatar.mediaId, avatar.thumbnailMediaId];
    const keptKeys = await keysOf(kept);
    expect(keptKeys).toHaveLength(4);
    for (const key of keptKeys) expect(await h.media.store.head(key)).toBeDefined();
    expect((await h.get(`/api/v1/media/${sent.mediaId}`, { token: h.token('bob') })).status).toBe(200);
    expect((await h.get(`/api/v1/media/${forgotten.mediaId}`, { token: h.token('alice') })).status).toBe(404);
  });
});
