import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
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
import type { SignedStatement } from '../../platform/signing.ts';
import { suppliers } from '../orgs/tables.ts';
import { projects } from '../tendering/tables.ts';
import type { KeyShares, PassphraseWrapped, SealedDocumentMeta, SealedPart } from './sealing.contract.ts';

const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A custodian's opening key (ADR 0005): the public key, and the private key wrapped under their passphrase. */
export const custodianKeys = pgTable(
  'custodian_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    publicKey: text('public_key').notNull(),
    wrappedPrivateKey: jsonb('wrapped_private_key').$type<PassphraseWrapped>().notNull(),
    createdAt: stamp('created_at').notNull(),
    revokedAt: stamp('revoked_at'),
  },
  (t) => [
    uniqueIndex('custodian_keys_active_user')
      .on(t.userId)
      .where(sql`${t.revokedAt} is null`),
  ],
);

/** Whose keys hold the centre's and the supervisor's shares of every bid of a project. */
export const projectCustodians = pgTable('project_custodians', {
  projectId: uuid('project_id')
    .primaryKey()
    .references(() => projects.id),
  centreKeyId: uuid('centre_key_id')
    .notNull()
    .references(() => custodianKeys.id),
  supervisorKeyId: uuid('supervisor_key_id')
    .notNull()
    .references(() => custodianKeys.id),
  assignedBy: uuid('assigned_by').references(() => users.id),
  assignedAt: stamp('assigned_at').notNull(),
});

/** 报名: a supplier registered for a published project. */
export const bidRegistrations = pgTable(
  'bid_registrations',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    registeredAt: stamp('registered_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.supplierId] })],
);

/** A sealed bid: ciphertexts, wrapped key shares, the signed receipt. Nothing here reads before opening. */
export const bids = pgTable(
  'bids',
  {
    /** Chosen by the bidder's client before sealing; a retried upload with the same id is the same bid. */
    id: uuid('id').primaryKey(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    status: text('status').notNull(),
    declarations: jsonb('declarations').$type<SealedPart>().notNull(),
    manifest: jsonb('manifest').$type<SealedPart>().notNull(),
    /** The documents declared in the envelope; their bytes arrive by resumable upload. */
    documents: jsonb('documents').$type<SealedDocumentMeta[]>().notNull(),
    shares: jsonb('shares').$type<KeyShares>().notNull(),
    envelopeHash: text('envelope_hash').notNull(),
    /** Signed when the bid is whole (every document received and checked); null while uploading. */
    receipt: jsonb('receipt').$type<SignedStatement<unknown>>(),
    submittedAt: stamp('submitted_at').notNull(),
    withdrawnAt: stamp('withdrawn_at'),
    replacedBy: uuid('replaced_by'),
  },
  (t) => [
    check('bids_status_check', sql`${t.status} in ('uploading','submitted','replaced','withdrawn')`),
    check('bids_receipt_check', sql`${t.status} in ('uploading','withdrawn') or ${t.receipt} is not null`),
    // One live bid per supplier and project: a new one replaces it.
    uniqueIndex('bids_live_per_supplier')
      .on(t.projectId, t.supplierId)
      .where(sql`${t.status} = 'submitted'`),
  ],
);

/** A sealed document once whole: its bytes in the content-addressed file store. */
export const bidDocuments = pgTable(
  'bid_documents',
  {
    bidId: uuid('bid_id')
      .notNull()
      .references(() => bids.id),
    part: text('part').notNull(),
    /** The file store's address of the sealed bytes. */
    blob: text('blob').notNull(),
    sha256: text('sha256').notNull(),
    bytes: bigint('bytes', { mode: 'number' }).notNull(),
    storedAt: stamp('stored_at').notNull(),
    /** After the opening: the decrypted document, and what the sealed manifest called it. */
    plainBlob: text('plain_blob'),
    name: text('name'),
    mime: text('mime'),
  },
  (t) => [primaryKey({ columns: [t.bidId, t.part] })],
);

/** Each lot's sealed price sheet (开标一览表 row). */
export const bidLots = pgTable(
  'bid_lots',
  {
    bidId: uuid('bid_id')
      .notNull()
      .references(() => bids.id),
    lotNo: integer('lot_no').notNull(),
    priceSheet: jsonb('price_sheet').$type<SealedPart>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.bidId, t.lotNo] })],
);

