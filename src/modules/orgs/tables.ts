import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';

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
    status: text('status').notNull().default('pending'),
    reviewNote: text('review_note'),
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
    status: text('status').notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    check('experts_title_level_check', sql`${t.titleLevel} in ('senior','intermediate')`),
    check('experts_status_check', sql`${t.status} in ('pending','active','suspended','removed')`),
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

export type PurchaserRow = typeof purchasers.$inferSelect;
export type SupplierRow = typeof suppliers.$inferSelect;
export type ExpertRow = typeof experts.$inferSelect;
