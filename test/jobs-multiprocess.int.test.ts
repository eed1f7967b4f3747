import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/platform/audit/log.ts';
import { systemClock } from '../src/platform/clock.ts';
import { schedule } from '../src/platform/jobs/runner.ts';
import { rawRows } from '../src/platform/db/raw.ts';
import { z } from 'zod';
import { freshDatabase, testDbKind } from './support/database.ts';

const run = promisify(execFile);
const worker = path.join(import.meta.dirname, 'fixtures', 'job-worker.ts');

/**
 * Two real server processes poll one PostgreSQL for the same 40 due jobs (each pausing inside its transaction,
 * so the two overlap): every job's effect commits exactly once.
 */
describe.runIf(testDbKind() === 'postgres')('scheduled work across processes', () => {
  it('fires each job exactly once with two processes polling', async () => {
    const database = await freshDatabase();
    try {
      await database.db.transaction(async (tx) => {
        for (let i = 0; i < 40; i++) {
          await schedule(tx, systemClock, {
            kind: 'test.effect',
            key: `mp-${i}`,
            runAt: new Date(Date.now() - 1000),
          });
        }
      });
      const env = { ...process.env, DATABASE_URL: database.url ?? '', WORK_MS: '5000' };
      const outputs = await Promise.all(
        ['p1', 'p2'].map((w) =>
          run(process.execPath, ['--import', 'tsx', worker, w], { env, timeout: 60_000 }),
        ),
      );
      const ran = outputs.map(
        (o) => JSON.parse(o.stdout.trim().split('\n').pop() ?? '{}') as { ran: number },
      );
      expect(ran.reduce((n, r) => n + r.ran, 0)).toBe(40);
      const rows = await rawRows(
        database.db,
        sql`select entity_id, count(*)::int as n from audit_events where entity_id like 'mp-%' group by entity_id`,
        z.object({ entity_id: z.string(), n: z.coerce.number() }),
      );
      expect(rows).toHaveLength(40);
      expect(rows.every((r) => r.n === 1)).toBe(true);
      const [done] = await rawRows(
        database.db,
        sql`select count(*)::int as n from jobs where status = 'done'`,
        z.object({ n: z.coerce.number() }),
      );
      expect(done?.n).toBe(40);
      expect((await verifyAudit(database.db)).ok).toBe(true);
    } finally {
      await database.close();
    }
  }, 120_000);
});
