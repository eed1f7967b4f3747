/**
 * From award to payment (RULES.md §2.2, §2.3, §6): the winner's confirmation per lot, letters to bidders,
 * challenges (质疑) and complaints (投诉), contracts signed by both parties' own keys, amendments, performance
 * supervision (履约监管), acceptance (验收), invoices and payments.
 *
 * Every due day is stored as the calendar day the working-day engine computed when the clock started, beside the
 * day the step happened, so overdue items are a plain comparison and the statistics need no recomputation.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
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
} from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/tables.ts';
import { purchasers, suppliers } from '../orgs/tables.ts';
import { planLines } from '../planning/tables.ts';
import { notices, projects } from '../tendering/tables.ts';

const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A candidate of the signed report, in the report's order (the purchaser must follow it, 条例43). */
export interface AwardCandidate {
  bidId: string;
  supplierId: string;
  supplierName: string;
  rank: number;
  /** The price the bidder would be paid (after any confirmed arithmetic correction), in fen. */
  priceFen: string;
}

/** A higher-ranked candidate the purchaser passed over, and the lawful reason (87号令 第四十九条 ⚠️, 第六十八条). */
export interface PassedOver {
  bidId: string;
  reason: string;
}

/**
 * 确定中标（成交）供应商 per lot. Created when the lot's report is signed and delivered to the purchaser; the
 * purchaser confirms in the report's order within 5 WD, otherwise the first candidate is deemed confirmed
 * (条例43; 87号令 第六十八条). The result notice then must follow within 2 WD.
 */
export const awards = pgTable(
  'awards',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    lotNo: integer('lot_no').notNull(),
    status: text('status').notNull(),
    reportDeliveredOn: date('report_delivered_on').notNull(),
    confirmationDueOn: date('confirmation_due_on').notNull(),
    candidates: jsonb('candidates').$type<AwardCandidate[]>().notNull(),
    winnerBidId: uuid('winner_bid_id'),
    winnerSupplierId: uuid('winner_supplier_id').references(() => suppliers.id),
    amountFen: bigint('amount_fen', { mode: 'bigint' }),
    passedOver: jsonb('passed_over').$type<PassedOver[]>().notNull().default([]),
    /** A lawful reason the purchaser recorded for not confirming within the period (stops the deeming). */
    delayReason: text('delay_reason'),
    deemed: boolean('deemed').notNull().default(false),
    confirmedOn: date('confirmed_on'),
    confirmedAt: stamp('confirmed_at'),
    confirmedBy: uuid('confirmed_by').references(() => users.id),
    noticeDueOn: date('notice_due_on'),
    noticeId: uuid('notice_id').references(() => notices.id),
    noticedOn: date('noticed_on'),
    /** The last day of the 1-WD result-notice period; result challenges count 7 WD from it (条例53). */
    noticePeriodEndsOn: date('notice_period_ends_on'),
    failedReason: text('failed_reason'),
    updatedAt: stamp('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.lotNo] }),
    check(
      'awards_status_check',
      sql`${t.status} in ('awaitingConfirmation','confirmed','noticed','reevaluation','failed')`,
    ),
    check('awards_amount_check', sql`${t.amountFen} is null or ${t.amountFen} > 0`),
  ],
);

/**
 * 中标（成交）通知书 to the winner and 结果告知书 to every other bidder of the lot, with its own rank, scores and the
 * reasons it did not win (条例43; 87号令 第六十九条). Written with the result notice; read by the bidder only.
 */
export const awardLetters = pgTable(
  'award_letters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    lotNo: integer('lot_no').notNull(),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    bidId: uuid('bid_id').notNull(),
    kind: text('kind').notNull(),
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    issuedAt: stamp('issued_at').notNull(),
    readAt: stamp('read_at'),
  },
  (t) => [
    check('award_letters_kind_check', sql`${t.kind} in ('award','result')`),
    index('award_letters_supplier_idx').on(t.supplierId),
    index('award_letters_lot_idx').on(t.projectId, t.lotNo),
  ],
);

/**
 * 质疑 (法52–54; 条例53–54; 94号令): filed online by a supplier within 7 WD of when it knew (for the result: from
 * the end of the notice period); replied within 7 WD. One that may affect the result suspends contract signing
 * (or performance, when signed) until it is settled (条例54).
 */
