import { z } from 'zod';
import { loadServiceConfig } from '@groupchat/shared';
import type { RealtimeOptions } from './context';

const count = () => z.coerce.number().int().positive().optional();

/** Realtime's limits, each settable by its environment key; unset keys keep the defaults of `realtimeOptions`. */
const KEYS = {
  REALTIME_AUTH_TIMEOUT_MS: count().describe('a socket must authenticate within this time'),
  REALTIME_PING_INTERVAL_MS: count().describe('ping period; a socket that has not answered the previous ping is closed'),
  REALTIME_MAX_BUFFERED_BYTES: count().describe('per-socket send buffer; a client further behind is closed with 4008'),
  REALTIME_MAX_CONNECTIONS_PER_USER: count().describe('open sockets of one user per process'),
  REALTIME_FRAMES_PER_SECOND: count().describe('client frames per second of one socket (sustained)'),
  REALTIME_FRAME_BURST: count().describe('client frames of one socket in a burst'),
  REALTIME_MAX_FRAME_BYTES: count().describe('largest client frame'),
  REALTIME_MAX_SUBSCRIPTIONS_PER_SOCKET: count().describe('groups one socket follows at once'),
  REALTIME_MAX_REPLAY_EVENTS: count().describe('a resume further behind than this is told to resync over HTTP'),
  REALTIME_MAX_PENDING_SENDS: count().describe('send frames of one socket awaiting their answer'),
};

const OPTION: Record<keyof typeof KEYS, keyof RealtimeOptions> = {
  REALTIME_AUTH_TIMEOUT_MS: 'authTimeoutMs',
  REALTIME_PING_INTERVAL_MS: 'pingIntervalMs',
  REALTIME_MAX_BUFFERED_BYTES: 'maxBufferedBytes',
  REALTIME_MAX_CONNECTIONS_PER_USER: 'maxConnectionsPerUser',
  REALTIME_FRAMES_PER_SECOND: 'framesPerSecond',
  REALTIME_FRAME_BURST: 'frameBurst',
  REALTIME_MAX_FRAME_BYTES: 'maxFrameBytes',
  REALTIME_MAX_SUBSCRIPTIONS_PER_SOCKET: 'maxSubscriptionsPerSocket',
  REALTIME_MAX_REPLAY_EVENTS: 'maxReplayEvents',
  REALTIME_MAX_PENDING_SENDS: 'maxPendingSends',
};

/** The limits set in the environment, as options. */
export function realtimeEnvOptions(env: Record<string, string | undefined> = process.env): Partial<RealtimeOptions> {
  const parsed = loadServiceConfig('realtime', KEYS, env);
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(parsed)) if (value !== undefined) out[OPTION[key as keyof typeof KEYS]] = value as number;
  return out as Partial<RealtimeOptions>;
}

export const REALTIME_KEYS = KEYS;
