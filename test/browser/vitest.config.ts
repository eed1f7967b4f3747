import { defineConfig } from 'vitest/config';

/** `npm run test:browser`: real pages in Debian's Chromium, driven by playwright-core. */
export default defineConfig({
  test: {
    name: 'browser',
    include: ['test/browser/**/*.browser.test.ts'],
    globalSetup: ['test/browser/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
