import { z } from 'zod';
import { isTrustProxy } from './trust-proxy';
import { checkSecrets, derivedMediaUrlSecret, DEVELOPMENT_JWT_SECRET } from './secrets';

/** The keys every service reads. A service's own keys are declared in the service (registerConfigKeys). */
const sharedKeys = {
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
  MIN_POSITION_WAIT_MS: z.coerce.number().int().positive().default(5000),
  APPEND_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(4000)
    .describe('longest a command waits for the broker to acknowledge its events before answering 503'),
  TRUST_PROXY: z
    .string()
    .default('loopback')
    .refine(
      isTrustProxy,
      'a hop count such as 1, or a comma-separated list of addresses and CIDR ranges such as 10.0.0.0/8 (or loopback, linklocal, uniquelocal)',
    )
    .describe('which peers may name the client in X-Forwarded-For (the address rate limits count); default: proxies on loopback only'),
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
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'an smtp:// or smtps:// URL such as smtp://user:pass@mail.example.com:587')
    .default('smtp://127.0.0.1:11025')
    .describe('the mail server accounts mail goes through; default: the local stack’s Mailpit (docs/accounts.md)'),
  MAIL_FROM: z.string().min(3).default('GroupChat <no-reply@groupchat.localhost>').describe('the From of accounts mail'),
  PUBLIC_BASE_URL: z
    .string()
    .regex(/^https?:\/\/[^\s/?#]+$/i, 'an origin such as https://chat.example.com (no path)')
    .default('http://localhost:8080')
    .describe('where the web app is reached: links in mails open pages under it'),
  WEB_DIST: z.string().optional().describe('folder of the built web app served at /'),
  VAPID_PUBLIC_KEY: z.string().optional().describe('Web Push key pair (base64url, both or neither); unset: made on first start and kept in Postgres'),
  VAPID_PRIVATE_KEY: z.string().optional(),
  VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:|https:\/\/)/, 'a mailto: or https: URL')
    .default('mailto:admin@groupchat.invalid')
    .describe('contact the push services may use about our pushes (RFC 8292): a mailto: or https: URL'),
  PUSH_ALLOW_LOOPBACK: z
    .union([z.boolean(), z.enum(['true', 'false', '1', '0', ''])])
    .default(false)
    .transform((v) => v === true || v === 'true' || v === '1')
    .refine((on) => !on || process.env.NODE_ENV !== 'production', 'must not be on when NODE_ENV=production')
    .describe('accepts push endpoints on 127.0.0.0/8 and ::1, over http too, for tests against a local push service; every other private range stays refused'),
};

/**
 * A service's own keys, merged in by the service's `config.ts` (interface merging), so a
 * process typed for a service sees them; shared declares none of them.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ServiceConfig {}

const serviceKeys: z.ZodRawShape = {};

/**
 * Declares a service's own configuration keys: validated (and defaulted) with the shared ones
 * by every `loadConfig` of a process that imports the service, and only there.
 */
export function registerConfigKeys(shape: z.ZodRawShape): void {
  Object.assign(serviceKeys, shape);
}

export type Config = z.infer<z.ZodObject<typeof sharedKeys>> & ServiceConfig & { MEDIA_URL_SECRET: string };

/** Reads and validates the configuration once at start; fails fast naming the bad key. */
export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<Config> = {}): Config {
  const input = { ...env, ...overrides };
  const parsed = z.object({ ...sharedKeys, ...serviceKeys }).safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  // Judged on what was given, before defaults: a missing secret must not pass as the default.
  const secrets = checkSecrets({ NODE_ENV: env.NODE_ENV ?? '', JWT_SECRET: input.JWT_SECRET, MEDIA_URL_SECRET: input.MEDIA_URL_SECRET });
  if (secrets.length) throw new Error(`invalid configuration:\n${secrets.join('\n')}`);
  const data = parsed.data as unknown as Omit<Config, 'MEDIA_URL_SECRET'> & { MEDIA_URL_SECRET?: string };
  return { ...data, MEDIA_URL_SECRET: data.MEDIA_URL_SECRET ?? derivedMediaUrlSecret(data.JWT_SECRET) } as Config;
}
