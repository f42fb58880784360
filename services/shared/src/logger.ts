import pino from 'pino';

export type Logger = pino.Logger;

/** Fields that hold credentials wherever a log call puts them. */
const REDACTED_FIELDS = ['token', 'accessToken', 'refreshToken', 'password', 'authorization', 'cookie'].flatMap((k) => [k, `*.${k}`, `*.headers.${k}`]);

/** Query parameters that carry credentials (signed media URLs, the WebSocket's `?token=`). */
const SECRET_PARAMS = new Set(['token', 'access_token', 'accesstoken', 'refresh_token', 'refreshtoken']);

/** `file`: append to it instead of stdout (LOG_FILE). */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', name = 'groupchat', file?: string): Logger {
  const options = {
    name,
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_FIELDS, censor: '[redacted]' },
  };
  return file ? pino(options, pino.destination({ dest: file, append: true, sync: true, mkdir: true })) : pino(options);
}

/** The URL with the values of credential parameters replaced, for logs: the path and the other parameters stay readable. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = url
    .slice(q + 1)
    .split('&')
    .map((p) => {
      const eq = p.indexOf('=');
      const name = eq < 0 ? p : p.slice(0, eq);
      return SECRET_PARAMS.has(decoded(name).toLowerCase()) ? `${name}=[redacted]` : p;
    });
  return `${url.slice(0, q)}?${params.join('&')}`;
}

/** A malformed escape cannot name a secret parameter the server would read, so it stays as is. */
function decoded(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}