export const challenges = pgTable(
  'challenges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    /** Null: the challenge concerns the whole project. */
    lotNo: integer('lot_no'),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    subject: text('subject').notNull(),
    /** For documents and process challenges: the day the supplier knew (received, or the step ended). */
    knewOn: date('knew_on'),
    requests: text('requests').notNull(),
    facts: text('facts').notNull(),
    evidenceFileIds: jsonb('evidence_file_ids').$type<string[]>().notNull().default([]),
    filedAt: stamp('filed_at').notNull(),
    filedOn: date('filed_on').notNull(),
    windowClosesOn: date('window_closes_on').notNull(),
    replyDueOn: date('reply_due_on').notNull(),
    /** Whether it may affect the result; while true and unsettled, signing (or performance) is suspended. */
    affectsResult: boolean('affects_result').notNull(),
    status: text('status').notNull(),
    reply: text('reply'),
    outcome: text('outcome'),
    remedy: text('remedy'),
    repliedOn: date('replied_on'),
    repliedAt: stamp('replied_at'),
    repliedBy: uuid('replied_by').references(() => users.id),
    filedBy: uuid('filed_by').references(() => users.id),
  },
  (t) => [
    check('challenges_subject_check', sql`${t.subject} in ('documents','process','result')`),
    check('challenges_status_check', sql`${t.status} in ('received','answered','withdrawn')`),
    check('challenges_outcome_check', sql`${t.outcome} is null or ${t.outcome} in ('dismissed','upheld')`),
    check(
      'challenges_remedy_check',
      sql`${t.remedy} is null or ${t.remedy} in ('documentsCorrected','reevaluation','winnerChanged','retender')`,
    ),
    index('challenges_project_idx').on(t.projectId),
    index('challenges_supplier_idx').on(t.supplierId),
  ],
);

/**
 * 投诉 to the finance supervisor (法55–58; 94号令): within 15 WD after the reply period; acceptance reviewed in
 * 5 WD; decided within 30 WD (time for inspection, testing, expert review excluded); procurement suspended at
 * most 30 calendar days.
 */
export const complaints = pgTable(
  'complaints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    requests: text('requests').notNull(),
    facts: text('facts').notNull(),
    evidenceFileIds: jsonb('evidence_file_ids').$type<string[]>().notNull().default([]),
    filedAt: stamp('filed_at').notNull(),
    filedOn: date('filed_on').notNull(),
    windowClosesOn: date('window_closes_on').notNull(),
    acceptanceDueOn: date('acceptance_due_on').notNull(),
    status: text('status').notNull(),
    acceptedOn: date('accepted_on'),
    rejectionReason: text('rejection_reason'),
    decisionDueOn: date('decision_due_on'),
    /** Working days excluded from the decision clock (inspection, testing, expert review; 94号令 第二十七条). */
    excludedWorkingDays: integer('excluded_working_days').notNull().default(0),
    suspendedOn: date('suspended_on'),
    suspensionEndsOn: date('suspension_ends_on'),
    suspensionLiftedOn: date('suspension_lifted_on'),
    decision: text('decision'),
    outcome: text('outcome'),
    remedy: text('remedy'),
    decidedOn: date('decided_on'),
    decidedAt: stamp('decided_at'),
    decidedBy: uuid('decided_by').references(() => users.id),
    filedBy: uuid('filed_by').references(() => users.id),
  },
  (t) => [
    check(
      'complaints_status_check',
      sql`${t.status} in ('received','accepted','rejected','decided','withdrawn')`,
    ),
    check('complaints_outcome_check', sql`${t.outcome} is null or ${t.outcome} in ('dismissed','upheld')`),
    check(
      'complaints_remedy_check',
      sql`${t.remedy} is null or ${t.remedy} in ('documentsCorrected','reevaluation','winnerChanged','retender')`,
    ),
    check('complaints_excluded_check', sql`${t.excludedWorkingDays} >= 0`),
    index('complaints_project_idx').on(t.projectId),
  ],
);

/** The key a browser wraps with the wrapping passphrase (PBKDF2-SHA-256 → AES-256-GCM), never seen in clear here. */
export interface WrappedSigningKey {
  kdf: 'PBKDF2-SHA-256';
  iterations: number;
  salt: string;
  iv: string;
  /** PKCS#8 of the private key, AES-GCM encrypted, base64. */
  ciphertext: string;
}

/**
 * An account's signing key (Ed25519): made in the holder's browser, the private half kept here only wrapped with
 * the holder's passphrase, so the platform cannot sign for anyone. One active key per account.
 */
