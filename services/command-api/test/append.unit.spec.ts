import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '@groupchat/schemas';
import { AppError, createLogger, type AppendResult } from '@groupchat/shared';
import { appendEvents, type Appender } from '../src/http/append';

const log = createLogger('silent');
const event = { type: 'GroupDeleted', groupId: 'g1' } as unknown as DomainEvent;
const ack: AppendResult = { position: { topic: 'groups', partition: 0, offset: 7n } };

/** A log whose acknowledgement the test controls, standing in for a broker that is slow or gone. */
function controlledLog() {
  let settle!: { resolve: (r: AppendResult[]) => void; reject: (e: Error) => void };
  const appender: Appender = { appendMany: () => new Promise((resolve, reject) => (settle = { resolve, reject })) };
  return { appender, ack: () => settle.resolve([ack]), fail: (e: Error) => settle.reject(e) };
}

function kafkaError(message: string) {
  const e = new Error(message);
  e.name = 'KafkaJSConnectionError';
  return e;
}

describe('appending with a deadline', () => {
  it('when acknowledged in time, then the settlement’s answer', async () => {
    const broker = controlledLog();
    const answer = appendEvents(broker.appender, [{ event, key: 'g1' }], { done: async ([r]) => r!.position.offset }, { timeoutMs: 1000, log });
    broker.ack();
    await expect(answer).resolves.toBe(7n);
  });

  it('when the broker fails, then the claim is released and the answer is 503 log_unavailable', async () => {
    const broker = controlledLog();
    let released = false;
    const answer = appendEvents(
      broker.appender,
      [{ event, key: 'g1' }],
      { done: async () => 'ok', failed: async () => void (released = true) },
      { timeoutMs: 1000, log },
    );
    broker.fail(kafkaError('Connection error: ECONNREFUSED'));
    await expect(answer).rejects.toMatchObject({ status: 503, code: 'log_unavailable' });
    expect(released).toBe(true);
  });

  it('when the broker does not answer in time, then 503 at the deadline, and a late acknowledgement still settles the claim', async () => {
    const broker = controlledLog();
    let settled: string | undefined;
    const started = Date.now();
    const answer = appendEvents(
      broker.appender,
      [{ event, key: 'g1' }],
      { done: async () => (settled = 'done'), failed: async () => void (settled = 'released') },
      { timeoutMs: 100, log },
    );
    await expect(answer).rejects.toBeInstanceOf(AppError);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(settled).toBeUndefined();
    broker.ack();
    await new Promise((r) => setImmediate(r));
    expect(settled).toBe('done');
  });

  it('when the broker fails after the deadline, then the claim is released late', async () => {
    const broker = controlledLog();
    let settled: string | undefined;
    const answer = appendEvents(
      broker.appender,
      [{ event, key: 'g1' }],
      { done: async () => (settled = 'done'), failed: async () => void (settled = 'released') },
      { timeoutMs: 50, log },
    );
    await expect(answer).rejects.toMatchObject({ status: 503 });
    broker.fail(kafkaError('gave up'));
    await new Promise((r) => setImmediate(r));
    expect(settled).toBe('released');
  });

  it('a programming error (not the broker) is not disguised as 503', async () => {
    const broker = controlledLog();
    const answer = appendEvents(broker.appender, [{ event, key: 'g1' }], { done: async () => 'ok' }, { timeoutMs: 1000, log });
    broker.fail(new TypeError('bad event'));
    await expect(answer).rejects.toBeInstanceOf(TypeError);
  });
});
