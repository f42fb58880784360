import { createRuntime, type Runtime } from '@groupchat/shared';
import { projections, type Projection } from '@groupchat/projectors';
import { CliError, cliConfig, cliKafka } from '../context';

/** The projection registered under `name`, or a one-line error listing the known names. */
export function projectionNamed(name: string): Projection {
  const p = projections.find((x) => x.name === name);
  if (!p) throw new CliError(`unknown projection "${name}": known projections are ${projections.map((x) => x.name).join(', ')}`);
  return p;
}

/** A runtime on the configured servers whose Kafka client gives up quickly when the broker is unreachable. */
export async function cliRuntime(): Promise<Runtime> {
  const config = cliConfig();
  const kafka = cliKafka(config);
  // Connect once with the impatient client first: an unreachable broker fails here in seconds.
  const admin = kafka.admin();
  await admin.connect();
  await admin.disconnect();
  const rt = await createRuntime(config, 'groupchat-cli');
  return { ...rt, kafka };
}

/** Runs `fn` with a runtime and always closes it. */
export async function withRuntime<T>(fn: (rt: Runtime) => Promise<T>): Promise<T> {
  const rt = await cliRuntime();
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}
