import cookieParser from 'cookie-parser';
import type { Request, Response } from 'express';
import { AppError } from '@groupchat/shared';

export const REFRESH_COOKIE = 'groupchat_refresh';
/** The only routes that read the cookie; no other request carries it. */
const COOKIE_PATH = '/api/v1/auth';

/**
 * The browser's refresh token: out of reach of page scripts (HttpOnly), never sent over plain
 * HTTP (Secure) nor on a request another site starts (SameSite=Strict), and only to the auth routes.
 */
export function setRefreshCookie(res: Response, token: string, expiresAt: Date): void {
  res.cookie(REFRESH_COOKIE, token, { httpOnly: true, secure: true, sameSite: 'strict', path: COOKIE_PATH, expires: expiresAt });
}

export function clearRefreshCookie(res: Response): void {
  res.clearCookie(REFRESH_COOKIE, { httpOnly: true, secure: true, sameSite: 'strict', path: COOKIE_PATH });
}

/** Parses the Cookie header of the auth routes only, the one place a cookie means anything. */
export const parseCookies = cookieParser();

export function refreshCookieOf(req: Request): string | undefined {
  const value = (req.cookies as Record<string, unknown> | undefined)?.[REFRESH_COOKIE];
  return typeof value === 'string' && /^[A-Za-z0-9_-]{1,512}$/.test(value) ? value : undefined;
}

/**
 * A request riding on the cookie must come from a page of ours: its Origin names this host or
 * one of CORS_ORIGINS. SameSite=Strict already keeps other sites' requests cookie-less; this
 * also refuses sibling subdomains (same site, other origin) and clients that send no Origin
 * (every browser sends one on POST, so a missing one is not a page of ours either).
 */
export function checkCookieOrigin(req: Request, corsOrigins: string): void {
  const origin = req.get('origin');
  if (!origin) throw new AppError(403, 'origin_required', 'a request using the refresh cookie must carry the Origin header of the app');
  const allowed = new Set(
    corsOrigins
      .split(',')
      .map((o) => o.trim().toLowerCase())
      .filter(Boolean),
  );
  if (allowed.has(origin.toLowerCase()) || sameHost(origin, req.get('host'))) return;
  throw new AppError(403, 'origin_refused', 'the refresh cookie may be used only from the app’s own origin');
}

function sameHost(origin: string, host: string | undefined): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !!host && url.host.toLowerCase() === host.toLowerCase();
  } catch {
    return false;
  }
}
