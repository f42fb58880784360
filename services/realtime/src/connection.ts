import jwt from 'jsonwebtoken';
import type { Duplex } from 'node:stream';
import { WebSocket, type RawData } from 'ws';
import { TokenExpired, verifyAccessToken } from '@groupchat/shared';
import type { Context } from './context';
import { closesCounter, connectionsGauge, countFrame, noteSendBuffer } from './metrics';
import { CLOSE, FrameError, parseClientFrame, type Frame, type SendFrame, type ServerFrame } from './protocol';
import { drop, subscribe, unsubscribe } from './subscribe';
import type { Sink, Subscription } from './subscription';
import { WriteBatch } from './write-batch';

/** The connections of this process, by user, for the per-user limit. */
export class Connections {
  readonly all = new Set<Connection>();
  private readonly byUser = new Map<string, Set<Connection>>();

  constructor(private readonly maxPerUser: number) {}

  admit(userId: string, conn: Connection): boolean {
    const mine = this.byUser.get(userId) ?? new Set();
    if (mine.size >= this.maxPerUser) return false;
    mine.add(conn);
    this.byUser.set(userId, mine);
    return true;
  }

  remove(conn: Connection) {
    this.all.delete(conn);
    const mine = this.byUser.get(conn.userId);
    if (mine?.delete(conn) && !mine.size) this.byUser.delete(conn.userId);
  }
}

const ABUSE_WINDOW_MS = 10_000;

/** One WebSocket: authentication, limits, and the frames it sends and receives. */
export class Connection implements Sink {
  userId = '';
  readonly subs = new Map<string, Subscription>();
  alive = true;
  private closing = false;
  private authTimer?: NodeJS.Timeout;
  private expiryTimer?: NodeJS.Timeout;
  private tokens: number;
  private refilledAt = Date.now();
  private dropped = 0;
  private droppedSince = 0;
  private readonly writes: WriteBatch;
  private token = '';
  private relay?: (frame: SendFrame) => Promise<ServerFrame>;
  private pendingSends = 0;

  constructor(
    private readonly ws: WebSocket,
    socket: Duplex,
    private readonly ctx: Context,
    private readonly connections: Connections,
    initialToken: string | undefined,
  ) {
    this.writes = new WriteBatch(socket);
    this.tokens = ctx.options.frameBurst;
    connections.all.add(this);
    connectionsGauge.inc();
    ws.on('message', (data, isBinary) => this.onFrame(data, isBinary));
    ws.on('pong', () => (this.alive = true));
    ws.on('close', () => this.cleanup());
    ws.on('error', () => undefined);
    if (initialToken) this.authenticate(initialToken);
    else this.authTimer = setTimeout(() => this.close(CLOSE.unauthenticated, 'authentication required'), ctx.options.authTimeoutMs);
  }

  send(frame: Frame, kind: string) {
    if (this.closing || this.ws.readyState !== WebSocket.OPEN) return;
    // Checked before sending, so a socket never holds more than the bound plus one frame.
    if (this.ws.bufferedAmount >= this.ctx.options.maxBufferedBytes) return this.close(CLOSE.slowConsumer, 'slow consumer, resume');
    this.writes.hold(frame.length);
    this.ws.send(frame, { binary: false });
    noteSendBuffer(this.ws.bufferedAmount);
    countFrame(kind);
  }

  sendJson(frame: ServerFrame) {
    this.send(JSON.stringify(frame), frame.type);
  }

