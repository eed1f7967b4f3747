import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/support/database.ts';
import { appendAudit } from '../audit/log.ts';
import { auditEvents } from '../audit/tables.ts';
import { systemActor } from '../auth/actor.ts';
import { fixedClock } from '../clock.ts';
import type { Database, Tx } from '../db/client.ts';
import { cancel, MAX_ATTEMPTS, runDueJobs, schedule, type JobHandlers, type JobRow } from './runner.ts';
import { jobs } from './tables.ts';
import { rawRows } from '../db/raw.ts';
import { z } from 'zod';

let database: Database;
const clock = fixedClock(new Date('2026-03-02T01:00:00Z'));
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(async () => {
  await database.close();
});

const effect = async (tx: Tx, job: JobRow): Promise<void> => {
  await appendAudit(
    tx,
    { actor: systemActor('job:test'), requestId: null, clock },
    { action: 'seed.demo', entityType: 'centre', entityId: job.key },
  );
};
const effects = async (key: string): Promise<number> =>
  (await database.db.select().from(auditEvents).where(eq(auditEvents.entityId, key))).length;
const jobOf = async (key: string) => (await database.db.select().from(jobs).where(eq(jobs.key, key)))[0];

describe('job runner', () => {
  it('runs a due job once, not before its time, and never again', async () => {
    const handlers: JobHandlers = { 'test.effect': effect };
    await database.db.transaction((tx) =>
      schedule(tx, clock, { kind: 'test.effect', key: 'once', runAt: new Date('2026-03-02T02:00:00Z') }),
    );
    expect(await runDueJobs(database.db, clock, handlers, 'w1')).toBe(0);
    clock.set(new Date('2026-03-02T02:00:00Z'));
    expect(await runDueJobs(database.db, clock, handlers, 'w1')).toBe(1);
    expect(await runDueJobs(database.db, clock, handlers, 'w2')).toBe(0);
    expect(await effects('once')).toBe(1);
    expect(await jobOf('once')).toMatchObject({ status: 'done', doneBy: 'w1', attempts: 1 });
    // Scheduling a done job again does not revive it.
    await database.db.transaction((tx) =>
      schedule(tx, clock, { kind: 'test.effect', key: 'once', runAt: new Date('2026-03-02T02:00:00Z') }),
    );
    expect(await runDueJobs(database.db, clock, handlers, 'w1')).toBe(0);
  });

  it('moves a pending job when scheduled again (a corrected deadline)', async () => {
    await database.db.transaction((tx) =>
      schedule(tx, clock, { kind: 'test.effect', key: 'moved', runAt: new Date('2026-03-02T03:00:00Z') }),
    );
    await database.db.transaction((tx) =>
      schedule(tx, clock, { kind: 'test.effect', key: 'moved', runAt: new Date('2026-03-09T03:00:00Z') }),
    );
    clock.set(new Date('2026-03-05T00:00:00Z'));
    expect(await runDueJobs(database.db, clock, { 'test.effect': effect }, 'w1')).toBe(0);
    expect((await database.db.select().from(jobs).where(eq(jobs.key, 'moved'))).length).toBe(1);
    await database.db.transaction((tx) => cancel(tx, 'test.effect', 'moved'));
    clock.set(new Date('2026-03-10T00:00:00Z'));
    expect(await runDueJobs(database.db, clock, { 'test.effect': effect }, 'w1')).toBe(0);
    expect(await jobOf('moved')).toMatchObject({ status: 'cancelled' });
  });

  it('rolls back a failing handler’s writes, records the error and retries with back-off', async () => {
    let calls = 0;
    const handlers: JobHandlers = {
      'test.flaky': async (tx, job) => {
        calls++;
        await effect(tx, job);
        if (calls < 3) throw new Error(`第 ${calls} 次失败`);
      },
    };
    clock.set(new Date('2026-04-01T00:00:00Z'));
    await database.db.transaction((tx) =>
      schedule(tx, clock, { kind: 'test.flaky', key: 'flaky', runAt: clock.now() }),
    );
    expect(await runDueJobs(database.db, clock, handlers, 'w1')).toBe(1);
    expect(await jobOf('flaky')).toMatchObject({ status: 'pending', attempts: 1, lastError: '第 1 次失败' });
    expect(await effects('flaky')).toBe(0);
    // Not retried before its back-off has passed.
    expect(await runDueJobs(database.db, clock, handlers, 'w1')).toBe(0);
    clock.advance(60_000);
    await runDueJobs(database.db, clock, handlers, 'w1');
    clock.advance(120_000);
    await runDueJobs(database.db, clock, handlers, 'w1');
    expect(await jobOf('flaky')).toMatchObject({ status: 'done', attempts: 3 });
    expect(await effects('flaky')).toBe(1);
  });

  it('gives up after MAX_ATTEMPTS and on a kind nobody handles', async () => {
    clock.set(new Date('2026-05-01T00:00:00Z'));
    await database.db.transaction((tx) =>
      schedule(tx, clock, { kind: 'test.unknown', key: 'orphan', runAt: clock.now() }),
    );
    await runDueJobs(database.db, clock, {}, 'w1');
    expect(await jobOf('orphan')).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    expect((await jobOf('orphan'))?.lastError).toContain('test.unknown');
  });

  it('runs each of many due jobs exactly once with pollers racing', async () => {
    clock.set(new Date('2026-06-01T00:00:00Z'));
    await database.db.transaction(async (tx) => {
      for (let i = 0; i < 20; i++)
        await schedule(tx, clock, { kind: 'test.effect', key: `race-${i}`, runAt: clock.now() });
    });
    const ran = await Promise.all(
      ['a', 'b', 'c', 'd'].map((w) => runDueJobs(database.db, clock, { 'test.effect': effect }, w)),
    );
    expect(ran.reduce((x, y) => x + y, 0)).toBe(20);
    const counts = await rawRows(
      database.db,
      sql`select entity_id, count(*)::int as n from audit_events where entity_id like 'race-%' group by entity_id`,
      z.object({ entity_id: z.string(), n: z.coerce.number() }),
    );
    expect(counts).toHaveLength(20);
    expect(counts.every((r) => r.n === 1)).toBe(true);
  });
});
