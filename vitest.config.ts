import { defineConfig } from 'vitest/config';

/**
 * `npm test` runs every unit and integration test on embedded PGlite; when TEST_DATABASE_URL is set (CI), the
 * integration tests run a second time on that PostgreSQL server.
 */
const integration = ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'];
export default defineConfig({
  test: {
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
