import type { Logger, Pool, PoolClient } from '@groupchat/shared';
import { commitCheckpoints, lockBatches } from './checkpoints';
import type { Poison } from './deadletters';
import { BuildRetired, describe, isTransient } from './errors';
import { physicalTable } from './naming';
import { Processor, type Item, type Part, type ProcessorDeps, type RawBatch } from './processor';
import { buildStatus } from './registry';
import { schedule } from './schedule';
import type { Build, Envelope, PostgresContext, PostgresProjection } from './types';

/**
 * One transaction per batch, of one partition or of several read in the same fetch: lock the
 * partitions' checkpoints, skip what they say is done, apply, move them. A crash anywhere
 * rolls all of it back; the batch is read again and applied once. A build retired by a swap
 * meanwhile loses its tables: the failure that causes is recognised (the build is no longer
 * active) and the runner stops.
 */
const UNDEFINED_TABLE = '42P01';

export class PostgresProcessor extends Processor {
  private readonly projection: PostgresProjection;

  constructor(
    deps: ProcessorDeps,
    private readonly pool: Pool,
  ) {
    super(deps);
    this.projection = deps.projection as PostgresProjection;
  }

  protected async attempt(parts: Part[], isolate: boolean): Promise<number[]> {
    const { build } = this.deps;
    const client = await this.pool.connect();
    try {
      // Writes and checkpoints commit or vanish together, so an unflushed commit lost in a
      // Postgres crash is simply projected again: durability of each commit buys nothing here.
      await client.query('BEGIN; SET LOCAL synchronous_commit = off');
      const { status, next } = await lockBatches(
        client,
        build,
        parts.map(({ batch }) => batch),
      );
      if (status !== 'building' && status !== 'live') throw new BuildRetired(this.label);
      const nexts = [...next];
      const todos: { batch: RawBatch; todo: Item[] }[] = [];
      for (const [i, { batch, items }] of parts.entries()) {
        const todo = await this.pending(batch, items, next[i]!);
        if (!todo) continue;
        todos.push({ batch, todo });
        nexts[i] = todo[todo.length - 1]!.offset + 1;
      }
      const poisons = todos.flatMap(({ batch, todo }) => todo.filter((i) => i.error).map((i) => this.poison(batch, i, i.error!)));
      const ctx = this.context(client);
      // One partition's events keep their order; partitions have none between them, as across topics.
      if (!isolate)
        await this.apply(
          todos.flatMap(({ todo }) => this.handled(todo)),
          ctx,
        );
      else for (const { batch, todo } of todos) poisons.push(...(await this.applyOneByOne(batch, todo, ctx)));
      await this.deps.deadletters.publish(build, poisons);
      await commitCheckpoints(
        client,
        build,
        todos.map(({ batch, todo }) => ({ topic: batch.topic, partition: batch.partition, nextOffset: todo[todo.length - 1]!.offset + 1 })),
      );
      return nexts;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  protected async active(): Promise<boolean> {
    const status = await buildStatus(this.pool, this.deps.build);
    return status === 'building' || status === 'live';
  }

  /** Applies events to the transaction of `ctx` (also used to re-apply a dead letter). */
  apply(envelopes: Envelope[], ctx: PostgresContext): Promise<void> {
    return applyPostgres(this.projection, envelopes, ctx);
  }

  context(client: PoolClient): PostgresContext {
    return postgresContext(client, this.deps.build, this.deps.log);
  }

  private async applyOneByOne(batch: RawBatch, items: Item[], ctx: PostgresContext): Promise<Poison[]> {
    const poisons: Poison[] = [];
    for (const item of items) {
      if (item.error) continue;
      const envelopes = this.handled([item]);
      if (!envelopes.length) continue;
      await ctx.client.query('SAVEPOINT projection_event');
      try {
        await this.apply(envelopes, ctx);
        await ctx.client.query('RELEASE SAVEPOINT projection_event');
      } catch (err) {
        // A missing table means the build was dropped under us, not that the event is bad.
        if (isTransient(err) || (err as { code?: string }).code === UNDEFINED_TABLE) throw err;
        await ctx.client.query('ROLLBACK TO SAVEPOINT projection_event');
        poisons.push(this.poison(batch, item, describe(err)));
      }
    }
    return poisons;
  }
}

/** What handlers and `setup` of a build get: its transaction's client and its physical table names. */
export function postgresContext(client: PoolClient, build: Build, log: Logger): PostgresContext {
  return { client, build, log, table: (name) => physicalTable(name, build) };
}

/**
 * Applies decoded events of one partition, in log order, to the transaction of `ctx`: the
 * projection's handlers, batched as its keys allow, then its afterBatch.
 */
export async function applyPostgres(projection: PostgresProjection, envelopes: Envelope[], ctx: PostgresContext): Promise<void> {
  if (!envelopes.length) return;
  const { batchHandlers = {}, handlers = {}, keys, afterBatch } = projection;
  const keysOf = keys ?? ((e: Envelope) => [e.key ?? '']);
  for (const statement of schedule(envelopes, keysOf)) {
    const many = (batchHandlers as Record<string, ((e: Envelope[], c: PostgresContext) => unknown) | undefined>)[statement.type];
    if (many) {
      await many(statement.envelopes, ctx);
      continue;
    }
    const one = (handlers as Record<string, ((e: Envelope, c: PostgresContext) => unknown) | undefined>)[statement.type];
    for (const e of statement.envelopes) await one?.(e, ctx);
  }
  await afterBatch?.(envelopes, ctx);
}