export type BidRow = typeof bids.$inferSelect;

/** The opening of one lot (开标): not opened with fewer than three bids, else awaiting keys, then opened. */
export const lotOpenings = pgTable(
  'lot_openings',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    lotNo: integer('lot_no').notNull(),
    status: text('status').notNull(),
    bidCount: integer('bid_count').notNull(),
    startedAt: stamp('started_at').notNull(),
    completedAt: stamp('completed_at'),
    /** The opening record (开标记录), signed by the platform. */
    record: jsonb('record').$type<SignedStatement<unknown>>(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.lotNo] }),
    check('lot_openings_status_check', sql`${t.status} in ('notOpened','awaitingKeys','opened')`),
  ],
);

/** A key share handed in at the opening, after the deadline: unwrapped in its holder's browser. */
export const openingShares = pgTable(
  'opening_shares',
  {
    bidId: uuid('bid_id')
      .notNull()
      .references(() => bids.id),
    holder: text('holder').notNull(),
    share: text('share').notNull(),
    submittedBy: uuid('submitted_by').references(() => users.id),
    submittedAt: stamp('submitted_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.bidId, t.holder] }),
    check('opening_shares_holder_check', sql`${t.holder} in ('bidder','centre','supervisor')`),
  ],
);

/** What a bid says once opened: its declarations, or why it could not be opened. */
export const bidOpenings = pgTable(
  'bid_openings',
  {
    bidId: uuid('bid_id')
      .primaryKey()
      .references(() => bids.id),
    status: text('status').notNull(),
    declarations: jsonb('declarations'),
    failure: text('failure'),
    openedAt: stamp('opened_at').notNull(),
  },
  (t) => [check('bid_openings_status_check', sql`${t.status} in ('opened','decryptFailed')`)],
);

/** A lot's price sheet once opened (开标一览表). */
export const bidLotPrices = pgTable(
  'bid_lot_prices',
  {
    bidId: uuid('bid_id')
      .notNull()
      .references(() => bids.id),
    lotNo: integer('lot_no').notNull(),
    priceFen: bigint('price_fen', { mode: 'bigint' }).notNull(),
    items: jsonb('items').$type<Record<string, string>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.bidId, t.lotNo] })],
);

/** 开标异议: raised by a bidder during the opening, answered on the spot, recorded (招标条例44; 87号令42). */
export const openingObjections = pgTable('opening_objections', {
  id: uuid('id').primaryKey().defaultRandom(),
  projectId: uuid('project_id')
    .notNull()
    .references(() => projects.id),
  supplierId: uuid('supplier_id')
    .notNull()
    .references(() => suppliers.id),
  text: text('text').notNull(),
  raisedAt: stamp('raised_at').notNull(),
  answer: text('answer'),
  answeredBy: uuid('answered_by').references(() => users.id),
  answeredAt: stamp('answered_at'),
});

/**
 * 投标保证金 (政府采购法实施条例 第三十三条): non-cash forms accepted, at most 2% of the budget; the payer's
 * account is kept because one account paying for several bidders is a collusion sign (RED-FLAGS.md).
 */
export const bidDeposits = pgTable(
  'bid_deposits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    form: text('form').notNull(),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    payerName: text('payer_name').notNull(),
    payerAccount: text('payer_account'),
    payerBank: text('payer_bank'),
    guaranteeNo: text('guarantee_no'),
    status: text('status').notNull(),
    recordedAt: stamp('recorded_at').notNull(),
    confirmedBy: uuid('confirmed_by').references(() => users.id),
    confirmedAt: stamp('confirmed_at'),
    /** Set when a refund falls due (withdrawal, result, contract, termination): 5 working days after it. */
    refundDueOn: date('refund_due_on'),
    refundedOn: date('refunded_on'),
  },
  (t) => [
    check(
      'bid_deposits_form_check',
      sql`${t.form} in ('transfer','bankGuarantee','insuranceGuarantee','guaranteeInstitution','cheque','draft','promissoryNote')`,
    ),
    check('bid_deposits_status_check', sql`${t.status} in ('recorded','confirmed','refundDue','refunded')`),
    check('bid_deposits_amount_check', sql`${t.amountFen} > 0`),
    uniqueIndex('bid_deposits_one_per_supplier').on(t.projectId, t.supplierId),
  ],
);
