import { defineConfig } from 'vitest/config';

// Tiers by file name: *.unit.spec.ts (no servers), *.int.spec.ts (real Kafka, Postgres,
// Elasticsearch from the local stack), *.e2e.spec.ts (the whole app in Chromium).
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['{schemas,services,cli,test,src}/**/*.unit.spec.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'int',
          include: ['{schemas,services,cli,test,src}/**/*.int.spec.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          pool: 'forks',
          poolOptions: { forks: { maxForks: 2, minForks: 1 } },
        },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['test/e2e/**/*.e2e.spec.ts'], environment: 'node', testTimeout: 180_000, hookTimeout: 240_000, fileParallelism: false },
      },
    ],
  },
});
