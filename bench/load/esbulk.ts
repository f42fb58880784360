// The Elasticsearch baseline: the documents a projection wrote, loaded again with plain _bulk
// requests into an index with the same settings and mappings.
import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createEs, type EsClient } from '@groupchat/shared';
import { nowMs } from '../lib/hdr';
import { keepAliveAgent, send } from '../lib/http';
import { serveCalls } from '../lib/worker';

let es: EsClient;
let esUrl: string;
let file = '';

const COPIED_SETTINGS = ['number_of_shards', 'number_of_replicas', 'refresh_interval', 'analysis', 'gc_deletes'];

serveCalls({
  /** Exports every document behind `alias` to an NDJSON bulk file and creates `target` like the index behind the alias. */
  async prepare({ elasticsearchUrl, alias, target, dir }: { elasticsearchUrl: string; alias: string; target: string; dir: string }) {
    esUrl = elasticsearchUrl;
    es = createEs({ ELASTICSEARCH_URL: elasticsearchUrl });
    const described = await es.indices.get({ index: alias });
    const [physical, def] = Object.entries(described)[0]!;
    const settings = Object.fromEntries(Object.entries(def.settings?.index ?? {}).filter(([k]) => COPIED_SETTINGS.includes(k)));
    await es.indices.delete({ index: target }).catch(() => undefined);
    await es.indices.create({ index: target, settings, mappings: def.mappings });
    file = join(dir, `bulk-${process.pid}.ndjson`);
    const out = createWriteStream(file);
    let docs = 0;
    for await (const hit of es.helpers.scrollDocuments<Record<string, unknown>>({ index: physical, size: 5000, query: { match_all: {} } } as never)) {
      // The projection's document ids (message ids), so both loads do the same id lookups.
      const id = JSON.stringify(String(hit.message_id));
      if (!out.write(`{"index":{"_id":${id}}}\n${JSON.stringify(hit)}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
      docs++;
    }
    await new Promise<void>((r) => out.end(() => r()));
    return { docs, physical };
  },

  /** Sends the file as _bulk requests of `batch` documents, `concurrency` at a time; answers when all are acknowledged. */
  async load({ target, batch, concurrency }: { target: string; batch: number; concurrency: number }) {
    const agent = keepAliveAgent(concurrency);
    const url = new URL(`/${target}/_bulk`, esUrl);
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    const inFlight = new Set<Promise<void>>();
    let errors = 0;
    let docs = 0;
    let body: string[] = [];
    const flush = async () => {
      const payload = body.join('\n') + '\n';
      body = [];
      const p = send(agent, 'POST', url, { 'content-type': 'application/x-ndjson' }, payload, 120_000).then((a) => {
        if (a.status !== 200 || a.body.startsWith('{"errors":true') || /"errors":true/.test(a.body.slice(0, 100))) errors++;
        inFlight.delete(p);
      });
      inFlight.add(p);
      if (inFlight.size >= concurrency) await Promise.race(inFlight);
    };
    const started = nowMs();
    for await (const line of lines) {
      body.push(line);
      if (line.startsWith('{"index"')) continue;
      docs++;
      if (body.length >= batch * 2) await flush();
    }
    if (body.length) await flush();
    await Promise.all(inFlight);
    const seconds = (nowMs() - started) / 1000;
    agent.destroy();
    return { docs, seconds, failedRequests: errors };
  },

  async drop({ target }: { target: string }) {
    await es.indices.delete({ index: target }).catch(() => undefined);
    rmSync(file, { force: true });
    await es.close();
    return {};
  },
});
