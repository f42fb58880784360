import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { isTrustProxy, trustProxy } from '../src/trust-proxy';

const env = { KAFKA_BROKERS: 'localhost:9092', DATABASE_URL: 'postgres://u:p@localhost/db', ELASTICSEARCH_URL: 'http://localhost:9200' };

describe('TRUST_PROXY', () => {
  it('when unset, then only proxies on loopback are trusted', () => {
    expect(trustProxy(loadConfig(env).TRUST_PROXY)).toEqual(['loopback']);
  });
  it('when a hop count or a list of addresses and CIDR ranges, then express gets a number or the list', () => {
    expect(trustProxy('1')).toBe(1);
    expect(trustProxy('10.0.0.0/8, 192.168.1.7,fd00::/8, loopback')).toEqual(['10.0.0.0/8', '192.168.1.7', 'fd00::/8', 'loopback']);
  });
  it('when malformed, then the configuration is refused naming the key', () => {
    for (const bad of ['', 'yes', 'true', '10.0.0.0/33', '10.0.0/8', 'fd00::/129', '10.0.0.1/8/2', '1.2.3.4,', '-1', '999'])
      expect(isTrustProxy(bad), bad).toBe(false);
    expect(() => loadConfig({ ...env, TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/);
  });
});
