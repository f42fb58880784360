import { spawn } from 'node:child_process';
import { createHmac, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { progress } from './bench';
import { freePort } from './proc';
import { LocalServer, ServerProcess } from './server-process';

export const SYNAPSE_VERSION = '1.163.2';
/** The Postgres driver as a wheel: the `postgres` extra's psycopg2 is built from source against libpq's headers. */
const PSYCOPG2_BINARY_VERSION = '2.9.13';
const VENV = join(process.env.GROUPCHAT_CACHE_DIR ?? join(homedir(), '.cache', 'groupchat'), 'synapse', SYNAPSE_VERSION);
/** Written last: a virtualenv without it was interrupted and is made again. */
const INSTALLED = join(VENV, '.installed');
/** Far above anything the bench sends: the rate limits are a deployment's choice, not the server's speed. */
const UNLIMITED = { per_second: 1_000_000, burst_count: 1_000_000 };

/** Python with Synapse, in a virtualenv in the download cache made when missing (needs python3 and PyPI). */
export async function ensureSynapse(): Promise<string> {
  const python = join(VENV, 'bin', 'python');
  if (existsSync(INSTALLED)) return python;
  const requirements = [`matrix-synapse==${SYNAPSE_VERSION}`, `psycopg2-binary==${PSYCOPG2_BINARY_VERSION}`];
  rmSync(VENV, { recursive: true, force: true });
  mkdirSync(dirname(VENV), { recursive: true });
  progress(`synapse: installing ${requirements.join(' ')} into a virtualenv in ${VENV} (once, a minute or two) …`);
  await run('python3', ['-m', 'venv', VENV], 'python3 -m venv');
  await run(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', ...requirements], `pip install ${requirements[0]}`);
  writeFileSync(INSTALLED, `${requirements.join('\n')}\n`);
  return python;
}

export interface MatrixUser {
  userId: string;
  token: string;
}

/**
 * One Synapse homeserver on 127.0.0.1, no workers, on the stack's Postgres in a database of its
 * own; users are made through the shared-secret admin registration.
 */
export class Synapse extends LocalServer {
  private constructor(
    proc: ServerProcess,
    port: number,
    /** Its Postgres database, whose backends the CPU columns count. */
    readonly database: string,
    private readonly sharedSecret: string,
    private readonly finish: () => Promise<void>,
  ) {
    super(proc, port);
  }

  /**
   * Starts Synapse for a run whose database is `databaseUrl`. `onStop` is handed the stop first,
   * so a run interrupted while Synapse starts still stops it and drops its database.
   */
  static async start(databaseUrl: string, logFile: string, onStop: (stop: () => Promise<void>) => void): Promise<Synapse> {
    const python = await ensureSynapse();
    const pgUrl = new URL(databaseUrl);
    const database = `${decodeURIComponent(pgUrl.pathname.slice(1))}_synapse`;
    const dir = mkdtempSync(join(tmpdir(), 'groupchat-bench-synapse-'));
    let proc: ServerProcess | undefined;
    let created = false;
    let stopped: Promise<void> | undefined;
    const stop = () =>
      (stopped ??= (async () => {
        await proc?.stop(15_000);
        if (created) await onServer(databaseUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
        rmSync(dir, { recursive: true, force: true });
      })());
    onStop(stop);
    try {
      // Synapse refuses a database whose collation is not C: ordering of its text keys depends on it.
      await onServer(databaseUrl, `CREATE DATABASE "${database}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
      created = true;
      const port = await freePort();
      const sharedSecret = randomBytes(24).toString('hex');
      const config = writeConfig(dir, port, pgUrl, database, sharedSecret);
      progress(`synapse: starting Synapse ${SYNAPSE_VERSION} on 127.0.0.1:${port}, database ${database} …`);
      proc = ServerProcess.spawn('Synapse', [python, '-m', 'synapse.app.homeserver', '--config-path', config], { logFile, cwd: dir });
      const synapse = new Synapse(proc, port, database, sharedSecret, stop);
      await proc.waitReady(async () => (await fetch(`${synapse.url}/health`)).status === 200, 180_000, 300);
      return synapse;
    } catch (err) {
      await stop();
      throw err;
    }
  }

  /** A user made through the admin API (HMAC of nonce, name, password and role with the shared secret), with an access token. */
  async register(username: string): Promise<MatrixUser> {
    const path = '/_synapse/admin/v1/register';
    const { nonce } = await this.call<{ nonce: string }>('GET', path);
    const password = randomBytes(12).toString('hex');
    const mac = createHmac('sha1', this.sharedSecret).update([nonce, username, password, 'notadmin'].join('\0')).digest('hex');
    const r = await this.call<{ user_id: string; access_token: string }>('POST', path, undefined, { nonce, username, password, admin: false, mac });
    return { userId: r.user_id, token: r.access_token };
  }

  /** `count` users in one public room: the first creates it, the others join. */
  async room(count: number): Promise<{ roomId: string; users: MatrixUser[] }> {
    const users = await Promise.all(Array.from({ length: count }, (_, i) => this.register(`bench${i}`)));
    const { room_id: roomId } = await this.call<{ room_id: string }>('POST', '/_matrix/client/v3/createRoom', users[0]!, {
      preset: 'public_chat',
      name: 'bench',
    });
    await Promise.all(users.slice(1).map((u) => this.call('POST', `/_matrix/client/v3/join/${encodeURIComponent(roomId)}`, u, {})));
    return { roomId, users };
  }

  stop(): Promise<void> {
    return this.finish();
  }

  private async call<T>(method: 'GET' | 'POST', path: string, as?: MatrixUser, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(as ? { authorization: `Bearer ${as.token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`Synapse ${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
    return JSON.parse(text) as T;
  }
}

/** homeserver.yaml (JSON is YAML) and its logging config; answers the config's path. */
function writeConfig(dir: string, port: number, pgUrl: URL, database: string, sharedSecret: string): string {
  const secret = () => randomBytes(24).toString('hex');
  const { privateKey } = generateKeyPairSync('ed25519');
  const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url')
    .toString('base64')
    .replace(/=+$/, '');
  writeFileSync(join(dir, 'signing.key'), `ed25519 a_bench ${seed}\n`);
  // Warnings only, like the system under test (LOG_LEVEL=warn); to stderr, which goes to the run's log.
  const logging = {
    version: 1,
    formatters: { precise: { format: '%(asctime)s - %(name)s - %(lineno)d - %(levelname)s - %(message)s' } },
    handlers: { console: { class: 'logging.StreamHandler', formatter: 'precise', stream: 'ext://sys.stderr' } },
    root: { level: 'WARNING', handlers: ['console'] },
    disable_existing_loggers: false,
  };
  writeFileSync(join(dir, 'log.config'), JSON.stringify(logging, null, 2));
  const config = {
    server_name: 'localhost',
    public_baseurl: `http://127.0.0.1:${port}/`,
    pid_file: join(dir, 'homeserver.pid'),
    // The client API only: no federation listener, no metrics listener, no workers.
    listeners: [{ port, bind_addresses: ['127.0.0.1'], type: 'http', tls: false, x_forwarded: false, resources: [{ names: ['client'], compress: false }] }],
    database: {
      name: 'psycopg2',
      args: {
        user: decodeURIComponent(pgUrl.username),
        password: decodeURIComponent(pgUrl.password),
        dbname: database,
        host: pgUrl.hostname,
        port: Number(pgUrl.port || 5432),
        cp_min: 5,
        cp_max: 10,
      },
    },
    log_config: join(dir, 'log.config'),
    signing_key_path: join(dir, 'signing.key'),
    media_store_path: join(dir, 'media'),
    enable_media_repo: false,
    url_preview_enabled: false,
    report_stats: false,
    enable_metrics: false,
    presence: { enabled: false },
    federation_domain_whitelist: [],
    trusted_key_servers: [],
    suppress_key_server_warning: true,
    registration_shared_secret: sharedSecret,
    macaroon_secret_key: secret(),
    form_secret: secret(),
    // Only the setup's password hashing: the bench never logs in with a password.
    bcrypt_rounds: 4,
    rc_message: UNLIMITED,
    rc_registration: UNLIMITED,
    rc_registration_token_validity: UNLIMITED,
    rc_login: { address: UNLIMITED, account: UNLIMITED, failed_attempts: UNLIMITED },
    rc_joins: { local: UNLIMITED, remote: UNLIMITED },
    rc_joins_per_room: UNLIMITED,
    rc_invites: { per_room: UNLIMITED, per_user: UNLIMITED, per_issuer: UNLIMITED },
    rc_admin_redaction: UNLIMITED,
    rc_room_creation: UNLIMITED,
    rc_3pid_validation: UNLIMITED,
    rc_presence: { per_user: UNLIMITED },
    rc_delayed_event_mgmt: UNLIMITED,
  };
  const file = join(dir, 'homeserver.yaml');
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

/** One statement on the Postgres server's maintenance database (CREATE/DROP DATABASE cannot run in the run's own). */
async function onServer(databaseUrl: string, sql: string): Promise<void> {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Runs a setup command with its output shown as progress; fails with its last line of output. */
function run(command: string, args: string[], what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let last = '';
    const show = (chunk: Buffer) => {
      for (const line of chunk
        .toString()
        .split('\n')
        .filter((l) => l.trim())) {
        process.stderr.write(`  ${line}\n`);
        last = line.trim();
      }
    };
    child.stdout.on('data', show);
    child.stderr.on('data', show);
    child.on('error', (err) => reject(new Error(`Synapse unavailable: ${what}: ${err.message}`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`Synapse unavailable: ${what} failed (exit ${code}): ${last}`))));
  });
}
