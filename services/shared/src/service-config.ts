import { z } from 'zod';

/**
 * A service's own configuration keys, declared and validated by the service that reads them
 * (fail fast at start, naming the key), beside the shared keys of `loadConfig`.
 */
export function loadServiceConfig<S extends z.ZodRawShape>(
  service: string,
  shape: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<z.ZodObject<S>> {
  const parsed = z.object(shape).safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid ${service} configuration:\n${lines.join('\n')}`);
  }
  return parsed.data as z.infer<z.ZodObject<S>>;
}
