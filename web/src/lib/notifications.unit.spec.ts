import { describe, expect, it } from 'vitest';
import { activeMute, base64UrlToBytes, MUTE_PRESETS, muteLabel, muteUntilFor, untilUnmuted, UNTIL_UNMUTED_YEARS } from './notifications';

const now = Date.parse('2026-12-02T13:00:00Z');
const opts = { now, locale: 'en-GB', timeZone: 'UTC' };

describe('mute presets and labels', () => {
  it('mutes for hours from now, or for a hundred years', () => {
    expect(MUTE_PRESETS.map((p) => muteUntilFor(p, now))).toEqual([
      '2026-12-02T14:00:00.000Z',
      '2026-12-02T21:00:00.000Z',
      '2026-12-03T13:00:00.000Z',
      `${2026 + UNTIL_UNMUTED_YEARS}-12-02T13:00:00.000Z`,
    ]);
  });

  it('says until when, with the date once it is another day, and "until you unmute" for the long one', () => {
    expect(muteLabel('2026-12-02T14:00:00.000Z', opts)).toBe('muted until 14:00');
    expect(muteLabel('2026-12-03T09:30:00.000Z', opts)).toBe('muted until 3 Dec, 09:30');
    expect(muteLabel(muteUntilFor(MUTE_PRESETS[3]!, now), opts)).toBe('muted until you unmute');
    expect(muteLabel('2026-12-02T14:00:00.000Z', { ...opts, timeZone: 'Europe/Berlin' })).toBe('muted until 15:00');
  });

  it('tells an active mute from a past one, and the "until unmuted" one from a long but real one', () => {
    expect(activeMute('2026-12-02T13:00:01Z', now)).toBe('2026-12-02T13:00:01Z');
    expect(activeMute('2026-12-02T13:00:00Z', now)).toBeNull();
    expect(activeMute(null, now)).toBeNull();
    expect(untilUnmuted('2027-12-02T13:00:00Z', now)).toBe(false);
    expect(untilUnmuted(muteUntilFor(MUTE_PRESETS[3]!, now), now)).toBe(true);
  });
});

describe('base64UrlToBytes', () => {
  it('decodes unpadded base64url', () => {
    expect([...base64UrlToBytes('-_8')]).toEqual([0xfb, 0xff]);
    expect([...base64UrlToBytes('AQID')]).toEqual([1, 2, 3]);
  });
});
