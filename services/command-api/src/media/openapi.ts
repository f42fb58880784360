import { z } from 'zod';
import { jsonSchemaOf, parametersOf, type OpenApiPart } from '@groupchat/shared';
import { MediaId, MediaLinks, MediaUpload, MediaUploaded } from './schemas';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
const [idParam] = parametersOf(z.object({ id: MediaId }), 'path');
const tokenParam = {
  name: 'token',
  in: 'query',
  required: false,
  description: 'the signed token of a media URL (from the upload answer or /media/{id}/links), for <img>/<video> which cannot send Authorization',
  schema: { type: 'string' },
};
const bytes = (description: string) => ({
  description,
  headers: {
    'Content-Disposition': { schema: { type: 'string' }, description: 'inline for images, video and audio; attachment for everything else' },
    ETag: { schema: { type: 'string' } },
    'Accept-Ranges': { schema: { type: 'string', enum: ['bytes'] } },
  },
  content: { '*/*': { schema: { type: 'string', format: 'binary' } } },
});
const download = (summary: string) => ({
  get: {
    tags: ['media'],
    summary,
    description:
      'Only for the uploader, users who may see a message carrying the media (public group, or member of a private one), and — for avatars — any signed-in user. Unknown and not allowed both answer 404. Supports Range (206) and If-None-Match (304).',
    security: [{ bearer: [] }, {}],
    parameters: [idParam, tokenParam, { name: 'Range', in: 'header', required: false, schema: { type: 'string', example: 'bytes=0-1023' } }],
    responses: {
      200: bytes('the bytes, with the type sniffed at upload'),
      206: bytes('the requested range'),
      304: { description: 'not modified' },
      401: problem('no or invalid token, or an expired media link'),
      404: problem('unknown, or not visible to the caller'),
      416: problem('range not satisfiable'),
    },
  },
});

export const mediaOpenApi: OpenApiPart = {
  paths: {
    '/media': {
      post: {
        tags: ['media'],
        summary: 'Upload an image, video, audio file or document',
        description:
          'The type is sniffed from the bytes and must agree with the declared name and type. Images are re-encoded (EXIF/GPS removed, orientation applied) and get a 320 px WebP thumbnail. Limits per kind: MEDIA_MAX_IMAGE_BYTES, MEDIA_MAX_VIDEO_BYTES, MEDIA_MAX_AUDIO_BYTES, MEDIA_MAX_FILE_BYTES. Uploads not attached to a message or used as an avatar within MEDIA_UNATTACHED_TTL_SECONDS are removed.',
        security: [{ bearer: [] }],
        requestBody: {
          required: true,
          content: { 'multipart/form-data': { schema: jsonSchemaOf(MediaUpload) } },
        },
        responses: {
          201: { description: 'stored', content: { 'application/json': { schema: { $ref: '#/components/schemas/MediaUploaded' } } } },
          400: problem('no file field, an empty file, or a malformed body'),
          401: problem('not signed in'),
          413: problem('over the size limit of its kind, too many pixels, or larger than what is left of the daily quota (code quota_exceeded)'),
          415: problem('type not accepted, or contradicting its declared name or type (executables, markup, polyglots, archives that look like bombs)'),
          422: problem('damaged or truncated content'),
          429: problem(
            'daily upload quota used up (MEDIA_DAILY_FILES_PER_USER, MEDIA_DAILY_BYTES_PER_USER; code quota_exceeded), or uploading too fast; see Retry-After',
          ),
          503: problem('too many images waiting to be decoded (code media_busy), or a dependency is down; see Retry-After'),
        },
      },
    },
    '/media/{id}': download('The uploaded bytes'),
    '/media/{id}/thumbnail': download('The 320 px WebP thumbnail of an image'),
    '/media/{id}/links': {
      get: {
        tags: ['media'],
        summary: 'Fresh signed URLs for a media the caller may see',
        security: [{ bearer: [] }],
        parameters: [idParam],
        responses: {
          200: {
            description: 'URLs usable without an Authorization header until expiresAt',
            content: { 'application/json': { schema: jsonSchemaOf(MediaLinks, 'output') } },
          },
          401: problem('not signed in'),
          404: problem('unknown, or not visible to the caller'),
        },
      },
    },
  },
  schemas: { MediaUploaded: jsonSchemaOf(MediaUploaded, 'output') },
};
