import type { Duplex } from 'node:stream';

/**
 * Past this many bytes held, the socket is written at once: a long batch then goes out in a
 * few large writes, and the send-buffer bound keeps measuring what the client has not read
 * rather than what this process is still holding back.
 */
const FLUSH_AT = 64 * 1024;

/**
 * Coalesces the frames one socket is handed in one turn of the event loop (the events of a
 * Kafka batch, a replay page) into one write: the socket is corked at the first frame and
 * uncorked on the next tick, so the frames, each still its own WebSocket message, leave in one
 * writev instead of one system call each.
 */
export class WriteBatch {
  private corked = false;
  private held = 0;

  constructor(private readonly socket: Duplex) {}

  /** Called before each frame of `bytes` is written to the socket. */
  hold(bytes: number) {
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(release, this);
    } else if (this.held >= FLUSH_AT) {
      this.socket.uncork();
      this.socket.cork();
      this.held = 0;
    }
    this.held += bytes;
  }

  release() {
    if (!this.corked) return;
    this.corked = false;
    this.held = 0;
    this.socket.uncork();
  }
}

// A module-level function, so scheduling the release allocates no closure per socket and batch.
function release(batch: WriteBatch) {
  batch.release();
}
