import { withTransaction, type Pool, type PoolClient } from '@groupchat/shared';
import { initCheckpoints } from './checkpoints';
import { buildLabel, sameBuild } from './naming';
import { insertBuild, listBuilds, lockProjection, markDropped, setStatus, type BuildRow } from './registry';
import { createBuildObjects, dropBuildObjects, switchReaders, type StorageDeps } from './storage';
import type { Build, Projection } from './types';

export type Partitions = { topic: string; partition: number }[];

/**
 * Decides, for the declared version of a projection, which builds run: the live one if it is
 * of that version, and a build in progress of that version. With neither, it starts a new
 * build of that version: live at once when nothing is live yet (readers get empty views
 * rather than missing ones), otherwise beside the live one. Builds of other versions still
 * building are abandoned.
 */
export async function ensureBuilds(deps: StorageDeps, pool: Pool, p: Projection, partitions: Partitions): Promise<BuildRow[]> {
  return withTransaction(pool, async (client) => {
    await lockProjection(client, p.name);
    const rows = await listBuilds(client, p.name);
    let live = rows.find((r) => r.status === 'live');
    const building = rows.filter((r) => r.status === 'building').sort((a, b) => b.generation - a.generation);
    const current = building.find((r) => r.version === p.version);
    for (const r of building) if (r !== current) await setStatus(client, r, 'retired');
    if (current && !live) {
      await switchReaders(deps, client, p, current, undefined);
      await setStatus(client, current, 'live');
      current.status = 'live';
      live = current;
    }
    const run = [live?.version === p.version ? live : undefined, current !== live ? current : undefined].filter((r): r is BuildRow => Boolean(r));
    if (!run.length) run.push(await createBuild(deps, client, p, rows, live ? 'building' : 'live', partitions));
    // Functions over the views are (re)made on every start: one added to a projection reaches a database already built.
    // Only over views of this version: a new version's functions may read columns its build adds, made at its switch.
    if (live?.version === p.version && p.storage === 'postgres') for (const sql of p.functions ?? []) await client.query(sql);
    for (const r of run) await initCheckpoints(client, r, partitions);
    return run;
  });
}

/** Starts a new generation of the declared version beside the live build, unless one is already building. */
export async function requestRebuild(deps: StorageDeps, pool: Pool, p: Projection, partitions: Partitions): Promise<BuildRow> {
  return withTransaction(pool, async (client) => {
    await lockProjection(client, p.name);
    const rows = await listBuilds(client, p.name);
    const pending = rows.find((r) => r.status === 'building' && r.version === p.version);
    if (pending) return pending;
    const live = rows.some((r) => r.status === 'live');
    return createBuild(deps, client, p, rows, live ? 'building' : 'live', partitions);
  });
}

/**
 * Makes a caught-up build the live one: readers switch in one step, the old build is retired.
 * False when another process got there first or the build was abandoned meanwhile.
 */
export async function promote(deps: StorageDeps, pool: Pool, p: Projection, b: Build): Promise<boolean> {
  return withTransaction(pool, async (client) => {
    await boundLockWaits(client);
    await lockProjection(client, p.name);
    const rows = await listBuilds(client, p.name);
    const row = rows.find((r) => sameBuild(r, b));
    if (row?.status !== 'building') return false;
    const live = rows.find((r) => r.status === 'live');
    await switchReaders(deps, client, p, b, live);
    if (live) await setStatus(client, live, 'retired');
    await setStatus(client, b, 'live');
    deps.log.info({ projection: buildLabel(b), previous: live ? buildLabel(live) : null }, 'projection build is live');
    return true;
  });
}

/** Drops the tables or indices of retired builds and forgets their checkpoints. */
export async function dropRetired(deps: StorageDeps, pool: Pool, name?: string): Promise<BuildRow[]> {
  const rows = (await listBuilds(pool, name)).filter((r) => r.status === 'retired' && !r.droppedAt);
  for (const row of rows) {
    await withTransaction(pool, async (client) => {
      await boundLockWaits(client);
      await lockProjection(client, row.name);
      await dropBuildObjects(deps, client, row);
      await client.query(`DELETE FROM projection_checkpoints WHERE projection = $1 AND version = $2 AND generation = $3`, [
        row.name,
        row.version,
        row.generation,
      ]);
      await markDropped(client, row);
    });
  }
  return rows;
}

/**
 * Switching and dropping take exclusive locks: while one waits behind a long read, every new
 * read of the same view queues behind it. Past a short bound the attempt gives up (and rolls
 * back) instead; the next supervision tick tries again.
 */
async function boundLockWaits(client: PoolClient): Promise<void> {
  await client.query(`SET LOCAL lock_timeout = '1s'`);
}

async function createBuild(
  deps: StorageDeps,
  client: PoolClient,
  p: Projection,
  rows: BuildRow[],
  status: 'building' | 'live',
  partitions: Partitions,
): Promise<BuildRow> {
  const generation = Math.max(-1, ...rows.filter((r) => r.version === p.version).map((r) => r.generation)) + 1;
  const b: Build = { name: p.name, version: p.version, generation };
  const objects = await createBuildObjects(deps, client, p, b, status === 'live');
  await insertBuild(client, p, b, status, objects.views, objects.relations);
  await initCheckpoints(
    client,
    b,
    partitions.filter((x) => (p.topics as string[]).includes(x.topic)),
  );
  deps.log.info({ projection: buildLabel(b), status }, status === 'live' ? 'projection created' : 'projection build started beside the live one');
  const [row] = await listBuilds(client, p.name).then((all) => all.filter((r) => sameBuild(r, b)));
  return row!;
}
