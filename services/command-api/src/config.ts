import { z } from 'zod';
import { registerConfigKeys } from '@groupchat/shared';

/** The command API's own configuration keys: sessions, media, and its abuse limits. */
const KEYS = {
  REFRESH_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(30 * 24 * 3600),
  REFRESH_FAMILY_LIFETIME_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(30 * 24 * 3600)
    .describe('absolute lifetime of a login: its refresh tokens stop working this long after the login, however often rotated'),
  MEDIA_STORE: z.enum(['local', 'gcs']).default('local'),
  MEDIA_DIR: z.string().default('.data/media'),
  GCS_BUCKET: z.string().default('groupchat-media'),
  GCS_ENDPOINT: z.string().optional(),
  MEDIA_MAX_IMAGE_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * 1024 * 1024)
    .describe('largest accepted image upload'),
  MEDIA_MAX_VIDEO_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(200 * 1024 * 1024)
    .describe('largest accepted video upload'),
  MEDIA_MAX_AUDIO_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(50 * 1024 * 1024)
    .describe('largest accepted audio upload'),
  MEDIA_MAX_FILE_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(50 * 1024 * 1024)
    .describe('largest accepted document, archive or text upload'),
  MEDIA_MAX_IMAGE_PIXELS: z.coerce
    .number()
    .int()
    .positive()
    .default(100_000_000)
    .describe('width × height above which an image is refused (decompression bombs)'),
  MEDIA_TMP_DIR: z.string().optional().describe('where uploads are staged while they are checked (default: the system temp folder)'),
  MEDIA_URL_TTL_SECONDS: z.coerce.number().int().positive().default(3600).describe('lifetime of the signed media URLs usable without an Authorization header'),
  MEDIA_UNATTACHED_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(24 * 3600)
    .describe('uploads neither attached to a message nor used as an avatar are removed after this long'),
  MEDIA_SWEEP_INTERVAL_SECONDS: z.coerce.number().positive().default(600).describe('how often unattached uploads are looked for'),
  MEDIA_DAILY_BYTES_PER_USER: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 ** 3)
    .describe('bytes one user may store in uploads per 24 hours (rolling, across instances)'),
  MEDIA_DAILY_FILES_PER_USER: z.coerce.number().int().positive().default(500).describe('uploads one user may store per 24 hours (rolling, across instances)'),
  MEDIA_IMAGE_CONCURRENCY: z.coerce.number().int().positive().default(2).describe('images decoded and re-encoded at once per process'),
  MEDIA_IMAGE_QUEUE: z.coerce
    .number()
    .int()
    .min(0)
    .default(8)
    .describe('images waiting for decoding per process; beyond this an upload is refused 503 with Retry-After'),
  LOGIN_LIMIT_PER_IP_AND_ACCOUNT: z.coerce
    .number()
    .int()
    .positive()
    .default(10)
    .describe('failed logins per 15 minutes on one account (any form of its login) from one IP; past it that IP gets 429'),
  LOGIN_LIMIT_PER_ACCOUNT: z.coerce
    .number()
    .int()
    .positive()
    .default(50)
    .describe('failed logins per 15 minutes on one account from any IP; past it IPs that failed on it get 429 and others are slowed by LOGIN_LOCKED_DELAY_MS'),
  LOGIN_LIMIT_PER_IP: z.coerce.number().int().positive().default(200).describe('login attempts per 15 minutes from one IP'),
  REGISTER_LIMIT_PER_IP: z.coerce.number().int().positive().default(30).describe('registrations per hour from one IP'),
  MESSAGE_LIMIT_BURST: z.coerce.number().int().positive().default(20).describe('messages and reactions per 10 seconds of one user'),
  MESSAGE_LIMIT_SUSTAINED: z.coerce.number().int().positive().default(300).describe('messages and reactions per 5 minutes of one user'),
  LOGIN_LOCKED_DELAY_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(1000)
    .describe(
      'wait before checking a login to an account past LOGIN_LIMIT_PER_ACCOUNT from an IP that has not failed on it: slows guessing, never refuses the owner',
    ),
  EMAIL_VERIFY_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(24 * 3600)
    .describe('how long the link in a verification or change-of-email mail works'),
  PASSWORD_RESET_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(30 * 60)
    .describe('how long the link in a password-reset mail works'),
  VERIFY_RESEND_LIMIT: z.coerce.number().int().positive().default(5).describe('verification and change-of-email mails per hour for one account'),
  PASSWORD_RESET_LIMIT_PER_EMAIL: z.coerce.number().int().positive().default(5).describe('password-reset requests per hour naming one email address'),
  PASSWORD_RESET_LIMIT_PER_IP: z.coerce.number().int().positive().default(20).describe('password-reset requests per hour from one IP'),
  MEDIA_UPLOAD_LIMIT: z.coerce.number().int().positive().default(60).describe('uploads per 10 minutes of one user'),
  GROUP_CREATE_LIMIT: z.coerce.number().int().positive().default(20).describe('groups created per hour by one user'),
  LINK_PREVIEW_ALLOW_LOOPBACK: z
    .union([z.boolean(), z.enum(['true', 'false', '1', '0', ''])])
    .default(false)
    .transform((v) => v === true || v === 'true' || v === '1')
    .refine((on) => !on || process.env.NODE_ENV !== 'production', 'must not be on when NODE_ENV=production')
    .describe('lets link previews fetch 127.0.0.0/8 and ::1 (any port), for tests against a local server; every other private range stays refused'),
  LINK_PREVIEW_TIMEOUT_MS: z.coerce.number().int().positive().default(8000).describe('longest one preview may take: every redirect, the page and its image'),
  LINK_PREVIEW_MAX_HTML_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(512 * 1024)
    .describe('bytes of a page (decompressed) read at most while looking for its <head>'),
  LINK_PREVIEW_MAX_IMAGE_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(5 * 1024 * 1024)
    .describe('largest preview image fetched'),
  LINK_PREVIEW_MAX_IMAGE_PIXELS: z.coerce.number().int().positive().default(25_000_000).describe('width × height above which a preview image is dropped'),
  LINK_PREVIEW_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(24 * 3600)
    .describe('how long a fetched preview is served from the cache'),
  LINK_PREVIEW_FAILURE_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(3600)
    .describe('how long a URL without a preview (refused, failed) is not fetched again'),
  LINK_PREVIEW_LIMIT: z.coerce.number().int().positive().default(60).describe('link-preview lookups per minute of one user'),
};

registerConfigKeys(KEYS);

type CommandApiKeys = z.infer<z.ZodObject<typeof KEYS>>;

declare module '@groupchat/shared' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ServiceConfig extends CommandApiKeys {}
}
