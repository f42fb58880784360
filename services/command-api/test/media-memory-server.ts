import { startMediaHarness } from './media-harness';

/** The media routes in a process of their own, so that a test can measure this process's memory alone. */
const h = await startMediaHarness();
process.send!({ url: h.url, token: h.token('alice') });
process.on('message', (message) => {
  if (message === 'stop') void h.close().then(() => process.exit(0));
});
