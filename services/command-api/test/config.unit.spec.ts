import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '@groupchat/shared';
import '../src/config';

const env = { KAFKA_BROKERS: 'k:1', DATABASE_URL: 'postgres://x@y/z', ELASTICSEARCH_URL: 'http://e:1' };

describe('the command API declares its own configuration keys', () => {
  it('validates and defaults them with the shared ones, failing fast on a bad value named by its key', () => {
    expect(loadConfig(env)).toMatchObject({ MEDIA_STORE: 'local', MESSAGE_LIMIT_BURST: 20, APPEND_TIMEOUT_MS: 4000 });
    expect(() => loadConfig({ ...env, MEDIA_MAX_IMAGE_BYTES: 'big' })).toThrow(/invalid configuration:\n\s+MEDIA_MAX_IMAGE_BYTES: /);
  });

  it('leaves them out of a process that does not run the command API', () => {
    const script = `import('@groupchat/shared').then((s) => console.log(JSON.stringify(Object.keys(s.loadConfig(${JSON.stringify(env)})))))`;
    const keys = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' })) as string[];
    expect(keys).toContain('APPEND_TIMEOUT_MS');
    expect(keys).not.toContain('MEDIA_STORE');
    expect(keys).not.toContain('MESSAGE_LIMIT_BURST');
  });
});
