import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/tables.ts';
import { purchasers, suppliers } from '../orgs/tables.ts';
import { planLines } from '../planning/tables.ts';
import type { Requirements } from './contract.ts';

const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A PostgreSQL `tsvector`, written and read as its text form (`'lexeme':1,2 …`). */
const tsvector = customType<{ data: string; driverData: string }>({ dataType: () => 'tsvector' });

/** Stored lint outcome: the findings of the last check, with the clock it ran on. */
export interface StoredLint {
  checkedAt: string;
  findings: {
    ruleId: string;
    clauseId: string | null;
    field: 'qualification' | 'substantive' | 'specification' | 'scoring' | 'document';
    severity: 'block' | 'justify';
    article: string;
    title: string;
    quote: string;
    message: string;
  }[];
  problems: { code: string; path: string; article: string; message: string }[];
}

/** A grouping of projects with its own totals: 校安工程, 一事一议 … */
export const programmes = pgTable(
  'programmes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    year: integer('year').notNull(),
    description: text('description'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: stamp('created_at').notNull(),
  },
  (t) => [check('programmes_kind_check', sql`${t.kind} in ('schoolSafety','caseByCase','other')`)],
);

/** The standard tender templates (seed 004), one row per version; projects keep the version they used. */
export const tenderTemplates = pgTable(
  'tender_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    sections: jsonb('sections').$type<{ heading: string; body: string }[]>().notNull(),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: stamp('created_at').notNull(),
  },
  (t) => [
    check(
      'tender_templates_kind_check',
      sql`${t.kind} in ('goods','propertyServices','communityServices','medicalEquipment','works')`,
    ),
    unique('tender_templates_kind_version').on(t.kind, t.version),
  ],
);

/** Per-year project numbering: one row per year, bumped in the creating transaction. */
export const projectCounters = pgTable('project_counters', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
});

export const projects = pgTable(
  'projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    year: integer('year').notNull(),
    category: text('category').notNull(),
    method: text('method').notNull(),
    methodReason: text('method_reason'),
    status: text('status').notNull().default('draft'),
    programmeId: uuid('programme_id').references(() => programmes.id),
    /** Services only: 预选类 / 非预选类 / PPP项目 (null on services: 非预选类). */
    serviceKind: text('service_kind'),
    templateId: uuid('template_id').references(() => tenderTemplates.id),
    /** The failed project this one procures again (法36 末句), possibly by another method (法37). */
    retenderOf: uuid('retender_of').references((): AnyPgColumn => projects.id),
    requirements: jsonb('requirements').$type<Requirements>().notNull(),
    lint: jsonb('lint').$type<StoredLint>(),
    noticePublishedOn: date('notice_published_on'),
    documentsIssuedOn: date('documents_issued_on'),
    documentsAvailableUntil: date('documents_available_until'),
    bidDeadlineAt: stamp('bid_deadline_at'),
    openingAt: stamp('opening_at'),
    openingPlace: text('opening_place'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: stamp('created_at').notNull(),
    updatedAt: stamp('updated_at').notNull(),
  },
  (t) => [
    check('projects_category_check', sql`${t.category} in ('goods','works','services')`),
    check(
      'projects_method_check',
      sql`${t.method} in ('openTender','invitedTender','negotiation','consultation','rfq','singleSource')`,
    ),
    check(
      'projects_status_check',
      sql`${t.status} in ('draft','linted','approved','published','corrected','bidsClosed','opened','evaluating','awarded','contracted','failed','terminated')`,
    ),
    check(
      'projects_service_kind_check',
      sql`${t.serviceKind} is null or (${t.category} = 'services' and ${t.serviceKind} in ('preselected','nonPreselected','ppp'))`,
    ),
    index('projects_year_status_idx').on(t.year, t.status),
    index('projects_programme_idx').on(t.programmeId),
  ],
);

/** 分包: lots with their own budget and optional ceiling (最高限价 ≤ budget; no floor, 87号令 第十二条). */
export const lots = pgTable(
  'lots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    no: integer('no').notNull(),
    name: text('name').notNull(),
    budgetFen: bigint('budget_fen', { mode: 'bigint' }).notNull(),
    ceilingFen: bigint('ceiling_fen', { mode: 'bigint' }),
    quantity: text('quantity'),
    description: text('description'),
  },
  (t) => [
    unique('lots_project_no').on(t.projectId, t.no),
    check('lots_budget_check', sql`${t.budgetFen} > 0`),
    check(
      'lots_ceiling_check',
      sql`${t.ceilingFen} is null or (${t.ceilingFen} > 0 and ${t.ceilingFen} <= ${t.budgetFen})`,
    ),
  ],
);

