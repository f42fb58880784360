import { Router, type RequestHandler } from 'express';
import type { z } from 'zod';
import { jsonBody, jsonSchemaOf, unsupportedType, type OpenApiPart } from '@groupchat/shared';

export interface Operation {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** Express style, e.g. `/groups/:id/join`. */
  path: string;
  summary: string;
  description?: string;
  auth: boolean;
  body?: { name: string; schema: z.ZodType };
  params?: Record<string, Record<string, unknown>>;
  success: { status: number; description: string; name?: string; schema?: z.ZodType };
  /** Error statuses this operation can answer besides 400/413/415/503, which every command can. */
  errors: number[];
}

const ERROR_TEXT: Record<number, string> = {
  400: 'malformed JSON or X-Min-Position',
  401: 'no, expired or invalid access token',
  403: 'not allowed for the caller',
  404: 'unknown (a private group is unknown to non-members)',
  409: 'conflicts with the current state',
  415: 'request body is not application/json',
  422: 'invalid fields, listed in `errors`',
  429: 'rate limited; see Retry-After',
  503: 'a dependency is down or the read model is behind; see Retry-After',
};

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });

const minPosition = {
  name: 'X-Min-Position',
  in: 'header',
  required: false,
  description: 'position token(s) of the caller’s earlier writes; state checks wait (bounded) until the read models have reached them',
  schema: { type: 'string' },
};

/** Answers 415 when a body arrives in another type than JSON; an absent body is left to validation. */
const requireJson: RequestHandler = (req, _res, next) => {
  const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
  if (hasBody && !req.is(['application/json', 'application/*+json'])) return next(unsupportedType('send the body as application/json'));
  next();
};

const DEFAULT_BODY_LIMIT = '1mb';

/** A router whose every route is also described in this service's OpenAPI part, from the same schemas that validate. */
export class CommandRoutes {
  readonly router = Router();
  readonly openapi: Required<OpenApiPart> = { paths: {}, schemas: {} };
  private readonly bodyLimits: { prefix: string; limit: string }[] = [];

  /**
   * Bodies of the routes under `prefix` (e.g. `/auth/`) may be at most `limit` (e.g. `16kb`),
   * refused with 413 from Content-Length or while reading, before any parsing or validation.
   * Applies to routes added afterwards; the first matching prefix wins.
   */
  limitBodies(prefix: string, limit: string): void {
    this.bodyLimits.push({ prefix, limit });
  }

  add(op: Operation, ...handlers: RequestHandler[]): void {
    const limit = this.bodyLimitOf(op.path);
    const body = op.body ? [requireJson, jsonBody(limit)] : [];
    this.router[op.method](op.path, ...body, ...handlers);
    this.document(op, limit);
  }

  private bodyLimitOf(path: string): string {
    return this.bodyLimits.find((b) => path.startsWith(b.prefix))?.limit ?? DEFAULT_BODY_LIMIT;
  }

  private document(op: Operation, bodyLimit: string) {
    const path = op.path.replace(/:(\w+)/g, '{$1}');
    const params = [...op.path.matchAll(/:(\w+)/g)].map(([, name]) => ({
      name,
      in: 'path',
      required: true,
      schema: op.params?.[name!] ?? { type: 'string', maxLength: 64 },
    }));
    const statuses = [...new Set([400, ...(op.auth ? [401] : []), ...op.errors, ...(op.body ? [413, 415, 422] : []), 503])].sort();
    const responses: Record<string, unknown> = {
      [op.success.status]: op.success.schema
        ? { description: op.success.description, content: { 'application/json': { schema: this.component(op.success.name!, op.success.schema) } } }
        : { description: op.success.description },
    };
    for (const status of statuses)
      responses[status] = problem(status === 413 ? `request body over ${bodyLimit.toUpperCase()}` : (ERROR_TEXT[status] ?? 'error'));
    this.openapi.paths[path] = {
      ...(this.openapi.paths[path] ?? {}),
      [op.method]: {
        summary: op.summary,
        ...(op.description ? { description: op.description } : {}),
        ...(op.auth ? { security: [{ bearer: [] }] } : {}),
        parameters: [...params, minPosition],
        ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: this.component(op.body.name, op.body.schema) } } } } : {}),
        responses,
      },
    };
  }

  private component(name: string, schema: z.ZodType) {
    this.openapi.schemas[name] ??= jsonSchemaOf(schema);
    return { $ref: `#/components/schemas/${name}` };
  }
}
