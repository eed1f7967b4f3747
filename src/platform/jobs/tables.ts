import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Scheduled work (bid opening at the deadline, reminders): one row per job, keyed so scheduling the same work
 * twice is one job. A job runs in the same transaction that marks it done, under a row lock taken with
 * SKIP LOCKED, so however many server processes poll, its effects commit exactly once.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    /** Unique per kind: `project:<id>` … Scheduling again moves the time of a pending job. */
    key: text('key').notNull(),
    runAt: stamp('run_at').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    doneAt: stamp('done_at'),
    doneBy: text('done_by'),
    createdAt: stamp('created_at').notNull(),
  },
  (t) => [
    check('jobs_status_check', sql`${t.status} in ('pending','done','failed','cancelled')`),
    index('jobs_due_idx').on(t.status, t.runAt),
    uniqueIndex('jobs_kind_key').on(t.kind, t.key),
  ],
);
