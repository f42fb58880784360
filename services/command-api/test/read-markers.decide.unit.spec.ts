import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Position } from '@groupchat/shared';
import { MarkerBatches, type Marker } from '../src/read-markers/batches';
import { decideMoveMarker, type MarkerState, type MoveMarker } from '../src/read-markers/decide';
import type { GroupFacts } from '../src/groups/roles';
import type { Envelope } from '../src/http/envelope';
import { given } from './support/decider';

const group: GroupFacts = { groupId: 'g1', visibility: 'public', slowModeSeconds: 0, deleted: false, kind: 'group', broadcastMinRole: 'moderator' };
const state = (more: Partial<MarkerState> = {}): MarkerState => ({
  group,
  role: 'member',
  newest: { partition: 2, offset: 50n },
  stored: null,
  pending: null,
  ...more,
});
const at = (offset: bigint, partition = 2, topic = 'messages'): MoveMarker => ({
  userId: 'ann',
  groupId: 'g1',
  position: { topic, partition, offset } as Position,
});
const moved = (offset: number) => ({ type: 'ReadMarkerMoved' as const, userId: 'ann', groupId: 'g1', partition: 2, offset, threadId: null });

describe('moving a read marker', () => {
  it('moves forward to any message up to the newest', () => {
    given(state())
      .when(decideMoveMarker, at(50n))
      .then([moved(50)]);
    given(state({ stored: 10n, pending: 20n }))
      .when(decideMoveMarker, at(21n))
      .then([moved(21)]);
  });

  it('never moves backwards: at or before the stored or the pending marker decides nothing', () => {
    given(state({ stored: 30n }))
      .when(decideMoveMarker, at(30n))
      .then([]);
    given(state({ stored: 30n }))
      .when(decideMoveMarker, at(12n))
      .then([]);
    given(state({ stored: 10n, pending: 40n }))
      .when(decideMoveMarker, at(35n))
      .then([]);
  });

  it('refuses a position of another stream, past the newest message, or in a conversation without messages', () => {
    given(state()).when(decideMoveMarker, at(51n)).thenFails(422, 'validation_failed');
    given(state()).when(decideMoveMarker, at(5n, 1)).thenFails(422, 'validation_failed');
    given(state())
      .when(decideMoveMarker, at(5n, 2, 'groups'))
      .thenFails(422, 'validation_failed');
    given(state({ newest: null }))
      .when(decideMoveMarker, at(0n))
      .thenFails(422, 'validation_failed');
  });

  it('is for members of a conversation that exists', () => {
    given(state({ role: null }))
      .when(decideMoveMarker, at(5n))
      .thenFails(403, 'not_a_member');
    given(state({ group: { ...group, visibility: 'private' }, role: null }))
      .when(decideMoveMarker, at(5n))
      .thenFails(404, 'not_found');
    given(state({ group: { ...group, deleted: true } }))
      .when(decideMoveMarker, at(5n))
      .thenFails(404, 'not_found');
  });
});

