import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwakeUsers, connectJsonPublisher, createKafka, type AwakeRecord } from '@groupchat/shared';
import { waitUntil } from '@groupchat/test-kit';
import { TestClient } from './support/client';
import { startRealtime } from './support/realtime';
import { startSystem } from './support/system';

const BEAT = 300;
const PRESENCE = { heartbeatMs: BEAT, typingIntervalMs: 2000, typingTtlMs: 5000 };

describe('awake users, read from realtime presence by another process', () => {
  let sys: Awaited<ReturnType<typeof startSystem>>;
  let awake: AwakeUsers;
  const ready = (userId: string, url = sys.realtime.wsUrl) => TestClient.ready(url, sys.fixtures.token(userId));
  const until = (check: () => boolean, what: string) => waitUntil(check, { timeoutMs: 10_000, what });

  beforeAll(async () => {
    sys = await startSystem({ presence: PRESENCE });
    awake = await AwakeUsers.start(sys.realtime.rt, { heartbeatMs: BEAT });
  });
  afterAll(async () => {
    await awake?.close();
    await sys?.close();
  });

  /** Frames of one socket are handled in order: once a bad frame is answered, those before it have been applied. */
  async function settled(c: TestClient) {
    const mark = c.frames.length;
    c.send({ type: 'visibility', visible: 'maybe' });
    const error = await c.next((f) => f.type === 'error', { from: mark });
    expect(error).toMatchObject({ code: 'bad_request', message: 'visible must be true or false' });
  }

  it('when a socket is visible, hidden, visible again and closed, then its user is awake, asleep, awake and asleep', async () => {
    const ada = randomUUID();
    expect(awake.isAwake(ada)).toBe(false);
    const a = await ready(ada);
    await until(() => awake.isAwake(ada), 'ada awake once authenticated');
    a.send({ type: 'visibility', visible: false });
    await until(() => !awake.isAwake(ada), 'ada asleep once her tab is hidden');
    a.send({ type: 'visibility', visible: true });
    await until(() => awake.isAwake(ada), 'ada awake again');
    a.close();
    await until(() => !awake.isAwake(ada), 'ada asleep once her socket closed');
  });

  it('when one of two sockets is hidden, then the user stays awake; when both are, then not', async () => {
    const [bob, later] = [randomUUID(), randomUUID()];
    const [b1, b2] = [await ready(bob), await ready(bob)];
    await until(() => awake.isAwake(bob), 'bob awake');
    b1.send({ type: 'visibility', visible: false });
    b1.send({ type: 'visibility', visible: false });
    await settled(b1);
    // One process's records arrive in order: once a later user is seen awake, bob's hidden socket has been too.
    const l = await ready(later);
    await until(() => awake.isAwake(later), 'a later user awake');
    expect(awake.isAwake(bob)).toBe(true);
    b2.send({ type: 'visibility', visible: false });
    await until(() => !awake.isAwake(bob), 'bob asleep with both tabs hidden');
    b1.close();
    b2.close();
    l.close();
  });

  it('when a user stays visible past three beats, then the refresh keeps them awake throughout', async () => {
    const cy = randomUUID();
    const c = await ready(cy);
    await until(() => awake.isAwake(cy), 'cy awake');
    const since = Date.now();
    let dozed = 0;
    await waitUntil(
      () => {
        if (!awake.isAwake(cy)) dozed += 1;
        return Date.now() - since > 5 * BEAT;
      },
      { what: 'five beats to pass' },
    );
    expect(dozed).toBe(0);
    // A reader started now finds cy from the refreshes alone: the awake record is older than its window.
    const late = await AwakeUsers.start(sys.realtime.rt, { heartbeatMs: BEAT });
    try {
      await until(() => late.isAwake(cy), 'cy awake for a reader started later');
    } finally {
      await late.close();
    }
    c.close();
  });

  it('when a process falls silent, then its users expire; when it says bye, then they go at once', async () => {
    const [ghost, quitter] = [randomUUID(), randomUUID()];
    // A reader whose entries would live a minute: only the bye can explain the quitter going.
    const patient = await AwakeUsers.start(sys.realtime.rt, { heartbeatMs: 20_000 });
    const publisher = await connectJsonPublisher(createKafka(sys.config, 'realtime-test-awake'), sys.config);
    const send = (r: AwakeRecord) => publisher.publish('presence', [{ key: r.i, value: r }]);
    try {
      await send({ t: 'awake', i: 'ghost-process', at: Date.now(), u: ghost });
      await send({ t: 'awake', i: 'quitting-process', at: Date.now(), u: quitter });
      await until(() => awake.isAwake(ghost) && patient.isAwake(quitter), 'both awake');
      await until(() => !awake.isAwake(ghost), 'the silent process’s user expired');
      await send({ t: 'bye', i: 'quitting-process', at: Date.now() });
      await until(() => !patient.isAwake(quitter), 'the quitter gone on bye');
      expect(patient.isAwake(ghost)).toBe(true);
    } finally {
      await publisher.close();
      await patient.close();
    }
  });

  it('when a realtime process shuts down, then its users are no longer awake', async () => {
    const dee = randomUUID();
    const other = await startRealtime(sys.config, { presence: PRESENCE });
    const patient = await AwakeUsers.start(sys.realtime.rt, { heartbeatMs: 20_000 });
    let running = true;
    try {
      await ready(dee, other.wsUrl);
      await until(() => patient.isAwake(dee), 'dee awake on the other process');
      running = false;
      await other.close();
      await until(() => !patient.isAwake(dee), 'dee gone with the process');
    } finally {
      if (running) await other.close();
      await patient.close();
    }
  });
});
