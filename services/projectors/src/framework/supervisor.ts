import type { Admin } from 'kafkajs';
import { createPool, type Pool, type Runtime } from '@groupchat/shared';
import { checkpointsOf, listCheckpoints } from './checkpoints';
import { Decoder } from './decode';
import { DeadLetterWriter } from './deadletters';
import { backoffMs, describe, isTransient } from './errors';
import { ElasticsearchProcessor } from './elasticsearch-processor';
import { dropRetired, ensureBuilds, promote, requestRebuild, type Partitions } from './lifecycle';
import { eventsApplied, projectionLag, rebuildLag } from './metrics';
import { buildLabel, physicalIndex, rebuildReaderGroup, sameBuild, sharedReaderGroup } from './naming';
import { PostgresProcessor } from './postgres-processor';
import type { Processor } from './processor';
import { listBuilds, migrateRegistry, type BuildRow } from './registry';
import { Runner } from './runner';
import { SharedReader, type SharedReaderOptions } from './shared-reader';
import { partitionKey, watermarks, type HighWatermarks } from './status';
import type { StorageDeps } from './storage';
import type { Build, Projection } from './types';

/** A build in progress holding the other builds' fetch this long leaves their shared reader to read alone. */
const REBUILD_STALL_MS = 30_000;

interface Running {
  projection: Projection;
  build: Build;
  status: 'building' | 'live';
  processor: Processor;
  /** Its own reader, while a build that failed on its storage reads alone; otherwise a shared reader feeds it. */
  runner?: Runner;
  /** The shared reader of the builds in progress, while it is one of its members. */
  rebuilding?: SharedReader;
  /** High watermarks when the build started: it cannot go live before reaching them. */
  target: HighWatermarks;
  gauges: Set<string>;
  /** The supervisor's `started` count when this build began here: newer than any list of builds read before. */
  since: number;
}

export interface SupervisorOptions {
  /** How often lag is measured and caught-up builds are promoted. */
  tickMs?: number;
  /**
   * False: consume nothing, only control (status, rebuild requests, dead-letter retries), as
   * the CLI does beside running projectors without joining their consumer groups.
   */
  run?: boolean;
}

/**
 * Runs the builds of every declared projection in this process, measures their lag, promotes
 * a build that has caught up and retires the one it replaces, and notices rebuilds requested
 * or swaps made by other processes.
 */
export class Supervisor {
  private readonly running = new Map<string, Running>();
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;
  private closed = false;
  /** Builds started in this process so far. */
  private started = 0;
  /** Builds in progress share one reader too; it runs only while there is one. */
  private rebuilds?: SharedReader;

  private constructor(
    private readonly rt: Runtime,
    readonly projections: Projection[],
    readonly pool: Pool,
    readonly admin: Admin,
    private readonly deadletters: DeadLetterWriter,
    readonly decoder: Decoder,
    private readonly partitions: Partitions,
    private readonly runs: boolean,
    private readonly reader: SharedReader,
    private readonly readerOptions: Omit<SharedReaderOptions, 'groupId'>,
  ) {}

  static async start(rt: Runtime, projections: Projection[], { tickMs = 250, run = true }: SupervisorOptions = {}): Promise<Supervisor> {
    const names = projections.map((p) => p.name);
    const twice = names.filter((n, i) => names.indexOf(n) !== i);
    if (twice.length) throw new Error(`projection names must be unique: ${twice.join(', ')}`);
    // Its own pool: a rebuild holding connections must not starve the API's requests.
    const pool = createPool(rt.config, 12);
    await migrateRegistry(pool);
    const admin = rt.kafka.admin();
    await admin.connect();
    const deadletters = await DeadLetterWriter.connect(rt.kafka, rt.config);
    const topics = [...new Set(projections.flatMap((p) => p.topics))];
    const marks = topics.length ? await watermarks(admin, rt.config, topics) : new Map();
    const partitions = [...marks.keys()].map((k) => ({ topic: k.split('/')[0]!, partition: Number(k.split('/')[1]) }));
    const decoder = new Decoder(rt.kafka, rt.config, rt.serde);
    const readerOptions = {
      kafka: rt.kafka,
      admin,
      pool,
      config: rt.config,
      log: rt.log,
      decoder,
      topics,
      concurrency: Math.max(2, ...projections.map((p) => p.concurrency ?? 2), partitions.length),
    };
    const reader = new SharedReader({ ...readerOptions, groupId: sharedReaderGroup(rt.config, projections) });
    const s = new Supervisor(rt, projections, pool, admin, deadletters, decoder, partitions, run, reader, readerOptions);
    if (!run) return s;
    for (const p of projections) {
      const rows = await untilReachable(rt, `setting up projection ${p.name}`, () => ensureBuilds(s.deps, pool, p, s.partitionsOf(p)));
      for (const row of rows) await s.startBuild(p, row, false);
    }
    // Started once every live build is a member, so the first seek is to the lowest of their checkpoints.
    await reader.start();
    await s.dropRetired();
    s.timer = setInterval(() => void s.tick(), tickMs);
    return s;
  }

