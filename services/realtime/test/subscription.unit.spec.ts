import { describe, expect, it } from 'vitest';
import { Hub } from '../src/hub';
import { Subscription, type Sink } from '../src/subscription';

function sink(userId = 'u1'): Sink & { sent: string[] } {
  const sent: string[] = [];
  return {
    userId,
    subs: new Map(),
    sent,
    send: (frame) => void sent.push(frame.toString()),
    sendJson: (f) => void sent.push(JSON.stringify(f)),
    paced: async (frame) => (sent.push(frame.toString()), true),
  };
}

describe('a subscription', () => {
  it('when events arrive while it is pending, then they are held and only those past the replayed range go out when it goes live', () => {
    const s = sink();
    const sub = new Subscription('g', 0, 10, s, 100);
    sub.deliver(11, 'e11');
    sub.deliver(12, 'e12');
    sub.deliver(13, 'e13');
    expect(s.sent).toEqual([]);
    sub.goLive(12);
    expect(s.sent).toEqual(['e13']);
    sub.deliver(14, 'e14');
    expect(s.sent).toEqual(['e13', 'e14']);
  });

  it('when more events arrive during the replay than may be held, then it is marked overflowed and holds nothing', () => {
    const s = sink();
    const sub = new Subscription('g', 0, 0, s, 2);
    for (let o = 1; o <= 3; o++) sub.deliver(o, `e${o}`);
    expect(sub.overflowed).toBe(true);
    sub.goLive(0);
    expect(s.sent).toEqual([]);
  });

  it('when it has ended, then nothing reaches the socket', () => {
    const s = sink();
    const sub = new Subscription('g', 0, 0, s, 10);
    sub.goLive(0);
    sub.end();
    sub.deliver(1, 'e1');
    expect(s.sent).toEqual([]);
  });
});

describe('the hub', () => {
  it('when an event is dispatched, then the same frame string goes to every live subscription of the group only', () => {
    const hub = new Hub();
    const [a, b, c] = [sink('a'), sink('b'), sink('c')];
    const subs = [new Subscription('g', 0, 0, a, 10), new Subscription('g', 0, 0, b, 10), new Subscription('other', 0, 0, c, 10)];
    subs.forEach((s) => (hub.add(s), s.goLive(0)));
    expect(hub.dispatch('g', 1, 'frame')).toBe(2);
    expect([a.sent, b.sent, c.sent]).toEqual([['frame'], ['frame'], []]);
    expect(hub.broadcast('g', 'typing', 'typing', 'a')).toBe(1);
    expect(b.sent).toEqual(['frame', 'typing']);
    subs.forEach((s) => hub.remove(s));
    expect(hub.has('g')).toBe(false);
  });
});
