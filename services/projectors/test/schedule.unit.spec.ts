import { describe, expect, it } from 'vitest';
import { schedule } from '../src/framework/schedule';
import type { Envelope } from '../src/framework';
import { event, joined, reacted, sent } from './support/events';

let offset = 0;
const env = (e: Envelope['event']): Envelope => ({ event: e, topic: 'messages', partition: 0, offset: offset++, key: null });
const shape = (keys: (e: Envelope) => string[] | undefined, events: Envelope['event'][]) =>
  schedule(events.map(env), keys).map(
    (s) =>
      `${s.type}:${s.envelopes.map((e) => (e.event as { messageId?: string; userId?: string }).messageId ?? (e.event as { userId: string }).userId).join(',')}`,
  );
const byMessage = (e: Envelope) => [(e.event as { messageId: string }).messageId];

describe('scheduling a batch into statements', () => {
  it('puts events of one type on different keys into one statement, however they interleave', () => {
    expect(shape(byMessage, [sent('g', 'a', 'u'), reacted('g', 'a', 'u'), sent('g', 'b', 'u'), reacted('g', 'b', 'u'), sent('g', 'c', 'u')])).toEqual([
      'MessageSent:a,b,c',
      'ReactionAdded:a,b',
    ]);
  });

  it('keeps the log order of events that share a key, one per statement', () => {
    const edit = (id: string, text: string) => event('MessageEdited', { groupId: 'g', messageId: id, text });
    expect(shape(byMessage, [sent('g', 'a', 'u'), edit('a', '1'), edit('a', '2'), sent('g', 'b', 'u'), edit('b', '1')])).toEqual([
      'MessageSent:a,b',
      'MessageEdited:a,b',
      'MessageEdited:a',
    ]);
  });

  it('orders an event after every key it touches', () => {
    const keys = (e: Envelope) =>
      e.event.type === 'MemberRoleChanged' ? ['g', `g/${e.event.userId}`] : e.event.type === 'MemberJoined' ? [`g/${e.event.userId}`] : ['g'];
    const role = event('MemberRoleChanged', { groupId: 'g', userId: 'x', role: 'owner', changedBy: 'o' });
    const renamed = event('GroupUpdated', { groupId: 'g', name: 'n', description: null, interests: null, visibility: null, slowModeSeconds: null });
    const out = schedule([joined('g', 'x'), renamed, role].map(env), keys).map((s) => s.type);
    expect(out.indexOf('MemberRoleChanged')).toBeGreaterThan(out.indexOf('GroupUpdated'));
    expect(out.indexOf('MemberRoleChanged')).toBeGreaterThan(out.indexOf('MemberJoined'));
  });

  it('puts every keyless event of a type into its first statement', () => {
    expect(shape(() => undefined, [sent('g', 'a', 'u'), reacted('g', 'a', 'u'), sent('g', 'b', 'u')])).toEqual(['MessageSent:a,b', 'ReactionAdded:a']);
  });
});
