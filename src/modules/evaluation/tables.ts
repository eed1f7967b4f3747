/**
 * Committees, their seats and the verifiable draws that fill them (RULES.md §3; ADR 0006).
 *
 * A committee belongs to one project. Its seats are the purchaser's representatives (named by the centre) and
 * the experts a draw selected. A draw is committed (server seed hashed, candidates frozen and hashed) before a
 * supervisor gives the on-site input; its inputs and result are kept whole so anyone can replay it later.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
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

// ── the evaluation room ───────────────────────────────────────────────────────────────────────────────

/**
 * One lot's evaluation and where it stands:
 * blindScoring (暗标: technical scores on anonymised parts) → checking (资格性 and 符合性 review) →
 * abnormal (异常低价: bidders explain, the committee decides) → scoring (综合评分法) → awaitingDraw (ties,
 * or the 合理定价评审抽签法 lottery) → reporting (members sign) → signed; or failed (废标).
 */
export const evaluations = pgTable(
  'evaluations',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    lotNo: integer('lot_no').notNull(),
    status: text('status').notNull(),
    method: text('method').notNull(),
    blind: boolean('blind').notNull(),
    startedAt: stamp('started_at').notNull(),
    /** Bids found qualified and responsive (after abnormal-low decisions). */
    qualified: jsonb('qualified').$type<string[]>(),
    /** The final ranking with scores and prices (exact fractions as "num/den"). */
    ranking: jsonb('ranking').$type<unknown>(),
    /** The evaluation report, and its SHA-256 every member signs. */
    report: jsonb('report').$type<unknown>(),
    reportHash: text('report_hash'),
    /** The platform's signature over the report once every member signed. */
    signedReport: jsonb('signed_report').$type<unknown>(),
    failedReason: text('failed_reason'),
    completedAt: stamp('completed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.lotNo] }),
    check(
      'evaluations_status_check',
      sql`${t.status} in ('blindScoring','checking','abnormal','scoring','awaitingDraw','reporting','signed','failed')`,
    ),
  ],
);

/** 评审专家承诺书: each member declares no conflict of interest before seeing any bid (条例9; 87号令62). */
export const evaluationDeclarations = pgTable('evaluation_declarations', {
  seatId: uuid('seat_id')
    .primaryKey()
    .references(() => committeeSeats.id),
  text: text('text').notNull(),
  signedAt: stamp('signed_at').notNull(),
});

/** 暗标 codes: 投标人A, B, C … per lot, drawn at random; the mapping shows once every blind score is locked. */
export const blindCodes = pgTable(
  'blind_codes',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    lotNo: integer('lot_no').notNull(),
    bidId: uuid('bid_id').notNull(),
    code: text('code').notNull(),
    /** The identity-leak scan of the bid's anonymised parts (identity-scan.contract.ts), for the committee. */
    scan: jsonb('scan').$type<unknown>(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.lotNo, t.bidId] }),
    uniqueIndex('blind_codes_code_idx').on(t.projectId, t.lotNo, t.code),
  ],
);

