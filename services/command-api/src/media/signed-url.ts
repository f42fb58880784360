import { createHmac, timingSafeEqual } from 'node:crypto';

export type Variant = 'original' | 'thumbnail';

/**
 * Short-lived URL tokens, so that <img src> and <video src> (which cannot send an
 * Authorization header) can load media: the token names the user it was issued to and
 * expires; whether that user may still see the media is checked on every request.
 * The key is MEDIA_URL_SECRET, never the JWT key: leaking one kind of token's key must not
 * forge the other kind.
 */
export function createUrlSigner(secret: string, ttlSeconds: number) {
  const key = createHmac('sha256', secret).update('groupchat media url v1').digest();
  const mac = (mediaId: string, variant: Variant, payload: string) =>
    createHmac('sha256', key).update(`${mediaId}\n${variant}\n${payload}`).digest().subarray(0, 18);

  return {
    ttlSeconds,
    sign(mediaId: string, variant: Variant, userId: string, now = Date.now()): { token: string; expiresAt: Date } {
      const expires = Math.floor(now / 1000) + ttlSeconds;
      const payload = `${expires.toString(36)}.${Buffer.from(userId).toString('base64url')}`;
      return { token: `${payload}.${mac(mediaId, variant, payload).toString('base64url')}`, expiresAt: new Date(expires * 1000) };
    },
    /** The user the token was issued to, or `expired`/`invalid`. */
    verify(token: string, mediaId: string, variant: Variant, now = Date.now()): { userId: string } | 'expired' | 'invalid' {
      const m = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{1,200})\.([A-Za-z0-9_-]{24})$/.exec(token);
      if (!m) return 'invalid';
      const given = Buffer.from(m[3]!, 'base64url');
      const expected = mac(mediaId, variant, `${m[1]}.${m[2]}`);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
      if (parseInt(m[1]!, 36) * 1000 < now) return 'expired';
      return { userId: Buffer.from(m[2]!, 'base64url').toString() };
    },
  };
}

export type UrlSigner = ReturnType<typeof createUrlSigner>;

export function mediaUrl(signer: UrlSigner, mediaId: string, variant: Variant, userId: string): { url: string; expiresAt: Date } {
  const { token, expiresAt } = signer.sign(mediaId, variant, userId);
  const path = variant === 'thumbnail' ? `/api/v1/media/${mediaId}/thumbnail` : `/api/v1/media/${mediaId}`;
  return { url: `${path}?token=${token}`, expiresAt };
}
