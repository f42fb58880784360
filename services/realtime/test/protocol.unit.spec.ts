import { describe, expect, it } from 'vitest';
import { FrameError, eventFrame, parseClientFrame } from '../src/protocol';

describe('client frames', () => {
  it('when a frame is well formed, then it is parsed to exactly its known fields', () => {
    expect(parseClientFrame('{"type":"auth","token":"abc.def.ghi","extra":1}')).toEqual({ type: 'auth', token: 'abc.def.ghi' });
    expect(parseClientFrame('{"type":"subscribe","groupId":"g-1","after":"m.3.41"}')).toEqual({ type: 'subscribe', groupId: 'g-1', after: 'm.3.41' });
    expect(parseClientFrame('{"type":"subscribe","groupId":"g-1","after":null}')).toEqual({ type: 'subscribe', groupId: 'g-1' });
    expect(parseClientFrame('{"type":"typing","groupId":"g-1"}')).toEqual({ type: 'typing', groupId: 'g-1' });
    expect(parseClientFrame('{"type":"visibility","visible":false,"state":"hidden"}')).toEqual({ type: 'visibility', visible: false });
  });

  it.each([
    ['not json', '{"type":'],
    ['not an object', '[1,2]'],
    ['an unknown type', '{"type":"shout"}'],
    ['a missing token', '{"type":"auth"}'],
    ['a group id that is not one', '{"type":"subscribe","groupId":"a b"}'],
    ['a position that is not a string', '{"type":"subscribe","groupId":"g","after":42}'],
    ['a visibility that is not a boolean', '{"type":"visibility","visible":"hidden"}'],
    ['a visibility without visible', '{"type":"visibility"}'],
  ])('when a frame has %s, then it is refused with a message for the client', (_what, text) => {
    expect(() => parseClientFrame(text)).toThrow(FrameError);
  });
});

describe('event frames', () => {
  it('when an event is framed, then the frame is JSON with the position token and the event as given', () => {
    const frame = eventFrame('g-1', 3, 41, '{"type":"MessageSent","text":"hi \\"there\\""}');
    expect(JSON.parse(frame.toString('utf8'))).toEqual({
      type: 'event',
      groupId: 'g-1',
      position: 'm.3.41',
      event: { type: 'MessageSent', text: 'hi "there"' },
    });
  });
});
