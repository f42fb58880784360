import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADER_EVENT_TYPE, HEADER_FINGERPRINT, type DomainEvent } from '@groupchat/schemas';
import { EventLog, createKafka, createRuntime, topicName, type Config, type Runtime } from '@groupchat/shared';
import { createProjectors, projections, type Projectors } from '@groupchat/projectors';
import { event, groupCreated, joined, sent } from '../../services/projectors/test/support/events';
import { isolatedConfig, waitUntil } from '@groupchat/test-kit';
import { cli } from './support/cli';

const GROUPS = `SELECT group_id, name, description, interests, visibility, owner_id, member_count, created_at, updated_at, last_activity_at, deleted FROM groups ORDER BY group_id`;
const MEMBERS = `SELECT group_id, user_id, role, joined_at FROM memberships ORDER BY group_id, user_id`;
const INVITES = `SELECT * FROM invites ORDER BY group_id, user_id`;
/** The groups projection's version in the tree: the builds the CLI names carry it. */
const V = projections.find((p) => p.name === 'groups')!.version;

describe('groupchat projections and replay', () => {
  let config: Config;
  let rt: Runtime;
  let log: EventLog;
  let projectors: Projectors;

  const given = (...events: DomainEvent[]) => log.appendMany(events.map((e) => ({ event: e, key: (e as { groupId: string }).groupId })));
  const rows = async (sql: string) => (await rt.pool.query(sql)).rows;
  const caughtUp = () =>
    waitUntil(async () => (await projectors.status()).filter((b) => b.status === 'live').every((b) => b.lag === 0), {
      timeoutMs: 60_000,
      intervalMs: 100,
      what: 'projections to catch up',
    });

  beforeAll(async () => {
    config = isolatedConfig();
    rt = await createRuntime(config, 'cli-projections-test');
    log = await EventLog.connect(createKafka(config, 'cli-projections-test'), config);
    projectors = await createProjectors(rt, { projections: projections.filter((p) => p.name === 'groups') });
  });
  afterAll(async () => {
    await projectors?.close();
    await log?.close();
    await rt?.close();
  });

  it('replays a projection as it stood at a time into its own schema', async () => {
    await given(groupCreated('g1', 'u1'), joined('g1', 'u1', 'owner'), joined('g1', 'u2'), groupCreated('g2', 'u3'), joined('g2', 'u3', 'owner'));
    await given(sent('g1', 'm1', 'u2'), sent('g2', 'm2', 'u3'), event('MemberInvited', { groupId: 'g2', userId: 'u4', invitedBy: 'u3' }));
    await caughtUp();
    const before = { groups: await rows(GROUPS), members: await rows(MEMBERS), invites: await rows(INVITES) };
    expect(before.groups).toHaveLength(2);
    const t = Date.now();
    await waitUntil(() => Date.now() > t + 5, { what: 'the clock to pass T' });
    await given(
      joined('g1', 'u5'),
      joined('g2', 'u4'),
      event('GroupUpdated', { groupId: 'g1', name: 'renamed', description: null, interests: null, visibility: null, slowModeSeconds: null }),
      event('GroupDeleted', { groupId: 'g2' }),
      sent('g1', 'm3', 'u5'),
    );
    await given(groupCreated('g3', 'u6'));
    await caughtUp();
    expect(await rows(GROUPS)).not.toEqual(before.groups);

    const r = await cli(config, ['replay', '--until', new Date(t).toISOString(), '--projection', 'groups']);
    expect(r.stderr).not.toMatch(/groupchat:/);
    expect(r.code).toBe(0);
    const schema = /^schema (replay_groups_\w+)$/m.exec(r.stdout)?.[1];
    expect(schema).toMatch(/^replay_groups_\d{8}t\d{6,9}z$/);
    const inSchema = (sql: string) => rows(sql.replace(/FROM (\w+)/, `FROM ${schema}.$1`));
    expect(await inSchema(GROUPS)).toEqual(before.groups);
    expect(await inSchema(MEMBERS)).toEqual(before.members);
    expect(await inSchema(INVITES)).toEqual(before.invites);
    // The live model is untouched, and nothing of the replay is in the registry.
    expect((await rows(GROUPS)).map((g) => g.group_id)).toEqual(['g1', 'g2', 'g3']);
    expect((await rows(`SELECT name FROM projections`)).map((x) => x.name)).toEqual(['groups']);
  });

  it('refuses a malformed time and an unknown projection in one line', async () => {
    const badTime = await cli(config, ['replay', '--until', 'last tuesday', '--projection', 'groups']);
    expect(badTime.code).not.toBe(0);
    expect(badTime.stderr.trim().split('\n')).toEqual([expect.stringContaining('--until "last tuesday" is not a time')]);
    const unknown = await cli(config, ['projections', 'status', 'nope']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr.trim()).toMatch(/^groupchat: unknown projection "nope": known projections are users, groups, messages/);
    const es = await cli(config, ['replay', '--until', '2026-01-01', '--projection', 'search-groups']);
    expect(es.code).not.toBe(0);
    expect(es.stderr).toContain('replay builds Postgres projections only');
    const help = await cli(config, ['projections', 'dlq', 'retry', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: groupchat projections dlq retry');
  });

  it('lists the registered projections and their builds, and shows lag 0 once caught up', async () => {
    await caughtUp();
    const list = await cli(config, ['projections', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`^groups\\s+${V}\\s+postgres\\s+groups,messages$`, 'm'));
    expect(list.stdout).toMatch(/^search-groups\s+1\s+elasticsearch/m);
    expect(list.stdout).toMatch(new RegExp(`^groups\\.v${V}\\s+live\\s+postgres`, 'm'));
    const status = await cli(config, ['projections', 'status', 'groups']);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(new RegExp(`^groups\\.v${V}\\s+live\\s+\\*\\s+\\*\\s+0$`, 'm'));
    expect(status.stdout).toMatch(/^\s+groups\s+0\s+\d+\s+\d+\s+0$/m);
    expect(status.stdout).toMatch(/^\s+messages\s+0\s+\d+\s+\d+\s+0$/m);
  });

  it('rebuilds a projection into a new live build with the same read model', async () => {
    await caughtUp();
    const before = { groups: await rows(GROUPS), members: await rows(MEMBERS), invites: await rows(INVITES) };
    const r = await cli(config, ['projections', 'rebuild', 'groups']);
    expect(r.stderr).not.toMatch(/groupchat:/);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`build groups.v${V}.g1 is live`);
    const builds = await rows(`SELECT generation, status FROM projections WHERE name = 'groups' ORDER BY generation`);
    expect(builds).toEqual([
      { generation: 0, status: 'retired' },
      { generation: 1, status: 'live' },
    ]);
    await waitUntil(async () => (await projectors.status('groups')).some((b) => b.generation === 1 && b.status === 'live' && b.lag === 0), {
      what: 'the new build to be current',
    });
    expect({ groups: await rows(GROUPS), members: await rows(MEMBERS), invites: await rows(INVITES) }).toEqual(before);
    const noWait = await cli(config, ['projections', 'rebuild', 'groups', '--no-wait']);
    expect(noWait.code).toBe(0);
    expect(noWait.stdout).toContain(`requested build groups.v${V}.g2`);
    // The projectors of this test notice the request and swap.
    await waitUntil(async () => (await projectors.status('groups')).some((b) => b.generation === 2 && b.status === 'live' && b.lag === 0), {
      timeoutMs: 60_000,
      what: 'the requested build to go live',
    });
    expect({ groups: await rows(GROUPS), members: await rows(MEMBERS), invites: await rows(INVITES) }).toEqual(before);
  });

  it('lists a poison record as a dead letter, and says clearly that retrying it fails', async () => {
    const producer = createKafka(config, 'cli-poison').producer();
    await producer.connect();
    await producer.send({
      topic: topicName(config, 'messages'),
      messages: [
        {
          key: 'g-poison',
          value: Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00]),
          headers: { [HEADER_EVENT_TYPE]: 'MessageSent', [HEADER_FINGERPRINT]: 'f'.repeat(64) },
        },
      ],
    });
    await producer.disconnect();
    // The build it replaced may still read the record while this process swaps them, and dead-letter it too.
    const letter = await waitUntil(async () => (await projectors.deadLetters({ projection: 'groups' })).find((l) => l.generation === 2), {
      timeoutMs: 60_000,
      what: 'the poison record to be dead-lettered by the live build',
    });
    const list = await cli(config, ['projections', 'dlq', 'list', '--projection', 'groups']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(
      new RegExp(
        `^${letter.offset}\\s+groups\\s+groups\\.v${V}\\.g2\\s+${topicName(config, 'messages')}\\s+\\d+\\s+\\d+\\s+MessageSent\\s+\\S+\\s+cannot decode`,
        'm',
      ),
    );
    const none = await cli(config, ['projections', 'dlq', 'list', '--projection', 'users']);
    expect(none.stdout).toBe('no dead letters\n');
    const retry = await cli(config, ['projections', 'dlq', 'retry', String(letter.offset)]);
    expect(retry.code).not.toBe(0);
    expect(retry.stderr.trim().split('\n')).toHaveLength(1);
    expect(retry.stderr).toContain(`dead letter ${letter.offset} (MessageSent from ${topicName(config, 'messages')}`);
    expect(retry.stderr).toContain('could not be applied to groups');
    const missing = await cli(config, ['projections', 'dlq', 'retry', '999']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('no dead letter at offset 999');
  });
});
