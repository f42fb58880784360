import { z } from 'zod';
import { isTrustProxy } from './trust-proxy';
import { checkSecrets, derivedMediaUrlSecret, DEVELOPMENT_JWT_SECRET } from './secrets';

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080).describe('HTTP port of the process'),
  HOST: z.string().default('0.0.0.0'),
  KAFKA_BROKERS: z.string().min(1).describe('comma-separated host:port list'),
  DATABASE_URL: z.url().describe('Postgres connection string'),
  ELASTICSEARCH_URL: z.url(),
  GROUPCHAT_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9_]*$/, 'lowercase letters, digits and _ only')
    .default('')
    .describe('prefix of topics, consumer groups and indices; lets isolated copies share one broker'),
  JWT_SECRET: z
    .string()
    .min(16)
    .default(DEVELOPMENT_JWT_SECRET)
    .describe('HMAC key of the access tokens; in production required, not a well-known value, at least 32 bytes'),
  MEDIA_URL_SECRET: z
    .string()
    .min(16)
    .optional()
    .describe('HMAC key of the signed media URLs, never the JWT key; in production required like JWT_SECRET, elsewhere derived from it when absent'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(900),
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
  MIN_POSITION_WAIT_MS: z.coerce.number().int().positive().default(5000),
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
  APPEND_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(4000)
    .describe('longest a command waits for the broker to acknowledge its events before answering 503'),
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
  MEDIA_UPLOAD_LIMIT: z.coerce.number().int().positive().default(60).describe('uploads per 10 minutes of one user'),
  GROUP_CREATE_LIMIT: z.coerce.number().int().positive().default(20).describe('groups created per hour by one user'),
  SEARCH_LIMIT: z.coerce.number().int().positive().default(300).describe('searches (messages, groups, users) per minute of one user'),
  TRUST_PROXY: z
    .string()
    .default('loopback')
    .refine(
      isTrustProxy,
      'a hop count such as 1, or a comma-separated list of addresses and CIDR ranges such as 10.0.0.0/8 (or loopback, linklocal, uniquelocal)',
    )
    .describe('which peers may name the client in X-Forwarded-For (the address rate limits count); default: proxies on loopback only'),
  PROJECTORS_NICE: z.coerce
    .number()
    .int()
    .min(0)
    .max(19)
    .default(10)
    .describe('nice value of the projectors thread in the all-in-one process (Linux): higher yields more CPU to clients'),
  COMMAND_API_URL: z
    .string()
    .url()
    .optional()
    .describe(
      'origin of the command API, where a realtime process running alone relays its sockets’ send frames (e.g. http://command-api:8080); the all-in-one process uses its own',
    ),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FILE: z.string().optional().describe('append the JSON log lines to this file instead of writing them to stdout'),
  METRICS_TOKEN: z.string().min(16).optional().describe('bearer token that /metrics requires; unset: /metrics is not served'),
  CORS_ORIGINS: z
    .string()
    .default('')
    .refine(
      (v) =>
        v
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean)
          .every((o) => /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i.test(o)),
      'a comma-separated list of origins such as https://chat.example.com (no wildcards, no paths)',
    )
    .describe('other origins whose web pages may call the API from a browser; empty: the API serves only its own origin'),
  WEB_DIST: z.string().optional().describe('folder of the built web app served at /'),
});

export type Config = z.infer<typeof schema> & { MEDIA_URL_SECRET: string };

/** Reads and validates the configuration once at start; fails fast naming the bad key. */
export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<Config> = {}): Config {
  const input = { ...env, ...overrides };
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  // Judged on what was given, before defaults: a missing secret must not pass as the default.
  const secrets = checkSecrets({ NODE_ENV: env.NODE_ENV ?? '', JWT_SECRET: input.JWT_SECRET, MEDIA_URL_SECRET: input.MEDIA_URL_SECRET });
  if (secrets.length) throw new Error(`invalid configuration:\n${secrets.join('\n')}`);
  return { ...parsed.data, MEDIA_URL_SECRET: parsed.data.MEDIA_URL_SECRET ?? derivedMediaUrlSecret(parsed.data.JWT_SECRET) };
}
