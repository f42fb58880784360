import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventLog, createKafka, createRuntime, type Config, type Runtime } from '@groupchat/shared';
import { Decoder } from '../src/framework/decode';
import type { DeadLetterWriter } from '../src/framework/deadletters';
import { Processor, type Part } from '../src/framework/processor';
import { migrateRegistry } from '../src/framework/registry';
import { SharedReader } from '../src/framework/shared-reader';
import { projections } from '../src/projections';
import type { Build } from '../src/framework/types';
import { registered } from './support/events';
import { isolatedConfig, waitUntil } from '@groupchat/test-kit';

const users = projections.find((p) => p.name === 'users')!;

/** Keeps its checkpoint in memory (it has none in Postgres: it starts at 0) and records what it applied. */
class Recording extends Processor {
  readonly applied: string[] = [];
  private readonly next = new Map<number, number>();
  protected async attempt(parts: Part[]): Promise<number[]> {
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

describe('a build joining the running shared reader', () => {
  let config: Config;
  let rt: Runtime;
  let log: EventLog;
  let reader: SharedReader;
  const member = (build: Build) => {
    const processor = new Recording({
      build,
      projection: users,
      decoder: undefined as never,
      deadletters: undefined as unknown as DeadLetterWriter,
      log: rt.log,
      lowWatermark: async () => 0,
    });
    return { build, projection: users, processor, onProgress() {}, onRetired() {}, onStalled() {} };
  };

  beforeAll(async () => {
    config = isolatedConfig();
    rt = await createRuntime(config, 'shared-reader-join-test');
    await migrateRegistry(rt.pool);
    log = await EventLog.connect(createKafka(config, 'shared-reader-join-test'), config);
    const admin = rt.kafka.admin();
    await admin.connect();
    reader = new SharedReader({
      kafka: rt.kafka,
      admin,
      pool: rt.pool,
      config,
      log: rt.log,
      decoder: new Decoder(rt.kafka, config, rt.serde),
      groupId: `${config.GROUPCHAT_NAMESPACE}join-test`,
      topics: ['users'],
      concurrency: 8,
    });
  });
  afterAll(async () => {
    await reader?.stop();
    await log?.close();
    await rt?.close();
  });

  it('when the reader has read past where the new build stands, it reads those records again for it, with nothing new arriving', async () => {
    const first = member({ name: 'first', version: 1, generation: 0 });
    reader.add(first);
    void reader.start();
    const ids = Array.from({ length: 12 }, (_, i) => `u-${i}`);
    await log.appendMany(ids.map((id) => ({ event: registered(id), key: id })));
    await waitUntil(() => first.processor.applied.length === ids.length, { timeoutMs: 30_000, intervalMs: 50, what: 'the first build to apply every record' });
    const second = member({ name: 'second', version: 1, generation: 0 });
    reader.add(second);
    await waitUntil(() => second.processor.applied.length >= ids.length, {
      timeoutMs: 30_000,
      intervalMs: 50,
      what: 'the joining build to read the records behind the reader',
    });
    expect([...second.processor.applied].sort()).toEqual([...ids].sort());
    // The build already there skips what it had applied.
    expect(first.processor.applied).toHaveLength(ids.length);
  });
});
