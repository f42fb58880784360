import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/** An outbound request refused before it connected: the target is not public. */
export class OutboundRefused extends Error {}

export interface AddressPolicy {
  /** 127.0.0.0/8 and ::1 pass too: for tests against a local server, never in production. */
  allowLoopback: boolean;
}

export type AddressVerdict = { allowed: true } | { allowed: false; range: string };

/**
 * Whether an outbound request (a link preview, a push) may connect to `address` (an IP literal). Only what ipaddr.js
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

/**
 * A `lookup` for http.request that resolves the name itself and hands the socket only addresses
 * it has checked, so the address connected to is the one judged: no second resolution, no
 * DNS-rebinding window. A name with any non-public address is refused as a whole.
 */
export function guardedLookup(policy: AddressPolicy, refuse: (message: string) => Error = (m) => new OutboundRefused(m)): LookupFunction {
  return (hostname, options: LookupOptions, callback) => {
    dnsLookup(hostname, { family: options.family ?? 0, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      const refused = addresses.map((a) => ({ a, v: classifyAddress(a.address, policy) })).find(({ v }) => !v.allowed);
      if (refused || addresses.length === 0) {
        const why = refused && !refused.v.allowed ? `${refused.a.address} (${refused.v.range})` : 'no address';
        return callback(refuse(`${hostname} resolves to an address that is not public: ${why}`) as NodeJS.ErrnoException, '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}
