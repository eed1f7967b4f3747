import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/tables.ts';

/** The procurement centre this installation serves (one row). */
export const centres = pgTable('centres', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  regionCode: text('region_code').notNull(),
  regionName: text('region_name').notNull(),
  address: text('address'),
  phone: text('phone'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/** Purchaser units: county/district-level units, townships and villages (a village sits under its township). */
export const purchasers = pgTable(
  'purchasers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull().unique(),
    level: text('level').notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => purchasers.id),
    regionCode: text('region_code').notNull(),
    creditCode: text('credit_code').unique(),
    financeUnit: text('finance_unit'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    address: text('address'),
    status: text('status').notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    check('purchasers_level_check', sql`${t.level} in ('county','township','village')`),
    check('purchasers_status_check', sql`${t.status} in ('active','inactive')`),
    index('purchasers_parent_idx').on(t.parentId),
  ],
);

export const suppliers = pgTable(
  'suppliers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    creditCode: text('credit_code').notNull().unique(),
    legalRepresentative: text('legal_representative').notNull(),
    size: text('size').notNull(),
    regionCode: text('region_code').notNull(),
    address: text('address'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    businessScope: text('business_scope'),
    /** 监狱企业 and 残疾人福利性单位 count as small/micro enterprises (财库〔2020〕46号 art. 2). */
    prisonEnterprise: boolean('prison_enterprise').notNull().default(false),
    disabledWelfareUnit: boolean('disabled_welfare_unit').notNull().default(false),
    email: text('email'),
    status: text('status').notNull().default('pending'),
    reviewNote: text('review_note'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    check('suppliers_size_check', sql`${t.size} in ('large','medium','small','micro')`),
    check('suppliers_status_check', sql`${t.status} in ('pending','approved','rejected')`),
  ],
);

/** Hierarchical expert specialty classification (e.g. 货物 › 信息技术设备 › 计算机). */
export const specialties = pgTable('specialties', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  parentCode: text('parent_code').references((): AnyPgColumn => specialties.code),
});

export const experts = pgTable(
  'experts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    idNumber: text('id_number').notNull().unique(),
    phone: text('phone').notNull(),
    titleLevel: text('title_level').notNull(),
    titleName: text('title_name').notNull(),
    years: integer('years').notNull(),
    employer: text('employer').notNull(),
    regionCode: text('region_code').notNull(),
    email: text('email'),
    status: text('status').notNull().default('active'),
    reviewNote: text('review_note'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    check('experts_title_level_check', sql`${t.titleLevel} in ('senior','intermediate')`),
    check('experts_status_check', sql`${t.status} in ('pending','active','suspended','removed','rejected')`),
  ],
);

export const expertSpecialties = pgTable(
  'expert_specialties',
  {
    expertId: uuid('expert_id')
      .notNull()
      .references(() => experts.id, { onDelete: 'cascade' }),
    specialtyCode: text('specialty_code')
      .notNull()
      .references(() => specialties.code),
  },
  (t) => [
    primaryKey({ columns: [t.expertId, t.specialtyCode] }),
    index('expert_specialties_code_idx').on(t.specialtyCode),
  ],
);

const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Shareholders, actual controllers and managers: 条例18 forbids related bidders in one lot. */
export const supplierPeople = pgTable(
  'supplier_people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    /** A person (ID number) or an organisation (统一社会信用代码). */
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    idNumber: text('id_number'),
    creditCode: text('credit_code'),
    /** Shareholding in basis points (1/100 of a percent), exact. */
    shareBasisPoints: integer('share_basis_points'),
  },
  (t) => [
    check('supplier_people_role_check', sql`${t.role} in ('shareholder','controller','director','manager')`),
    check('supplier_people_kind_check', sql`${t.kind} in ('person','organisation')`),
    check(
      'supplier_people_share_check',
      sql`${t.shareBasisPoints} is null or ${t.shareBasisPoints} between 0 and 10000`,
    ),
    index('supplier_people_supplier_idx').on(t.supplierId),
    index('supplier_people_id_number_idx').on(t.idNumber),
    index('supplier_people_credit_code_idx').on(t.creditCode),
  ],
);

/** Bank accounts; bid-deposit collusion checks (87号令37(6)) match payer accounts against them. */
export const supplierBankAccounts = pgTable(
  'supplier_bank_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id, { onDelete: 'cascade' }),
    bankName: text('bank_name').notNull(),
    accountName: text('account_name').notNull(),
    accountNumber: text('account_number').notNull(),
  },
  (t) => [
    index('supplier_bank_accounts_supplier_idx').on(t.supplierId),
    index('supplier_bank_accounts_number_idx').on(t.accountNumber),
  ],
);

export const supplierContacts = pgTable(
  'supplier_contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    phone: text('phone').notNull(),
    email: text('email'),
    duty: text('duty'),
  },
  (t) => [index('supplier_contacts_supplier_idx').on(t.supplierId)],
);

/** 失信 and 禁止参加政府采购活动 records with their periods; a supplier is barred while one is in force. */
export const supplierSanctions = pgTable(
  'supplier_sanctions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    reason: text('reason').notNull(),
    source: text('source').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: stamp('recorded_at').notNull(),
  },
  (t) => [
    check('supplier_sanctions_kind_check', sql`${t.kind} in ('dishonest','debarred')`),
    check('supplier_sanctions_period_check', sql`${t.endsOn} is null or ${t.endsOn} >= ${t.startsOn}`),
    index('supplier_sanctions_supplier_idx').on(t.supplierId),
  ],
);

