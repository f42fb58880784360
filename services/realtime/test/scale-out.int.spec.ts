import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectJsonPublisher, createKafka } from '@groupchat/shared';
import { TestClient, type Frame } from './support/client';
import { messageSent } from './support/fixtures';
import { startSystem } from './support/system';

const isPresence = (groupId: string, online: string[]) => (f: Frame) =>
  f.type === 'presence' && f.groupId === groupId && JSON.stringify(f.online) === JSON.stringify([...online].sort());

describe('two realtime processes side by side', () => {
  let sys: Awaited<ReturnType<typeof startSystem>>;
  beforeAll(async () => {
    sys = await startSystem({ presence: { heartbeatMs: 300, typingIntervalMs: 2000, typingTtlMs: 5000 } });
  });
  afterAll(async () => {
    await sys?.close();
  });

  it('when messages go to two groups, then clients on either process receive every message of their groups, in order, and nothing of others', async () => {
    const [ada, bob] = [randomUUID(), randomUUID()];
    const shared = await sys.fixtures.group(sys.pool, ada, [bob]);
    const adaOnly = await sys.fixtures.group(sys.pool, ada, []);
    const a = await TestClient.ready(sys.app.wsUrl, sys.fixtures.token(ada));
    const b = await TestClient.ready(sys.realtime.wsUrl, sys.fixtures.token(bob));
    for (const [client, groupId] of [
      [a, shared],
      [a, adaOnly],
      [b, shared],
    ] as const) {
      client.send({ type: 'subscribe', groupId });
      await client.next((f) => f.type === 'subscribed' && f.groupId === groupId);
    }

    const events = Array.from({ length: 300 }, (_, i) => messageSent(i % 2 ? shared : adaOnly, ada, `hello ${i}`));
    await sys.fixtures.append(events);
    const ids = (groupId: string) => events.filter((e) => e.groupId === groupId).map((e) => e.messageId);

    await a.until(() => (a.events().length === 300 ? true : undefined), 30_000, 'all 300 on the first process');
    await b.until(() => (b.events().length === 150 ? true : undefined), 30_000, 'the shared group on the second process');
    expect(a.events(shared).map((f) => f.event!.messageId)).toEqual(ids(shared));
    expect(a.events(adaOnly).map((f) => f.event!.messageId)).toEqual(ids(adaOnly));
    expect(b.events().map((f) => f.event!.messageId)).toEqual(ids(shared));
    a.close();
    b.close();
  });

  it('when users of one group are on different processes, then presence lists both, typing crosses over (once per interval), and a leaving user drops out', async () => {
    const [ada, bob] = [randomUUID(), randomUUID()];
    const groupId = await sys.fixtures.group(sys.pool, ada, [bob]);
    const a = await TestClient.ready(sys.app.wsUrl, sys.fixtures.token(ada));
    const b = await TestClient.ready(sys.realtime.wsUrl, sys.fixtures.token(bob));
    a.send({ type: 'subscribe', groupId });
    b.send({ type: 'subscribe', groupId });

    await a.next(isPresence(groupId, [ada, bob]));
    await b.next(isPresence(groupId, [ada, bob]));

    for (let i = 0; i < 3; i++) a.send({ type: 'typing', groupId });
    await b.next((f) => f.type === 'typing' && f.userId === ada);
    b.send({ type: 'typing', groupId });
    await a.next((f) => f.type === 'typing' && f.userId === bob);

    // Ada's leaving travels the same path after her typing notices: once Bob sees it, all of them arrived.
    const mark = b.frames.length;
    a.send({ type: 'unsubscribe', groupId });
    await b.next(isPresence(groupId, [bob]), { from: mark });
    expect(b.frames.filter((f) => f.type === 'typing' && f.userId === ada)).toHaveLength(1);
    expect(a.frames.filter((f) => f.type === 'typing' && f.userId === ada)).toHaveLength(0);
    a.close();
    b.close();
  });

  it('when a process stops refreshing its users (a crash), then they expire from presence on the others', async () => {
    const [ada, ghost] = [randomUUID(), randomUUID()];
    const groupId = await sys.fixtures.group(sys.pool, ada, [ghost]);
    const a = await TestClient.ready(sys.realtime.wsUrl, sys.fixtures.token(ada));
    a.send({ type: 'subscribe', groupId });
    await a.next(isPresence(groupId, [ada]));

    // A process that announces a user once and then falls silent.
    const publisher = await connectJsonPublisher(createKafka(sys.config, 'realtime-test-ghost'), sys.config);
    await publisher.publish('presence', [{ key: 'ghost', value: { t: 'online', i: 'ghost-process', at: Date.now(), g: groupId, u: ghost } }]);
    await publisher.close();

    const mark = a.frames.length;
    await a.next(isPresence(groupId, [ada, ghost]), { from: mark });
    await a.next(isPresence(groupId, [ada]), { from: mark, timeoutMs: 5000 });
    a.close();
  });
});
