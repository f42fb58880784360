import { describe, expect, it } from 'vitest';
import { eventFrame } from '../src/protocol';
import { finalStates, redact } from '../src/redact';
import { Subscription, type Sink } from '../src/subscription';

const sent = (messageId: string, text: string) => ({
  type: 'MessageSent',
  messageId,
  text,
  attachments: [{ mediaId: 'm1' }],
  mentions: ['u2'],
  broadcast: 'here',
  linkPreview: 'https://example.com/',
});
const edited = (messageId: string, text: string) => ({ type: 'MessageEdited', messageId, text });
const deleted = (messageId: string) => ({ type: 'MessageDeleted', messageId });
const restored = (messageId: string, text: string) => ({ ...sent(messageId, text), type: 'MessageRestored' });

describe('what an event may show', () => {
  it('when its message was deleted, then a MessageSent carries no text, attachments, mentions or preview, an edit no text', () => {
    expect(redact(sent('a', 'secret'), { deleted: true, text: null })).toMatchObject({
      text: null,
      attachments: [],
      mentions: [],
      broadcast: null,
      linkPreview: null,
    });
    expect(redact(edited('a', 'secret 2'), { deleted: true, text: null })).toMatchObject({ text: null });
  });

  it('when its message was edited since, then it carries the current text; unchanged events are the same object', () => {
    expect(redact(sent('a', 'before'), { deleted: false, text: 'after' })).toMatchObject({ text: 'after', attachments: [{ mediaId: 'm1' }] });
    const current = edited('a', 'after');
    expect(redact(current, { deleted: false, text: 'after' })).toBe(current);
    const reaction = { type: 'ReactionAdded', messageId: 'a', emoji: '👍' };
    expect(redact(reaction, { deleted: true, text: null })).toBe(reaction);
  });

  it('when the read model has no such message, then it shows no content', () => {
    expect(redact(sent('a', 'unknown'), undefined)).toMatchObject({ text: null, attachments: [] });
  });

  it('when edits and a deletion follow, then the final state is the last of them, and a deletion is final', () => {
    const states = finalStates([sent('a', 'x'), edited('a', 'y'), edited('b', 'b1'), deleted('a'), edited('a', 'late'), edited('b', 'b2')]);
    expect(states.get('a')).toEqual({ deleted: true, text: null });
    expect(states.get('b')).toEqual({ deleted: false, text: 'b2' });
  });

  it('when a moderator’s removal was undone, then the message is back; removed again, its restore shows nothing', () => {
    expect(finalStates([sent('a', 'x'), deleted('a'), restored('a', 'x')]).get('a')).toEqual({ deleted: false, text: 'x' });
    expect(finalStates([deleted('a'), restored('a', 'x'), deleted('a')]).get('a')).toEqual({ deleted: true, text: null });
    expect(redact(restored('a', 'secret'), { deleted: true, text: null })).toMatchObject({ text: null, attachments: [], mentions: [] });
    expect(redact(restored('a', 'before'), { deleted: false, text: 'after' })).toMatchObject({ text: 'after' });
  });
});

describe('a subscription going live', () => {
  it('when a held message was deleted or edited among the held events, then the held frames show it as it is now', () => {
    const out: string[] = [];
    const sink: Sink = { userId: 'u', subs: new Map(), send: (f) => void out.push(f.toString()), sendJson: () => undefined, paced: async () => true };
    const sub = new Subscription('g', 0, 0, sink, 100);
    const held = [sent('a', 'gone'), sent('b', 'old'), deleted('a'), edited('b', 'new')];
    held.forEach((e, i) => sub.deliver(i + 1, eventFrame('g', 0, i + 1, JSON.stringify(e)), e));
    sub.goLive(0);
    expect(out).toHaveLength(4);
    expect(out.join()).not.toMatch(/gone|old/);
    expect(out.map((f) => (JSON.parse(f) as { event?: { text?: string } }).event?.text)).toEqual([null, 'new', undefined, 'new']);
  });
});
