import { existsSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { CACHE, DATA, PORTS } from './paths';
import { StackError, launch, readPid, run, terminate, waitFor } from './proc';
import type { Part } from './part';

/** A version the Go module proxy serves and that builds with the machine's Go (docs/decisions/0017). */
export const MAILPIT_VERSION = 'v1.33.1';
const BIN_DIR = join(CACHE, `mailpit-${MAILPIT_VERSION}`, 'bin');
const BINARY = join(BIN_DIR, 'mailpit');
const HOME = join(DATA, 'mailpit');
const LOG = join(HOME, 'mailpit.log');
const api = () => `http://127.0.0.1:${PORTS.mailpitHttp}`;

async function ready(): Promise<boolean> {
  try {
    const res = await fetch(`${api()}/readyz`, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

function findGo(): string {
  for (const candidate of [process.env.GO ?? 'go', '/usr/local/go/bin/go']) {
    if (spawnSync(candidate, ['version'], { stdio: 'ignore' }).status === 0) return candidate;
  }
  throw new StackError('mailpit', 'find Go', 'Go is needed to build Mailpit from the module proxy (go on PATH, /usr/local/go/bin/go, or GO=<path>)');
}

/** Built once from the Go module proxy into the download cache, outside the repository. */
function install(): void {
  if (existsSync(BINARY)) return;
  mkdirSync(BIN_DIR, { recursive: true });
  run('mailpit', `go install github.com/axllent/mailpit@${MAILPIT_VERSION} into ${BIN_DIR}`, findGo(), ['install', `github.com/axllent/mailpit@${MAILPIT_VERSION}`], {
    env: { ...process.env, GOBIN: BIN_DIR, GOFLAGS: '-buildvcs=false', CGO_ENABLED: '0' },
    timeout: 15 * 60_000,
  });
}

/**
 * A real SMTP server that keeps what it receives, with a web UI and an HTTP API to read it:
 * the local stack's mail server, read by developers in the browser and by the tests through the API.
 */
export const mailpit: Part = {
  name: 'mailpit',
  envOverride: 'SMTP_URL',
  url: () => `smtp://127.0.0.1:${PORTS.mailpitSmtp}`,
  extraEnv: () => ({ MAILPIT_URL: api() }),
  logFile: LOG,
  isUp: ready,
  running: () => readPid('mailpit') !== undefined,
  async up() {
    install();
    mkdirSync(HOME, { recursive: true });
    launch(
      'mailpit',
      BINARY,
      [
        '--smtp',
        `127.0.0.1:${PORTS.mailpitSmtp}`,
        '--listen',
        `127.0.0.1:${PORTS.mailpitHttp}`,
        '--database',
        join(HOME, 'mailpit.db'),
        // Test runs send thousands of mails; the oldest go first past this.
        '--max',
        '20000',
        '--smtp-auth-accept-any',
        '--smtp-auth-allow-insecure',
        '--disable-version-check',
        '--quiet',
      ],
      LOG,
    );
    await waitFor('mailpit', `wait for ${api()}/readyz`, ready, 30_000, LOG, 'mailpit');
  },
  down: () => terminate('mailpit', 10_000),
  dataDirs: [HOME],
};
