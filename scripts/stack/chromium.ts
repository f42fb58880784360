import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { run } from './proc';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Without it, emoji in messages and reactions show as empty boxes in the browser tests' screenshots. */
const EMOJI_FONT = '/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf';

/** Browser tests drive Debian's Chromium (a test tool's own browser download cannot work here). */
export function ensureChromium(): void {
  const needFont = !existsSync(EMOJI_FONT);
  if (existsSync(CHROMIUM)) {
    if (!needFont || userInfo().uid !== 0) return;
    // Nice to have: the tests pass without it, so a failed install only warns.
    try {
      aptInstall(['fonts-noto-color-emoji']);
    } catch (err) {
      process.stderr.write(`[stack] could not install fonts-noto-color-emoji (emoji will show as boxes in screenshots): ${(err as Error).message}\n`);
    }
    return;
  }
  if (userInfo().uid !== 0) throw new Error(`Chromium is missing at ${CHROMIUM}: install it with "sudo apt-get install -y chromium fonts-noto-color-emoji"`);
  aptInstall(['chromium', ...(needFont ? ['fonts-noto-color-emoji'] : [])]);
}

function aptInstall(packages: string[]): void {
  process.stderr.write(`[stack] installing ${packages.join(' and ')} for the browser tests …\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => run('chromium', 'apt-get install', 'apt-get', ['install', '-y', '--no-install-recommends', ...packages], { env });
  try {
    install();
  } catch {
    run('chromium', 'apt-get update', 'apt-get', ['update'], { env });
    install();
  }
}
