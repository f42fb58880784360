import type { Envelope } from './types';

export interface Statement {
  type: string;
  envelopes: Envelope[];
}

/**
 * Groups a batch into as few single-type statements as order allows. Events that share a key
 * stay in log order, each in a later statement than the one before it, so a statement never
 * holds two events with a key in common; events without a key commute with everything and all
 * go into the first statement of their type.
 */
export function schedule(envelopes: Envelope[], keysOf: (e: Envelope) => string[] | undefined): Statement[] {
  const statements: Statement[] = [];
  const lastSlot = new Map<string, number>();
  const slotsOfType = new Map<string, number[]>();
  const open = (type: string) => {
    statements.push({ type, envelopes: [] });
    const slots = slotsOfType.get(type) ?? [];
    slots.push(statements.length - 1);
    slotsOfType.set(type, slots);
    return statements.length - 1;
  };
  for (const envelope of envelopes) {
    const type = envelope.event.type;
    const keys = keysOf(envelope);
    const slots = slotsOfType.get(type) ?? [];
    let slot: number;
    if (!keys) {
      slot = slots[0] ?? open(type);
    } else {
      let after = -1;
      for (const k of keys) after = Math.max(after, lastSlot.get(k) ?? -1);
      slot = slots[firstAbove(slots, after)] ?? open(type);
      for (const k of keys) lastSlot.set(k, slot);
    }
    statements[slot]!.envelopes.push(envelope);
  }
  return statements;
}

/** Index of the first element greater than `value` in an ascending array (its length if none). */
function firstAbove(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! > value) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
