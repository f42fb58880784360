import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE, DATA, PORTS, REPO, javaHome } from './paths';
import { launch, readPid, run, terminate, waitFor } from './proc';
import type { Part } from './part';

const HOME = join(DATA, 'elasticsearch');
const LOG = join(HOME, 'elasticsearch.log');
const ES_CACHE = join(CACHE, 'elasticsearch');
const url = () => `http://127.0.0.1:${PORTS.elasticsearch}`;

async function answers(): Promise<boolean> {
  try {
    const res = await fetch(`${url()}/_cluster/health?wait_for_status=yellow&timeout=1s`, { signal: AbortSignal.timeout(3000) });
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * Every test run and bench namespace has its own indices (one shard each); the default limit of
 * 1,000 shards per node is reached after a few runs on one machine, and then creating an index fails.
 */
async function allowManyIndices(): Promise<void> {
  const res = await fetch(`${url()}/_cluster/settings`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ persistent: { 'cluster.max_shards_per_node': 20_000 } }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`elasticsearch: raising cluster.max_shards_per_node failed: ${res.status} ${await res.text()}`);
}

const env = () => ({ ...process.env, GROUPCHAT_ES_CACHE: ES_CACHE, ES_JAVA_OPTS: process.env.ES_JAVA_OPTS ?? '-Des.setting.logger.level=WARN', ...(javaHome() ? { JAVA_HOME: javaHome() } : {}) });

export const elasticsearch: Part = {
  name: 'elasticsearch',
  envOverride: 'ELASTICSEARCH_URL',
  url,
  logFile: LOG,
  isUp: answers,
  running: () => readPid('elasticsearch') !== undefined,
  async up() {
    mkdirSync(HOME, { recursive: true });
    run('elasticsearch', `resolve Maven jars and build the launcher in ${ES_CACHE}`, 'bash', [join(REPO, 'stack/elasticsearch/setup.sh'), ES_CACHE], { env: env() });
    launch('elasticsearch', 'bash', [join(REPO, 'stack/elasticsearch/run.sh'), join(HOME, 'node'), String(PORTS.elasticsearch), 'groupchat'], LOG, { env: env() });
    await waitFor('elasticsearch', `wait for HTTP on ${url()}`, answers, 180_000, LOG, 'elasticsearch');
    await allowManyIndices();
  },
  down: () => terminate('elasticsearch', 30_000),
  dataDirs: [HOME],
};
