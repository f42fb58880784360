import type { Kafka, KafkaMessage } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { EventSerde } from '@groupchat/schemas';
import { Decoder } from '../src/framework/decode';
import { sent } from './support/events';

const serde = new EventSerde();
// Only an unknown schema makes the decoder reach the broker; these records all have known ones.
const decoder = () => new Decoder(undefined as unknown as Kafka, { GROUPCHAT_NAMESPACE: 't_' }, serde);

function record(offset: number, text: string): KafkaMessage {
  const encoded = serde.encode(sent('g-1', `m-${offset}`, 'u-1', text));
  return {
    offset: String(offset),
    key: Buffer.from('g-1'),
    value: encoded.value,
    headers: encoded.headers,
    timestamp: '0',
    attributes: 0,
    size: 0,
  } as unknown as KafkaMessage;
}

describe('the decoder shared by the projections of a process', () => {
  it('decodes a record once for every projection that reads it, and hands them one read-only event', async () => {
    const d = decoder();
    const at = { topic: 'messages', partition: 3 };
    const first = await d.decode(record(7, 'hello'), at);
    const again = await d.decode(record(7, 'hello'), at);
    expect(again).toBe(first);
    expect(first).toMatchObject({ type: 'MessageSent', messageId: 'm-7', text: 'hello' });
    expect(Object.isFrozen(first)).toBe(true);
    expect(() => Object.assign(first, { text: 'changed' })).toThrow(TypeError);
  });

  it('keeps records of other places apart', async () => {
    const d = decoder();
    const a = await d.decode(record(7, 'on partition 3'), { topic: 'messages', partition: 3 });
    const b = await d.decode(record(7, 'on partition 4'), { topic: 'messages', partition: 4 });
    const c = await d.decode(record(8, 'next offset'), { topic: 'messages', partition: 3 });
    expect([a, b, c].map((e) => (e as { text: string }).text)).toEqual(['on partition 3', 'on partition 4', 'next offset']);
  });

  it('decodes anew when the place is not given', async () => {
    const d = decoder();
    const r = record(9, 'same');
    const one = await d.decode(r);
    const two = await d.decode(r);
    expect(two).not.toBe(one);
    expect(two).toEqual(one);
  });
});
