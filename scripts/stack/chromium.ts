import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { run } from './proc';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Browser tests drive Debian's Chromium (a test tool's own browser download cannot work here). */
export function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  if (userInfo().uid !== 0) throw new Error(`Chromium is missing at ${CHROMIUM}: install it with "sudo apt-get install -y chromium"`);
  process.stderr.write('[stack] installing Debian chromium for the browser tests …\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    run('chromium', 'apt-get install', 'apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { env });
  } catch {
    run('chromium', 'apt-get update', 'apt-get', ['update'], { env });
    run('chromium', 'apt-get install', 'apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { env });
  }
}
