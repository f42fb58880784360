import { describe, expect, it } from 'vitest';
import type { Runtime } from '@groupchat/shared';
import { realtimeOptions } from '../src/context';

const rt = { config: { MIN_POSITION_WAIT_MS: 5000 } } as Runtime;

describe('realtime limits from the environment', () => {
  it('takes each REALTIME_* key over its default, and what the caller gives over both', () => {
    const env = { REALTIME_MAX_FRAME_BYTES: '1000', REALTIME_MAX_CONNECTIONS_PER_USER: '3', REALTIME_FRAMES_PER_SECOND: '7' };
    const options = realtimeOptions(rt, { framesPerSecond: 9 }, env);
    expect(options).toMatchObject({ maxFrameBytes: 1000, maxConnectionsPerUser: 3, framesPerSecond: 9, maxBufferedBytes: 1024 * 1024 });
    expect(realtimeOptions(rt, {}, {}).maxFrameBytes).toBe(64 * 1024);
  });

  it('refuses a bad value at start, naming the key', () => {
    expect(() => realtimeOptions(rt, {}, { REALTIME_MAX_BUFFERED_BYTES: 'lots' })).toThrow(/invalid realtime configuration:\n\s+REALTIME_MAX_BUFFERED_BYTES: /);
    expect(() => realtimeOptions(rt, {}, { REALTIME_AUTH_TIMEOUT_MS: '-5' })).toThrow(/REALTIME_AUTH_TIMEOUT_MS/);
  });
});
