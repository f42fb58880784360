/** One base error: HTTP status, a stable code, and whether a retry may succeed. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly retriable = false,
  ) {
    super(message);
  }
}

export interface FieldError {
  field: string;
  message: string;
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export const badRequest = (message: string, code = 'bad_request') => new AppError(400, code, message);
export const unauthorized = (message = 'authentication required', code = 'unauthorized') => new AppError(401, code, message);
export const forbidden = (message = 'not allowed', code = 'forbidden') => new AppError(403, code, message);
export const notFound = (what = 'resource') => new AppError(404, 'not_found', `${what} not found`);
export const conflict = (message: string, code = 'conflict') => new AppError(409, code, message);
export const tooLarge = (message: string) => new AppError(413, 'too_large', message);
export const unsupportedType = (message: string) => new AppError(415, 'unsupported_media_type', message);
export const invalid = (errors: FieldError[]) => new AppError(422, 'validation_failed', 'some fields are invalid', { errors });
export const rateLimited = (retryAfterSeconds: number) => new AppError(429, 'rate_limited', 'too many requests', { retryAfter: retryAfterSeconds });
export const unavailable = (message: string, code = 'unavailable') => new AppError(503, code, message, {}, true);

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  [k: string]: unknown;
}

/** `instance` is the path without its query: a query may carry a signed URL's token. */
export function toProblem(err: AppError, url?: string): Problem {
  const instance = url?.split('?', 1)[0];
  return {
    type: `https://groupchat.dev/problems/${err.code}`,
    title: titles[err.status] ?? 'Error',
    status: err.status,
    detail: err.message,
    code: err.code,
    ...(instance ? { instance } : {}),
    ...err.extra,
  };
}
