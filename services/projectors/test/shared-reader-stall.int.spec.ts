import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventLog, createKafka, createRuntime, type Config, type Runtime } from '@groupchat/shared';
import type { Admin } from 'kafkajs';
import { Decoder } from '../src/framework/decode';
import { migrateRegistry } from '../src/framework/registry';
import { SharedReader } from '../src/framework/shared-reader';
import { registered } from './support/events';
import { memoryMember } from './support/memory-processor';
import { isolatedConfig, waitUntil } from '@groupchat/test-kit';

const STALL_MS = 300;

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

describe('a member that holds the shared reader back', () => {
  let config: Config;
  let rt: Runtime;
  let log: EventLog;
  let admin: Admin;
  const readers: SharedReader[] = [];
  const member = (name: string) => memoryMember({ name, version: 1, generation: 0 }, rt.log);
  const reader = (id: string) => {
    const r = new SharedReader({
      kafka: rt.kafka,
      admin,
      pool: rt.pool,
      config,
      log: rt.log,
      decoder: new Decoder(rt.kafka, config, rt.serde),
      groupId: `${config.GROUPCHAT_NAMESPACE}stall-${id}`,
      topics: ['users'],
      concurrency: 8,
      stallMs: STALL_MS,
    });
    readers.push(r);
    return r;
  };

  beforeAll(async () => {
    config = isolatedConfig();
    rt = await createRuntime(config, 'shared-reader-stall-test');
    await migrateRegistry(rt.pool);
    log = await EventLog.connect(createKafka(config, 'shared-reader-stall-test'), config);
    admin = rt.kafka.admin();
    await admin.connect();
    await log.appendMany(Array.from({ length: 12 }, (_, i) => ({ event: registered(`u-${i}`), key: `u-${i}` })));
  });
  afterAll(async () => {
    await Promise.allSettled(readers.map((r) => r.stop()));
    await admin?.disconnect();
    await log?.close();
    await rt?.close();
  });

  it('when every member is slow alike, none leaves', async () => {
    const r = reader('alike');
    const a = member('a');
    const b = member('b');
    // Each batch takes several stall bounds, for both: nobody waits on anybody else.
    for (const m of [a, b]) m.processor.delay = () => wait(STALL_MS * 3);
    r.add(a);
    r.add(b);
    void r.start();
    await waitUntil(() => a.processor.applied.length === 12 && b.processor.applied.length === 12, {
      timeoutMs: 60_000,
      intervalMs: 50,
      what: 'both to apply every record',
    });
    expect([a.stalled, b.stalled]).toEqual([0, 0]);
  });

  it('when one member hangs while the others are done, it leaves and the others go on', async () => {
    const r = reader('hung');
    const fast = member('fast');
    const hung = member('hung');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    hung.processor.delay = () => gate;
    r.add(fast);
    r.add(hung);
    void r.start();
    await waitUntil(() => hung.stalled === 1, { timeoutMs: 30_000, intervalMs: 50, what: 'the hung member to leave' });
    await waitUntil(() => fast.processor.applied.length === 12, { timeoutMs: 30_000, intervalMs: 50, what: 'the fast member to apply every record' });
    await log.appendMany([{ event: registered('u-late'), key: 'u-late' }]);
    await waitUntil(() => fast.processor.applied.includes('u-late'), {
      timeoutMs: 30_000,
      intervalMs: 50,
      what: 'the fast member to apply a record after the other left',
    });
    expect(fast.stalled).toBe(0);
    release();
  });
});
