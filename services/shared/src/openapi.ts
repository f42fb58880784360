import type { Router } from 'express';

/** A service's share of the OpenAPI document: its paths and the component schemas they use. */
export interface OpenApiPart {
  paths: Record<string, Record<string, unknown>>;
  schemas?: Record<string, unknown>;
}

const problem = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string' },
    instance: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } } },
  },
};

/** Merges the parts into one OpenAPI 3.1 document, served at /api/v1/openapi.json. */
export function buildOpenApiDocument(...parts: OpenApiPart[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const part of parts) for (const [path, ops] of Object.entries(part.paths)) paths[path] = { ...(paths[path] ?? {}), ...ops };
  return {
    openapi: '3.1.0',
    info: { title: 'GroupChat API', version: '1.0.0', description: 'Commands append events; queries read the projections. Errors are application/problem+json.' },
    servers: [{ url: '/api/v1' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: Object.assign({ Problem: problem }, ...parts.map((p) => p.schemas ?? {})),
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
