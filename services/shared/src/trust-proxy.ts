import { isIP } from 'node:net';

const NAMED = new Set(['loopback', 'linklocal', 'uniquelocal']);

function validEntry(entry: string): boolean {
  if (NAMED.has(entry)) return true;
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (!family || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** A hop count ("1") or a comma-separated list of addresses, CIDR ranges and express's names (loopback, linklocal, uniquelocal). */
export const isTrustProxy = (value: string): boolean =>
  /^\d{1,2}$/.test(value.trim()) ||
  value
    .split(',')
    .map((e) => e.trim())
    .every((e) => e !== '' && validEntry(e));

/** The value for express's `trust proxy`: which peers may tell us the client's address in X-Forwarded-For. */
export function trustProxy(value: string): number | string[] {
  const trimmed = value.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed.split(',').map((e) => e.trim());
}
