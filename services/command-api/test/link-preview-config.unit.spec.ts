import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '@groupchat/shared';
import '../src/config';

const env = { KAFKA_BROKERS: 'k:1', DATABASE_URL: 'postgres://x@y/z', ELASTICSEARCH_URL: 'http://e:1' };

afterEach(() => vi.unstubAllEnvs());

describe('LINK_PREVIEW_ALLOW_LOOPBACK', () => {
  it('is off by default and reads true/false/1/0', () => {
    expect(loadConfig(env).LINK_PREVIEW_ALLOW_LOOPBACK).toBe(false);
    expect(loadConfig({ ...env, LINK_PREVIEW_ALLOW_LOOPBACK: 'true' }).LINK_PREVIEW_ALLOW_LOOPBACK).toBe(true);
    expect(loadConfig({ ...env, LINK_PREVIEW_ALLOW_LOOPBACK: '0' }).LINK_PREVIEW_ALLOW_LOOPBACK).toBe(false);
    expect(() => loadConfig({ ...env, LINK_PREVIEW_ALLOW_LOOPBACK: 'yes please' })).toThrow(/LINK_PREVIEW_ALLOW_LOOPBACK/);
  });

  it('refuses to start with it on when NODE_ENV=production', () => {
    vi.stubEnv('NODE_ENV', 'production');
    const secrets = { JWT_SECRET: 'a'.repeat(40), MEDIA_URL_SECRET: 'b'.repeat(40), NODE_ENV: 'production' };
    expect(loadConfig({ ...env, ...secrets }).LINK_PREVIEW_ALLOW_LOOPBACK).toBe(false);
    expect(() => loadConfig({ ...env, ...secrets, LINK_PREVIEW_ALLOW_LOOPBACK: 'true' })).toThrow(
      /LINK_PREVIEW_ALLOW_LOOPBACK: must not be on when NODE_ENV=production/,
    );
  });
});
