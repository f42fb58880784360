import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { EVENT_TYPES, loadCatalog, type SchemaVersion } from './catalog';
import { generateTypes } from './codegen';

export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));
const GENERATED = fileURLToPath(new URL('./generated/events.ts', import.meta.url));

export interface Fixture {
  /** The payload as written by that version, base64 of its plain Avro binary encoding. */
  avro: string;
  /** The same payload as JSON, for readers of the repo. */
  json: unknown;
}

export function fixturePath(eventType: string, version: number): string {
  return join(FIXTURES_DIR, `${eventType}.v${version}.json`);
}

/**
 * Everything that must hold before a schema change lands: an .avsc for every event, each
 * version readable by every later one (transitive backward compatibility), a recorded
 * payload per version that the newest reader still decodes, and generated types in sync.
 */
export function checkSchemas(catalog: Map<string, SchemaVersion[]> = loadCatalog()): string[] {
  const problems: string[] = [];
  for (const eventType of EVENT_TYPES) {
    if (!catalog.get(eventType)?.length) problems.push(`${eventType}: no schema under schemas/avro/${eventType}/`);
  }
  for (const [eventType, versions] of catalog) {
    if (!(EVENT_TYPES as string[]).includes(eventType)) problems.push(`${eventType}: schema for an event no topic carries`);
    versions.forEach((v, i) => {
      if (v.version !== i + 1) problems.push(`${eventType}: versions must be v1..vN without holes (found v${v.version})`);
      if ((v.schema as { name?: string }).name !== eventType) problems.push(`${eventType} v${v.version}: record name must be ${eventType}`);
    });
    for (const reader of versions) {
      for (const writer of versions.filter((w) => w.version < reader.version)) {
        try {
          reader.type.createResolver(writer.type);
        } catch (err) {
          problems.push(`${eventType}: v${reader.version} cannot read v${writer.version}: ${(err as Error).message}`);
        }
      }
    }
    const latest = versions[versions.length - 1]!;
    for (const v of versions) {
      const path = fixturePath(eventType, v.version);
      if (!existsSync(path)) {
        problems.push(`${eventType} v${v.version}: no recorded fixture at ${path} (npm run schemas:fixtures)`);
        continue;
      }
      try {
        const fixture = JSON.parse(readFileSync(path, 'utf8')) as Fixture;
        const bytes = Buffer.from(fixture.avro, 'base64');
        const resolver = latest === v ? undefined : latest.type.createResolver(v.type);
        latest.type.fromBuffer(bytes, resolver, false);
      } catch (err) {
        problems.push(`${eventType} v${v.version}: recorded fixture no longer decodes with v${latest.version}: ${(err as Error).message}`);
      }
    }
  }
  if (!existsSync(GENERATED) || readFileSync(GENERATED, 'utf8') !== generateTypes(catalog)) {
    problems.push('schemas/src/generated/events.ts is out of date (npm run schemas:gen)');
  }
  return problems;
}
