import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * `npm test` runs every unit and integration test on embedded PGlite; when TEST_DATABASE_URL is set (CI), the
 * integration tests run a second time on that PostgreSQL server.
 */
const integration = ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'];
export default defineConfig({
  test: {
    // Every core, not Vitest's default of one fewer: integration tests spend much of their time waiting on
    // PostgreSQL, so on a 2-core machine two workers finish the suite in about two thirds of the time.
    maxWorkers: Math.max(availableParallelism(), 2),
    projects: [
      {
        test: {
          name: 'pglite',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/browser/**', 'node_modules/**'],
          env: { ZC_TEST_DB: 'pglite' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              test: {
                name: 'postgres',
                include: integration,
                env: { ZC_TEST_DB: 'postgres' },
                testTimeout: 30_000,
                hookTimeout: 60_000,
              },
            },
          ]
        : []),
    ],
  },
});