export const signingKeys = pgTable(
  'signing_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    algorithm: text('algorithm').notNull(),
    /** SubjectPublicKeyInfo, base64. */
    publicKey: text('public_key').notNull(),
    /** SHA-256 of the SPKI bytes, hex. */
    fingerprint: text('fingerprint').notNull(),
    wrapped: jsonb('wrapped').$type<WrappedSigningKey>().notNull(),
    createdAt: stamp('created_at').notNull(),
    revokedAt: stamp('revoked_at'),
  },
  (t) => [
    check('signing_keys_algorithm_check', sql`${t.algorithm} in ('Ed25519')`),
    uniqueIndex('signing_keys_active_user')
      .on(t.userId)
      .where(sql`${t.revokedAt} is null`),
  ],
);

/**
 * 政府采购合同: one per lot and purchaser (a bundled lot gives each purchaser its own contract for its share),
 * generated from the project's template and the award, signed by both parties within 30 日 of the notice (法46),
 * published within 2 WD (条例50), filed within 7 WD (法47).
 */
export const contracts = pgTable(
  'contracts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    lotNo: integer('lot_no').notNull(),
    purchaserId: uuid('purchaser_id')
      .notNull()
      .references(() => purchasers.id),
    planLineId: uuid('plan_line_id').references(() => planLines.id),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    bidId: uuid('bid_id').notNull(),
    status: text('status').notNull(),
    /** The purchaser's budget for this contract (its share of the lot), for savings. */
    budgetFen: bigint('budget_fen', { mode: 'bigint' }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    bondFen: bigint('bond_fen', { mode: 'bigint' })
      .notNull()
      .default(sql`0`),
    bondForm: text('bond_form'),
    /** Payment term in 日 from acceptance (null: none agreed); SME terms capped (保障中小企业款项支付条例9). */
    paymentTermsDays: integer('payment_terms_days'),
    sme: boolean('sme').notNull(),
    performancePeriod: text('performance_period'),
    deliveryPlace: text('delivery_place'),
    /** The contract text as a document model, and the SHA-256 both parties sign. */
    document: jsonb('document').$type<Record<string, unknown>>().notNull(),
    documentHash: text('document_hash').notNull(),
    signingDueOn: date('signing_due_on').notNull(),
    signedOn: date('signed_on'),
    publicationDueOn: date('publication_due_on'),
    noticeId: uuid('notice_id').references(() => notices.id),
    publishedOn: date('published_on'),
    filingDueOn: date('filing_due_on'),
    filedOn: date('filed_on'),
    filingReference: text('filing_reference'),
    terminatedReason: text('terminated_reason'),
    createdAt: stamp('created_at').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    updatedAt: stamp('updated_at').notNull(),
  },
  (t) => [
    check(
      'contracts_status_check',
      sql`${t.status} in ('draft','signing','signed','accepted','completed','terminated')`,
    ),
    check('contracts_amount_check', sql`${t.amountFen} > 0 and ${t.budgetFen} > 0`),
    check('contracts_bond_check', sql`${t.bondFen} >= 0 and ${t.bondFen} * 10 <= ${t.amountFen}`),
    check('contracts_terms_check', sql`${t.paymentTermsDays} is null or ${t.paymentTermsDays} > 0`),
    index('contracts_project_idx').on(t.projectId, t.lotNo),
    index('contracts_supplier_idx').on(t.supplierId),
    index('contracts_purchaser_idx').on(t.purchaserId),
  ],
);

/** A party's signature over the contract's statement (document hash, parties, amount), with the key it used. */
export const contractSignatures = pgTable(
  'contract_signatures',
  {
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id),
    party: text('party').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    keyId: uuid('key_id')
      .notNull()
      .references(() => signingKeys.id),
    statement: jsonb('statement').$type<Record<string, unknown>>().notNull(),
    signature: text('signature').notNull(),
    signedAt: stamp('signed_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.contractId, t.party] }),
    check('contract_signatures_party_check', sql`${t.party} in ('purchaser','supplier')`),
  ],
);

/** 合同变更/补充: changes and add-on purchases (法49: add-ons ≤ 10% of the original amount), and termination. */
export const contractAmendments = pgTable(
  'contract_amendments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id),
    kind: text('kind').notNull(),
    /** Add-on amount (positive) or change of price (either sign), in fen; 0 for a change of other terms. */
    amountFen: bigint('amount_fen', { mode: 'bigint' })
      .notNull()
      .default(sql`0`),
    content: text('content').notNull(),
    reason: text('reason').notNull(),
    effectiveOn: date('effective_on').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: stamp('recorded_at').notNull(),
  },
  (t) => [
    check('contract_amendments_kind_check', sql`${t.kind} in ('addOn','change','termination')`),
    index('contract_amendments_contract_idx').on(t.contractId),
  ],
);

