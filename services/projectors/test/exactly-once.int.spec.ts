import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { AssignerProtocol } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness';
import { workload } from './support/workload';
import { projections } from '../src/projections';
import { consumerGroup, createProjectors } from '../src';
import { isolatedConfig, stackEnv, waitUntil } from '@groupchat/test-kit';

const CHILD = fileURLToPath(new URL('./support/run-projectors.ts', import.meta.url));
const UNDER_TEST = ['groups', 'messages', 'timeline', 'audit-log'];
const subset = () => projections.filter((p) => UNDER_TEST.includes(p.name));

/** Checksums over every row of the views, in a fixed order: equal checksums, equal read models. */
const CHECKSUMS = {
  messages: `SELECT md5(string_agg(m::text, '|' ORDER BY message_id)) AS sum FROM messages m`,
  reactions: `SELECT md5(string_agg(r::text, '|' ORDER BY message_id, user_id, emoji)) AS sum FROM reactions r`,
  groups: `SELECT md5(string_agg(g::text, '|' ORDER BY group_id)) AS sum FROM groups g`,
  memberships: `SELECT md5(string_agg(m::text, '|' ORDER BY group_id, user_id)) AS sum FROM memberships m`,
  message_events: `SELECT md5(string_agg(e::text, '|' ORDER BY group_id, "offset")) AS sum FROM message_events e`,
  audit_log: `SELECT md5(string_agg(a::text, '|' ORDER BY topic, partition, "offset")) AS sum FROM audit_log a`,
};

