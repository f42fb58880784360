import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { WriteBatch } from '../src/write-batch';

/** A stream that records each write it gets from the stream machinery: one entry per system call a socket would make. */
function recordingStream() {
  const writes: number[] = [];
  const stream = new Writable({
    writev(chunks, done) {
      writes.push(chunks.length);
      done();
    },
    write(_chunk, _encoding, done) {
      writes.push(1);
      done();
    },
  });
  return { stream, writes };
}

const tick = () => new Promise((r) => process.nextTick(r));

function send(batch: WriteBatch, stream: Writable, frame: Buffer) {
  batch.hold(frame.length);
  stream.write(frame);
}

describe('WriteBatch', () => {
  it('when several frames are sent in one turn, then they reach the socket in one write, on the next tick', async () => {
    const { stream, writes } = recordingStream();
    const batch = new WriteBatch(stream as never);
    for (let i = 0; i < 5; i++) send(batch, stream, Buffer.from(`{"n":${i}}`));
    expect(writes).toEqual([]);
    await tick();
    expect(writes).toEqual([5]);
  });

  it('when a turn holds more than 64 KiB, then what is held goes out before the next frame', async () => {
    const { stream, writes } = recordingStream();
    const batch = new WriteBatch(stream as never);
    const big = Buffer.alloc(40 * 1024, 97);
    for (let i = 0; i < 3; i++) send(batch, stream, big);
    send(batch, stream, Buffer.from('x'));
    expect(writes).toEqual([2]);
    await tick();
    expect(writes).toEqual([2, 2]);
  });

  it('when frames come in separate turns, then each turn is its own write', async () => {
    const { stream, writes } = recordingStream();
    const batch = new WriteBatch(stream as never);
    send(batch, stream, Buffer.from('a'));
    await tick();
    send(batch, stream, Buffer.from('b'));
    send(batch, stream, Buffer.from('c'));
    await tick();
    expect(writes).toEqual([1, 2]);
  });
});