/** One member's pass/fail on one requirement of one bid, with the reason for a fail. */
export const evaluationChecks = pgTable(
  'evaluation_checks',
  {
    projectId: uuid('project_id').notNull(),
    lotNo: integer('lot_no').notNull(),
    bidId: uuid('bid_id').notNull(),
    seatId: uuid('seat_id')
      .notNull()
      .references(() => committeeSeats.id),
    kind: text('kind').notNull(),
    clauseId: text('clause_id').notNull(),
    pass: boolean('pass').notNull(),
    reason: text('reason'),
    recordedAt: stamp('recorded_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.lotNo, t.bidId, t.seatId, t.kind, t.clauseId] }),
    check('evaluation_checks_kind_check', sql`${t.kind} in ('qualification','compliance')`),
  ],
);

/** One member's points on one scoring item of one bid, in hundredths of a point. */
export const evaluationScores = pgTable(
  'evaluation_scores',
  {
    projectId: uuid('project_id').notNull(),
    lotNo: integer('lot_no').notNull(),
    bidId: uuid('bid_id').notNull(),
    seatId: uuid('seat_id')
      .notNull()
      .references(() => committeeSeats.id),
    itemId: text('item_id').notNull(),
    centiPoints: integer('centi_points').notNull(),
    recordedAt: stamp('recorded_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.lotNo, t.bidId, t.seatId, t.itemId] })],
);

/** A member locks a phase's work (blind scores, checks, scores): nothing of it changes afterwards. */
export const evaluationSubmissions = pgTable(
  'evaluation_submissions',
  {
    projectId: uuid('project_id').notNull(),
    lotNo: integer('lot_no').notNull(),
    seatId: uuid('seat_id')
      .notNull()
      .references(() => committeeSeats.id),
    phase: text('phase').notNull(),
    submittedAt: stamp('submitted_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.lotNo, t.seatId, t.phase] }),
    check('evaluation_submissions_phase_check', sql`${t.phase} in ('blind','checks','scores')`),
  ],
);

/** 异常低价 (财库〔2026〕2号): the triggers, the bidder's written explanation, the committee's decision. */
export const abnormalReviews = pgTable(
  'abnormal_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id').notNull(),
    lotNo: integer('lot_no').notNull(),
    bidId: uuid('bid_id').notNull(),
    triggers: jsonb('triggers').$type<unknown[]>().notNull(),
    requestedAt: stamp('requested_at').notNull(),
    /** At least 30 minutes after the request. */
    dueAt: stamp('due_at').notNull(),
    explanation: text('explanation'),
    explainedAt: stamp('explained_at'),
    decision: text('decision'),
    decisionReason: text('decision_reason'),
    decidedBy: uuid('decided_by').references(() => committeeSeats.id),
    decidedAt: stamp('decided_at'),
  },
  (t) => [
    check(
      'abnormal_reviews_decision_check',
      sql`${t.decision} is null or ${t.decision} in ('accepted','rejected')`,
    ),
    uniqueIndex('abnormal_reviews_bid_idx').on(t.projectId, t.lotNo, t.bidId),
  ],
);

/** A member's signature on the report: agreement, or dissent with reasons (条例41). */
export const evaluationSignatures = pgTable(
  'evaluation_signatures',
  {
    projectId: uuid('project_id').notNull(),
    lotNo: integer('lot_no').notNull(),
    seatId: uuid('seat_id')
      .notNull()
      .references(() => committeeSeats.id),
    reportHash: text('report_hash').notNull(),
    agree: boolean('agree').notNull(),
    dissent: text('dissent'),
    signedAt: stamp('signed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.lotNo, t.seatId] })],
);

export type EvaluationRow = typeof evaluations.$inferSelect;

/**
 * 算术修正 (87号令 第五十九条): the committee's correction of a bid price, in the article's order; binding only when
 * the bidder confirms it — a refusal voids the bid.
 */
export const priceCorrections = pgTable(
  'price_corrections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id').notNull(),
    lotNo: integer('lot_no').notNull(),
    bidId: uuid('bid_id').notNull(),
    originalFen: bigint('original_fen', { mode: 'bigint' }).notNull(),
    correctedFen: bigint('corrected_fen', { mode: 'bigint' }).notNull(),
    /** What the committee read (大写 text, body figure, lines) and each rule applied. */
    input: jsonb('input').$type<unknown>().notNull(),
    steps: jsonb('steps').$type<unknown[]>().notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => committeeSeats.id),
    recordedAt: stamp('recorded_at').notNull(),
    bidderDecision: text('bidder_decision'),
    decidedAt: stamp('decided_at'),
  },
  (t) => [
    check(
      'price_corrections_decision_check',
      sql`${t.bidderDecision} is null or ${t.bidderDecision} in ('confirmed','refused')`,
    ),
    uniqueIndex('price_corrections_bid_idx').on(t.projectId, t.lotNo, t.bidId),
  ],
);
