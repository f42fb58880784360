import type { LogRecord } from './reader';

export type Format = 'jsonl' | 'csv';

const CSV_COLUMNS = [
  'position',
  'topic',
  'partition',
  'offset',
  'timestamp',
  'type',
  'eventId',
  'occurredAt',
  'actorId',
  'groupId',
  'userId',
  'messageId',
  'payload',
] as const;

/** JSON with bigint-safe output; one line per event. */
export function toJsonLine(r: LogRecord): string {
  return `${JSON.stringify({ position: r.position, topic: r.topic, partition: r.partition, offset: Number(r.offset), timestamp: new Date(r.timestamp).toISOString(), ...r.event })}\n`;
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  // Quote everything that could break a row, and neutralise spreadsheet formulas.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const csvHeader = () => `${CSV_COLUMNS.join(',')}\n`;

export function toCsvLine(r: LogRecord): string {
  const e = r.event as unknown as Record<string, unknown>;
  const { type, eventId, occurredAt, actorId, correlationId: _c, causationId: _k, ...payload } = e;
  const row = [
    r.position,
    r.topic,
    r.partition,
    Number(r.offset),
    new Date(r.timestamp).toISOString(),
    type,
    eventId,
    new Date(occurredAt as number).toISOString(),
    actorId,
    e.groupId,
    e.userId,
    e.messageId,
    payload,
  ];
  return `${row.map(csvCell).join(',')}\n`;
}

export function formatter(format: Format) {
  return format === 'csv' ? { header: csvHeader(), line: toCsvLine } : { header: '', line: toJsonLine };
}
