import { createRuntime, loadConfig, serve, type Config, type Runtime } from '@groupchat/shared';

export interface Projectors {
  close(): Promise<void>;
}

/** Runs every registered projection on a shared runtime. */
export async function createProjectors(rt: Runtime): Promise<Projectors> {
  void rt;
  return { close: async () => undefined };
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
