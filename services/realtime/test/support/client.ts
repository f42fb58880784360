import { WebSocket, type ClientOptions } from 'ws';

export type Frame = {
  type: string;
  groupId?: string;
  position?: string;
  event?: { type: string; messageId?: string; [k: string]: unknown };
  [k: string]: unknown;
};

/** A WebSocket client that records every frame, for tests that wait on what arrived. */
export class TestClient {
  readonly frames: Frame[] = [];
  closed?: { code: number; reason: string };
  private readonly waiters = new Set<() => void>();

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()) as Frame);
      this.wake();
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.wake();
    });
    ws.on('error', () => undefined);
  }

  static async open(url: string, options: ClientOptions = {}): Promise<TestClient> {
    const ws = new WebSocket(url, options);
    const client = new TestClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
    return client;
  }

  /** Opens, authenticates and waits for `ready`. */
  static async ready(url: string, token: string): Promise<TestClient> {
    const client = await TestClient.open(url);
    client.send({ type: 'auth', token });
    await client.next((f) => f.type === 'ready');
    return client;
  }

  send(frame: unknown) {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The first frame since index `from` matching `match`, waiting up to `timeoutMs`. */
  async next(match: (f: Frame) => boolean, { from = 0, timeoutMs = 15_000 } = {}): Promise<Frame> {
    return this.until(() => this.frames.slice(from).find(match), timeoutMs, 'a matching frame');
  }

  async closedWith(timeoutMs = 15_000): Promise<{ code: number; reason: string }> {
    return this.until(() => this.closed, timeoutMs, 'the connection to close');
  }

  /** Resolves when `check` returns a value; woken by every frame, so no polling. */
  until<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const attempt = () => {
        const value = check();
        if (value === undefined) return false;
        this.waiters.delete(attempt);
        clearTimeout(timer);
        resolve(value);
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters.delete(attempt);
        reject(
          new Error(
            `timed out after ${timeoutMs} ms waiting for ${what}; last frames: ${JSON.stringify(this.frames.slice(-3))}, closed: ${JSON.stringify(this.closed)}`,
          ),
        );
      }, timeoutMs);
      if (!attempt()) this.waiters.add(attempt);
    });
  }

  events(groupId?: string): Frame[] {
    return this.frames.filter((f) => f.type === 'event' && (!groupId || f.groupId === groupId));
  }

  close() {
    this.ws.terminate();
  }

  private wake() {
    for (const w of [...this.waiters]) w();
  }
}
