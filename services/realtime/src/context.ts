import { PRESENCE_HEARTBEAT_MS, type Runtime } from '@groupchat/shared';
import type { Access } from './access';
import type { BlockLists } from './blocks';
import type { LiveFeed } from './feed';
import type { GroupsView } from './groups-view';
import type { Hub } from './hub';
import type { Presence, PresenceOptions } from './presence';
import { realtimeEnvOptions } from './config';
import type { SendRelay } from './sends';
import type { UnreadPush } from './unread';

export interface RealtimeOptions {
  /** A connection must authenticate within this time. */
  authTimeoutMs: number;
  /** Ping period; a socket that has not answered the previous ping is terminated. */
  pingIntervalMs: number;
  /** Per-socket send buffer bound; a client further behind is closed with 4008 (slow consumer). */
  maxBufferedBytes: number;
  /** A replay waits for the client to drain its buffer at most this long before giving up on it. */
  drainTimeoutMs: number;
  maxConnectionsPerUser: number;
  framesPerSecond: number;
  frameBurst: number;
  maxFrameBytes: number;
  maxSubscriptionsPerSocket: number;
  /** How long a resume waits for the timeline projection to reach the live offset. */
  resumeWaitMs: number;
  replayPageSize: number;
  /** A resume further behind than this is told to resync (reload over HTTP) instead. */
  maxReplayEvents: number;
  /** Live events held per subscription while its replay runs; more means resync. */
  maxHeldEvents: number;
  /** On shutdown, sockets get this long to close cleanly before they are terminated. */
  shutdownGraceMs: number;
  /**
   * How long delivery and subscribe wait for this process's groups consumer to apply every
   * membership change acknowledged so far, before asking the groups projection instead.
   */
  membershipWaitMs: number;
  presence: PresenceOptions;
  /** Where send frames go (the command API's origin); unset, they are refused with `sending_unavailable`. */
  commandApiUrl?: string;
  /** Send frames of one socket awaiting their answer; more are refused with `rate_limited`. */
  maxPendingSends: number;
  /**
   * Test hook: awaited before each batch of the groups topic is applied, so a test can make
   * this process's view of memberships lag behind the log. Not for production use.
   */
  groupsFeedGate?: () => Promise<void>;
}

/** Defaults, then the environment's REALTIME_* keys (see config.ts), then what the caller gives. */
export function realtimeOptions(rt: Runtime, given: Partial<RealtimeOptions> = {}, env: Record<string, string | undefined> = process.env): RealtimeOptions {
  const options: RealtimeOptions = {
    authTimeoutMs: 5000,
    pingIntervalMs: 30_000,
    maxBufferedBytes: 1024 * 1024,
    drainTimeoutMs: 10_000,
    maxConnectionsPerUser: 20,
    framesPerSecond: 20,
    frameBurst: 50,
    maxFrameBytes: 64 * 1024,
    maxSubscriptionsPerSocket: 1000,
    resumeWaitMs: rt.config.MIN_POSITION_WAIT_MS,
    replayPageSize: 1000,
    maxReplayEvents: 100_000,
    maxHeldEvents: 20_000,
    shutdownGraceMs: 2000,
    membershipWaitMs: 250,
    maxPendingSends: 100,
    ...realtimeEnvOptions(env),
    ...given,
    presence: { heartbeatMs: PRESENCE_HEARTBEAT_MS, typingIntervalMs: 2000, typingTtlMs: 5000, ...given.presence },
  };
  for (const [key, value] of Object.entries(options)) {
    if (typeof value === 'number' && !(value > 0)) throw new Error(`realtime option ${key} must be positive`);
  }
  return options;
}

/** What a connection works with. */
export interface Context {
  rt: Runtime;
  options: RealtimeOptions;
  hub: Hub;
  feed: LiveFeed;
  view: GroupsView;
  access: Access;
  presence: Presence;
  sends: SendRelay;
  unread: UnreadPush;
  blocks: BlockLists;
}
