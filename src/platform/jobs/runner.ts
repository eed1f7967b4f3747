/**
 * The job runner: every server process polls; each due job is claimed with `FOR UPDATE SKIP LOCKED` inside a
 * transaction, its handler runs in that transaction, and the job is marked done in it. A process that dies
 * mid-job rolls back and leaves the job to the next poller, so a job's database effects commit exactly once
 * (ARCHITECTURE.md: scheduled work fires once however many processes run). A handler that throws is retried
 * with back-off up to MAX_ATTEMPTS, each failure recorded.
 */
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Db, Tx } from '../db/client.ts';
import { jobs } from './tables.ts';

export type JobRow = typeof jobs.$inferSelect;
export type JobHandler = (tx: Tx, job: JobRow, clock: Clock) => Promise<void>;
export type JobHandlers = Readonly<Record<string, JobHandler>>;

export const MAX_ATTEMPTS = 5;

/** Schedules (or moves) the job of this kind and key; a done job is not scheduled again. */
export async function schedule(
  tx: Tx,
  clock: Clock,
  job: { kind: string; key: string; runAt: Date; payload?: Record<string, unknown> },
): Promise<void> {
  await tx
    .insert(jobs)
    .values({
      kind: job.kind,
      key: job.key,
      runAt: job.runAt,
      payload: job.payload ?? {},
      status: 'pending',
      createdAt: clock.now(),
    })
    .onConflictDoUpdate({
      target: [jobs.kind, jobs.key],
      set: { runAt: job.runAt, payload: job.payload ?? {}, status: 'pending', attempts: 0, lastError: null },
      setWhere: sql`${jobs.status} <> 'done'`,
    });
}

export async function cancel(tx: Tx, kind: string, key: string): Promise<void> {
  await tx
    .update(jobs)
    .set({ status: 'cancelled' })
    .where(and(eq(jobs.kind, kind), eq(jobs.key, key), eq(jobs.status, 'pending')));
}

/**
 * Runs at most one due job; true when one was found (done or failed). Safe to call from many processes at once.
 */
export async function runOneDueJob(
  db: Db,
  clock: Clock,
  handlers: JobHandlers,
  worker: string,
): Promise<boolean> {
  const now = clock.now();
  const outcome = await db
    .transaction(async (tx) => {
      const [job] = await tx
        .select()
        .from(jobs)
        .where(and(eq(jobs.status, 'pending'), lte(jobs.runAt, now)))
        .orderBy(asc(jobs.runAt))
        .limit(1)
        .for('update', { skipLocked: true });
      if (!job) return false;
      const handler = handlers[job.kind];
      if (!handler) {
        throw new JobFailed({
          id: job.id,
          attempts: MAX_ATTEMPTS,
          error: `no handler for job kind ${job.kind}`,
        });
      }
      try {
        // A savepoint: the handler's writes go together, and a failure leaves the claim to be recorded.
        await tx.transaction((inner) => handler(inner, job, clock));
      } catch (e) {
        const error = e instanceof Error ? e.message : String(e);
        throw new JobFailed({ id: job.id, attempts: job.attempts + 1, error });
      }
      await tx
        .update(jobs)
        .set({ status: 'done', doneAt: clock.now(), doneBy: worker, attempts: job.attempts + 1 })
        .where(eq(jobs.id, job.id));
      return true;
    })
    .catch((e: unknown) => {
      if (e instanceof JobFailed) return e.failure;
      throw e;
    });
  if (typeof outcome !== 'boolean') {
    const f = outcome;
    // Recorded outside the rolled-back transaction: back off exponentially, give up after MAX_ATTEMPTS.
    const retryAt = new Date(now.getTime() + 2 ** f.attempts * 30_000);
    await db
      .update(jobs)
      .set({
        attempts: f.attempts,
        lastError: f.error.slice(0, 2000),
        status: f.attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
        runAt: retryAt,
      })
      .where(and(eq(jobs.id, f.id), eq(jobs.status, 'pending')));
    return true;
  }
  return outcome;
}

interface Failure {
  id: string;
  attempts: number;
  error: string;
}
class JobFailed extends Error {
  constructor(readonly failure: Failure) {
    super(failure.error);
  }
}

/** Runs due jobs until none is left (or `limit` ran); returns how many ran. */
export async function runDueJobs(
  db: Db,
  clock: Clock,
  handlers: JobHandlers,
  worker: string,
  limit = 100,
): Promise<number> {
  let n = 0;
  while (n < limit && (await runOneDueJob(db, clock, handlers, worker))) n++;
  return n;
}

/** Polls every `intervalMs` until stopped; errors are logged, never thrown out of the loop. */
export function startJobRunner(o: {
  db: Db;
  clock: Clock;
  handlers: JobHandlers;
  worker: string;
  intervalMs: number;
  onError: (e: unknown) => void;
}): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = (): void => {
    if (stopped) return;
    running = runDueJobs(o.db, o.clock, o.handlers, o.worker)
      .catch(o.onError)
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, o.intervalMs);
      });
  };
  let timer = setTimeout(tick, o.intervalMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
