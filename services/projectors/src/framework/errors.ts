/** The build was retired (swapped out) by this or another process: stop consuming, quietly. */
export class BuildRetired extends Error {
  constructor(label: string) {
    super(`projection build ${label} is no longer active`);
  }
}

/** The runner is closing: abandon the batch, its transaction rolls back and it is redone later. */
export class Stopping extends Error {
  constructor() {
    super('projection runner is stopping');
  }
}

/** Whether an error is worth retrying is decided once, for every service, in @groupchat/shared. */
export { backoffMs, isTransient } from '@groupchat/shared';

export function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as { code?: unknown }).code;
  return `${err.name}${typeof code === 'string' ? ` ${code}` : ''}: ${err.message}`.slice(0, 2000);
}
