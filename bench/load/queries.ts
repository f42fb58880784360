// Reads at a fixed rate: history pages and message searches through the query API, and the same
// SQL and Elasticsearch queries sent straight to Postgres and Elasticsearch as the baseline.
import type { Agent } from 'node:http';
import { createEs, createPool, formatPosition, type EsClient, type Pool } from '@groupchat/shared';
import { historySql } from '../../services/query-api/src/messages/history';
import { messageSearchQuery } from '../../services/query-api/src/messages/search';
import { histogram, nowMs, recordMs } from '../lib/hdr';
import { keepAliveAgent, send, StatusCounts, type Answer } from '../lib/http';
import { drain, openLoop } from '../lib/pace';
import { tokenSigner } from '../lib/tokens';
import { serveCalls } from '../lib/worker';
import { prng } from '../lib/words';

export interface HistoryTarget {
  groupId: string;
  userId: string;
  username: string;
  partition: number;
  minOffset: number;
  maxOffset: number;
}

export interface SearchUser {
  userId: string;
  username: string;
  groupIds: string[];
}

interface Setup {
  baseUrl: string;
  jwtSecret: string;
  tokenTtlSeconds: number;
  databaseUrl: string;
  elasticsearchUrl: string;
  alias: string;
  history: HistoryTarget[];
  searchers: SearchUser[];
  words: string[];
  seed: number;
}

type Kind = 'history' | 'historySql' | 'search' | 'searchEs';

let s: Setup;
let agent: Agent;
let pool: Pool;
let es: EsClient;
let rand: () => number;
let token: (userId: string, username: string) => string;

const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;

/** A page ending before a random offset within the group's history. */
function historyArgs() {
  const h = pick(s.history);
  const before = h.minOffset + 1 + Math.floor(rand() * (h.maxOffset - h.minOffset + 1));
  return { h, before };
}

const ok = (status: number): Answer => ({ status, body: '' });

async function one(kind: Kind): Promise<Answer> {
  if (kind === 'history' || kind === 'historySql') {
    const { h, before } = historyArgs();
    if (kind === 'historySql') {
      await pool.query(historySql(false), [h.groupId, h.userId, null, String(before), 51]);
      return ok(200);
    }
    const url = new URL(`/api/v1/groups/${h.groupId}/messages`, s.baseUrl);
    url.searchParams.set('limit', '50');
    url.searchParams.set('before', formatPosition({ topic: 'messages', partition: h.partition, offset: BigInt(before) }));
    return send(agent, 'GET', url, { authorization: `Bearer ${token(h.userId, h.username)}` });
  }
  const u = pick(s.searchers);
  const q = pick(s.words);
  if (kind === 'searchEs') {
    await es.search({ index: s.alias, ...messageSearchQuery({ q, sort: 'relevance', limit: 20 }, u.groupIds), track_total_hits: true } as never);
    return ok(200);
  }
  const url = new URL('/api/v1/search/messages', s.baseUrl);
  url.searchParams.set('q', q);
  return send(agent, 'GET', url, { authorization: `Bearer ${token(u.userId, u.username)}` });
}

serveCalls({
  setup(args: Setup) {
    s = args;
    token = tokenSigner(args.jwtSecret, args.tokenTtlSeconds);
    agent = keepAliveAgent(256);
    pool = createPool({ DATABASE_URL: args.databaseUrl }, 20);
    es = createEs({ ELASTICSEARCH_URL: args.elasticsearchUrl });
    rand = prng(args.seed);
    return {};
  },

  async open({ kind, rate, seconds }: { kind: Kind; rate: number; seconds: number }) {
    const statuses = new StatusCounts();
    const h = histogram();
    const inFlight = new Set<Promise<unknown>>();
    const started = nowMs();
    const { scheduled, lateMs } = await openLoop(rate, seconds, (intended) => {
      const p = one(kind)
        .catch((err: Error) => ({ status: 0, body: err.message }))
        .then((a) => {
          statuses.add(a);
          if (a.status === 200) recordMs(h, nowMs() - intended);
          inFlight.delete(p);
        });
      inFlight.add(p);
    });
    const pending = await drain(inFlight, 30_000);
    if (pending) {
      // Requests still queued would spill into the next measurement: drop them with their sockets.
      agent.destroy();
      agent = keepAliveAgent(256);
    }
    return {
      ...statuses.outcome(started, h),
      scheduled,
      lateMs,
      pending,
    };
  },

  async close() {
    await Promise.allSettled([pool?.end(), es?.close()]);
    agent?.destroy();
    return {};
  },
});
