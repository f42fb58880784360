import { loadConfig, runUntilSignal } from '@groupchat/shared';
import { startAll } from './app';

await runUntilSignal(async () => {
  const app = await startAll(loadConfig());
  process.stderr.write(`\nGroupChat is running at http://localhost:${app.port}\n\n`);
  return app;
});
