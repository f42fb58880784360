import type { EsClient, Pool } from '@groupchat/shared';
import { peekBatch, writeCheckpoint } from './checkpoints';
import type { Poison } from './deadletters';
import { BuildRetired, describe, isTransient } from './errors';
import { writeDocuments } from './es-documents';
import { Processor, type Item, type Part, type ProcessorDeps, type RawBatch } from './processor';
import { buildStatus } from './registry';
import type { ElasticsearchProjection, Envelope } from './types';

/**
 * Elasticsearch has no transaction to share with the checkpoint, so the writes are idempotent
 * instead and the checkpoint follows a successful bulk: after a crash the batch is written
 * again, and versions make the second write a no-op. No event is ever skipped.
 */
export class ElasticsearchProcessor extends Processor {
  private readonly projection: ElasticsearchProjection;

  constructor(
    deps: ProcessorDeps,
    private readonly pool: Pool,
    private readonly es: EsClient,
    readonly index: string,
  ) {
    super(deps);
    this.projection = deps.projection as ElasticsearchProjection;
  }

  /** Partitions side by side: there is no transaction to share, and each write is idempotent on its own. */
  protected attempt(parts: Part[], isolate: boolean): Promise<number[]> {
    return Promise.all(parts.map(({ batch, items }) => this.attemptOne(batch, items, isolate)));
  }

  private async attemptOne(batch: RawBatch, items: Item[], isolate: boolean): Promise<number> {
    const { build } = this.deps;
    const { status, next } = await peekBatch(this.pool, build, batch.topic, batch.partition);
    if (status !== 'building' && status !== 'live') throw new BuildRetired(this.label);
    const todo = await this.pending(batch, items, next);
    if (!todo) return next;
    const poisons = todo.filter((i) => i.error).map((i) => this.poison(batch, i, i.error!));
    if (!isolate) await this.apply(this.handled(todo));
    else poisons.push(...(await this.applyOneByOne(batch, todo)));
    await this.deps.deadletters.publish(build, poisons);
    const after = todo[todo.length - 1]!.offset + 1;
    await writeCheckpoint(this.pool, build, batch.topic, batch.partition, after);
    return after;
  }

  protected async active(): Promise<boolean> {
    const status = await buildStatus(this.pool, this.deps.build);
    return status === 'building' || status === 'live';
  }

  async apply(envelopes: Envelope[]): Promise<void> {
    if (envelopes.length) await writeDocuments(this.es, this.index, this.projection, envelopes);
  }

  private async applyOneByOne(batch: RawBatch, items: Item[]): Promise<Poison[]> {
    const poisons: Poison[] = [];
    for (const item of items) {
      if (item.error) continue;
      try {
        await this.apply(this.handled([item]));
      } catch (err) {
        if (isTransient(err)) throw err;
        poisons.push(this.poison(batch, item, describe(err)));
      }
    }
    return poisons;
  }
}
