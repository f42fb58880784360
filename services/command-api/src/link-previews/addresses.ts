import ipaddr from 'ipaddr.js';

export interface AddressPolicy {
  /** 127.0.0.0/8 and ::1 pass too: for tests against a local server, never in production. */
  allowLoopback: boolean;
}

export type AddressVerdict = { allowed: true } | { allowed: false; range: string };

/**
 * Whether a link-preview fetch may connect to `address` (an IP literal). Only what ipaddr.js
 * classifies as plain unicast passes: private, loopback, link-local (the cloud metadata
 * endpoints), CGNAT, multicast, unspecified, broadcast, documentation and reserved ranges are
 * refused, and so are IPv6 forms that carry or reach an IPv4 address (IPv4-mapped, NAT64,
 * 6to4, Teredo), since the IPv4 inside could be any of those.
 */
export function classifyAddress(address: string, policy: AddressPolicy): AddressVerdict {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(stripBrackets(address));
  } catch {
    return { allowed: false, range: 'not an IP address' };
  }
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).zoneId) return { allowed: false, range: 'scoped IPv6' };
  const range = parsed.range();
  if (range === 'unicast') return { allowed: true };
  if (range === 'loopback' && policy.allowLoopback) return { allowed: true };
  return { allowed: false, range };
}

export const isLoopback = (address: string) => ipaddr.isValid(stripBrackets(address)) && ipaddr.parse(stripBrackets(address)).range() === 'loopback';

/** Whether a URL host is an IP literal rather than a name to resolve. */
export function isIpLiteral(host: string): boolean {
  return ipaddr.isValid(stripBrackets(host));
}

const stripBrackets = (host: string) => (host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host);
