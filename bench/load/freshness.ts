// Search freshness: how long after a message is sent it can be found. Each message carries a
// unique word; a poller searches for the words still missing and notes when each turns up.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Agent } from 'node:http';
import { createEs, type EsClient } from '@groupchat/shared';
import { encode, histogram, nowMs, recordMs } from '../lib/hdr';
import { keepAliveAgent, send, StatusCounts } from '../lib/http';
import { openLoop } from '../lib/pace';
import { sleep } from '../lib/proc';
import { tokenSigner } from '../lib/tokens';
import { serveCalls } from '../lib/worker';
import type { SearchUser } from './queries';

interface Setup {
  baseUrl: string;
  jwtSecret: string;
  tokenTtlSeconds: number;
  elasticsearchUrl: string;
  user: SearchUser;
}

let s: Setup;
let agent: Agent;
let es: EsClient;
let bearer: string;
const tag = randomBytes(3).toString('hex');
let n = 0;

interface Way {
  write(word: string, i: number): Promise<number>;
  find(words: string[]): Promise<string[]>;
}

const WORDS_PER_QUERY = 12;

async function measure(way: Way, { rate, seconds, pollMs, timeoutMs }: { rate: number; seconds: number; pollMs: number; timeoutMs: number }) {
  const h = histogram();
  const statuses = new StatusCounts();
  const missing = new Map<string, number>();
  let writing = true;
  let searches = 0;
  const poller = (async () => {
    while (writing || missing.size) {
      const words = [...missing.keys()];
      for (let i = 0; i < words.length; i += WORDS_PER_QUERY) {
        searches++;
        const found = await way.find(words.slice(i, i + WORDS_PER_QUERY)).catch(() => [] as string[]);
        const at = nowMs();
        for (const w of found) {
          const sent = missing.get(w);
          if (sent === undefined) continue;
          recordMs(h, at - sent);
          missing.delete(w);
        }
      }
      await sleep(pollMs);
    }
  })();
  const started = nowMs();
  await openLoop(rate, seconds, (intended) => {
    const word = `fr${tag}x${n++}`;
    missing.set(word, intended);
    void way
      .write(word, n)
      .catch(() => 0)
      .then((status) => {
        statuses.add({ status, body: '' });
        if (status < 200 || status >= 300) missing.delete(word);
      });
  });
  const deadline = nowMs() + timeoutMs;
  while (missing.size && nowMs() < deadline) await sleep(50);
  const notFound = missing.size;
  missing.clear();
  writing = false;
  await poller;
  return {
    seconds: (nowMs() - started) / 1000,
    written: statuses.ok(),
    failed: statuses.failed(),
    statuses: statuses.counts,
    notFound,
    searches,
    hist: encode(h),
  };
}

const pickGroup = () => s.user.groupIds[Math.floor(Math.random() * s.user.groupIds.length)]!;
const wordsIn = (text: string | undefined) => (text ?? '').split(/\s+/).filter((w) => w.startsWith(`fr${tag}x`));

serveCalls({
  setup(args: Setup) {
    s = args;
    agent = keepAliveAgent(64);
    es = createEs({ ELASTICSEARCH_URL: args.elasticsearchUrl });
    bearer = `Bearer ${tokenSigner(args.jwtSecret, args.tokenTtlSeconds)(args.user.userId, args.user.username)}`;
    return {};
  },

  /** POST /groups/:id/messages, then /search/messages until found. */
  api(args: { rate: number; seconds: number; pollMs: number; timeoutMs: number }) {
    return measure(
      {
        async write(word) {
          const url = new URL(`/api/v1/groups/${pickGroup()}/messages`, s.baseUrl);
          const a = await send(agent, 'POST', url, { authorization: bearer }, JSON.stringify({ clientMessageId: `${word}`, text: `${word} freshness probe` }));
          return a.status;
        },
        async find(words) {
          const url = new URL('/api/v1/search/messages', s.baseUrl);
          url.searchParams.set('q', words.join(' '));
          url.searchParams.set('limit', '100');
          const a = await send(agent, 'GET', url, { authorization: bearer });
          if (a.status !== 200) return [];
          return (JSON.parse(a.body) as { items: { text: string | null }[] }).items.flatMap((i) => wordsIn(i.text ?? ''));
        },
      },
      args,
    );
  },

  /** The same documents indexed straight into an index with the same settings, then searched until found. */
  raw(args: { rate: number; seconds: number; pollMs: number; timeoutMs: number; index: string }) {
    return measure(
      {
        async write(word, i) {
          const groupId = pickGroup();
          await es.index({
            index: args.index,
            id: randomUUID(),
            document: {
              message_id: randomUUID(),
              group_id: groupId,
              sender_id: s.user.userId,
              text: `${word} freshness probe`,
              attachment_count: 0,
              sent_at: new Date().toISOString(),
              partition: 0,
              offset: i,
              position: `m.0.${i}`,
            },
          });
          return 201;
        },
        async find(words) {
          const res = await es.search<{ text?: string }>({
            index: args.index,
            size: 100,
            query: { bool: { must: [{ match: { text: words.join(' ') } }], filter: [{ terms: { group_id: s.user.groupIds } }] } },
          });
          return res.hits.hits.flatMap((h) => wordsIn(h._source?.text));
        },
      },
      args,
    );
  },

  async close() {
    await es?.close();
    agent?.destroy();
    return {};
  },
});
