import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { classifyAddress, type AddressPolicy } from './addresses';
import { PreviewRefused } from './errors';

/**
 * A `lookup` for http.request that resolves the name itself and hands the socket only addresses
 * it has checked, so the address connected to is the one judged: no second resolution, no
 * DNS-rebinding window. A name with any non-public address is refused as a whole.
 */
export function guardedLookup(policy: AddressPolicy): LookupFunction {
  return (hostname, options: LookupOptions, callback) => {
    dnsLookup(hostname, { family: options.family ?? 0, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      const refused = addresses.map((a) => ({ a, v: classifyAddress(a.address, policy) })).find(({ v }) => !v.allowed);
      if (refused || addresses.length === 0) {
        const why = refused && !refused.v.allowed ? `${refused.a.address} (${refused.v.range})` : 'no address';
        return callback(new PreviewRefused(`${hostname} resolves to an address that is not public: ${why}`) as NodeJS.ErrnoException, '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}
