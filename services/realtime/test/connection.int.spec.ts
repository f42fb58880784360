import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '@groupchat/schemas';
import { TestClient } from './support/client';
import { groupEvent, memberRemoved, messageSent } from './support/fixtures';
import { startRealtime } from './support/realtime';
import { startSystem } from './support/system';
import { waitUntil } from '@groupchat/test-kit';

const BUFFER_BOUND = 256 * 1024;
const METRICS_TOKEN = 'realtime-test-metrics-token';
const MAX_FRAME = 64 * 1024;

describe('a realtime connection', () => {
  let sys: Awaited<ReturnType<typeof startSystem>>;
  let url: string;
  const token = (userId: string, ttl?: number) => sys.fixtures.token(userId, ttl);

  beforeAll(async () => {
    sys = await startSystem(
      { authTimeoutMs: 1500, maxConnectionsPerUser: 3, maxBufferedBytes: BUFFER_BOUND, frameBurst: 30, framesPerSecond: 10 },
      { METRICS_TOKEN },
    );
    url = sys.realtime.wsUrl;
  });
  afterAll(async () => {
    await sys?.close();
  });

  async function metric(name: string, labels = ''): Promise<number> {
    const text = await (await fetch(`${sys.realtime.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
    return line ? Number(line.split(' ')[1]) : 0;
  }

  describe('authentication', () => {
    it('when no token arrives in time, then it is closed with 4001', async () => {
      const c = await TestClient.open(url);
      expect((await c.closedWith()).code).toBe(4001);
    });

    it('when the token is invalid, or another frame comes first, then it is closed with 4001', async () => {
      const bad = await TestClient.open(url);
      bad.send({ type: 'auth', token: 'not.a.jwt' });
      expect(await bad.closedWith()).toEqual({ code: 4001, reason: 'invalid token' });
      const forged = await TestClient.open(url);
      forged.send({ type: 'auth', token: jwt.sign({ username: 'x' }, 'some-other-secret-entirely', { subject: 'u', issuer: 'groupchat' }) });
      expect((await forged.closedWith()).code).toBe(4001);
      const early = await TestClient.open(url);
      early.send({ type: 'subscribe', groupId: randomUUID() });
      expect((await early.closedWith()).code).toBe(4001);
    });

    it('when the token has expired, then it is closed with 4003; when it expires while connected, then too', async () => {
      const expired = jwt.sign({ username: 'x', exp: Math.floor(Date.now() / 1000) - 10 }, sys.config.JWT_SECRET, {
        subject: randomUUID(),
        issuer: 'groupchat',
      });
      const c = await TestClient.open(url);
      c.send({ type: 'auth', token: expired });
      expect(await c.closedWith()).toEqual({ code: 4003, reason: 'token expired' });

      // Long enough to authenticate on a loaded machine, short enough to expire while connected.
      const live = await TestClient.ready(url, token(randomUUID(), 4));
      expect(await live.closedWith(15_000)).toEqual({ code: 4003, reason: 'token expired' });
    });

    it('when the token comes in the query string, then the connection is ready at once', async () => {
      const c = await TestClient.open(`${url}?token=${token(randomUUID())}`);
      await c.next((f) => f.type === 'ready');
      c.close();
    });
  });

  describe('limits', () => {
    it('when a user opens more connections than allowed, then the extra one is closed with 4029', async () => {
      const user = randomUUID();
      const open = await Promise.all([1, 2, 3].map(() => TestClient.ready(url, token(user))));
      const extra = await TestClient.open(url);
      extra.send({ type: 'auth', token: token(user) });
      expect(await extra.closedWith()).toEqual({ code: 4029, reason: 'too many connections' });
      open.forEach((c) => c.close());
    });

    it('when a client floods frames, then it is told it is rate limited, and closed with 4029 if it goes on', async () => {
      const c = await TestClient.ready(url, token(randomUUID()));
      for (let i = 0; i < 100; i++) c.send({ type: 'unsubscribe', groupId: 'g' });
      await c.next((f) => f.type === 'error' && f.code === 'rate_limited');
      expect(await c.closedWith()).toEqual({ code: 4029, reason: 'too many frames' });
    });

    it('when a frame is larger than 64 KB, then it is closed with 1009; a malformed frame gets an error', async () => {
      const c = await TestClient.ready(url, token(randomUUID()));
      c.send('{"type":');
      await c.next((f) => f.type === 'error' && f.code === 'bad_request');
      c.send({ type: 'auth', token: 'x'.repeat(MAX_FRAME + 1) });
      expect((await c.closedWith()).code).toBe(1009);
    });

    it('when a client stops answering pings, then its connection is terminated', async () => {
      const other = await startRealtime(sys.config, { pingIntervalMs: 200 });
      const c = await TestClient.open(other.wsUrl, { autoPong: false });
      c.send({ type: 'auth', token: token(randomUUID()) });
      expect((await c.closedWith(5000)).code).toBe(1006);
      await other.close();
    });
  });

  describe('access', () => {
    it('when a non-member subscribes, then a public group answers forbidden and a private or unknown one not_found', async () => {
      const owner = randomUUID();
      const [open, closed] = await Promise.all([sys.fixtures.group(sys.pool, owner, []), sys.fixtures.group(sys.pool, owner, [], 'private')]);
      const c = await TestClient.ready(url, token(randomUUID()));
      for (const [groupId, code] of [
        [open, 'forbidden'],
        [closed, 'not_found'],
        [randomUUID(), 'not_found'],
      ] as const) {
        c.send({ type: 'subscribe', groupId });
        await c.next((f) => f.type === 'error' && f.groupId === groupId && f.code === code);
      }
      c.close();
    });

    it('when a member is removed, then their subscription ends at once, they receive nothing after, and cannot subscribe again', async () => {
      const [owner, kept, removed] = [randomUUID(), randomUUID(), randomUUID()];
      const groupId = await sys.fixtures.group(sys.pool, owner, [kept, removed]);
      const k = await TestClient.ready(url, token(kept));
      const r = await TestClient.ready(url, token(removed));
      for (const c of [k, r]) {
        c.send({ type: 'subscribe', groupId });
        await c.next((f) => f.type === 'subscribed');
      }
      await sys.fixtures.append([messageSent(groupId, owner, 'before')]);
      await r.next((f) => f.type === 'event');

      await sys.fixtures.append([memberRemoved(groupId, removed, owner)]);
      await r.next((f) => f.type === 'unsubscribed' && f.groupId === groupId && f.reason === 'removed');
      r.send({ type: 'subscribe', groupId });
      await r.next((f) => f.type === 'error' && f.groupId === groupId && f.code === 'forbidden');

      await sys.fixtures.append([messageSent(groupId, owner, 'after')]);
      await k.next((f) => f.type === 'event' && (f.event!.text as string) === 'after');
      expect(r.events().map((f) => f.event!.text)).toEqual(['before']);
      k.close();
      r.close();
    });
  });

  describe('duplicates in the log', () => {
    it('when the same event is appended twice (a retry through a second instance), then subscribers receive it once', async () => {
      const [owner, member] = [randomUUID(), randomUUID()];
      const groupId = await sys.fixtures.group(sys.pool, owner, [member]);
      const c = await TestClient.ready(url, token(member));
      c.send({ type: 'subscribe', groupId });
      await c.next((f) => f.type === 'subscribed');
      const twice = messageSent(groupId, owner, 'twice');
      await sys.fixtures.append([twice]);
      await sys.fixtures.append([twice, messageSent(groupId, owner, 'after')]);
      await c.next((f) => f.type === 'event' && (f.event!.text as string) === 'after');
      expect(c.events(groupId).map((f) => f.event!.text)).toEqual(['twice', 'after']);
      c.close();
    });
  });

  describe('resume', () => {
    it('when the position cannot be served (malformed, another partition), then the client is told to resync', async () => {
      const owner = randomUUID();
      const groupId = await sys.fixtures.group(sys.pool, owner, []);
      const [seen, position] = await sys.fixtures.append([messageSent(groupId, owner, 'seen'), messageSent(groupId, owner, 'missed')]);
      const c = await TestClient.ready(url, token(owner));
      const otherPartition = `m.${(position!.partition + 1) % 12}.0`;
      for (const after of ['garbage', 'g.0.1', otherPartition]) {
        const mark = c.frames.length;
        c.send({ type: 'subscribe', groupId, after });
        await c.next((f) => f.type === 'resync' && f.groupId === groupId, { from: mark });
      }
      c.send({ type: 'subscribe', groupId, after: `m.${seen!.partition}.${seen!.offset}` });
      const event = await c.next((f) => f.type === 'event');
      expect(event.position).toBe(`m.${position!.partition}.${position!.offset}`);
      expect(event.event!.text).toBe('missed');
      c.close();
    });

    it('when pins, follows and preview removals happened while away, then a resume replays them in order with the messages', async () => {
      const owner = randomUUID();
      const groupId = await sys.fixtures.group(sys.pool, owner, []);
      const first = messageSent(groupId, owner, 'first');
      const of = (type: DomainEvent['type'], fields: object) => groupEvent(type, groupId, owner, fields);
      const [seen] = await sys.fixtures.append([first]);
      await sys.fixtures.append([
        of('MessagePinned', { messageId: first.messageId }),
        of('ThreadFollowed', { threadId: first.messageId, userId: owner }),
        of('LinkPreviewRemoved', { messageId: first.messageId }),
        messageSent(groupId, owner, 'later'),
      ]);
      const c = await TestClient.ready(url, token(owner));
      c.send({ type: 'subscribe', groupId, after: `m.${seen!.partition}.${seen!.offset}` });
      await c.next((f) => f.type === 'event' && f.event!.text === 'later');
      expect(c.events(groupId).map((f) => f.event!.type)).toEqual(['MessagePinned', 'ThreadFollowed', 'LinkPreviewRemoved', 'MessageSent']);
      c.close();
    });
  });

  describe('backpressure', () => {
    it('when a client stops reading, then the server holds at most its buffer bound for it and closes it with 4008', async () => {
      const owner = randomUUID();
      const groupId = await sys.fixtures.group(sys.pool, owner, []);
      const c = await TestClient.ready(url, token(owner));
      c.send({ type: 'subscribe', groupId });
      await c.next((f) => f.type === 'subscribed');
      const before = await metric('groupchat_realtime_closes_total', '{code="4008"}');
      const socket = (c.ws as unknown as { _socket: Socket })._socket;
      socket.pause();

      // Far more than the socket's kernel buffers and the bound together can hold.
      const text = 'x'.repeat(8000);
      const slowClosed = async () => (await metric('groupchat_realtime_closes_total', '{code="4008"}')) > before;
      for (let batch = 0; batch < 30 && !(await slowClosed()); batch++) {
        await sys.fixtures.append(Array.from({ length: 100 }, () => messageSent(groupId, owner, text)));
      }
      await waitUntil(slowClosed, { timeoutMs: 30_000, what: 'the slow consumer to be closed' });
      // The buffer did fill up to the bound, and past it by no more than the frame that crossed it.
      const peak = await metric('groupchat_realtime_send_buffer_peak_bytes');
      expect(peak).toBeGreaterThan(BUFFER_BOUND * 0.9);
      expect(peak).toBeLessThanOrEqual(BUFFER_BOUND + 16 * 1024);

      socket.resume();
      expect(await c.closedWith()).toEqual({ code: 4008, reason: 'slow consumer, resume' });
    });
  });

  it('when the process shuts down, then its connections are closed with 1012', async () => {
    const other = await startRealtime(sys.config);
    const c = await TestClient.ready(other.wsUrl, token(randomUUID()));
    await other.close();
    expect(await c.closedWith()).toEqual({ code: 1012, reason: 'service restart' });
  });
});
