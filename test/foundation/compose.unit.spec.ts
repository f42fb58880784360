import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const repo = new URL('../../', import.meta.url);
const compose = parse(readFileSync(new URL('docker-compose.yml', repo), 'utf8'), { merge: true }) as {
  services: Record<string, { image?: string; build?: string; command?: string[]; environment?: Record<string, string>; depends_on?: Record<string, unknown> }>;
};

// No Docker engine runs here, so the compose file is checked by parsing it.
describe('docker-compose.yml', () => {
  it('has Kafka (KRaft), Postgres, Elasticsearch 8 and fake-gcs-server', () => {
    expect(compose.services.kafka!.environment!.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(compose.services.postgres!.image).toMatch(/^postgres:/);
    expect(compose.services.elasticsearch!.image).toMatch(/elasticsearch:8\./);
    expect(compose.services['fake-gcs']!.image).toMatch(/fake-gcs-server/);
  });

  it('runs each service as its own container from the one Dockerfile, with an entry point that exists', () => {
    for (const name of ['command-api', 'query-api', 'projectors', 'realtime']) {
      const service = compose.services[name]!;
      expect(service.build).toBe('.');
      const entry = service.command!.at(-1)!;
      expect(entry).toBe(`services/${name}/src/main.ts`);
      expect(existsSync(new URL(entry, repo))).toBe(true);
      expect(Object.keys(service.depends_on!)).toEqual(expect.arrayContaining(['kafka', 'postgres', 'elasticsearch']));
      expect(service.environment!.KAFKA_BROKERS).toBe('kafka:9092');
    }
    expect(existsSync(new URL('Dockerfile', repo))).toBe(true);
  });
});