  get deps(): StorageDeps {
    return { config: this.rt.config, es: this.rt.es, log: this.rt.log };
  }

  partitionsOf(p: Projection): Partitions {
    return this.partitions.filter((x) => (p.topics as string[]).includes(x.topic));
  }

  /**
   * Builds the declared version again from offset 0 beside the live build; swaps when caught
   * up. Without `run`, only requests it: a running projector process picks it up.
   */
  async rebuild(name: string): Promise<BuildRow> {
    const p = this.projection(name);
    const row = await requestRebuild(this.deps, this.pool, p, this.partitionsOf(p));
    if (this.runs) await this.startBuild(p, row);
    return row;
  }

  projection(name: string): Projection {
    const p = this.projections.find((x) => x.name === name);
    if (!p) throw new Error(`no projection named "${name}" (known: ${this.projections.map((x) => x.name).join(', ')})`);
    return p;
  }

  createProcessor(p: Projection, build: Build): Processor {
    const deps = {
      build,
      projection: p,
      decoder: this.decoder,
      deadletters: this.deadletters,
      log: this.rt.log,
      lowWatermark: async (topic: string, partition: number) =>
        (await watermarks(this.admin, this.rt.config, [topic])).get(partitionKey(topic, partition))?.low ?? 0,
    };
    if (p.storage === 'postgres') return new PostgresProcessor(deps, this.pool);
    return new ElasticsearchProcessor(deps, this.pool, this.rt.es, physicalIndex(this.rt.config, p.index.name, build));
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.ticking;
    await Promise.all([...this.running.values()].map((r) => this.stopBuild(r)));
    await Promise.all([this.reader.stop(), this.rebuilds?.stop()]);
    await Promise.allSettled([this.deadletters.close(), this.admin.disconnect()]);
    await this.pool.end().catch(() => undefined);
  }

  private async startBuild(p: Projection, row: BuildRow, startReader = true): Promise<void> {
    const label = buildLabel(row);
    if (this.running.has(label) || this.closed) return;
    const build: Build = { name: row.name, version: row.version, generation: row.generation };
    const entry: Running = {
      projection: p,
      build,
      status: row.status === 'live' ? 'live' : 'building',
      processor: this.createProcessor(p, build),
      target: new Map(),
      gauges: new Set(),
      since: ++this.started,
    };
    // Registered before the first await, so a tick running meanwhile cannot start it twice.
    this.running.set(label, entry);
    if (entry.status === 'live') {
      await this.join(entry, startReader);
      return;
    }
    entry.target = await watermarks(this.admin, this.rt.config, p.topics);
    if (this.running.get(label) !== entry || this.closed) return;
    // No read-your-writes bound to keep here: a build whose storage stalls leaves only after a long while.
    this.rebuilds ??= new SharedReader({ ...this.readerOptions, groupId: rebuildReaderGroup(this.rt.config, this.projections), stallMs: REBUILD_STALL_MS });
    entry.rebuilding = this.rebuilds;
    this.rebuilds.add(this.member(entry));
    await this.rebuilds.start();
  }

