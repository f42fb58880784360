import cliProgress from 'cli-progress';

/** A bar with rate and ETA on a terminal; plain periodic lines when stderr is not a terminal. */
export function progress(total: number, label: string) {
  const started = Date.now();
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted}`, stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { rate: 0 });
    return {
      update(n: number) {
        bar.update(n, { rate: Math.round(n / Math.max(0.001, (Date.now() - started) / 1000)) });
      },
      stop() {
        bar.stop();
      },
    };
  }
  let lastPrint = 0;
  const line = (n: number) => {
    const secs = (Date.now() - started) / 1000;
    const rate = Math.round(n / Math.max(secs, 0.001));
    const eta = rate > 0 ? Math.round((total - n) / rate) : 0;
    process.stderr.write(`${label}: ${n}/${total} (${total ? Math.round((100 * n) / total) : 100}%) ${rate}/s eta ${eta}s\n`);
  };
  return {
    update(n: number) {
      if (Date.now() - lastPrint >= 2000) {
        lastPrint = Date.now();
        line(n);
      }
    },
    stop() {
      line(total);
    },
  };
}
