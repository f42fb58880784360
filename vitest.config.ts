import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

// Tiers by file name: *.unit.spec.ts (no servers), *.int.spec.ts (real Kafka, Postgres,
// Elasticsearch from the local stack), *.e2e.spec.ts (the whole app in Chromium).
// Two workers: the box has two cores and the servers share them.
export default defineConfig({
  test: {
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    projects: [
      {
        extends: true,
        plugins: [vue()],
        test: { name: 'unit', include: ['{schemas,services,cli,test,src,web,bench}/**/*.unit.spec.ts'], exclude: ['**/node_modules/**'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'int',
          include: ['{schemas,services,cli,test,src}/**/*.int.spec.ts'],
          exclude: ['**/node_modules/**'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.spec.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 240_000,
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
