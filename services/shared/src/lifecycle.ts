/** Starts a service and closes it in order on SIGINT/SIGTERM; a second signal forces the exit. */
export async function runUntilSignal(start: () => Promise<{ close(): Promise<void> }>): Promise<void> {
  const service = await start();
  let closing = false;
  const stop = async (signal: string) => {
    if (closing) process.exit(1);
    closing = true;
    process.stderr.write(`${signal}: shutting down\n`);
    const timer = setTimeout(() => process.exit(1), 20_000);
    timer.unref();
    await service.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // Started by a supervisor that died without passing a signal on: stop rather than linger.
  const parent = process.ppid;
  if (parent !== 1) {
    setInterval(() => {
      if (process.ppid !== parent) void stop('parent exit');
    }, 1000).unref();
  }
}
