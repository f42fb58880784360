// Send frames on the authenticated socket, in the all-in-one process (realtime beside the command
// API) and in a realtime process of its own relaying to the command API, as in production.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_ABUSE_LIMITS } from '@groupchat/test-kit';
import { startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { eventsIn } from '../../command-api/test/support/log';
import { TestClient, type Frame } from './support/client';
import { Fixtures } from './support/fixtures';
import { startRealtime } from './support/realtime';

describe('sending over the WebSocket', () => {
  let app: TestApp;
  let fixtures: Fixtures;
  let alone: Awaited<ReturnType<typeof startRealtime>>;
  let unwired: Awaited<ReturnType<typeof startRealtime>>;
  const [sender, reader, outsider] = [randomUUID(), randomUUID(), randomUUID()];
  let groupId: string;
  let secret: string;

  const ready = (url: string, userId: string) => TestClient.ready(url, fixtures.token(userId));
  const answerTo = (c: TestClient, clientMessageId: string, from = 0) =>
    c.next((f) => (f.type === 'ack' || f.type === 'error') && f.clientMessageId === clientMessageId, { from, timeoutMs: 20_000 });
  const subscribed = async (url: string, userId: string) => {
    const c = await ready(url, userId);
    c.send({ type: 'subscribe', groupId });
    await c.next((f) => f.type === 'subscribed');
    return c;
  };
  const sentWith = async (clientMessageId: string) =>
    (await eventsIn(app.config, 'messages')).filter((e) => e.event.type === 'MessageSent' && e.event.clientMessageId === clientMessageId && e.key === groupId);
  const deliveries = (c: TestClient, messageId: unknown) => c.events(groupId).filter((f) => f.event?.type === 'MessageSent' && f.event.messageId === messageId);

  beforeAll(async () => {
    app = await startTestApp(NO_ABUSE_LIMITS);
    fixtures = await Fixtures.connect(app.config);
    [alone, unwired] = await Promise.all([startRealtime(app.config, { commandApiUrl: app.url }), startRealtime(app.config)]);
    groupId = await fixtures.group(alone.rt.pool, sender, [reader]);
    secret = await fixtures.group(alone.rt.pool, reader, [], 'private');
  });
  afterAll(async () => {
    await Promise.allSettled([alone?.close(), unwired?.close(), fixtures?.close()]);
    await app?.close();
  });

  it('when a member sends, then an ack with the messageId and position, and another subscriber gets the message once', async () => {
    const other = await subscribed(app.wsUrl, reader);
    const c = await ready(app.wsUrl, sender);
    c.send({ type: 'send', groupId, clientMessageId: 'ws-first', text: 'hello over the socket' });
    const ack = await answerTo(c, 'ws-first');
    expect(ack).toEqual({ type: 'ack', clientMessageId: 'ws-first', messageId: expect.any(String), position: expect.stringMatching(/^m\.\d+\.\d+$/) });
    const [logged] = await sentWith('ws-first');
    expect(`m.${logged!.partition}.${logged!.offset}`).toBe(ack.position);
    expect(logged!.event).toMatchObject({ messageId: ack.messageId, senderId: sender, actorId: sender, text: 'hello over the socket' });
    const delivered = await other.next((f) => f.type === 'event' && f.event?.messageId === ack.messageId);
    expect(delivered.position).toBe(ack.position);

    c.send({ type: 'send', groupId, clientMessageId: 'ws-marker', text: 'after it' });
    const marker = await answerTo(c, 'ws-marker');
    await other.next((f) => f.type === 'event' && f.event?.messageId === marker.messageId);
    expect(deliveries(other, ack.messageId)).toHaveLength(1);
    [c, other].forEach((x) => x.close());
  });

  it('when a send is retried with the same clientMessageId, then the same messageId and position, and one event in the log', async () => {
    const c = await ready(app.wsUrl, sender);
    c.send({ type: 'send', groupId, clientMessageId: 'ws-retry', text: 'once only' });
    const first = await answerTo(c, 'ws-retry');
    const from = c.frames.length;
    c.send({ type: 'send', groupId, clientMessageId: 'ws-retry', text: 'once only' });
    c.send({ type: 'send', groupId, clientMessageId: 'ws-retry', text: 'once only' });
    await c.until(
      () => (c.frames.slice(from).filter((f) => f.clientMessageId === 'ws-retry').length === 2 ? true : undefined),
      20_000,
      'both retries answered',
    );
    for (const again of c.frames.slice(from).filter((f) => f.clientMessageId === 'ws-retry')) expect(again).toEqual(first);
    const reconnected = await ready(app.wsUrl, sender);
    reconnected.send({ type: 'send', groupId, clientMessageId: 'ws-retry', text: 'once only' });
    expect(await answerTo(reconnected, 'ws-retry')).toEqual(first);
    expect(await sentWith('ws-retry')).toHaveLength(1);
    [c, reconnected].forEach((x) => x.close());
  });

  it('when several send frames arrive together, then each is acked with the position it was appended at, once', async () => {
    const c = await ready(app.wsUrl, sender);
    const ids = Array.from({ length: 30 }, (_, i) => `ws-burst-${i}`);
    for (const id of ids) c.send({ type: 'send', groupId, clientMessageId: id, text: id });
    const acks: Frame[] = [];
    for (const id of ids) acks.push(await answerTo(c, id));
    expect(acks.every((a) => a.type === 'ack')).toBe(true);
    expect(new Set(acks.map((a) => a.position)).size).toBe(ids.length);
    const logged = (await eventsIn(app.config, 'messages')).filter((e) => e.event.type === 'MessageSent' && ids.includes(e.event.clientMessageId));
    expect(logged).toHaveLength(ids.length);
    const at = new Map(logged.map((e) => [(e.event as { clientMessageId: string }).clientMessageId, `m.${e.partition}.${e.offset}`]));
    expect(acks.map((a) => a.position)).toEqual(ids.map((id) => at.get(id)));
    expect(c.closed).toBeUndefined();
    c.close();
  });

  it('when a frame is bad or not allowed, then an error frame names it and the socket stays open', async () => {
    const c = await ready(app.wsUrl, outsider);
    c.send({ type: 'send', groupId, text: 'no id' });
    expect(await c.next((f) => f.type === 'error' && f.code === 'bad_request')).toMatchObject({ message: expect.stringContaining('clientMessageId') });
    c.send({ type: 'send', groupId, clientMessageId: 'ws-outsider', text: 'let me in' });
    expect(await answerTo(c, 'ws-outsider')).toMatchObject({ type: 'error', code: 'not_a_member', status: 403 });
    c.send({ type: 'send', groupId: secret, clientMessageId: 'ws-secret', text: 'let me in' });
    expect(await answerTo(c, 'ws-secret')).toMatchObject({ type: 'error', code: 'not_found', status: 404 });

    const m = await ready(app.wsUrl, sender);
    m.send({ type: 'send', groupId, clientMessageId: 'ws-blank', text: '   ' });
    expect(await answerTo(m, 'ws-blank')).toMatchObject({
      type: 'error',
      code: 'validation_failed',
      status: 422,
      errors: [{ field: 'text', message: expect.any(String) }],
    });
    m.send({ type: 'send', groupId, clientMessageId: 'ws-long', text: 'x'.repeat(4001) });
    expect(await answerTo(m, 'ws-long')).toMatchObject({ type: 'error', code: 'validation_failed' });
    m.send({ type: 'send', groupId: 42, clientMessageId: 'ws-group', text: 'hi' });
    expect(await answerTo(m, 'ws-group')).toMatchObject({ type: 'error', code: 'validation_failed', errors: [expect.objectContaining({ field: 'groupId' })] });
    m.send({ type: 'send', groupId, clientMessageId: 'ws-reply', text: 'a reply', replyTo: randomUUID() });
    expect(await answerTo(m, 'ws-reply')).toMatchObject({ type: 'error', code: 'validation_failed', errors: [expect.objectContaining({ field: 'replyTo' })] });
    m.send({ type: 'send', groupId, clientMessageId: 'ws-thread', text: 'in a thread', threadId: randomUUID() });
    expect(await answerTo(m, 'ws-thread')).toMatchObject({
      type: 'error',
      code: 'validation_failed',
      errors: [expect.objectContaining({ field: 'threadId' })],
    });
    m.send('{"type":"send",');
    await m.next((f) => f.type === 'error' && f.code === 'bad_request');

    m.send({ type: 'send', groupId, clientMessageId: 'ws-after-errors', text: 'still open' });
    expect(await answerTo(m, 'ws-after-errors')).toMatchObject({ type: 'ack' });
    expect(c.closed).toBeUndefined();
    expect(m.closed).toBeUndefined();
    for (const id of ['ws-outsider', 'ws-blank', 'ws-reply', 'ws-thread']) expect(await sentWith(id)).toHaveLength(0);
    [c, m].forEach((x) => x.close());
  });

  it('when realtime runs alone, then it relays sends to the command API; the same send there answers the same', async () => {
    const other = await subscribed(alone.wsUrl, reader);
    const c = await ready(alone.wsUrl, sender);
    c.send({ type: 'send', groupId, clientMessageId: 'ws-alone', text: 'from the realtime process' });
    const ack = await answerTo(c, 'ws-alone');
    expect(ack).toMatchObject({ type: 'ack', messageId: expect.any(String) });
    await other.next((f) => f.type === 'event' && f.event?.messageId === ack.messageId);
    const viaApp = await ready(app.wsUrl, sender);
    viaApp.send({ type: 'send', groupId, clientMessageId: 'ws-alone', text: 'from the realtime process' });
    expect(await answerTo(viaApp, 'ws-alone')).toEqual(ack);
    expect(await sentWith('ws-alone')).toHaveLength(1);

    const nowhere = await ready(unwired.wsUrl, sender);
    nowhere.send({ type: 'send', groupId, clientMessageId: 'ws-nowhere', text: 'no command API' });
    expect(await answerTo(nowhere, 'ws-nowhere')).toMatchObject({ type: 'error', code: 'sending_unavailable', status: 503 });
    [other, c, viaApp, nowhere].forEach((x) => x.close());
  });
});
