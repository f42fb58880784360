import { generateKeyPairSync } from 'node:crypto';
import type { Pool } from './db';
import { classifyAddress, isIpLiteral, isLoopback, type AddressPolicy } from './outbound';

export interface VapidKeys {
  /** Uncompressed P-256 point, base64url: what browsers take as `applicationServerKey`. */
  publicKey: string;
  /** The private scalar, base64url. */
  privateKey: string;
}

/** A new P-256 key pair in the encoding Web Push uses (RFC 8292). */
export function generateVapidKeys(): VapidKeys {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const pub = publicKey.export({ format: 'jwk' });
  const priv = privateKey.export({ format: 'jwk' });
  const point = Buffer.concat([Buffer.from([4]), Buffer.from(pub.x!, 'base64url'), Buffer.from(pub.y!, 'base64url')]);
  return { publicKey: point.toString('base64url'), privateKey: priv.d! };
}

/**
 * The server's VAPID keys: VAPID_PUBLIC_KEY/VAPID_PRIVATE_KEY when both are set, otherwise the
 * pair kept in `push_vapid_keys` (command-api's migration), made by whichever process asks
 * first. Every process then signs with the key browsers subscribed with.
 */
export async function vapidKeys(pool: Pool, env: { VAPID_PUBLIC_KEY?: string; VAPID_PRIVATE_KEY?: string } = process.env): Promise<VapidKeys> {
  if (env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY) return { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY };
  const made = generateVapidKeys();
  await pool.query('INSERT INTO push_vapid_keys (public_key, private_key) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [made.publicKey, made.privateKey]);
  const { rows } = await pool.query<{ public_key: string; private_key: string }>('SELECT public_key, private_key FROM push_vapid_keys');
  return { publicKey: rows[0]!.public_key, privateKey: rows[0]!.private_key };
}

/**
 * What a push endpoint must be before it is stored or posted to: https (http only to a loopback
 * literal when loopback is allowed, for a test push service), no credentials, and an IP
 * literal host must be public; a host name is checked again when connecting (guardedLookup).
 * Answers why not, or undefined.
 */
export function pushEndpointProblem(raw: string, policy: AddressPolicy): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not a URL';
  }
  const literal = isIpLiteral(url.hostname);
  const testService = literal && policy.allowLoopback && isLoopback(url.hostname);
  if (url.protocol !== 'https:' && !(testService && url.protocol === 'http:')) return 'must be an https URL';
  if (url.username || url.password) return 'must not carry credentials';
  if (literal) {
    const verdict = classifyAddress(url.hostname, policy);
    if (!verdict.allowed) return `is not a public address (${verdict.range})`;
  }
  return undefined;
}