/** Registered intermediary service firms (中介机构) for the service marketplace. */
export const intermediaries = pgTable(
  'intermediaries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    creditCode: text('credit_code').notNull().unique(),
    legalRepresentative: text('legal_representative').notNull(),
    regionCode: text('region_code').notNull(),
    address: text('address'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    /** Service categories (造价咨询, 审计, 工程监理, 测绘, 评估 …) as codes of intermediaryServiceCategories. */
    serviceCategories: text('service_categories').array().notNull(),
    status: text('status').notNull().default('pending'),
    reviewNote: text('review_note'),
    reviewedAt: stamp('reviewed_at'),
    createdAt: stamp('created_at').notNull(),
  },
  (t) => [check('intermediaries_status_check', sql`${t.status} in ('pending','approved','rejected')`)],
);

/** Qualifications and certificates of a supplier or an intermediary, with their expiry dates. */
export const qualifications = pgTable(
  'qualifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    supplierId: uuid('supplier_id').references(() => suppliers.id, { onDelete: 'cascade' }),
    intermediaryId: uuid('intermediary_id').references(() => intermediaries.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    certificateNo: text('certificate_no').notNull(),
    issuer: text('issuer').notNull(),
    grade: text('grade'),
    validFrom: date('valid_from'),
    validUntil: date('valid_until'),
    /** The scanned certificate in the file store. */
    fileHash: text('file_hash'),
  },
  (t) => [
    check('qualifications_owner_check', sql`(${t.supplierId} is null) <> (${t.intermediaryId} is null)`),
    index('qualifications_supplier_idx').on(t.supplierId),
    index('qualifications_intermediary_idx').on(t.intermediaryId),
  ],
);

/** Review decisions on suppliers, experts and intermediaries, newest last: who decided what, when, why. */
export const registryReviews = pgTable(
  'registry_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id').notNull(),
    decision: text('decision').notNull(),
    reason: text('reason'),
    reviewerId: uuid('reviewer_id').references(() => users.id),
    at: stamp('at').notNull(),
  },
  (t) => [
    check('registry_reviews_entity_check', sql`${t.entityType} in ('supplier','expert','intermediary')`),
    check('registry_reviews_decision_check', sql`${t.decision} in ('approved','rejected','resubmitted')`),
    index('registry_reviews_entity_idx').on(t.entityType, t.entityId),
  ],
);

/** Current and past employers: 条例9 recuses an expert from bidders it worked for within 3 years. */
export const expertEmployments = pgTable(
  'expert_employments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    expertId: uuid('expert_id')
      .notNull()
      .references(() => experts.id, { onDelete: 'cascade' }),
    employer: text('employer').notNull(),
    creditCode: text('credit_code'),
    position: text('position'),
    startedOn: date('started_on').notNull(),
    endedOn: date('ended_on'),
  },
  (t) => [
    check('expert_employments_period_check', sql`${t.endedOn} is null or ${t.endedOn} >= ${t.startedOn}`),
    index('expert_employments_expert_idx').on(t.expertId),
  ],
);

/** Relatives and declared conflicts of interest, matched against bidders and purchasers at a draw. */
export const expertRelations = pgTable(
  'expert_relations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    expertId: uuid('expert_id')
      .notNull()
      .references(() => experts.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    relation: text('relation').notNull(),
    organisation: text('organisation'),
    creditCode: text('credit_code'),
    note: text('note'),
    declaredAt: stamp('declared_at').notNull(),
  },
  (t) => [
    check('expert_relations_kind_check', sql`${t.kind} in ('relative','conflict')`),
    index('expert_relations_expert_idx').on(t.expertId),
  ],
);

/** Periods an expert cannot be drawn (leave, training, illness). */
export const expertLeaves = pgTable(
  'expert_leaves',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    expertId: uuid('expert_id')
      .notNull()
      .references(() => experts.id, { onDelete: 'cascade' }),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [
    check('expert_leaves_period_check', sql`${t.endsOn} >= ${t.startsOn}`),
    index('expert_leaves_expert_idx').on(t.expertId),
  ],
);

/**
 * One row per review an expert sat on: the demand side of the pool coverage report, the yearly review count,
 * and the rating the centre gives afterwards (1–5). Evaluation (issue 6) writes these.
 */
export const expertReviews = pgTable(
  'expert_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    expertId: uuid('expert_id')
      .notNull()
      .references(() => experts.id, { onDelete: 'cascade' }),
    projectRef: text('project_ref').notNull(),
    specialtyCode: text('specialty_code')
      .notNull()
      .references(() => specialties.code),
    reviewedOn: date('reviewed_on').notNull(),
    rating: integer('rating'),
    ratingNote: text('rating_note'),
    ratedBy: uuid('rated_by').references(() => users.id),
  },
  (t) => [
    check('expert_reviews_rating_check', sql`${t.rating} is null or ${t.rating} between 1 and 5`),
    index('expert_reviews_expert_idx').on(t.expertId),
    index('expert_reviews_specialty_on_idx').on(t.specialtyCode, t.reviewedOn),
  ],
);

export type PurchaserRow = typeof purchasers.$inferSelect;
export type SupplierRow = typeof suppliers.$inferSelect;
export type ExpertRow = typeof experts.$inferSelect;
export type IntermediaryRow = typeof intermediaries.$inferSelect;
