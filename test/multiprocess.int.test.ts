import { describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { openDatabase } from '../src/platform/db/client.ts';
import { runMigrations } from '../src/platform/db/migrations.ts';
import { verifyAudit } from '../src/platform/audit/log.ts';
import { systemClock } from '../src/platform/clock.ts';
import { seedDemo } from '../src/cli/demo/seed.ts';
import { centres } from '../src/modules/orgs/tables.ts';
import { freshDatabase, testDbKind } from './support/database.ts';

/**
 * Several server processes over one PostgreSQL start at once: each migrates and seeds an empty database.
 * Separate connection pools stand for separate processes. (PGlite is single-process by nature.)
 */
describe.runIf(testDbKind() === 'postgres')('several processes starting together', () => {
  it('migrate once and seed once', async () => {
    const holder = await freshDatabase();
    const url = holder.url ?? '';
    // Undo the holder's migrations: start from an empty database as a new installation would.
    await holder.exec(
      'drop schema public cascade; create schema public; drop schema if exists drizzle cascade;',
    );
    const processes = await Promise.all(
      [1, 2, 3].map(() => openDatabase({ databaseUrl: url, dataDir: 'unused', poolSize: 2 })),
    );
    try {
      await Promise.all(processes.map((p) => runMigrations(p)));
      const results = await Promise.all(processes.map((p) => seedDemo(p, { clock: systemClock })));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      const [row] = await holder.db.select({ n: count() }).from(centres);
      expect(row?.n).toBe(1);
      expect((await verifyAudit(holder.db)).ok).toBe(true);
    } finally {
      await Promise.all(processes.map((p) => p.close()));
      await holder.close();
    }
  }, 120_000);
});