  /** Takes a build out of the reader of builds in progress; the reader stops with its last member. */
  private async leaveRebuilds(r: Running): Promise<void> {
    const reader = r.rebuilding;
    r.rebuilding = undefined;
    if (!reader) return;
    await reader.remove(r.build);
    if (!reader.size && this.rebuilds === reader) {
      this.rebuilds = undefined;
      await reader.stop();
    }
  }

  /** A reader of the build's own: while it builds, or while a live build is behind the shared reader. */
  private ownRunner(entry: Running): Runner {
    return new Runner({
      kafka: this.rt.kafka,
      admin: this.admin,
      pool: this.pool,
      config: this.rt.config,
      log: this.rt.log,
      build: entry.build,
      projection: entry.projection,
      processor: entry.processor,
      onProgress: (topic, partition, next, high, applied) => this.progress(entry, topic, partition, next, high, applied),
      onRetired: () => void this.stopBuild(entry),
    });
  }

  /** A build that left its shared reader (its storage failed) retries on its own reader; a live one rejoins once caught up. */
  private async readAlone(r: Running): Promise<void> {
    if (r.rebuilding) await this.leaveRebuilds(r);
    if (this.running.get(buildLabel(r.build)) !== r || this.closed || r.runner) return;
    r.runner = this.ownRunner(r);
    await r.runner
      .start()
      .catch((err) =>
        this.rt.log.warn({ projection: buildLabel(r.build), error: describe(err) }, 'could not start the reader of a stalled projection; next tick retries'),
      );
  }

  /** Hands a live build to the shared reader; a build that read on its own or with the builds in progress leaves that first. */
  private async join(r: Running, startReader = true): Promise<void> {
    const own = r.runner;
    r.runner = undefined;
    await Promise.all([own?.stop(), this.leaveRebuilds(r)]);
    if (this.running.get(buildLabel(r.build)) !== r || this.closed) return;
    this.reader.add(this.member(r));
    if (startReader) await this.reader.start();
  }

  private member(r: Running) {
    return {
      build: r.build,
      projection: r.projection,
      processor: r.processor,
      onProgress: (topic: string, partition: number, next: number, high: number, applied: number) => this.progress(r, topic, partition, next, high, applied),
      onRetired: () => void this.stopBuild(r),
      onStalled: () => void this.readAlone(r),
    };
  }

  private progress(r: Running, topic: string, partition: number, next: number, high: number, applied: number): void {
    this.setLag(r, topic, partition, Math.max(0, high - next));
    eventsApplied.inc({ projection: buildLabel(r.build) }, applied);
  }

  private async stopBuild(r: Running): Promise<void> {
    this.running.delete(buildLabel(r.build));
    if (r.runner) await r.runner.stop();
    else if (r.rebuilding) await this.leaveRebuilds(r);
    else await this.reader.remove(r.build);
    this.clearGauges(r);
  }

  private clearGauges(r: Running): void {
    for (const g of r.gauges) {
      const labels = JSON.parse(g) as Record<string, string>;
      if ('version' in labels) rebuildLag.remove(labels);
      else projectionLag.remove(labels);
    }
    r.gauges.clear();
  }

  private setLag(r: Running, topic: string, partition: number, lag: number): void {
    const labels: Record<string, string> =
      r.status === 'live'
        ? { projection: r.build.name, topic, partition: String(partition) }
        : { projection: r.build.name, version: buildLabel(r.build).slice(r.build.name.length + 1), topic, partition: String(partition) };
    r.gauges.add(JSON.stringify(labels));
    (r.status === 'live' ? projectionLag : rebuildLag).set(labels, lag);
  }

