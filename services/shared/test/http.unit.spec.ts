import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonBody, problemHandler } from '../src/index';

describe('JSON bodies', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const app = express();
    app.post('/echo', jsonBody(), (req, res) => res.json(req.body));
    app.use(problemHandler);
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const post = (body: Buffer | string) => fetch(`${url}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : new Uint8Array(body) });

  it('refuses a body that is not valid UTF-8 with 400 invalid_utf8 instead of replacing the bytes', async () => {
    for (const bytes of [[0xff], [0xc0, 0xaf], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]]) {
      const res = await post(Buffer.concat([Buffer.from('{"text":"a'), Buffer.from(bytes), Buffer.from('b"}')]));
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(await res.json()).toMatchObject({ status: 400, code: 'invalid_utf8' });
    }
  });

  it('keeps well-formed UTF-8 as it is', async () => {
    const res = await post('{"text":"héllo 👋 世界"}');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ text: 'héllo 👋 世界' });
  });
});
});
