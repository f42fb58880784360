import { AwakeUsers, createRuntime, loadConfig, serve, type Config, type Runtime } from '@groupchat/shared';
import {
  Supervisor,
  listDeadLetters,
  projectionStatus,
  retryDeadLetter,
  type BuildRow,
  type BuildStatusReport,
  type DeadLetter,
  type Projection,
  type RetryOutcome,
  type SupervisorOptions,
} from './framework';
import { projections as registered } from './projections';
import { notifications } from './projections/notifications';
import { PushSender } from './push/sender';

export * from './framework';
export { projections } from './projections';

export interface ProjectorsOptions extends SupervisorOptions {
  /** The projections to run (default: every registered one). */
  projections?: Projection[];
  /** Send Web Push for what the notifications projection queues (default: when it runs). */
  push?: boolean;
}

export interface Projectors {
  /** Every build in the registry with its lag per partition. */
  status(name?: string): Promise<BuildStatusReport[]>;
  /** Builds the current version again from offset 0 beside the live one; readers switch when it has caught up. */
  rebuild(name: string): Promise<BuildRow>;
  /** Dead letters, oldest first. */
  deadLetters(filter?: { projection?: string }): Promise<DeadLetter[]>;
  /** Applies a dead letter (by its offset in the dead-letter topic) again to its projection. */
  retryDeadLetter(offset: number): Promise<RetryOutcome>;
  close(): Promise<void>;
}

/**
 * Runs every registered projection on a shared runtime. Resolves once every projection's
 * tables, views and aliases exist (readers never meet a missing relation), not when the
 * projections have caught up.
 */
export async function createProjectors(rt: Runtime, options: ProjectorsOptions = {}): Promise<Projectors> {
  const run = options.projections ?? registered;
  const supervisor = await Supervisor.start(rt, run, options);
  const push = (options.push ?? run.includes(notifications)) ? await startPush(rt) : undefined;
  return {
    status: (name) => projectionStatus(supervisor.pool, supervisor.admin, rt.config, { name }),
    rebuild: (name) => supervisor.rebuild(name),
    deadLetters: (filter) => listDeadLetters(rt.kafka, rt.config, filter),
    retryDeadLetter: (offset) => retryDeadLetter(supervisor, rt.kafka, rt.config, offset),
    async close() {
      await push?.close();
      await supervisor.close();
    },
  };
}

/** The push sender, skipping users with a visible tab on any realtime process (docs/notifications.md). */
async function startPush(rt: Runtime) {
  const awake = await AwakeUsers.start(rt);
  const sender = new PushSender(rt.pool, rt.log, {
    isAwake: (userId) => awake.isAwake(userId),
    allowLoopback: rt.config.PUSH_ALLOW_LOOPBACK,
    subject: rt.config.VAPID_SUBJECT,
    env: rt.config,
  });
  await sender.start();
  return {
    async close() {
      await sender.close();
      await awake.close();
    },
  };
}

/** Runs the projectors alone (health, readiness and metrics on their own port). */
export async function start(config: Config = loadConfig()) {
  const rt = await createRuntime(config, 'projectors');
  const projectors = await createProjectors(rt);
  const served = await serve(rt, () => undefined);
  rt.log.info({ port: served.port }, 'projectors running');
  return {
    port: served.port,
    async close() {
      await served.close();
      await projectors.close();
      await rt.close();
    },
  };
}