  private tick(): Promise<void> {
    if (this.ticking || this.closed) return this.ticking ?? Promise.resolve();
    this.ticking = this.supervise()
      .catch((err) => this.rt.log.warn({ error: describe(err) }, 'projection supervision failed; next tick retries'))
      .finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  private async supervise(): Promise<void> {
    // A build started here after the list was read (a rebuild requested meanwhile) is not in it, and must not be stopped for that.
    const listedAfter = this.started;
    const rows = await listBuilds(this.pool);
    for (const p of this.projections) {
      for (const row of rows.filter((r) => r.name === p.name && r.version === p.version && r.status === 'building')) await this.startBuild(p, row);
    }
    for (const r of [...this.running.values()]) {
      const row = rows.find((x) => sameBuild(x, r.build));
      if (!row && r.since > listedAfter) continue;
      if (!row || row.status === 'retired') await this.stopBuild(r);
      else if (row.status !== r.status) await this.retag(r, row.status);
    }
    // A drop that could not finish (a lock not granted in time) is retried until it does; its runner here is stopped by now.
    for (const name of new Set(
      rows.filter((r) => r.status === 'retired' && !r.droppedAt && this.projections.some((p) => p.name === r.name)).map((r) => r.name),
    )) {
      await this.dropRetired(name);
    }
    if (!this.running.size || this.closed) return;
    const marks = await watermarks(
      this.admin,
      this.rt.config,
      [...this.running.values()].flatMap((r) => r.projection.topics),
    );
    const checkpoints = await checkpointsOf(
      this.pool,
      [...this.running.values()].map((r) => r.build),
    );
    for (const r of [...this.running.values()]) {
      const cps = checkpoints.get(buildLabel(r.build)) ?? new Map<string, number>();
      for (const [k, m] of marks) {
        const [topic, partition] = k.split('/');
        if ((r.projection.topics as string[]).includes(topic!))
          this.setLag(r, topic!, Number(partition), Math.max(0, m.high - Math.max(cps.get(k) ?? 0, m.low)));
      }
      if (
        r.status === 'live' &&
        r.runner &&
        this.partitionsOf(r.projection).every(
          ({ topic, partition }) => (cps.get(partitionKey(topic, partition)) ?? 0) >= (marks.get(partitionKey(topic, partition))?.high ?? 0),
        )
      ) {
        await this.join(r);
        continue;
      }
      if (r.status === 'building' && (await this.caughtUp(r, cps, marks, rows)) && (await promote(this.deps, this.pool, r.projection, r.build))) {
        await this.retag(r, 'live');
        for (const old of [...this.running.values()]) if (old !== r && old.build.name === r.build.name) await this.stopBuild(old);
        await this.dropRetired(r.build.name);
      }
    }
  }

  /** Drops retired builds (of one projection, or all); one that cannot be dropped yet is left for the next tick. */
  private async dropRetired(name?: string): Promise<void> {
    await dropRetired(this.deps, this.pool, name).catch((err) =>
      this.rt.log.warn({ ...(name ? { projection: name } : {}), error: describe(err) }, 'could not drop retired projection builds yet'),
    );
  }

  /** Past the watermarks of its start, and at least as fresh as the live build (or the log end) everywhere. */
  private async caughtUp(r: Running, cps: Map<string, number>, marks: HighWatermarks, rows: BuildRow[]): Promise<boolean> {
    const live = rows.find((x) => x.name === r.build.name && x.status === 'live');
    const liveCps = live
      ? new Map((await listCheckpoints(this.pool, live)).map((c) => [partitionKey(c.topic, c.partition), c.nextOffset]))
      : new Map<string, number>();
    for (const { topic, partition } of this.partitionsOf(r.projection)) {
      const k = partitionKey(topic, partition);
      const cp = cps.get(k) ?? 0;
      const m = marks.get(k) ?? { high: 0, low: 0 };
      if (cp < (r.target.get(k)?.high ?? 0) && cp < m.high) return false;
      if (cp >= m.high) continue;
      const l = liveCps.get(k);
      if (l === undefined || cp < l) return false;
    }
    return true;
  }

  /** A build promoted (here or by another process) leaves its own reader for the shared one. */
  private async retag(r: Running, status: 'building' | 'live'): Promise<void> {
    this.clearGauges(r);
    r.status = status;
    if (status === 'live' && (r.runner || r.rebuilding)) await this.join(r);
  }
}

/** Retries work that failed on a dependency still starting (Elasticsearch after a reboot), for a while. */
async function untilReachable<T>(rt: Runtime, what: string, fn: () => Promise<T>, attempts = 10): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!isTransient(err) || attempt + 1 >= attempts) throw err;
      rt.log.warn({ error: describe(err), attempt: attempt + 1 }, `${what} failed on a dependency, retrying`);
      await new Promise((r) => setTimeout(r, backoffMs(attempt + 3)));
    }
  }
}
