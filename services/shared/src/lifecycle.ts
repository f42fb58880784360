/**
 * Starts a service and closes it in order on SIGINT/SIGTERM; a second signal forces the exit.
 * Signals are handled from the first moment: one arriving while the service is still starting
 * waits for the start to finish, then closes what was started.
 */
export async function runUntilSignal(start: () => Promise<{ close(): Promise<void> }>): Promise<void> {
  let closing = false;
  const starting = start();
  const stop = async (signal: string) => {
    if (closing) process.exit(1);
    closing = true;
    process.stderr.write(`${signal}: shutting down\n`);
    const timer = setTimeout(() => process.exit(1), 20_000);
    timer.unref();
    try {
      const service = await starting;
      await service.close();
    } catch (err) {
      process.stderr.write(`shutdown: ${(err as Error).message}\n`);
      process.exit(1);
    }
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
  await starting;
}
