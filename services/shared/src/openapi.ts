import type { Router } from 'express';
import { z } from 'zod';

/** A service's share of the OpenAPI document: its paths and the component schemas they use. */
export interface OpenApiPart {
  paths: Record<string, Record<string, unknown>>;
  schemas?: Record<string, unknown>;
}

/** Named schemas of a service's answers: each becomes `#/components/schemas/<id>`, and a schema using another refers to it. */
export type ComponentRegistry = z.core.$ZodRegistry<{ id: string }>;

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  description?: string;
  schema: Record<string, unknown>;
}

const Problem = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    code: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .describe('RFC 9457 problem details; some codes add fields of their own (retryAfter, errors)');

/** The JSON Schema (2020-12, as OpenAPI 3.1 has it) of one zod schema, without the `$schema` a component must not repeat. */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output' = 'input'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

/** The component schemas of every schema in the registry, as the route answers them. */
export function componentSchemas(registry: ComponentRegistry): Record<string, unknown> {
  const { schemas } = z.toJSONSchema(registry, { io: 'output', unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` });
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _s, $id: _i, ...schema }]) => [id, schema]));
}

/**
 * One parameter per field of the zod object that validates a route's query (or path), documented
 * as the value the route reads: defaults applied, lists split. A field's `.describe()` becomes the
 * parameter's description.
 */
export function parametersOf(schema: z.ZodObject, where: 'query' | 'path' = 'query'): Parameter[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    const { description, ...json } = jsonSchemaOf(field as z.ZodType, 'output');
    // A field that takes undefined (optional, or with a default) may be left out of the request.
    const required = where === 'path' || !(field as z.ZodType).safeParse(undefined).success;
    return { name, in: where, required, ...(typeof description === 'string' ? { description } : {}), schema: json };
  });
}

/** Merges the parts into one OpenAPI 3.1 document, served at /api/v1/openapi.json. */
export function buildOpenApiDocument(...parts: OpenApiPart[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const part of parts) for (const [path, ops] of Object.entries(part.paths)) paths[path] = { ...(paths[path] ?? {}), ...ops };
  return {
    openapi: '3.1.0',
    info: {
      title: 'GroupChat API',
      version: '1.0.0',
      description: 'Commands append events; queries read the projections. Errors are application/problem+json.',
    },
    servers: [{ url: '/api/v1' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: Object.assign({ Problem: jsonSchemaOf(Problem, 'output') }, ...parts.map((p) => p.schemas ?? {})),
    },
    paths,
  };
}

export function serveOpenApi(router: Router, ...parts: OpenApiPart[]) {
  const doc = buildOpenApiDocument(...parts);
  router.get('/openapi.json', (_req, res) => {
    res.json(doc);
  });
}