describe('moving a thread marker', () => {
  const inThread = (offset: bigint): MoveMarker => ({ ...at(offset), threadId: 'm1' });
  const thread = (at: { messageId: string; threadId: string | null } | null, rootFound = true): Partial<MarkerState> => ({ thread: { rootFound, at } });

  it('moves forward to the root or a reply of that thread, apart from the main list', () => {
    given(state({ ...thread({ messageId: 'r9', threadId: 'm1' }), stored: 20n }))
      .when(decideMoveMarker, inThread(30n))
      .then([{ ...moved(30), threadId: 'm1' }]);
    given(state(thread({ messageId: 'm1', threadId: null })))
      .when(decideMoveMarker, inThread(12n))
      .then([{ ...moved(12), threadId: 'm1' }]);
  });

  it('never moves backwards', () => {
    given(state({ ...thread({ messageId: 'r2', threadId: 'm1' }), stored: 30n }))
      .when(decideMoveMarker, inThread(25n))
      .then([]);
    given(state({ ...thread({ messageId: 'r2', threadId: 'm1' }), pending: 40n }))
      .when(decideMoveMarker, inThread(35n))
      .then([]);
  });

  it('refuses a message of the main list or of another thread, and a thread that is not one of this conversation', () => {
    given(state(thread({ messageId: 'x', threadId: null })))
      .when(decideMoveMarker, inThread(30n))
      .thenFails(422, 'validation_failed');
    given(state(thread({ messageId: 'x', threadId: 'm2' })))
      .when(decideMoveMarker, inThread(30n))
      .thenFails(422, 'validation_failed');
    given(state(thread(null)))
      .when(decideMoveMarker, inThread(30n))
      .thenFails(422, 'validation_failed');
    given(state(thread({ messageId: 'r2', threadId: 'm1' }, false)))
      .when(decideMoveMarker, inThread(30n))
      .thenFails(422, 'validation_failed');
    given(state({ ...thread({ messageId: 'r2', threadId: 'm1' }), role: null }))
      .when(decideMoveMarker, inThread(30n))
      .thenFails(403, 'not_a_member');
  });
});

describe('batching marker moves', () => {
  const envelope: Envelope = { actorId: 'ann', correlationId: 'r1', occurredAt: 0 };
  const mark = (groupId: string, offset: number): Marker => ({ groupId, partition: 2, offset });
  let appends: Marker[][];
  let batches: MarkerBatches;

  beforeEach(() => {
    vi.useFakeTimers();
    appends = [];
    batches = new MarkerBatches(async (_userId, _envelope, markers) => {
      appends.push(markers);
      return `u.0.${appends.length}`;
    }, 1000);
  });
  afterEach(() => vi.useRealTimers());

  it('appends a first move at once, then at most once per window, each conversation at its furthest marker', async () => {
    const first = batches.move('ann', envelope, mark('g1', 5));
    await vi.advanceTimersByTimeAsync(0);
    expect(appends).toEqual([[mark('g1', 5)]]);
    await expect(first).resolves.toBe('u.0.1');

    const later = [batches.move('ann', envelope, mark('g1', 9)), batches.move('ann', envelope, mark('g2', 3)), batches.move('ann', envelope, mark('g1', 7))];
    expect(batches.pending('ann', 'g1')).toBe(9);
    await vi.advanceTimersByTimeAsync(999);
    expect(appends).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(appends).toEqual([[mark('g1', 5)], [mark('g1', 9), mark('g2', 3)]]);
    await expect(Promise.all(later)).resolves.toEqual(['u.0.2', 'u.0.2', 'u.0.2']);
    expect(batches.pending('ann', 'g1')).toBeNull();
  });

  it('keeps users apart: one user’s window does not delay another’s move', async () => {
    void batches.move('ann', envelope, mark('g1', 5));
    await vi.advanceTimersByTimeAsync(0);
    void batches.move('ann', envelope, mark('g1', 6));
    void batches.move('bob', envelope, mark('g1', 4));
    await vi.advanceTimersByTimeAsync(0);
    expect(appends).toEqual([[mark('g1', 5)], [mark('g1', 4)]]);
  });

  it('answers every waiter of a failed append with its error, and the next move still goes out', async () => {
    let down = true;
    const flaky = new MarkerBatches(async () => {
      if (down) throw new Error('log down');
      return 'u.0.1';
    }, 1000);
    const failed = expect(Promise.all([flaky.move('ann', envelope, mark('g1', 5)), flaky.move('ann', envelope, mark('g2', 5))])).rejects.toThrow('log down');
    await vi.advanceTimersByTimeAsync(0);
    await failed;
    down = false;
    const retried = flaky.move('ann', envelope, mark('g1', 5));
    await vi.advanceTimersByTimeAsync(1000);
    await expect(retried).resolves.toBe('u.0.1');
  });
});
