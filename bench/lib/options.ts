export const SCENARIOS = ['ingest', 'e2e', 'fanout', 'connections', 'rebuild', 'queries', 'synapse'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface Sizes {
  searchers: number;
  groupsPerSearcher: number;
  /** Messages appended at setup for the query and rebuild scenarios. */
  messages: number;
  /** The batched and WebSocket rows keep the same number of messages in flight (senders × concurrency × batch = senders × sockets × window). */
  ingest: {
    seconds: number;
    concurrencyPerSender: number;
    senders: number;
    rawBatch: number;
    fixedRate: number;
    fixedSeconds: number;
    batch: number;
    batchConcurrencyPerSender: number;
    wsSocketsPerSender: number;
    wsWindow: number;
  };
  /** Each socket count at each rate; the target applies at 1,000 msg/s with 10,000 sockets. Capacity: the highest rate within the p99 bound, searched in steps of `seconds`. */
  e2e: { sockets: number[]; rates: number[]; seconds: number; capacity: { sockets: number[]; seconds: number; maxSteps: number } };
  /** Closed-loop HTTP publishers; capacity: each system's fastest way in, the offered rate doubled from `start` until delivery saturates. */
  fanout: {
    sockets: number[];
    seconds: number;
    concurrencyPerSender: number;
    capacity: { sockets: number[]; start: number; seconds: number; maxSteps: number };
  };
  /** Connecting stops after budgetSeconds; memory is divided by the sockets actually open. */
  connections: { sockets: number[]; perProcess: number; perAddress: number; budgetSeconds: number };
  rebuild: { budgetSeconds: number; freshnessRate: number; freshnessSeconds: number };
  queries: { seconds: number; historyRate: number; searchRate: number };
  /**
   * The same load on Synapse and on ours: `users` × `inFlightPerUser` sends in flight into one room
   * (closed loop), then `receivers` members each reading the room while they send: Synapse at each
   * of `rates` in turn up to the first it does not sustain, ours at the highest it sustained.
   */
  synapse: {
    users: number;
    inFlightPerUser: number;
    warmupSeconds: number;
    seconds: number;
    receivers: number;
    rates: number[];
    e2eSeconds: number;
    /** The longest wait for a window's last deliveries. */
    drainSeconds: number;
  };
}

const FULL: Sizes = {
  searchers: 20,
  groupsPerSearcher: 100,
  messages: 1_000_000,
  ingest: {
    seconds: 10,
    concurrencyPerSender: 64,
    senders: 2,
    rawBatch: 1000,
    fixedRate: 1000,
    fixedSeconds: 10,
    batch: 50,
    batchConcurrencyPerSender: 8,
    wsSocketsPerSender: 8,
    wsWindow: 50,
  },
  e2e: { sockets: [1000, 10_000], rates: [200, 1000], seconds: 10, capacity: { sockets: [1000, 10_000], seconds: 5, maxSteps: 7 } },
  fanout: {
    sockets: [1000, 5000, 10_000],
    seconds: 10,
    concurrencyPerSender: 64,
    capacity: { sockets: [1000, 5000, 10_000], start: 2500, seconds: 5, maxSteps: 6 },
  },
  connections: { sockets: [10_000, 50_000], perProcess: 17_000, perAddress: 20_000, budgetSeconds: 180 },
  rebuild: { budgetSeconds: 180, freshnessRate: 10, freshnessSeconds: 20 },
  queries: { seconds: 10, historyRate: 200, searchRate: 50 },
  synapse: { users: 8, inFlightPerUser: 8, warmupSeconds: 3, seconds: 15, receivers: 20, rates: [1, 2, 4, 8, 16, 32], e2eSeconds: 20, drainSeconds: 30 },
};

const QUICK: Sizes = {
  searchers: 10,
  groupsPerSearcher: 100,
  messages: 20_000,
  ingest: {
    seconds: 5,
    concurrencyPerSender: 64,
    senders: 2,
    rawBatch: 1000,
    fixedRate: 1000,
    fixedSeconds: 5,
    batch: 50,
    batchConcurrencyPerSender: 8,
    wsSocketsPerSender: 8,
    wsWindow: 50,
  },
  e2e: { sockets: [1000], rates: [200, 1000], seconds: 5, capacity: { sockets: [1000, 10_000], seconds: 3, maxSteps: 5 } },
  fanout: { sockets: [1000, 5000], seconds: 5, concurrencyPerSender: 64, capacity: { sockets: [1000], start: 2500, seconds: 3, maxSteps: 5 } },
  connections: { sockets: [2000, 5000], perProcess: 17_000, perAddress: 20_000, budgetSeconds: 60 },
  rebuild: { budgetSeconds: 60, freshnessRate: 10, freshnessSeconds: 8 },
  queries: { seconds: 5, historyRate: 200, searchRate: 50 },
  synapse: { users: 8, inFlightPerUser: 8, warmupSeconds: 2, seconds: 5, receivers: 20, rates: [1, 2, 4, 8, 16], e2eSeconds: 10, drainSeconds: 15 },
};

export interface Options {
  quick: boolean;
  only: Scenario[];
  keep: boolean;
  sizes: Sizes;
}

const USAGE = `npm run bench [-- --quick] [-- --only ${SCENARIOS.join(',')}] [-- --keep]
  --quick   small sizes and short windows (minutes, not a quarter of an hour)
  --only    run only these scenarios (comma-separated)
  --keep    keep the run's topics, database and indices afterwards`;

export function parseOptions(argv: string[]): Options {
  let quick = false;
  let keep = false;
  let only: Scenario[] = [...SCENARIOS];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--quick') quick = true;
    else if (a === '--keep') keep = true;
    else if (a === '--only' || a.startsWith('--only=')) {
      const list = a.includes('=') ? a.slice(a.indexOf('=') + 1) : (argv[++i] ?? '');
      const names = list
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const unknown = names.filter((n) => !(SCENARIOS as readonly string[]).includes(n));
      if (unknown.length || !names.length) throw new Error(`unknown scenario ${unknown.join(', ') || '(none)'}\n${USAGE}`);
      only = names as Scenario[];
    } else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  return { quick, only, keep, sizes: quick ? QUICK : FULL };
}

/** Users the selected scenarios need: one per socket at the largest count, at least enough for the other scenarios. */
export function usersNeeded(o: Options): number {
  const s = o.sizes;
  const sockets = [
    ...(o.only.includes('e2e') ? [...s.e2e.sockets, ...s.e2e.capacity.sockets] : []),
    ...(o.only.includes('fanout') ? [...s.fanout.sockets, ...s.fanout.capacity.sockets] : []),
    ...(o.only.includes('connections') ? s.connections.sockets : []),
  ];
  return Math.max(2000, ...sockets);
}
