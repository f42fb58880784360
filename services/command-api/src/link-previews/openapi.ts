import { z } from 'zod';
import { jsonSchemaOf, parametersOf, type OpenApiPart } from '@groupchat/shared';
import { LinkPreview, PreviewId, PreviewQuery } from './schemas';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });

export const linkPreviewOpenApi: OpenApiPart = {
  paths: {
    '/link-previews': {
      get: {
        tags: ['link-previews'],
        summary: 'The preview of a link (title, description, site, image), from the cache or fetched now',
        description:
          'Only public http(s) targets are fetched (checked after DNS resolution and on every redirect), within LINK_PREVIEW_TIMEOUT_MS and byte caps, without cookies. Results and failures are cached per URL (LINK_PREVIEW_TTL_SECONDS, LINK_PREVIEW_FAILURE_TTL_SECONDS). Rate limited per user (LINK_PREVIEW_LIMIT per minute).',
        security: [{ bearer: [] }],
        parameters: parametersOf(PreviewQuery),
        responses: {
          200: { description: 'the preview', content: { 'application/json': { schema: { $ref: '#/components/schemas/LinkPreview' } } } },
          401: problem('not signed in'),
          404: problem('the link has no preview (code no_link_preview): not HTML, no title or description, too large, too slow, or unreachable'),
          422: problem(
            'the url is missing or too long, or its target is refused (code link_preview_refused): not http(s), a port not allowed, or a non-public address',
          ),
          429: problem('too many lookups; see Retry-After'),
          503: problem('a dependency is down; see Retry-After'),
        },
      },
    },
    '/link-previews/{id}/image': {
      get: {
        tags: ['link-previews'],
        summary: 'Our re-encoded copy (WebP, at most 480 px) of a preview image',
        security: [{ bearer: [] }],
        parameters: parametersOf(z.object({ id: PreviewId }), 'path'),
        responses: {
          200: { description: 'the image', content: { 'image/webp': { schema: { type: 'string', format: 'binary' } } } },
          304: { description: 'not modified' },
          401: problem('not signed in'),
          404: problem('unknown, or the preview has no image'),
        },
      },
    },
  },
  schemas: { LinkPreview: jsonSchemaOf(LinkPreview, 'output') },
};
