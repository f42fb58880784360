import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import express, { type ErrorRequestHandler, type Request, type RequestHandler } from 'express';
import type { z } from 'zod';
import { AppError, badRequest, invalid, toProblem, tooLarge, type FieldError } from './errors';
import { redactUrl, type Logger } from './logger';
import { httpDuration } from './metrics';
import { parsePositions, type Position } from './position';
import { isTransient } from './transient';

declare module 'express-serve-static-core' {
  interface Request {
    id: string;
    log: Logger;
    minPositions: Position[];
  }
}

/** Request id (kept from X-Request-Id when sane), a child logger, timing, and X-Min-Position parsing. */
export function requestContext(log: Logger): RequestHandler {
  return (req, res, next) => {
    const given = req.get('x-request-id');
    req.id = given && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    req.log = log.child({ reqId: req.id });
    res.setHeader('X-Request-Id', req.id);
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const route = (req.route?.path as string | undefined) ?? 'unmatched';
      httpDuration.observe({ method: req.method, route: `${req.baseUrl}${route}`, status: String(res.statusCode) }, ms / 1000);
      // Signed media URLs and the WebSocket carry tokens in the query: never into the log.
      req.log.info({ method: req.method, url: redactUrl(req.originalUrl), status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    try {
      req.minPositions = parsePositions(req.get('x-min-position'));
    } catch (err) {
      next(err);
      return;
    }
    next();
  };
}

/** Marks a body that is not well-formed UTF-8; body-parser would otherwise replace the bad bytes with U+FFFD and go on. */
class InvalidUtf8 extends Error {
  readonly invalidUtf8 = true;
}

export const jsonBody = (limit = '1mb'): RequestHandler =>
  express.json({
    limit,
    strict: true,
    type: ['application/json', 'application/*+json'],
    verify: (_req, _res, buf) => {
      if (!isUtf8(buf)) throw new InvalidUtf8('request body is not valid UTF-8');
    },
  });

/** A read model's relation or function the projectors have not created yet. */
const NOT_READY = new Set(['42P01', '42883']);
const SEARCH_ERRORS = new Set(['ConnectionError', 'NoLivingConnectionsError', 'TimeoutError', 'ResponseError']);

/**
 * A dependency that is down or not ready is worth a retry, so it is a 503, never a 500. What
 * is worth a retry is `isTransient`'s one answer; this only names the dependency.
 */
export function dependencyError(err: unknown): AppError | undefined {
  const e = err as { code?: string; name?: string } | undefined;
  if (!e) return undefined;
  if (e.code && NOT_READY.has(e.code)) return new AppError(503, 'read_model_unavailable', 'the read model is not ready yet; retry shortly', {}, true);
  if (!isTransient(err)) return undefined;
  if (e.name?.startsWith('KafkaJS')) return new AppError(503, 'log_unavailable', 'the event log is unavailable; retry shortly', { retryAfter: 2 }, true);
  if (e.name && SEARCH_ERRORS.has(e.name)) return new AppError(503, 'search_unavailable', 'search is unavailable; retry shortly', {}, true);
  return new AppError(503, 'database_unavailable', 'the database is unavailable; retry shortly', {}, true);
}

/** Turns every error into application/problem+json; anything unexpected is logged and answered 500 without details. */
export const problemHandler: ErrorRequestHandler = (err, req, res, _next) => {
  let error: AppError;
  const dependency = err instanceof AppError ? undefined : dependencyError(err);
  if (err instanceof AppError) error = err;
  else if (dependency) error = dependency;
  else if (err?.type === 'entity.too.large') error = tooLarge('request body too large');
  else if (err?.invalidUtf8 === true) error = badRequest('request body is not valid UTF-8', 'invalid_utf8');
  else if (err?.type === 'entity.parse.failed') error = badRequest('request body is not valid JSON', 'malformed_json');
  else if (err?.type === 'charset.unsupported' || err?.type === 'encoding.unsupported') error = new AppError(415, 'unsupported_encoding', err.message);
  else if (typeof err?.status === 'number' && err.status >= 400 && err.status < 500)
    error = new AppError(err.status, 'bad_request', String(err.message ?? 'bad request'));
  else {
    req.log?.error({ err }, 'unhandled error');
    error = new AppError(500, 'internal', 'something went wrong on our side');
  }
  if (error.status === 429 && typeof error.extra.retryAfter === 'number') res.setHeader('Retry-After', String(error.extra.retryAfter));
  if (error.status === 503 && !res.headersSent && !res.getHeader('Retry-After'))
    res.setHeader('Retry-After', String(typeof error.extra.retryAfter === 'number' ? error.extra.retryAfter : 1));
  if (res.headersSent) return;
  res
    .status(error.status)
    .type('application/problem+json')
    .send(JSON.stringify(toProblem(error, req.originalUrl)));
};

export function notFoundHandler(): RequestHandler {
  return (req, _res, next) => next(new AppError(404, 'not_found', `no route for ${req.method} ${req.path}`));
}

/** Parses with a zod schema; failures become 422 with one entry per field. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalid(fieldErrors(result.error));
  return result.data;
}

export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => ({ field: i.path.map(String).join('.') || '(body)', message: i.message }));
}

export function bodyOf(req: Request): unknown {
  return req.body === undefined ? {} : req.body;
}
