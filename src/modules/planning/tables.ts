import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/tables.ts';
import { purchasers } from '../orgs/tables.ts';

const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Procurement thresholds as configuration (RULES.md §1.1): dated rows per jurisdiction, budget level, object
 * category and kind, resolved by planning/thresholds.ts. Never literals in code.
 */
export const procurementThresholds = pgTable(
  'procurement_thresholds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    jurisdiction: text('jurisdiction').notNull(),
    level: text('level').notNull(),
    category: text('category').notNull(),
    kind: text('kind').notNull(),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    effectiveFrom: date('effective_from').notNull(),
    effectiveTo: date('effective_to'),
    source: text('source').notNull(),
  },
  (t) => [
    check('thresholds_level_check', sql`${t.level} in ('central','provincial','municipal','county')`),
    check('thresholds_category_check', sql`${t.category} in ('goods','works','services')`),
    check(
      'thresholds_kind_check',
      sql`${t.kind} in ('openTender','procurementLimit','worksMandatoryTender')`,
    ),
    check('thresholds_amount_check', sql`${t.amountFen} > 0`),
  ],
);

/** A budget line of a purchaser unit's annual procurement plan (政府采购预算/计划). */
export const planLines = pgTable(
  'plan_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    purchaserId: uuid('purchaser_id')
      .notNull()
      .references(() => purchasers.id),
    year: integer('year').notNull(),
    budgetItem: text('budget_item').notNull(),
    /** 品目 of the 政府采购品目分类目录 (e.g. A02010104 台式计算机). */
    itemCode: text('item_code').notNull(),
    itemName: text('item_name').notNull(),
    category: text('category').notNull(),
    quantity: text('quantity'),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    /** The month the purchase is expected to start (月度采购活动计划). */
    plannedMonth: integer('planned_month').notNull(),
    description: text('description'),
    status: text('status').notNull().default('draft'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: stamp('created_at').notNull(),
  },
  (t) => [
    check('plan_lines_category_check', sql`${t.category} in ('goods','works','services')`),
    check(
      'plan_lines_status_check',
      sql`${t.status} in ('draft','intentionPublished','commissioned','accepted','returned','cancelled')`,
    ),
    check('plan_lines_amount_check', sql`${t.amountFen} > 0`),
    check('plan_lines_month_check', sql`${t.plannedMonth} between 1 and 12`),
    index('plan_lines_purchaser_year_idx').on(t.purchaserId, t.year),
    index('plan_lines_item_idx').on(t.itemCode, t.year),
  ],
);

/** 采购意向公开 (财库〔2020〕10号): published at least 30 days before the purchase starts, unless urgent. */
export const intentions = pgTable(
  'intentions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planLineId: uuid('plan_line_id')
      .notNull()
      .unique()
      .references(() => planLines.id),
    summary: text('summary').notNull(),
    expectedStartOn: date('expected_start_on').notNull(),
    publishedOn: date('published_on').notNull(),
    publishedAt: stamp('published_at').notNull(),
    urgent: boolean('urgent').notNull().default(false),
    urgentReason: text('urgent_reason'),
  },
  (t) => [check('intentions_urgent_reason_check', sql`not ${t.urgent} or ${t.urgentReason} is not null`)],
);

/** The commission (委托) of a plan line to the centre, and the centre's answer. */
export const commissions = pgTable('commissions', {
  id: uuid('id').primaryKey().defaultRandom(),
  planLineId: uuid('plan_line_id')
    .notNull()
    .unique()
    .references(() => planLines.id),
  submittedBy: uuid('submitted_by').references(() => users.id),
  submittedAt: stamp('submitted_at').notNull(),
  note: text('note'),
  decidedBy: uuid('decided_by').references(() => users.id),
  decidedAt: stamp('decided_at'),
  decisionNote: text('decision_note'),
});

export type PlanLineRow = typeof planLines.$inferSelect;
export type ThresholdDbRow = typeof procurementThresholds.$inferSelect;
