import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { loadConfig, type Config } from '@groupchat/shared';
// Every service's own keys, so that a test's config has them whichever service it starts.
import '@groupchat/command-api/config';
import '@groupchat/query-api/config';
import '../../../src/config';

/** The servers `npm test` started (or the local defaults when vitest runs on its own). */
export function stackEnv() {
  return {
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:19092',
    DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://groupchat:groupchat@127.0.0.1:15432/postgres',
    ELASTICSEARCH_URL: process.env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:19200',
    SMTP_URL: process.env.SMTP_URL ?? 'smtp://127.0.0.1:11025',
  };
}

/** Environment that points a child process (a service, the CLI) at the servers and namespace of `config`. */
export function configEnv(config: Pick<Config, 'KAFKA_BROKERS' | 'DATABASE_URL' | 'ELASTICSEARCH_URL' | 'GROUPCHAT_NAMESPACE'>) {
  return {
    KAFKA_BROKERS: config.KAFKA_BROKERS,
    DATABASE_URL: config.DATABASE_URL,
    ELASTICSEARCH_URL: config.ELASTICSEARCH_URL,
    GROUPCHAT_NAMESPACE: config.GROUPCHAT_NAMESPACE,
  };
}

/**
 * A configuration isolated from every other test: its own topic and index prefix and its
 * own database, on the same real servers.
 */
export function isolatedConfig(overrides: Partial<Config> = {}): Config {
  const ns = `t${randomBytes(5).toString('hex')}_`;
  const env = stackEnv();
  const db = new URL(env.DATABASE_URL);
  db.pathname = `/gc_${ns.slice(0, -1)}`;
  return loadConfig(
    {
      ...env,
      DATABASE_URL: db.toString(),
      GROUPCHAT_NAMESPACE: ns,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      MEDIA_DIR: `.data/test-media/${ns}`,
    },
    overrides,
  );
}

/**
 * Deletes the Elasticsearch indices of a test's namespace when it is done with them, so repeated
 * runs do not pile up shards on the one node. Best effort: a leftover index harms nothing else.
 */
export async function dropNamespaceIndices(config: Pick<Config, 'ELASTICSEARCH_URL' | 'GROUPCHAT_NAMESPACE'>): Promise<void> {
  try {
    const res = await fetch(`${config.ELASTICSEARCH_URL}/_cat/indices/${config.GROUPCHAT_NAMESPACE}*?h=index&expand_wildcards=all`, {
      signal: AbortSignal.timeout(5000),
    });
    const names = (await res.text())
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    // Wildcard deletes are refused (action.destructive_requires_name): name each index.
    for (let i = 0; i < names.length; i += 50) {
      await fetch(`${config.ELASTICSEARCH_URL}/${names.slice(i, i + 50).join(',')}?ignore_unavailable=true`, {
        method: 'DELETE',
        signal: AbortSignal.timeout(10_000),
      });
    }
  } catch {
    // Elasticsearch may be the thing a test stopped.
  }
}

/** Polls `check` until it returns a truthy value or the time is up; never a fixed sleep. */
export async function waitUntil<T>(check: () => Promise<T> | T, { timeoutMs = 15_000, intervalMs = 50, what = 'condition' } = {}): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${(lastError as Error).message}` : ''}`);
}

/** A TCP port free on the loopback interface right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
