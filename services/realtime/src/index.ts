import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import { hostname } from 'node:os';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { createRuntime, loadConfig, serve, type Config, type Runtime } from '@groupchat/shared';
import { Access } from './access';
import { BlockLists } from './blocks';
import { Connection, Connections } from './connection';
import { realtimeOptions, type Context, type RealtimeOptions } from './context';
import { clearDelivery } from './clearance';
import { LiveFeed } from './feed';
import { GroupsView } from './groups-view';
import { Hub } from './hub';
import { Presence } from './presence';
import { CLOSE } from './protocol';
import { SendRelay } from './sends';
import { endMembership, resyncGroup } from './subscribe';
import { UnreadPush } from './unread';

export { CLOSE } from './protocol';
export type { ClientFrame, ServerFrame } from './protocol';
export type { RealtimeOptions } from './context';

export interface Realtime {
  close(): Promise<void>;
}

/** Attaches the WebSocket endpoint /ws to an HTTP server. */
export async function createRealtime(rt: Runtime, server: Server, given: Partial<RealtimeOptions> = {}): Promise<Realtime> {
  const options = realtimeOptions(rt, given);
  const instance = `${hostname()}.${process.pid}.${randomBytes(3).toString('hex')}`;
  const hub = new Hub();
  const presence = await Presence.start(rt, hub, instance, options.presence);
  // The command API answers within its position wait plus its append deadline; a little more here.
  const sends = new SendRelay(options.commandApiUrl, rt.config.MIN_POSITION_WAIT_MS + rt.config.APPEND_TIMEOUT_MS + 5000);
  const ctx = { rt, options, hub, presence, sends } as Context;
  ctx.view = new GroupsView(rt, {
    gate: options.groupsFeedGate,
    onMembership(event, partition, offset) {
      ctx.access.noteChange(event, partition, offset);
      if (event.type !== 'MemberJoined') endMembership(ctx, event);
    },
  });
  ctx.access = new Access(rt.pool, ctx.view, { waitMs: options.resumeWaitMs, viewWaitMs: options.membershipWaitMs });
  await ctx.view.start();
  ctx.unread = await UnreadPush.start(rt);
  ctx.blocks = new BlockLists(rt);
  ctx.unread.onUserRecord = (userId, position) => ctx.blocks.changed(userId, position);
  presence.blocks = ctx.blocks;
  ctx.blocks.onChange = (userId) => presence.resendTo(userId);
  ctx.feed = await LiveFeed.start(rt, hub, {
    cleared: (groupIds) => clearDelivery(ctx, groupIds),
    lost: (groupId) => resyncGroup(ctx, groupId, 'undecodable_event'),
    landed: (groupId, partition, offset) => ctx.unread.landed(groupId, partition, offset),
  });

  const connections = new Connections(options.maxConnectionsPerUser);
  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxFrameBytes, perMessageDeflate: false, clientTracking: false });
  let closing = false;
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/ws') {
      // Leave other paths to other upgrade handlers, if there are any.
      if (server.listenerCount('upgrade') === 1) refuse(socket, 404, 'Not Found');
      return;
    }
    if (closing) return refuse(socket, 503, 'Service Unavailable');
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      new Connection(ws, socket, ctx, connections, url.searchParams.get('token') ?? undefined);
    });
  };
  server.on('upgrade', onUpgrade);

  const pinger = setInterval(() => {
    for (const conn of [...connections.all]) if (!conn.ping()) conn.terminate();
    ctx.access.sweep();
  }, options.pingIntervalMs);
  pinger.unref();

  return {
    async close() {
      if (closing) return;
      closing = true;
      server.off('upgrade', onUpgrade);
      clearInterval(pinger);
      for (const conn of [...connections.all]) conn.close(CLOSE.restart, 'service restart');
      const deadline = Date.now() + options.shutdownGraceMs;
      while (sockets.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      for (const ws of sockets) ws.terminate();
      await Promise.allSettled([ctx.feed.close(), ctx.view.close(), presence.close(), ctx.unread.close()]);
    },
  };
}

/** Runs realtime alone on its own port. */
export async function start(config: Config = loadConfig()) {
  const rt = await createRuntime(config, 'realtime');
  const served = await serve(rt, () => undefined);
  const realtime = await createRealtime(rt, served.server, { commandApiUrl: config.COMMAND_API_URL });
  rt.log.info({ port: served.port }, 'realtime listening');
  return {
    port: served.port,
    async close() {
      await realtime.close();
      await served.close();
      await rt.close();
    },
  };
}

function refuse(socket: Duplex, status: number, text: string) {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}
