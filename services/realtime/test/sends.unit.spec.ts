import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '@groupchat/schemas';
import { FrameError, parseClientFrame, SENT_FIELDS, type SendFrame } from '../src/protocol';
import { chunks, SendRelay } from '../src/sends';

const frame = (clientMessageId: string, text = 'hi'): SendFrame => ({ type: 'send', clientMessageId, groupId: 'g-1', text });

describe('send frames', () => {
  it('when a send frame is well formed, then it keeps the fields the command API validates, as given', () => {
    expect(parseClientFrame('{"type":"send","groupId":"g-1","clientMessageId":"c1","text":"hi","attachments":["m1"],"extra":1}')).toEqual({
      type: 'send',
      groupId: 'g-1',
      clientMessageId: 'c1',
      text: 'hi',
      attachments: ['m1'],
    });
    expect(parseClientFrame('{"type":"send","groupId":7,"clientMessageId":"c1","text":["x"]}')).toMatchObject({ groupId: 7, text: ['x'] });
    expect(parseClientFrame('{"type":"send","groupId":"g","clientMessageId":"c1","replyTo":"m","threadId":null,"mentions":["u"]}')).toMatchObject({
      replyTo: 'm',
      threadId: null,
      mentions: ['u'],
    });
  });

  it.each([
    ['no clientMessageId', '{"type":"send","groupId":"g"}'],
    ['an empty clientMessageId', '{"type":"send","groupId":"g","clientMessageId":""}'],
    ['a clientMessageId that is not a string', '{"type":"send","groupId":"g","clientMessageId":5}'],
    ['a clientMessageId of 65 characters', `{"type":"send","groupId":"g","clientMessageId":"${'a'.repeat(65)}"}`],
    ['a minPosition that is not a string', '{"type":"send","groupId":"g","clientMessageId":"c","minPosition":3}'],
  ])('when a send frame has %s, then it is refused as a whole (no clientMessageId to answer)', (_what, text) => {
    expect(() => parseClientFrame(text)).toThrow(FrameError);
  });

  it('relays every field of a send request that MessageSent carries', () => {
    const fields = new Set(
      loadCatalog()
        .get('MessageSent')!
        .flatMap((v) => (v.schema as { fields: { name: string }[] }).fields.map((f) => f.name)),
    );
    // linkPreview is a request field (false: no preview) and the event's field (the link) alike.
    for (const f of SENT_FIELDS) expect(fields.has(f), f).toBe(true);
  });

  it('when many sends wait, then requests stay within 100 items and 900 KB, in order', () => {
    const many = chunks(Array.from({ length: 250 }, (_, i) => frame(`c${i}`)));
    expect(many.map((c) => c.length)).toEqual([100, 100, 50]);
    expect(many.flat().map((c) => c.frame.clientMessageId)).toEqual(Array.from({ length: 250 }, (_, i) => `c${i}`));
    const big = chunks(Array.from({ length: 40 }, (_, i) => frame(`b${i}`, 'x'.repeat(60_000))));
    expect(big.map((c) => c.length)).toEqual([14, 14, 12]);
  });
});

describe('relaying sends to the command API', () => {
  let server: Server;
  let url: string;
  const seen: { auth?: string; minPosition?: string; items: { clientMessageId: string }[] }[] = [];
  let answer: (items: { clientMessageId: string }[]) => { status: number; body: unknown } = (items) => ({
    status: 200,
    body: { items: items.map((i) => ({ messageId: `id-${i.clientMessageId}`, position: 'm.1.2' })) },
  });

  beforeAll(async () => {
    server = createServer(async (req: IncomingMessage, res) => {
      const chunksIn: Buffer[] = [];
      for await (const c of req) chunksIn.push(c as Buffer);
      const { items } = JSON.parse(Buffer.concat(chunksIn).toString()) as { items: { clientMessageId: string }[] };
      seen.push({ auth: req.headers.authorization, minPosition: req.headers['x-min-position'] as string | undefined, items });
      const { status, body } = answer(items);
      res.writeHead(status, { 'content-type': status === 200 ? 'application/json' : 'application/problem+json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('when frames arrive together, then they go in one request under the socket’s token and each gets its ack', async () => {
    seen.length = 0;
    const send = new SendRelay(url, 5000).queue(() => 'the-token');
    const answers = await Promise.all(['a', 'b', 'c'].map((id) => send({ ...frame(id), minPosition: 'g.1.5' })));
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      auth: 'Bearer the-token',
      minPosition: 'g.1.5',
      items: [{ clientMessageId: 'a' }, { clientMessageId: 'b' }, { clientMessageId: 'c' }],
    });
    expect(answers).toEqual(['a', 'b', 'c'].map((id) => ({ type: 'ack', clientMessageId: id, messageId: `id-${id}`, position: 'm.1.2' })));
  });

  it('when an item is refused, then its error frame carries the problem; a refused request answers every item', async () => {
    const send = new SendRelay(url, 5000).queue(() => 'the-token');
    answer = (items) => ({
      status: 200,
      body: {
        items: items.map((i) =>
          i.clientMessageId === 'bad' ? { status: 429, code: 'slow_mode', detail: 'wait', retryAfter: 3 } : { messageId: 'm', position: 'm.0.1' },
        ),
      },
    });
    const [ok, bad] = await Promise.all([send(frame('ok')), send(frame('bad'))]);
    expect(ok).toMatchObject({ type: 'ack' });
    expect(bad).toEqual({ type: 'error', clientMessageId: 'bad', code: 'slow_mode', message: 'wait', status: 429, retryAfter: 3 });
    answer = () => ({ status: 401, body: { status: 401, code: 'token_expired', detail: 'access token expired' } });
    expect(await send(frame('late'))).toEqual({ type: 'error', clientMessageId: 'late', code: 'token_expired', message: 'access token expired', status: 401 });
  });

  it('when the command API cannot be reached, or none is configured, then 503-like errors to retry', async () => {
    const gone = new SendRelay('http://127.0.0.1:9', 2000).queue(() => 't');
    expect(await gone(frame('x'))).toMatchObject({ type: 'error', clientMessageId: 'x', code: 'unavailable', status: 503 });
    const none = new SendRelay(undefined, 2000).queue(() => 't');
    expect(await none(frame('y'))).toMatchObject({ type: 'error', clientMessageId: 'y', code: 'sending_unavailable', status: 503 });
  });
});
