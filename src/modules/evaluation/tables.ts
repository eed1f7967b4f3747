/**
 * Committees, their seats and the verifiable draws that fill them (RULES.md §3; ADR 0006).
 *
 * A committee belongs to one project. Its seats are the purchaser's representatives (named by the centre) and
 * the experts a draw selected. A draw is committed (server seed hashed, candidates frozen and hashed) before a
 * supervisor gives the on-site input; its inputs and result are kept whole so anyone can replay it later.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/tables.ts';
import { experts } from '../orgs/tables.ts';
import { projects } from '../tendering/tables.ts';

const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** One expert slot of a committee: how many from which specialty, and how many alternates to draw. */
export interface SlotSpec {
  specialtyCode: string;
  count: number;
  alternates: number;
}

export const committees = pgTable(
  'committees',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .unique()
      .references(() => projects.id),
    reviewAt: stamp('review_at').notNull(),
    reviewPlace: text('review_place').notNull(),
    /** 远程异地评审: the 2-working-day draw limit does not apply (198号). */
    remote: boolean('remote').notNull().default(false),
    /** 技术复杂、专业性强或社会影响较大 (87号令 第四十七条): at least seven members. */
    complex: boolean('complex').notNull().default(false),
    slots: jsonb('slots').$type<SlotSpec[]>().notNull(),
    /** Divisions experts are drawn from; empty = the whole pool. */
    regionCodes: jsonb('region_codes').$type<string[]>().notNull().default([]),
    status: text('status').notNull().default('forming'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: stamp('created_at').notNull(),
  },
  (t) => [check('committees_status_check', sql`${t.status} in ('forming','formed','dissolved')`)],
);

export const draws = pgTable(
  'draws',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    committeeId: uuid('committee_id').references(() => committees.id),
    purpose: text('purpose').notNull(),
    subject: text('subject').notNull(),
    /** Secret until the draw: only its SHA-256 (serverCommitment) is shown before. */
    serverSeed: text('server_seed').notNull(),
    serverCommitment: text('server_commitment').notNull(),
    /** The frozen candidates of every slot, in the order the algorithm reads them (draw.contract.ts DrawSlot[]). */
    slots: jsonb('slots').$type<unknown[]>().notNull(),
    candidateListHash: text('candidate_list_hash').notNull(),
    /** Why candidates were left out, for the record (recusal, leave, region, specialty fallback). */
    exclusions: jsonb('exclusions').$type<unknown[]>().notNull().default([]),
    preparedBy: uuid('prepared_by').references(() => users.id),
    preparedAt: stamp('prepared_at').notNull(),
    supervisorInput: text('supervisor_input'),
    supervisorUserId: uuid('supervisor_user_id').references(() => users.id),
    drawnAt: stamp('drawn_at'),
    seed: text('seed'),
    result: jsonb('result').$type<unknown>(),
    status: text('status').notNull().default('committed'),
  },
  (t) => [
    check('draws_purpose_check', sql`${t.purpose} in ('committee','tieBreak','lottery')`),
    check('draws_status_check', sql`${t.status} in ('committed','drawn','void')`),
    index('draws_project_idx').on(t.projectId),
  ],
);

export const committeeSeats = pgTable(
  'committee_seats',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    committeeId: uuid('committee_id')
      .notNull()
      .references(() => committees.id),
    kind: text('kind').notNull(),
    expertId: uuid('expert_id').references(() => experts.id),
    /** A purchaser representative's account, when it has one; its name otherwise. */
    userId: uuid('user_id').references(() => users.id),
    name: text('name'),
    drawId: uuid('draw_id').references(() => draws.id),
    slotKey: text('slot_key'),
    /** Order in which the seat was filled: drawn members first, replacements after. */
    position: integer('position').notNull(),
    status: text('status').notNull(),
    declineReason: text('decline_reason'),
    respondedAt: stamp('responded_at'),
    /** The seat this one replaces (a decline or a recusal at the review). */
    replaces: uuid('replaces'),
    chair: boolean('chair').notNull().default(false),
    createdAt: stamp('created_at').notNull(),
  },
  (t) => [
    check('committee_seats_kind_check', sql`${t.kind} in ('expert','purchaserRep')`),
    check(
      'committee_seats_status_check',
      sql`${t.status} in ('invited','confirmed','declined','recused','absent')`,
    ),
    check(
      'committee_seats_who_check',
      sql`(${t.kind} = 'expert' and ${t.expertId} is not null) or (${t.kind} = 'purchaserRep' and ${t.name} is not null)`,
    ),
    index('committee_seats_committee_idx').on(t.committeeId),
    index('committee_seats_expert_idx').on(t.expertId),
  ],
);

export type CommitteeRow = typeof committees.$inferSelect;
export type DrawRow = typeof draws.$inferSelect;
export type SeatRow = typeof committeeSeats.$inferSelect;