/**
 * Each purchaser's share of a (possibly bundled, 打包采购) project: one plan line, the lot it is bought in,
 * its quantity and budget. A plan line is in at most one live project; later, one contract per share.
 */
export const projectShares = pgTable(
  'project_shares',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    planLineId: uuid('plan_line_id')
      .notNull()
      .references(() => planLines.id),
    purchaserId: uuid('purchaser_id')
      .notNull()
      .references(() => purchasers.id),
    /** Null: the share funds every lot of the project. */
    lotNo: integer('lot_no'),
    quantity: text('quantity'),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    /** False once the project is terminated or failed and its lines are free for a new project. */
    live: boolean('live').notNull().default(true),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.planLineId] }),
    check('project_shares_amount_check', sql`${t.amountFen} > 0`),
    index('project_shares_purchaser_idx').on(t.purchaserId),
    uniqueIndex('project_shares_live_line')
      .on(t.planLineId)
      .where(sql`${t.live}`),
  ],
);

/** The finance department's approval of a method other than open tender above the threshold (法27; 条例23). */
export const methodApprovals = pgTable('method_approvals', {
  projectId: uuid('project_id')
    .primaryKey()
    .references(() => projects.id),
  method: text('method').notNull(),
  reference: text('reference').notNull(),
  authority: text('authority').notNull(),
  approvedOn: date('approved_on').notNull(),
  note: text('note'),
  fileId: text('file_id'),
  recordedBy: uuid('recorded_by').references(() => users.id),
  recordedAt: stamp('recorded_at').notNull(),
});

/** A recorded reason for keeping a `justify` lint finding. */
export const lintJustifications = pgTable(
  'lint_justifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    ruleId: text('rule_id').notNull(),
    clauseId: text('clause_id').notNull().default(''),
    reason: text('reason').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: stamp('recorded_at').notNull(),
  },
  (t) => [unique('lint_justifications_finding').on(t.projectId, t.ruleId, t.clauseId)],
);

/** Notices published on the portal (财办库〔2020〕50号 types that belong to tendering). */
export const notices = pgTable(
  'notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** For a correction: the response deadline before and after it. */
    previousDeadlineAt: stamp('previous_deadline_at'),
    bidDeadlineAt: stamp('bid_deadline_at'),
    publishedOn: date('published_on').notNull(),
    publishedAt: stamp('published_at').notNull(),
    publishedBy: uuid('published_by').references(() => users.id),
    /**
     * The portal's search lexemes (CJK bigrams and ASCII words of the title, purchasers, suppliers, items and
     * project code), computed in the application by the disclosure module when the notice is published; null
     * until then (filled at start-up for older rows). See src/modules/disclosure/portal/tokenize.ts.
     */
    search: tsvector('search'),
  },
  (t) => [
    check(
      'notices_kind_check',
      sql`${t.kind} in ('prequalification','tender','invitation','correction','termination','failure','result','contract','acceptance')`,
    ),
    index('notices_published_idx').on(t.publishedAt),
    index('notices_project_idx').on(t.projectId),
    index('notices_kind_published_idx').on(t.kind, t.publishedAt),
    index('notices_search_idx').using('gin', t.search),
  ],
);

/** 澄清: a registered supplier's question; the answer goes to everyone without naming who asked. */
export const clarifications = pgTable(
  'clarifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    question: text('question').notNull(),
    askedAt: stamp('asked_at').notNull(),
    answer: text('answer'),
    answeredBy: uuid('answered_by').references(() => users.id),
    answeredAt: stamp('answered_at'),
  },
  (t) => [index('clarifications_project_idx').on(t.projectId)],
);

/**
 * Notices of one instant (a correction and a termination in the same second, or a fixed test clock) still read
 * in the order a procurement produces them.
 */
export const noticeOrder = sql`case ${notices.kind} when 'termination' then 3 when 'correction' then 2 else 1 end`;

export type ProjectRow = typeof projects.$inferSelect;
export type LotRow = typeof lots.$inferSelect;
export type ShareRow = typeof projectShares.$inferSelect;
export type NoticeRow = typeof notices.$inferSelect;
export type TemplateRow = typeof tenderTemplates.$inferSelect;
