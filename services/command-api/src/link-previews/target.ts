import { classifyAddress, isIpLiteral, isLoopback, type AddressPolicy } from '@groupchat/shared';
import { PreviewRefused } from './errors';

const STANDARD_PORTS = new Set(['', '80', '443', '8080', '8443']);
export const MAX_URL_LENGTH = 2048;

/**
 * Checks what can be checked of a URL before any connection: http(s) only, no credentials,
 * ports 80, 443, 8080 and 8443 only (any port on a loopback literal when loopback is
 * allowed, for test servers), and an IP literal host must be public. Host names are checked
 * after resolution, by the fetcher's lookup.
 */
export function checkTarget(raw: string | URL, policy: AddressPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new PreviewRefused('not a valid URL');
  }
  if (url.href.length > MAX_URL_LENGTH) throw new PreviewRefused(`URLs over ${MAX_URL_LENGTH} characters are not previewed`);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new PreviewRefused(`only http and https links are previewed, not ${url.protocol}`);
  if (url.username || url.password) throw new PreviewRefused('links with credentials are not previewed');
  const literal = isIpLiteral(url.hostname);
  if (literal) {
    const verdict = classifyAddress(url.hostname, policy);
    if (!verdict.allowed) throw new PreviewRefused(`the address ${url.hostname} is not public (${verdict.range})`);
  }
  if (!STANDARD_PORTS.has(url.port) && !(literal && policy.allowLoopback && isLoopback(url.hostname)))
    throw new PreviewRefused(`port ${url.port} is not previewed (80, 443, 8080 and 8443 are)`);
  url.hash = '';
  return url;
}
