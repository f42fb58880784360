import { createHash } from 'node:crypto';
import { indexName, type Config } from '@groupchat/shared';
import type { Build } from './types';

/** `_v2` for generation 0, `_v2_g3` for a forced rebuild of the same version. */
export function tableSuffix(b: Pick<Build, 'version' | 'generation'>): string {
  return `_v${b.version}${b.generation ? `_g${b.generation}` : ''}`;
}

export function physicalTable(table: string, b: Pick<Build, 'version' | 'generation'>): string {
  return `${table}${tableSuffix(b)}`;
}

export function aliasName(config: Pick<Config, 'GROUPCHAT_NAMESPACE'>, index: string): string {
  return indexName(config, index);
}

export function physicalIndex(config: Pick<Config, 'GROUPCHAT_NAMESPACE'>, index: string, b: Pick<Build, 'version' | 'generation'>): string {
  return `${aliasName(config, index)}-v${b.version}${b.generation ? `-g${b.generation}` : ''}`;
}

export function consumerGroup(config: Pick<Config, 'GROUPCHAT_NAMESPACE'>, b: Build): string {
  return `${config.GROUPCHAT_NAMESPACE}projection.${b.name}.v${b.version}${b.generation ? `.g${b.generation}` : ''}`;
}

/**
 * The shared reader's group: processes declaring the same projections split the partitions
 * between them; a process declaring others reads on its own (checkpoints keep both exact).
 */
export function sharedReaderGroup(config: Pick<Config, 'GROUPCHAT_NAMESPACE'>, projections: { name: string; version: number }[]): string {
  const declared = projections
    .map((p) => `${p.name}.v${p.version}`)
    .sort()
    .join(',');
  return `${config.GROUPCHAT_NAMESPACE}projections.live.${createHash('sha256').update(declared).digest('hex').slice(0, 12)}`;
}

/** The group of the reader that builds in progress share (only while there is one). */
export function rebuildReaderGroup(config: Pick<Config, 'GROUPCHAT_NAMESPACE'>, projections: { name: string; version: number }[]): string {
  return sharedReaderGroup(config, projections).replace('.live.', '.rebuild.');
}

export function buildLabel(b: Build): string {
  return `${b.name}.v${b.version}${b.generation ? `.g${b.generation}` : ''}`;
}

export function sameBuild(a: Build, b: Build): boolean {
  return a.name === b.name && a.version === b.version && a.generation === b.generation;
}
