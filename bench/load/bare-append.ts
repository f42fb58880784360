// The limit of single-message HTTP on this box: node:http, a JWT check and the shared
// EventLog.append, nothing else (no express, validation, membership or idempotency). The same
// senders post to it the same requests they post to the command API.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createKafka, EventLog, verifyAccessToken, formatPosition, type Config } from '@groupchat/shared';
import { NO_THREAD } from '../lib/population';
import { serveCalls } from '../lib/worker';

const ROUTE = /^\/api\/v1\/groups\/([A-Za-z0-9_-]{1,64})\/messages$/;
let server: Server | undefined;
let log: EventLog | undefined;

function answer(res: import('node:http').ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}

serveCalls({
  async start({ config }: { config: Pick<Config, 'KAFKA_BROKERS' | 'GROUPCHAT_NAMESPACE' | 'JWT_SECRET'> }) {
    const eventLog = (log = await EventLog.connect(createKafka(config, `bench-bare-${process.pid}`), config));
    server = createServer((req, res) => {
      const groupId = req.method === 'POST' ? ROUTE.exec(req.url ?? '')?.[1] : undefined;
      if (!groupId) return answer(res, 404, { code: 'not_found' });
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        let userId: string;
        let body: { clientMessageId: string; text: string };
        try {
          userId = verifyAccessToken(config, /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '').sub;
        } catch {
          return answer(res, 401, { code: 'unauthorized' });
        }
        try {
          body = JSON.parse(Buffer.concat(chunks).toString()) as typeof body;
        } catch {
          return answer(res, 400, { code: 'malformed_json' });
        }
        const messageId = randomUUID();
        eventLog
          .append(
            {
              type: 'MessageSent',
              eventId: randomUUID(),
              occurredAt: Date.now(),
              actorId: userId,
              correlationId: randomUUID(),
              causationId: null,
              messageId,
              groupId,
              senderId: userId,
              clientMessageId: String(body.clientMessageId),
              text: String(body.text),
              attachments: [],
              ...NO_THREAD,
            },
            groupId,
          )
          .then(
            (r) => answer(res, 202, { messageId, position: formatPosition(r.position) }),
            () => answer(res, 503, { code: 'log_unavailable' }),
          );
      });
    });
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  },

  async stop() {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await log?.close();
    return {};
  },
});
