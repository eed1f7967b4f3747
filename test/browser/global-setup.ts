import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { packageRoot } from '../../src/app.ts';
import { buildWeb, webBuildNeeded } from '../../src/cli/web.ts';
import { seedDemo } from '../../src/cli/demo/seed.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { openDatabase } from '../../src/platform/db/client.ts';
import { runMigrations } from '../../src/platform/db/migrations.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A data directory holding the migrated, seeded demo centre: each test file starts from a copy of it. */
    demoTemplate: string;
  }
}

/**
 * The pages under test are the built ones, as `npm start` serves them. The demo centre is seeded once, into a data
 * directory every test file copies: seeding it for each file would cost more than the tests themselves.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (webBuildNeeded(packageRoot)) await buildWeb(packageRoot);
  const dir = await mkdtemp(path.join(tmpdir(), 'zc-browser-demo-'));
  const database = await openDatabase({ dataDir: dir });
  await runMigrations(database);
  await seedDemo(database, { clock: systemClock, dataDir: dir });
  await database.close();
  project.provide('demoTemplate', dir);
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
