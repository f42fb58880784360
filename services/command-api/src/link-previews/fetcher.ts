import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Transform, type Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { AddressPolicy } from '@groupchat/shared';
import { PreviewRefused, PreviewUnavailable } from './errors';
import { guardedLookup } from './lookup';
import { checkTarget } from './target';

export interface FetchPolicy extends AddressPolicy {
  maxRedirects: number;
  userAgent: string;
}

export interface FetchRequest {
  accept: string;
  /** Bytes of the (decompressed) body past which reading fails. */
  maxBytes: number;
  /** Covers every hop, the headers and the body. */
  signal: AbortSignal;
}

export interface Fetched {
  /** Where the last redirect led. */
  url: URL;
  contentType: string;
  /** The body, decompressed; fails with PreviewUnavailable past maxBytes or when the signal fires. */
  body: Readable;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * GET with every hop checked (checkTarget, then the guarded lookup): redirects are followed by
 * hand, at most `maxRedirects`, each one re-checked; no cookies are sent or kept and no
 * connection is reused (agent: false), so nothing carries over between targets.
 */
export async function safeFetch(raw: string | URL, req: FetchRequest, policy: FetchPolicy): Promise<Fetched> {
  let url = checkTarget(raw, policy);
  for (let hop = 0; ; hop++) {
    const res = await get(url, req, policy);
    const location = res.headers.location;
    if (!REDIRECTS.has(res.statusCode ?? 0)) return accept(url, res, req);
    res.destroy();
    if (!location) throw new PreviewUnavailable(`a ${res.statusCode} without Location`);
    if (hop >= policy.maxRedirects) throw new PreviewUnavailable(`more than ${policy.maxRedirects} redirects`);
    url = checkTarget(new URL(location, url), policy);
  }
}

function get(url: URL, req: FetchRequest, policy: FetchPolicy): Promise<IncomingMessage> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const r = request(url, {
      method: 'GET',
      agent: false,
      lookup: guardedLookup(policy),
      signal: req.signal,
      headers: { 'User-Agent': policy.userAgent, Accept: req.accept, 'Accept-Encoding': 'gzip, deflate, br', 'Accept-Language': 'en' },
    });
    r.once('response', resolve);
    // Kept for the request's whole life: a socket error after the response must not go unhandled.
    r.on('error', (err) => reject(mapError(err, req.signal)));
    r.end();
  });
}

function accept(url: URL, res: IncomingMessage, req: FetchRequest): Fetched {
  const status = res.statusCode ?? 0;
  const fail = (why: string) => {
    res.destroy();
    throw new PreviewUnavailable(why);
  };
  if (status < 200 || status > 299) fail(`the page answered ${status}`);
  if (Number(res.headers['content-length'] ?? 0) > req.maxBytes) fail(`the body is over ${req.maxBytes} bytes`);
  const decoded = decompress(res, String(res.headers['content-encoding'] ?? 'identity').toLowerCase()) ?? fail('unknown content encoding');
  const body = decoded.pipe(capped(req.maxBytes));
  const forward = (err: Error) => body.destroy(mapError(err, req.signal));
  res.on('error', forward);
  if (decoded !== res) decoded.on('error', forward);
  body.once('close', () => res.destroy());
  return { url, contentType: String(res.headers['content-type'] ?? '').toLowerCase(), body };
}

function decompress(res: IncomingMessage, encoding: string): Readable | undefined {
  if (encoding === 'identity' || encoding === '') return res;
  if (encoding === 'gzip' || encoding === 'x-gzip') return res.pipe(createGunzip());
  if (encoding === 'deflate') return res.pipe(createInflate());
  if (encoding === 'br') return res.pipe(createBrotliDecompress());
  return undefined;
}

/** Counts the decompressed bytes, so a small compressed bomb is cut off like a large body. */
function capped(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > maxBytes) return done(new PreviewUnavailable(`the body is over ${maxBytes} bytes`));
      done(null, chunk);
    },
  });
}

function mapError(err: Error, signal: AbortSignal): Error {
  if (err instanceof PreviewRefused || err instanceof PreviewUnavailable) return err;
  if (signal.aborted) return new PreviewUnavailable('the page took too long');
  return new PreviewUnavailable(`the page could not be reached (${(err as NodeJS.ErrnoException).code ?? err.message})`);
}
