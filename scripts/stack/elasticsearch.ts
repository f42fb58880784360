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
  },
  down: () => terminate('elasticsearch', 30_000),
  dataDirs: [HOME],
};
