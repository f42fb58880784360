import { createPublicKey, verify } from 'node:crypto';

/** RFC 8292 §2: a push service refuses a token that expires more than a day ahead. */
const MAX_LIFETIME_S = 24 * 60 * 60;

/**
 * Checks an `Authorization: vapid t=<jwt>, k=<key>` header as a push service does: an ES256 JWT
 * signed by the key it names, for `origin`, not expired, with a contact. Answers why not, or
 * undefined.
 */
export function vapidProblem(header: string | undefined, origin: string, now = Date.now()): string | undefined {
  if (!header) return 'no Authorization header';
  const match = /^vapid\s+(.+)$/i.exec(header.trim());
  if (!match) return 'Authorization is not a vapid scheme';
  const params = new Map(
    match[1]!.split(',').map(
      (p) =>
        p
          .trim()
          .split('=', 2)
          .map((s) => s.trim()) as [string, string],
    ),
  );
  const token = params.get('t');
  const key = params.get('k');
  if (!token || !key) return 'vapid needs t= and k=';
  const parts = token.split('.');
  if (parts.length !== 3) return 't is not a JWT';
  const [head, body, signature] = parts as [string, string, string];
  const jwtHeader = parseJson(head);
  const claims = parseJson(body);
  if (!jwtHeader || !claims) return 't is not a JWT';
  if (jwtHeader.alg !== 'ES256') return `JWT alg is ${String(jwtHeader.alg)}, not ES256`;
  const publicKey = p256Key(key);
  if (!publicKey) return 'k is not an uncompressed P-256 point';
  const signed = verify('sha256', Buffer.from(`${head}.${body}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
  if (!signed) return 'JWT signature does not verify with k';
  if (claims.aud !== origin) return `JWT aud is ${JSON.stringify(claims.aud)}, not ${origin}`;
  const nowS = now / 1000;
  if (typeof claims.exp !== 'number' || claims.exp <= nowS) return 'JWT expired or without exp';
  if (claims.exp > nowS + MAX_LIFETIME_S) return 'JWT exp is more than 24 hours ahead';
  if (typeof claims.sub !== 'string' || !/^(mailto:|https:)/.test(claims.sub)) return 'JWT sub is not a mailto: or https: contact';
  return undefined;
}

function parseJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function p256Key(k: string) {
  const point = Buffer.from(k, 'base64url');
  if (point.length !== 65 || point[0] !== 4) return undefined;
  try {
    return createPublicKey({
      key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') },
      format: 'jwk',
    });
  } catch {
    return undefined;
  }
}
