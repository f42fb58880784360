import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness';
import { groupCreated, joined, registered, sent } from './support/events';
import { projections } from '../src/projections';
import { sharedReaderGroup } from '../src';
import { consumerGroup, rebuildReaderGroup } from '../src/framework/naming';
import { waitUntil } from '@groupchat/test-kit';

const UNDER_TEST = ['users', 'groups', 'messages', 'timeline', 'search-messages'];
const subset = () => projections.filter((p) => UNDER_TEST.includes(p.name));

describe('one reader per process for the live projections', () => {
  let h: Harness;
  let admin: Admin;

  beforeAll(async () => {
    h = await startHarness({ projections: subset() });
    admin = h.kafka.admin();
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.disconnect();
    await h?.close();
  });

  /** The consumer groups of this namespace that have a member right now. */
  async function activeGroups(): Promise<string[]> {
    const ours = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(h.config.GROUPCHAT_NAMESPACE));
    if (!ours.length) return [];
    const { groups } = await admin.describeGroups(ours);
    return groups
      .filter((g) => g.members.length > 0)
      .map((g) => g.groupId)
      .sort();
  }

  const messageCount = async () => (await h.rows<{ n: number }>(`SELECT count(*)::int AS n FROM messages`))[0]!.n;

  it(`when ${UNDER_TEST.length} projections are live, one consumer reads for all of them and each applies every event once`, async () => {
    await h.given(
      registered('u-1'),
      groupCreated('g-1', 'u-1'),
      joined('g-1', 'u-1', 'owner'),
      ...Array.from({ length: 50 }, (_, i) => sent('g-1', `m-${i}`, 'u-1')),
    );
    await h.caughtUp();
    expect(await activeGroups()).toEqual([sharedReaderGroup(h.config, subset())]);
    expect(await messageCount()).toBe(50);
    expect((await h.rows<{ n: number }>(`SELECT count(*)::int AS n FROM message_events`))[0]!.n).toBe(50);
    expect((await h.rows<{ member_count: number }>(`SELECT member_count FROM groups WHERE group_id = 'g-1'`))[0]!.member_count).toBe(1);
    const hits = await h.search('messages', { match_all: {} });
    expect(hits.length).toBe(50);
  });

  it('when a projection is rebuilt, it reads apart from the live builds while building and joins the shared reader once live', async () => {
    await h.projectors.rebuild('messages');
    await h.given(...Array.from({ length: 20 }, (_, i) => sent('g-1', `m-late-${i}`, 'u-1')));
    await waitUntil(async () => (await h.projectors.status('messages')).every((b) => b.status === 'live' && b.generation === 1), {
      timeoutMs: 30_000,
      intervalMs: 100,
      what: 'the rebuilt messages projection to go live and the old build to be dropped',
    });
    await h.caughtUp();
    await waitUntil(async () => (await activeGroups()).length === 1, { timeoutMs: 20_000, intervalMs: 100, what: 'the rebuild reader to leave its group' });
    expect(await activeGroups()).toEqual([sharedReaderGroup(h.config, subset())]);
    expect(await messageCount()).toBe(70);
    await h.given(sent('g-1', 'm-after', 'u-1'));
    await h.caughtUp();
    expect(await messageCount()).toBe(71);
    expect((await h.rows<{ n: number }>(`SELECT count(*)::int AS n FROM message_events`))[0]!.n).toBe(71);
  });

  it('when two projections are rebuilt at once, one reader reads for both while they build', async () => {
    const builds = [await h.projectors.rebuild('users'), await h.projectors.rebuild('groups')];
    await waitUntil(
      async () => (await h.projectors.status()).filter((b) => b.status === 'live' && ['users', 'groups'].includes(b.name)).every((b) => b.generation === 1),
      {
        timeoutMs: 30_000,
        intervalMs: 100,
        what: 'both rebuilds to go live',
      },
    );
    await h.caughtUp();
    // Consumer groups that committed offsets stay listed: the builds' own groups were never used.
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId);
    expect(groups).toContain(rebuildReaderGroup(h.config, subset()));
    expect(groups.filter((g) => builds.some((b) => g === consumerGroup(h.config, b)))).toEqual([]);
    await waitUntil(async () => (await activeGroups()).length === 1, {
      timeoutMs: 20_000,
      intervalMs: 100,
      what: 'the rebuild reader to stop with its last member',
    });
    expect((await h.rows<{ member_count: number }>(`SELECT member_count FROM groups WHERE group_id = 'g-1'`))[0]!.member_count).toBe(1);
    expect((await h.rows<{ n: number }>(`SELECT count(*)::int AS n FROM users`))[0]!.n).toBe(1);
  });
});