/** 履约节点: delivery, installation, training, service periods — reported by the supplier, confirmed by the purchaser. */
export const milestones = pgTable(
  'milestones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id),
    seq: integer('seq').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    dueOn: date('due_on').notNull(),
    /** For a service period: its last day. */
    periodEndsOn: date('period_ends_on'),
    reportedOn: date('reported_on'),
    reportNote: text('report_note'),
    reportedBy: uuid('reported_by').references(() => users.id),
    confirmedOn: date('confirmed_on'),
    confirmedBy: uuid('confirmed_by').references(() => users.id),
    createdAt: stamp('created_at').notNull(),
  },
  (t) => [
    check(
      'milestones_kind_check',
      sql`${t.kind} in ('delivery','installation','training','service','other')`,
    ),
    unique('milestones_contract_seq').on(t.contractId, t.seq),
  ],
);

/** 履约问题: raised by the purchaser (or a supervisor), answered by the supplier, closed by the purchaser. */
export const performanceIssues = pgTable(
  'performance_issues',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id),
    milestoneId: uuid('milestone_id').references(() => milestones.id),
    category: text('category').notNull(),
    description: text('description').notNull(),
    raisedBy: uuid('raised_by').references(() => users.id),
    raisedAt: stamp('raised_at').notNull(),
    responseDueOn: date('response_due_on').notNull(),
    response: text('response'),
    respondedBy: uuid('responded_by').references(() => users.id),
    respondedAt: stamp('responded_at'),
    status: text('status').notNull(),
    resolution: text('resolution'),
    closedBy: uuid('closed_by').references(() => users.id),
    closedAt: stamp('closed_at'),
  },
  (t) => [
    check(
      'performance_issues_category_check',
      sql`${t.category} in ('late','quality','quantity','service','other')`,
    ),
    check('performance_issues_status_check', sql`${t.status} in ('open','answered','closed')`),
    index('performance_issues_contract_idx').on(t.contractId),
  ],
);

/** One line of the acceptance checklist: from the requirements, the winner's commitments or the contract. */
export interface AcceptanceItem {
  id: string;
  source: 'requirement' | 'commitment' | 'contract';
  item: string;
  expected: string;
  result: 'pass' | 'fail' | 'notApplicable';
  note?: string;
}

/** 履约验收 (财库〔2016〕205号; 法41): the checklist, the conclusion, and for public services a result notice. */
export const acceptances = pgTable(
  'acceptances',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id),
    items: jsonb('items').$type<AcceptanceItem[]>().notNull(),
    conclusion: text('conclusion').notNull(),
    acceptedOn: date('accepted_on').notNull(),
    members: jsonb('members').$type<string[]>().notNull(),
    /** A quality-testing body took part (large or complex projects). */
    testingBody: text('testing_body'),
    opinion: text('opinion').notNull(),
    reportHash: text('report_hash').notNull(),
    noticeId: uuid('notice_id').references(() => notices.id),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: stamp('recorded_at').notNull(),
  },
  (t) => [
    check('acceptances_conclusion_check', sql`${t.conclusion} in ('passed','failed')`),
    index('acceptances_contract_idx').on(t.contractId),
  ],
);

/** 发票: received by the purchaser against a contract. */
export const invoices = pgTable(
  'invoices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id),
    number: text('number').notNull(),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    issuedOn: date('issued_on').notNull(),
    receivedOn: date('received_on').notNull(),
    /** The day payment falls due (SME terms from acceptance, 保障中小企业款项支付条例9–10), or null. */
    dueOn: date('due_on'),
    status: text('status').notNull(),
    fileId: text('file_id'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: stamp('recorded_at').notNull(),
  },
  (t) => [
    check('invoices_amount_check', sql`${t.amountFen} > 0`),
    check('invoices_status_check', sql`${t.status} in ('received','paid','rejected')`),
    unique('invoices_contract_number').on(t.contractId, t.number),
  ],
);

/** 资金支付: what the purchaser actually paid (the seeds' 实际支付采购金额). */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id),
    invoiceId: uuid('invoice_id').references(() => invoices.id),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    paidOn: date('paid_on').notNull(),
    dueOn: date('due_on'),
    reference: text('reference').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: stamp('recorded_at').notNull(),
  },
  (t) => [
    check('payments_amount_check', sql`${t.amountFen} > 0`),
    index('payments_contract_idx').on(t.contractId),
  ],
);
