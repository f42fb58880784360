import type { Logger } from '@groupchat/shared';
import type { DeadLetterWriter } from '../../src/framework/deadletters';
import { Processor, type Part } from '../../src/framework/processor';
import { projections } from '../../src/projections';
import type { Build } from '../../src/framework/types';

const users = projections.find((p) => p.name === 'users')!;

/**
 * A processor for reader tests: keeps its checkpoint in memory (it has none in Postgres, so it
 * starts at 0), records the user ids it applied, and takes `delay()` over every batch, as a
 * slow or hung storage would.
 */
export class MemoryProcessor extends Processor {
  readonly applied: string[] = [];
  private readonly next = new Map<number, number>();
  delay: () => Promise<void> = async () => undefined;

  protected async attempt(parts: Part[]): Promise<number[]> {
    await this.delay();
    return parts.map(({ batch, items }) => {
      for (const i of items)
        if (i.offset >= (this.next.get(batch.partition) ?? 0) && i.envelope) this.applied.push((i.envelope.event as { userId: string }).userId);
      const next = Math.max(this.next.get(batch.partition) ?? 0, Number(batch.messages[batch.messages.length - 1]!.offset) + 1);
      this.next.set(batch.partition, next);
      return next;
    });
  }

  protected async active() {
    return true;
  }
}

/** A member of a shared reader reading the users topic into a MemoryProcessor; counts how often it was told it stalled. */
export function memoryMember(build: Build, log: Logger) {
  const processor = new MemoryProcessor({
    build,
    projection: users,
    decoder: undefined as never,
    deadletters: undefined as unknown as DeadLetterWriter,
    log,
    lowWatermark: async () => 0,
  });
  const m = { build, projection: users, processor, stalled: 0, onProgress() {}, onRetired() {}, onStalled: () => void m.stalled++ };
  return m;
}
