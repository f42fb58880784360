import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventLog, createKafka, createRuntime, type Config, type Runtime } from '@groupchat/shared';
import { Decoder } from '../src/framework/decode';
import { migrateRegistry } from '../src/framework/registry';
import { SharedReader } from '../src/framework/shared-reader';
import type { Build } from '../src/framework/types';
import { registered } from './support/events';
import { memoryMember } from './support/memory-processor';
import { isolatedConfig, waitUntil } from '@groupchat/test-kit';

describe('a build joining the running shared reader', () => {
  let config: Config;
  let rt: Runtime;
  let log: EventLog;
  let reader: SharedReader;
  const member = (build: Build) => memoryMember(build, rt.log);

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
