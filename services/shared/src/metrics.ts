import client from 'prom-client';

export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });

export const httpDuration = new client.Histogram({
  name: 'groupchat_http_request_duration_seconds',
  help: 'HTTP request duration',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

const sources: (() => Promise<string>)[] = [];

/** Metrics another thread keeps (the projectors'), appended to this process's /metrics until removed. */
export function addMetricsSource(source: () => Promise<string>): () => void {
  sources.push(source);
  return () => {
    const at = sources.indexOf(source);
    if (at >= 0) sources.splice(at, 1);
  };
}

/** This process's metrics in the exposition format, with every added source's. */
export async function metricsText(): Promise<string> {
  const parts = await Promise.all([registry.metrics(), ...sources.map((s) => s().catch(() => ''))]);
  return parts.filter(Boolean).join('\n');
}

export { client as prom };
