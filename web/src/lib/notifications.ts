import type { NotificationLevel, PushText } from '../api/notifications';

export const LEVELS: readonly { value: NotificationLevel; label: string }[] = [
  { value: 'all', label: 'All messages' },
  { value: 'mentions', label: 'Mentions and replies' },
  { value: 'none', label: 'Nothing' },
];

export const PUSH_TEXTS: readonly { value: PushText; label: string }[] = [
  { value: 'public', label: 'Public groups only' },
  { value: 'always', label: 'Always' },
  { value: 'never', label: 'Never' },
];

const HOUR = 3_600_000;
/**
 * "Until I unmute" is a mute this many years ahead (docs/notifications.md): a plain time the
 * server stores like any other, far enough to mean "until unmuted", near enough to stay a
 * reasonable date everywhere.
 */
export const UNTIL_UNMUTED_YEARS = 100;
/** A mute ending further ahead than this is shown as "until you unmute". */
const UNTIL_UNMUTED_AFTER_YEARS = 50;

export type MutePreset = { label: string; hours: number | null };
export const MUTE_PRESETS: readonly MutePreset[] = [
  { label: 'Mute for 1 hour', hours: 1 },
  { label: 'Mute for 8 hours', hours: 8 },
  { label: 'Mute for 24 hours', hours: 24 },
  { label: 'Mute until I unmute', hours: null },
];

/** The muteUntil of a preset, from `now`. */
export function muteUntilFor(preset: MutePreset, now = Date.now()): string {
  if (preset.hours !== null) return new Date(now + preset.hours * HOUR).toISOString();
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() + UNTIL_UNMUTED_YEARS);
  return d.toISOString();
}

/** A mute still in force at `now`. */
export function activeMute(muteUntil: string | null | undefined, now = Date.now()): string | null {
  return muteUntil && Date.parse(muteUntil) > now ? muteUntil : null;
}

export function untilUnmuted(muteUntil: string, now = Date.now()): boolean {
  const far = new Date(now);
  far.setUTCFullYear(far.getUTCFullYear() + UNTIL_UNMUTED_AFTER_YEARS);
  return Date.parse(muteUntil) > far.getTime();
}

export interface LabelOptions {
  now?: number;
  locale?: string;
  timeZone?: string;
}

/** "muted until 14:00", "muted until 3 Dec, 09:30" or "muted until you unmute". */
export function muteLabel(muteUntil: string, { now = Date.now(), locale, timeZone }: LabelOptions = {}): string {
  if (untilUnmuted(muteUntil, now)) return 'muted until you unmute';
  const end = new Date(muteUntil);
  const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(d);
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(end);
  if (day(end) === day(new Date(now))) return `muted until ${time}`;
  const date = new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'short' }).format(end);
  return `muted until ${date}, ${time}`;
}

export const levelLabel = (level: NotificationLevel) => LEVELS.find((l) => l.value === level)?.label ?? level;

/** base64url (a VAPID public key) → the bytes pushManager.subscribe takes as applicationServerKey. */
export function base64UrlToBytes(s: string): Uint8Array<ArrayBuffer> {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