  async paced(frame: Frame, kind: string): Promise<boolean> {
    const roomAt = this.ctx.options.maxBufferedBytes / 2;
    const deadline = Date.now() + this.ctx.options.drainTimeoutMs;
    while (this.isOpen && this.ws.bufferedAmount > roomAt) {
      if (Date.now() > deadline) {
        this.close(CLOSE.slowConsumer, 'slow consumer, resume');
        break;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    if (!this.isOpen) return false;
    this.send(frame, kind);
    return this.isOpen;
  }

  get isOpen() {
    return !this.closing && this.ws.readyState === WebSocket.OPEN;
  }

  close(code: number, reason: string) {
    if (this.closing) return;
    this.closing = true;
    closesCounter.labels(String(code)).inc();
    this.cleanup();
    this.ws.close(code, reason);
  }

  terminate() {
    this.cleanup();
    this.ws.terminate();
  }

  /** Called on the ping timer: false when the previous ping went unanswered. */
  ping(): boolean {
    if (!this.alive) return false;
    this.alive = false;
    this.ws.ping();
    return true;
  }

  private onFrame(data: RawData, isBinary: boolean) {
    this.alive = true;
    if (this.closing || !this.withinRate()) return;
    if (isBinary) return this.error('bad_request', 'frames are JSON text');
    let frame;
    try {
      frame = parseClientFrame(data.toString());
    } catch (err) {
      if (err instanceof FrameError) return this.error('bad_request', err.message);
      throw err;
    }
    if (frame.type === 'auth') return this.authenticate(frame.token);
    if (!this.userId) return this.close(CLOSE.unauthenticated, 'authenticate first');
    switch (frame.type) {
      case 'subscribe':
        return void subscribe(this.ctx, this, frame);
      case 'unsubscribe':
        return unsubscribe(this.ctx, this, frame.groupId);
      case 'send':
        return this.relaySend(frame);
      case 'typing': {
        const sub = this.subs.get(frame.groupId);
        if (sub?.state !== 'live') return this.error('not_subscribed', 'subscribe to the group first', frame.groupId);
        this.ctx.presence.typing(frame.groupId, this.userId);
        return;
      }
      case 'visibility':
        return this.ctx.presence.visibility(this.userId, this, frame.visible);
    }
  }

  /** A token may also be renewed on an open connection, for the same user. */
  private authenticate(token: string) {
    let claims;
    try {
      claims = verifyAccessToken(this.ctx.rt.config, token);
    } catch (err) {
      return err instanceof TokenExpired ? this.close(CLOSE.tokenExpired, 'token expired') : this.close(CLOSE.unauthenticated, 'invalid token');
    }
    if (this.userId && this.userId !== claims.sub) return this.error('bad_request', 'a connection belongs to one user');
    this.token = token;
    if (!this.userId) {
      if (!this.connections.admit(claims.sub, this)) return this.close(CLOSE.tooMany, 'too many connections');
      this.userId = claims.sub;
      clearTimeout(this.authTimer);
      this.ctx.unread.connect(this);
      this.ctx.blocks.connect(this.userId);
      // Visible until it says otherwise: a client that never reports counts as looking.
      this.ctx.presence.visibility(this.userId, this, true);
    }
    const exp = (jwt.decode(token) as jwt.JwtPayload | null)?.exp;
    clearTimeout(this.expiryTimer);
    if (exp) {
      const ms = Math.min(exp * 1000 - Date.now(), 2 ** 31 - 1);
      this.expiryTimer = setTimeout(() => this.close(CLOSE.tokenExpired, 'token expired'), Math.max(ms, 0));
    }
    this.sendJson({ type: 'ready', userId: this.userId });
  }

  /**
   * Sends are paced by the message budget the command API counts, not by the frame rate: a
   * send frame taken into the queue gives its frame token back. One refused for the budget,
   * or past `maxPendingSends` awaiting their answer, keeps it, so a client flooding sends
   * runs into the frame limit like any other flood.
   */
  private relaySend(frame: SendFrame) {
    const { clientMessageId } = frame;
    const { maxPendingSends, frameBurst } = this.ctx.options;
    if (this.pendingSends >= maxPendingSends)
      return this.sendJson({
        type: 'error',
        clientMessageId,
        code: 'rate_limited',
        status: 429,
        message: `at most ${maxPendingSends} sends awaiting their answer`,
      });
    this.tokens = Math.min(frameBurst, this.tokens + 1);
    this.pendingSends++;
    this.relay ??= this.ctx.sends.queue(() => this.token);
    void this.relay(frame).then((answer) => {
      this.pendingSends--;
      if (answer.type === 'error' && answer.status === 429) this.tokens = Math.max(0, this.tokens - 1);
      this.sendJson(answer);
    });
  }

  /** A token bucket per socket; a client far past it is closed rather than answered forever. */
  private withinRate(): boolean {
    const { framesPerSecond, frameBurst } = this.ctx.options;
    const now = Date.now();
    this.tokens = Math.min(frameBurst, this.tokens + ((now - this.refilledAt) * framesPerSecond) / 1000);
    this.refilledAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    if (now - this.droppedSince > ABUSE_WINDOW_MS) {
      this.droppedSince = now;
      this.dropped = 0;
    }
    if (++this.dropped === 1) this.error('rate_limited', `at most ${framesPerSecond} frames per second`);
    if (this.dropped >= frameBurst) this.close(CLOSE.tooMany, 'too many frames');
    return false;
  }

  private error(code: string, message: string, groupId?: string) {
    this.sendJson({ type: 'error', code, message, ...(groupId ? { groupId } : {}) });
  }

  private cleaned = false;
  private cleanup() {
    this.closing = true;
    if (this.cleaned) return;
    this.cleaned = true;
    clearTimeout(this.authTimer);
    clearTimeout(this.expiryTimer);
    for (const sub of [...this.subs.values()]) drop(this.ctx, sub);
    if (this.userId) {
      this.ctx.unread.disconnect(this);
      this.ctx.blocks.disconnect(this.userId);
      this.ctx.presence.visibility(this.userId, this, false);
    }
    this.connections.remove(this);
    connectionsGauge.dec();
  }
}
