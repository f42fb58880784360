import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './proc';
import { LocalServer, ServerProcess } from './server-process';

export const CENTRIFUGO_VERSION = 'v6.9.1';
const BIN_DIR = join(process.env.GROUPCHAT_CACHE_DIR ?? join(homedir(), '.cache', 'groupchat'), 'bin');
const BIN = join(BIN_DIR, 'centrifugo');

/** The Centrifugo binary, built from the Go module proxy into the download cache when missing. */
export function ensureCentrifugo(): string {
  if (existsSync(BIN)) return BIN;
  mkdirSync(BIN_DIR, { recursive: true });
  console.error(`[bench] building Centrifugo ${CENTRIFUGO_VERSION} with go install (once) …`);
  const built = spawnSync('go', ['install', `github.com/centrifugal/centrifugo/v6@${CENTRIFUGO_VERSION}`], {
    env: { ...process.env, GOBIN: BIN_DIR },
    stdio: 'inherit',
  });
  if (built.status !== 0 || !existsSync(BIN)) throw new Error('could not install Centrifugo (needs Go and access to the Go module proxy)');
  return BIN;
}

/** A Centrifugo node on 127.0.0.1: HMAC connection tokens, HTTP publish API with a key, JSON WebSocket clients. */
export class Centrifugo extends LocalServer {
  private constructor(
    proc: ServerProcess,
    port: number,
    private readonly configFile: string,
    readonly apiKey: string,
    readonly hmacSecret: string,
  ) {
    super(proc, port);
  }

  static async start(logFile: string): Promise<Centrifugo> {
    const bin = ensureCentrifugo();
    const port = await freePort();
    const apiKey = randomBytes(16).toString('hex');
    const hmacSecret = randomBytes(24).toString('hex');
    const configFile = join(tmpdir(), `groupchat-bench-centrifugo-${process.pid}-${port}.json`);
    const config = {
      http_server: { address: '127.0.0.1', port },
      log: { level: 'warn' },
      client: { token: { hmac_secret_key: hmacSecret }, allowed_origins: ['*'] },
      http_api: { key: apiKey },
      channel: { without_namespace: { allow_subscribe_for_client: true } },
      usage_stats: { disabled: true },
    };
    writeFileSync(configFile, JSON.stringify(config, null, 2));
    const proc = ServerProcess.spawn('Centrifugo', [bin, '--config', configFile], { logFile });
    const c = new Centrifugo(proc, port, configFile, apiKey, hmacSecret);
    const info = () => fetch(`${c.url}/api/info`, { method: 'POST', headers: { 'X-API-Key': apiKey, 'Content-Type': 'application/json' }, body: '{}' });
    await proc.waitReady(async () => (await info()).status === 200, 30_000, 200);
    return c;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}/connection/websocket`;
  }

  async stop(): Promise<void> {
    rmSync(this.configFile, { force: true });
    await this.proc.stop(10_000);
  }
}
