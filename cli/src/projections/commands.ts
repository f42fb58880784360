import {
  buildLabel,
  createProjectors,
  listBuilds,
  listDeadLetters,
  projectionStatus,
  projections,
  requestRebuild,
  type BuildRow,
  type BuildStatusReport,
} from '@groupchat/projectors';
import { topicName, type Pool, type Runtime } from '@groupchat/shared';
import { CliError } from '../context';
import { progress } from '../progress';
import { projectionNamed, withRuntime } from './runtime';
import { table } from './table';

const UNDEFINED_TABLE = '42P01';

/** The registry's builds, or none when no projector has ever run against this database. */
async function builds(pool: Pool, name?: string): Promise<BuildRow[]> {
  try {
    return await listBuilds(pool, name);
  } catch (err) {
    if ((err as { code?: string }).code === UNDEFINED_TABLE) return [];
    throw err;
  }
}

const time = (d: Date | null) => (d ? new Date(d).toISOString() : '-');

export async function listProjections(): Promise<string> {
  return withRuntime(async (rt) => {
    const rows = await builds(rt.pool);
    const registered = table([['NAME', 'VERSION', 'STORAGE', 'TOPICS'], ...projections.map((p) => [p.name, p.version, p.storage, p.topics.join(',')])]);
    const registry = rows.length
      ? table([
          ['BUILD', 'STATUS', 'STORAGE', 'STARTED', 'LIVE SINCE', 'RETIRED', 'DROPPED'],
          ...rows.map((r) => [buildLabel(r), r.status, r.storage, time(r.startedAt), time(r.liveAt), time(r.retiredAt), time(r.droppedAt)]),
        ])
      : 'no builds in the registry yet (no projector has run against this database)\n';
    return `${registered}\n${registry}`;
  });
}

export function renderStatus(reports: BuildStatusReport[]): string {
  if (!reports.length) return 'no builds in the registry\n';
  return table([
    ['BUILD', 'STATUS', 'TOPIC', 'PARTITION', 'NEXT', 'HIGH', 'LAG'],
    ...reports.flatMap((r) => [
      [buildLabel(r), r.status, '*', '*', '', '', r.lag],
      ...r.partitions.map((p) => ['', '', p.topic, p.partition, p.nextOffset, p.highWatermark, p.lag]),
    ]),
  ]);
}

async function status(rt: Runtime, name?: string): Promise<BuildStatusReport[]> {
  const admin = rt.kafka.admin();
  await admin.connect();
  try {
    return await projectionStatus(rt.pool, admin, rt.config, { name });
  } finally {
    await admin.disconnect();
  }
}

export async function projectionsStatus(name?: string): Promise<string> {
  if (name) projectionNamed(name);
  return withRuntime(async (rt) => {
    await builds(rt.pool);
    try {
      return renderStatus(await status(rt, name));
    } catch (err) {
      if ((err as { code?: string }).code === UNDEFINED_TABLE) return renderStatus([]);
      throw err;
    }
  });
}

/**
 * Starts a new generation of the projection beside the live build. Waiting, this process runs
 * it (with any other process running the projection) until it is live; without, a running
 * projector picks the request up.
 */
export async function rebuildProjection(name: string, wait: boolean): Promise<string> {
  const p = projectionNamed(name);
  return withRuntime(async (rt) => {
    if (!wait) {
      const partitions = (
        await Promise.all(
          p.topics.map(async (topic) => {
            const admin = rt.kafka.admin();
            await admin.connect();
            try {
              return (await admin.fetchTopicOffsets(topicName(rt.config, topic))).map((o) => ({ topic, partition: o.partition }));
            } finally {
              await admin.disconnect();
            }
          }),
        )
      ).flat();
      const row = await requestRebuild({ config: rt.config, es: rt.es, log: rt.log }, rt.pool, p, partitions);
      return `requested build ${buildLabel(row)} (${row.status}); a running projector builds it and swaps readers when it has caught up\n`;
    }
    const projectors = await createProjectors(rt, { projections: [p] });
    try {
      const row = await projectors.rebuild(name);
      const label = buildLabel(row);
      const current = async () => (await projectors.status(name)).find((b) => buildLabel(b) === label);
      const first = await current();
      const total = Math.max(1, first?.lag ?? 1);
      const bar = progress(total, `rebuild ${label}`);
      for (;;) {
        const now = await current();
        if (!now) throw new CliError(`build ${label} disappeared from the registry (retired by another process?)`);
        bar.update(Math.max(0, total - now.lag));
        if (now.status === 'live') break;
        if (now.status === 'retired') throw new CliError(`build ${label} was retired before it went live`);
        await new Promise((r) => setTimeout(r, 250));
      }
      bar.stop();
      return `build ${label} is live\n`;
    } finally {
      await projectors.close();
    }
  });
}

export async function deadLetterList(projection?: string): Promise<string> {
  if (projection) projectionNamed(projection);
  return withRuntime(async (rt) => {
    const letters = await listDeadLetters(rt.kafka, rt.config, { projection });
    if (!letters.length) return 'no dead letters\n';
    return table([
      ['OFFSET', 'PROJECTION', 'BUILD', 'TOPIC', 'PARTITION', 'ORIGINAL OFFSET', 'TYPE', 'FAILED AT', 'ERROR'],
      ...letters.map((l) => [
        l.offset,
        l.projection,
        buildLabel({ name: l.projection, version: l.version, generation: l.generation }),
        l.topic,
        l.partition,
        l.originalOffset,
        l.eventType ?? '-',
        l.failedAt,
        l.error.replace(/\s+/g, ' '),
      ]),
    ]);
  });
}

export async function deadLetterRetry(offset: number): Promise<string> {
  return withRuntime(async (rt) => {
    const [letter] = (await listDeadLetters(rt.kafka, rt.config, { fromOffset: offset })).filter((l) => l.offset === offset);
    if (!letter) throw new CliError(`no dead letter at offset ${offset}: see "groupchat projections dlq list"`);
    const p = projections.find((x) => x.name === letter.projection);
    if (!p) throw new CliError(`dead letter ${offset} belongs to projection "${letter.projection}", which is not registered any more`);
    const projectors = await createProjectors(rt, { projections: [p] });
    try {
      const outcome = await projectors.retryDeadLetter(offset);
      return outcome === 'applied' ? `dead letter ${offset} applied to ${p.name}\n` : `dead letter ${offset} was already applied to ${p.name}; nothing done\n`;
    } catch (err) {
      throw new CliError(
        `dead letter ${offset} (${letter.eventType ?? 'unknown type'} from ${letter.topic}/${letter.partition}@${letter.originalOffset}) could not be applied to ${p.name}: ${(err as Error).message.split('\n')[0]}`,
      );
    } finally {
      await projectors.close();
    }
  });
}