describe('exactly once, across a kill -9', () => {
  const config = isolatedConfig();
  // Past 100,000 events on the messages topic alone, which every projection under test reads.
  const { events, expected } = workload({ groups: 40, users: 300, messages: 101_000 });
  let h: Harness;

  beforeAll(async () => {
    // The projectors of the harness start only after the killed process, below.
    h = await startHarness({ config, projections: [] });
    const started = Date.now();
    // Queued all at once, in order: the log sends them in large batches, one after the other.
    const chunks = Array.from({ length: Math.ceil(events.length / 10_000) }, (_, i) => events.slice(i * 10_000, (i + 1) * 10_000));
    await Promise.all(chunks.map((chunk) => h.given(...chunk)));
    console.log(`[exactly-once] ${events.length} events (${expected.messageTopicEvents} on the messages topic) appended in ${Date.now() - started} ms`);
  }, 120_000);
  /** Projector processes still running: a test that fails before its kill leaves none behind. */
  const children = new Set<ChildProcess>();
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await h?.close();
  });

  /** A projector process of its own running the projections under test, and its SIGKILL. */
  function spawnProjector() {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env: {
        ...process.env,
        ...stackEnv(),
        DATABASE_URL: config.DATABASE_URL,
        GROUPCHAT_NAMESPACE: config.GROUPCHAT_NAMESPACE,
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
        PORT: '0',
        PROJECTIONS: UNDER_TEST.join(','),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    children.add(child);
    void exited.then(() => children.delete(child));
    return { kill: () => (child.kill('SIGKILL'), exited) };
  }

  /** Records of the messages topic the `messages` projection's given generation has moved past. */
  const applied = async (generation: number) =>
    Number(
      (
        await h
          .rows<{ n: string }>(`SELECT coalesce(sum(next_offset), 0) AS n FROM projection_checkpoints WHERE projection = 'messages' AND generation = $1`, [
            generation,
          ])
          .catch(() => [{ n: '0' }])
      )[0]!.n,
    );

  async function killMidStream(child: { kill(): Promise<unknown> }, generation: number): Promise<number> {
    await waitUntil(async () => (await applied(generation)) > 0, { timeoutMs: 45_000, intervalMs: 10, what: 'the child to apply some messages' });
    await child.kill();
    const done = await applied(generation);
    expect(done, 'the kill came after the whole stream was applied; the test proves nothing').toBeLessThan(expected.messageTopicEvents);
    return done;
  }

  /** Waits until the given generation of every projection under test is the live one, the others dropped. */
  const liveAt = (generation: number, timeoutMs: number) =>
    waitUntil(async () => (await h.projectors.status()).every((b) => b.status === 'live' && b.generation === generation), {
      timeoutMs,
      intervalMs: 100,
      what: `generation ${generation} to go live and the ones before to be dropped`,
    }).catch(async (err: Error) => {
      // What each build was doing, and any statement waiting on a lock, for the failure's reader.
      const status = await h.projectors.status().catch((e: Error) => e.message);
      const admin = h.kafka.admin();
      const groups = await admin
        .connect()
        .then(() =>
          admin.describeGroups(
            UNDER_TEST.map((name) => consumerGroup(config, { name, version: projections.find((p) => p.name === name)!.version, generation })),
          ),
        )
        .then((d) =>
          d.groups.map((g) => ({
            group: g.groupId,
            state: g.state,
            members: g.members.map((m) => ({
              id: m.memberId,
              host: m.clientHost,
              assignment: AssignerProtocol.MemberAssignment.decode(m.memberAssignment)?.assignment,
            })),
          })),
        )
        .catch((e: Error) => e.message)
        .finally(() => admin.disconnect());
      const waiting = await h
        .rows(
          `SELECT pid, state, wait_event_type, wait_event, left(query, 200) AS query FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND (wait_event_type = 'Lock' OR state = 'idle in transaction')`,
        )
        .catch((e: Error) => e.message);
      throw new Error(`${err.message}\nbuilds: ${JSON.stringify(status)}\nwaiting: ${JSON.stringify(waiting)}\nconsumer groups: ${JSON.stringify(groups)}`);
    });

  it('when the projector is killed mid-stream and restarted, every event is applied exactly once', { timeout: 150_000 }, async () => {
    await killMidStream(spawnProjector(), 0);
    await h.restart(subset());
    await h.caughtUp(90_000);

    const counts = await h.rows<{ group_id: string; member_count: number }>(`SELECT group_id, member_count FROM groups ORDER BY group_id`);
    expect(new Map(counts.map((c) => [c.group_id, c.member_count]))).toEqual(expected.memberCount);
    const messages = await h.rows<{ message_id: string; text: string | null; deleted: boolean; edited: boolean }>(
      `SELECT message_id, text, deleted, edited_at IS NOT NULL AS edited FROM messages`,
    );
    expect(new Map(messages.map(({ message_id, ...m }) => [message_id, m]))).toEqual(expected.messages);
    const reactions = await h.rows<{ k: string }>(`SELECT message_id || '/' || user_id || '/' || emoji AS k FROM reactions`);
    expect(reactions.length).toBe(expected.reactions.size);
    expect(new Set(reactions.map((r) => r.k))).toEqual(expected.reactions);
    expect((await h.rows<{ n: number }>(`SELECT count(*)::int AS n FROM message_events`))[0]!.n).toBe(expected.messageTopicEvents);
    // The audit log: each group's creation and each message's (first) deletion by another, once.
    const removals = [...expected.messages.values()].filter((m) => m.deleted).length;
    const audit = await h.rows<{ action: string; n: number }>(`SELECT action, count(*)::int AS n FROM audit_log GROUP BY action ORDER BY action`);
    expect(audit).toEqual([
      { action: 'group_created', n: expected.memberCount.size },
      { action: 'message_deleted', n: removals },
    ]);
  });

  it(
    `when the projector is killed in the middle of a rebuild of ${events.length} events and restarted, the rebuilt read models equal a clean build, row for row`,
    { timeout: 240_000 },
    async () => {
      expect(expected.messageTopicEvents).toBeGreaterThanOrEqual(100_000);
      const survivor = await checksums(h);
      let started = Date.now();
      for (const name of UNDER_TEST) await h.projectors.rebuild(name);
      await liveAt(1, 90_000);
      const clean = await checksums(h);
      console.log(`[exactly-once] clean rebuild of ${UNDER_TEST.join(', ')} over ${events.length} events: ${Date.now() - started} ms`);
      expect(survivor, 'the build killed mid-stream differs from a clean one').toEqual(clean);

      await h.stop();
      const child = spawnProjector();
      const control = await createProjectors(h.rt, { projections: subset(), run: false });
      try {
        for (const name of UNDER_TEST) await control.rebuild(name);
      } finally {
        await control.close();
      }
      const done = await killMidStream(child, 2);
      expect(await h.rows(`SELECT DISTINCT status FROM projections WHERE generation = 2`)).toEqual([{ status: 'building' }]);

      started = Date.now();
      await h.restart(subset());
      await liveAt(2, 90_000);
      console.log(
        `[exactly-once] rebuild killed after ${done} of ${expected.messageTopicEvents} messages-topic events, resumed and live in ${Date.now() - started} ms`,
      );
      expect(await checksums(h)).toEqual(clean);
    },
  );
});

async function checksums(h: Harness): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, sql] of Object.entries(CHECKSUMS)) out[name] = (await h.rows<{ sum: string }>(sql))[0]!.sum;
  return out;
}
