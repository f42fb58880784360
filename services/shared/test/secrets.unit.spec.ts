import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { DEVELOPMENT_JWT_SECRET } from '../src/secrets';

const base = { KAFKA_BROKERS: '127.0.0.1:1', DATABASE_URL: 'postgres://u:p@127.0.0.1:1/db', ELASTICSEARCH_URL: 'http://127.0.0.1:1' };
const strong = (c: string) => c.repeat(40);

describe('secrets in the configuration', () => {
  it('when in production, then missing, well-known, short and shared secrets are refused naming the key', () => {
    const prod = { ...base, NODE_ENV: 'production' };
    expect(() => loadConfig({ ...prod, MEDIA_URL_SECRET: strong('m') })).toThrow(/JWT_SECRET: is not set/);
    expect(() => loadConfig({ ...prod, JWT_SECRET: DEVELOPMENT_JWT_SECRET, MEDIA_URL_SECRET: strong('m') })).toThrow(/JWT_SECRET: is a well-known value/);
    expect(() => loadConfig({ ...prod, JWT_SECRET: 'change-me-to-a-long-random-secret', MEDIA_URL_SECRET: strong('m') })).toThrow(
      /JWT_SECRET: is a well-known value/,
    );
    expect(() => loadConfig({ ...prod, JWT_SECRET: 'x'.repeat(31), MEDIA_URL_SECRET: strong('m') })).toThrow(/JWT_SECRET: is only 31 bytes/);
    expect(() => loadConfig({ ...prod, JWT_SECRET: strong('j') })).toThrow(/MEDIA_URL_SECRET: is not set/);
    expect(() => loadConfig({ ...prod, JWT_SECRET: strong('k'), MEDIA_URL_SECRET: strong('k') })).toThrow(/MEDIA_URL_SECRET: must differ from JWT_SECRET/);
    expect(loadConfig({ ...prod, JWT_SECRET: strong('j'), MEDIA_URL_SECRET: strong('m') }).MEDIA_URL_SECRET).toBe(strong('m'));
  });

  it('when not in production, then the media key is derived, never the JWT key itself', () => {
    const dev = loadConfig(base);
    expect(dev.JWT_SECRET).toBe(DEVELOPMENT_JWT_SECRET);
    expect(dev.MEDIA_URL_SECRET).not.toBe(dev.JWT_SECRET);
    expect(dev.MEDIA_URL_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({ ...base, JWT_SECRET: strong('a') }).MEDIA_URL_SECRET).not.toBe(dev.MEDIA_URL_SECRET);
  });
});
