import { prom, registry } from '@groupchat/shared';

function gauge(name: string, help: string, labelNames: string[]) {
  return (registry.getSingleMetric(name) as prom.Gauge<string> | undefined) ?? new prom.Gauge({ name, help, labelNames, registers: [registry] });
}

function counter(name: string, help: string, labelNames: string[]) {
  return (registry.getSingleMetric(name) as prom.Counter<string> | undefined) ?? new prom.Counter({ name, help, labelNames, registers: [registry] });
}

/** Records in the log not yet applied by the live build of a projection. */
export const projectionLag = gauge('groupchat_projection_lag', 'records not yet applied by the live build of a projection', [
  'projection',
  'partition',
  'topic',
]);

/** The same for a build being (re)built beside the live one. */
export const rebuildLag = gauge('groupchat_projection_rebuild_lag', 'records not yet applied by a projection build that is not live yet', [
  'projection',
  'version',
  'partition',
  'topic',
]);

export const eventsApplied = counter('groupchat_projection_records_total', 'records a projection build has moved past (applied or skipped as not its type)', [
  'projection',
]);

export const deadLettered = counter('groupchat_projection_deadletters_total', 'events a projection sent to the dead-letter topic', ['projection']);
