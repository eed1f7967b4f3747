import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/tables.ts';

const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** One upload of a centre's records from before the platform (an XLSX file), imported whole or not at all. */
export const historicalImports = pgTable('historical_imports', {
  id: uuid('id').primaryKey().defaultRandom(),
  fileName: text('file_name').notNull(),
  /** SHA-256 of the file: the same file is not imported twice. */
  fileSha256: text('file_sha256').notNull().unique(),
  rowCount: integer('row_count').notNull(),
  importedBy: uuid('imported_by').references(() => users.id),
  importedAt: stamp('imported_at').notNull(),
});

/**
 * A procurement completed before the platform, one row per purchaser share of a lot, as the centre's ledger (台账)
 * kept it: enough for the statistics of RULES.md's reports (counts, budget, contract, paid, savings, cycle time).
 */
export const historicalProcurements = pgTable(
  'historical_procurements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    importId: uuid('import_id')
      .notNull()
      .references(() => historicalImports.id),
    /** The row of the sheet it came from (1-based, the header is row 1). */
    rowNo: integer('row_no').notNull(),
    projectCode: text('project_code').notNull(),
    projectName: text('project_name').notNull(),
    lotNo: integer('lot_no').notNull().default(1),
    purchaserName: text('purchaser_name').notNull(),
    purchaserLevel: text('purchaser_level').notNull(),
    category: text('category').notNull(),
    /** Services only: 预选 / 非预选 / PPP (seed 004's breakdown). */
    serviceKind: text('service_kind'),
    method: text('method').notNull(),
    programme: text('programme'),
    budgetFen: bigint('budget_fen', { mode: 'bigint' }).notNull(),
    contractFen: bigint('contract_fen', { mode: 'bigint' }).notNull(),
    /** Null: payment not recorded (savings are then measured against the contract amount). */
    paidFen: bigint('paid_fen', { mode: 'bigint' }),
    commissionedOn: date('commissioned_on'),
    /** The day the contract was signed: the day the procurement counts as completed in a period. */
    contractedOn: date('contracted_on').notNull(),
    supplierName: text('supplier_name'),
  },
  (t) => [
    unique('historical_procurements_share').on(t.projectCode, t.lotNo, t.purchaserName),
    check('historical_level_check', sql`${t.purchaserLevel} in ('county','township','village')`),
    check('historical_category_check', sql`${t.category} in ('goods','works','services')`),
    check(
      'historical_service_kind_check',
      sql`${t.serviceKind} is null or (${t.category} = 'services' and ${t.serviceKind} in ('preselected','nonPreselected','ppp'))`,
    ),
    check(
      'historical_method_check',
      sql`${t.method} in ('openTender','invitedTender','negotiation','consultation','rfq','singleSource')`,
    ),
    check('historical_lot_check', sql`${t.lotNo} >= 1`),
    check('historical_budget_check', sql`${t.budgetFen} > 0`),
    check('historical_contract_check', sql`${t.contractFen} >= 0`),
    check('historical_paid_check', sql`${t.paidFen} is null or ${t.paidFen} >= 0`),
    check(
      'historical_dates_check',
      sql`${t.commissionedOn} is null or ${t.commissionedOn} <= ${t.contractedOn}`,
    ),
    index('historical_contracted_idx').on(t.contractedOn),
    index('historical_import_idx').on(t.importId),
  ],
);

/** The centre's own annual targets (seed 000: "完成采购预算1亿元，资金节约率达10%以上"). */
export const annualTargets = pgTable(
  'annual_targets',
  {
    year: integer('year').primaryKey(),
    budgetFen: bigint('budget_fen', { mode: 'bigint' }).notNull(),
    /** 资金节约率 target in basis points (10% = 1000). */
    savingsRateBp: integer('savings_rate_bp').notNull(),
    setBy: uuid('set_by').references(() => users.id),
    setAt: stamp('set_at').notNull(),
  },
  (t) => [
    check('annual_targets_budget_check', sql`${t.budgetFen} > 0`),
    check('annual_targets_rate_check', sql`${t.savingsRateBp} between 0 and 10000`),
  ],
);

export type HistoricalProcurementRow = typeof historicalProcurements.$inferSelect;
