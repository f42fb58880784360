import { createHmac } from 'node:crypto';

/** The development default of JWT_SECRET: public, so never acceptable in production. */
export const DEVELOPMENT_JWT_SECRET = 'groupchat-local-development-secret-change-me';

const MIN_SECRET_BYTES = 32;

/**
 * Values found in docs, tutorials and sample files; a secret anyone can read in the repository
 * or on the first page of a search is no secret.
 */
const WELL_KNOWN = new Set(
  [
    DEVELOPMENT_JWT_SECRET,
    'change-me-to-a-long-random-secret',
    'your-256-bit-secret',
    'your-secret-key',
    'secret',
    'secretkey',
    'supersecret',
    'changeme',
    'change-me',
    'password',
    'jwt-secret',
    'jwtsecret',
    'groupchat',
  ].map((s) => s.toLowerCase()),
);

/** Why a secret may not sign anything in production, or undefined when it may. */
export function secretProblem(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return 'is not set';
  if (WELL_KNOWN.has(value.trim().toLowerCase())) return 'is a well-known value (the development default or a sample one)';
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes < MIN_SECRET_BYTES) return `is only ${bytes} bytes long`;
  return undefined;
}

/**
 * In production each secret must be given, unknown and long; elsewhere a missing media key is
 * derived from the JWT key under its own label, so the two never share a key.
 */
export function checkSecrets(env: { NODE_ENV: string; JWT_SECRET?: string; MEDIA_URL_SECRET?: string }): string[] {
  if (env.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  for (const key of ['JWT_SECRET', 'MEDIA_URL_SECRET'] as const) {
    const problem = secretProblem(env[key]);
    if (problem)
      problems.push(`  ${key}: ${problem}; in production set it to a random value of at least ${MIN_SECRET_BYTES} bytes (e.g. \`openssl rand -base64 48\`)`);
  }
  if (env.JWT_SECRET && env.JWT_SECRET === env.MEDIA_URL_SECRET) problems.push('  MEDIA_URL_SECRET: must differ from JWT_SECRET');
  return problems;
}

export function derivedMediaUrlSecret(jwtSecret: string): string {
  return createHmac('sha256', jwtSecret).update('groupchat media url key v1').digest('base64url');
}
