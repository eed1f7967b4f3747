import { shanghaiDay } from '../../../platform/clock.ts';
import { asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { appendAudit } from '../../../platform/audit/log.ts';
import type { RequestContext } from '../../../platform/auth/actor.ts';
import { abilities, authorize, can } from '../../../platform/auth/policy.ts';
import { hashPassword, passwordProblem } from '../../../platform/auth/passwords.ts';
import { users } from '../../../platform/auth/tables.ts';
import { AppError, badRequest, conflict, notFound } from '../../../platform/errors.ts';
import { idNumberValid } from '../id-number.ts';
import { oneOf } from '../queries.ts';
import { recordReview } from '../reviews.ts';
import { creditCodeProblem, SUPPLIER_SIZE_LABELS, SUPPLIER_SIZES } from '../rules.ts';
import {
  qualifications,
  registryReviews,
  supplierBankAccounts,
  supplierContacts,
  supplierPeople,
  suppliers,
  supplierSanctions,
  type SupplierRow,
} from '../tables.ts';
import type {
  bankAccountsBody,
  contactsBody,
  qualificationsBody,
  sanctionBody,
  supplierDetail,
  supplierPeopleBody,
  supplierReadResponse,
  supplierRegistrationBody,
  supplierReviewBody,
  supplierUpdateBody,
} from './contract.ts';
import { supplierPolicy } from './policy.ts';
import {
  countsAsSmallOrMicro,
  nextStatusAfter,
  reviewedFieldsChanged,
  SANCTION_KIND_LABELS,
  sanctionsInForce,
  SUPPLIER_STATUS_LABELS,
  type SupplierStatus,
} from './rules.ts';

type ReadResponse = z.infer<typeof supplierReadResponse>;
type Detail = z.infer<typeof supplierDetail>;
const STATUSES = ['pending', 'approved', 'rejected'] as const;
const statusOf = (row: SupplierRow): SupplierStatus => oneOf(STATUSES, row.status, 'pending');

/** Self-registration: the supplier record (pending review) and its first account, in one transaction. */
export async function registerSupplier(
  db: Db,
  ctx: RequestContext,
  body: z.infer<typeof supplierRegistrationBody>,
): Promise<ReadResponse> {
  authorize(ctx.actor, supplierPolicy, 'register');
  const problem = creditCodeProblem(body.creditCode);
  if (problem) throw new AppError(400, `CREDIT_CODE_${problem.code}`, problem.message, 'body.creditCode');
  const weak = passwordProblem(body.password);
  if (weak) throw badRequest('PASSWORD_WEAK', weak, 'body.password');
  const passwordHash = await hashPassword(body.password);
  const now = ctx.clock.now();
  const created = await db.transaction(async (tx) => {
    const [dup] = await tx
      .select({ id: suppliers.id })
      .from(suppliers)
      .where(eq(suppliers.creditCode, body.creditCode));
    if (dup)
      throw conflict('SUPPLIER_EXISTS', '该统一社会信用代码已注册，请直接登录或联系中心', 'body.creditCode');
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.username, body.username));
    if (taken) throw conflict('USERNAME_TAKEN', `用户名“${body.username}”已被使用`, 'body.username');
    const [row] = await tx
      .insert(suppliers)
      .values({
        name: body.name,
        creditCode: body.creditCode,
        legalRepresentative: body.legalRepresentative,
        size: body.size,
        prisonEnterprise: body.prisonEnterprise,
        disabledWelfareUnit: body.disabledWelfareUnit,
        regionCode: body.regionCode,
        businessScope: body.businessScope,
        address: body.address,
        contactName: body.contactName,
        contactPhone: body.contactPhone,
        email: body.email,
        status: 'pending',
        createdAt: now,
      })
      .returning();
    if (!row) throw new Error('supplier insert returned nothing');
    const [account] = await tx
      .insert(users)
      .values({
        username: body.username,
        displayName: body.contactName,
        role: 'supplier',
        passwordHash,
        supplierId: row.id,
        phone: body.contactPhone,
        passwordChangedAt: now,
        createdAt: now,
      })
      .returning();
    if (!account) throw new Error('user insert returned nothing');
    await appendAudit(tx, ctx, {
      action: 'supplier.registered',
      entityType: 'supplier',
      entityId: row.id,
      after: row,
    });
    await appendAudit(tx, ctx, {
      action: 'user.created',
      entityType: 'user',
      entityId: account.id,
      after: account,
    });
    return row;
  });
  return present(db, ctx, created);
}

/** The full record for those who may read it, the public entry of an approved supplier otherwise. */
export async function readSupplier(db: Db, ctx: RequestContext, id: string): Promise<ReadResponse> {
  const [row] = await db.select().from(suppliers).where(eq(suppliers.id, id));
  if (!row) throw notFound('供应商不存在');
  if (!can(ctx.actor, supplierPolicy, 'read', { id }) && statusOf(row) !== 'approved')
    throw notFound('供应商不存在');
  return present(db, ctx, row);
}

export async function mySupplier(db: Db, ctx: RequestContext): Promise<ReadResponse> {
  const actor = ctx.actor;
  if (actor.kind !== 'user' || !actor.supplierId) throw notFound('当前账号未绑定供应商');
  return readSupplier(db, ctx, actor.supplierId);
}

async function present(db: Db | Tx, ctx: RequestContext, row: SupplierRow): Promise<ReadResponse> {
  const today = shanghaiDay(ctx.clock.now());
  const size = oneOf(SUPPLIER_SIZES, row.size, 'small');
  const status = statusOf(row);
  const sanctionRows = await db
    .select()
    .from(supplierSanctions)
    .where(eq(supplierSanctions.supplierId, row.id))
    .orderBy(asc(supplierSanctions.startsOn));
  const sanctions = sanctionRows.map((s) => {
    const kind = oneOf(['dishonest', 'debarred'] as const, s.kind, 'debarred');
    return {
      id: s.id,
      kind,
      kindLabel: SANCTION_KIND_LABELS[kind],
      reason: s.reason,
      source: s.source,
      startsOn: s.startsOn,
      endsOn: s.endsOn,
      inForce: sanctionsInForce([{ kind, startsOn: s.startsOn, endsOn: s.endsOn }], today).length > 0,
    };
  });
  const base = {
    id: row.id,
    name: row.name,
    creditCode: row.creditCode,
    legalRepresentative: row.legalRepresentative,
    size,
    sizeLabel: SUPPLIER_SIZE_LABELS[size],
    countsAsSmallOrMicro: countsAsSmallOrMicro({ ...row, size }),
    regionCode: row.regionCode,
    status,
    statusLabel: SUPPLIER_STATUS_LABELS[status],
    sanctions,
    barred: sanctions.some((s) => s.inForce),
    // Only a pending record awaits a decision; the UI offers 审核 where the server would accept one.
    abilities: abilities(ctx.actor, supplierPolicy, { id: row.id }).filter(
      (a) => a !== 'review' || status === 'pending',
    ),
  };
  if (!can(ctx.actor, supplierPolicy, 'read', { id: row.id })) return { ...base, detail: false };

  const [people, accounts, contacts, quals, reviews] = await Promise.all([
    db.select().from(supplierPeople).where(eq(supplierPeople.supplierId, row.id)),
    db.select().from(supplierBankAccounts).where(eq(supplierBankAccounts.supplierId, row.id)),
    db.select().from(supplierContacts).where(eq(supplierContacts.supplierId, row.id)),
    db.select().from(qualifications).where(eq(qualifications.supplierId, row.id)),
    db
      .select({ r: registryReviews, reviewer: users.displayName })
      .from(registryReviews)
      .leftJoin(users, eq(users.id, registryReviews.reviewerId))
      .where(eq(registryReviews.entityId, row.id))
      .orderBy(asc(registryReviews.at)),
  ]);
  const detail: Detail = {
    ...base,
    prisonEnterprise: row.prisonEnterprise,
    disabledWelfareUnit: row.disabledWelfareUnit,
    address: row.address,
    businessScope: row.businessScope,
    contactName: row.contactName,
    contactPhone: row.contactPhone,
    email: row.email,
    reviewNote: row.reviewNote,
    people: people.map((p) => ({
      role: oneOf(['shareholder', 'controller', 'director', 'manager'] as const, p.role, 'shareholder'),
      kind: oneOf(['person', 'organisation'] as const, p.kind, 'person'),
      name: p.name,
      idNumber: p.idNumber,
      creditCode: p.creditCode,
      shareBasisPoints: p.shareBasisPoints,
    })),
    bankAccounts: accounts.map(({ bankName, accountName, accountNumber }) => ({
      bankName,
      accountName,
      accountNumber,
    })),
    contacts: contacts.map(({ name, phone, email, duty }) => ({ name, phone, email, duty })),
    qualifications: quals.map((q) => ({
      name: q.name,
      certificateNo: q.certificateNo,
      issuer: q.issuer,
      grade: q.grade,
      validFrom: q.validFrom,
      validUntil: q.validUntil,
      fileHash: q.fileHash,
      expired: q.validUntil !== null && q.validUntil < today,
    })),
    reviews: reviews.map(({ r, reviewer }) => ({
      decision: r.decision,
      reason: r.reason,
      at: r.at.toISOString(),
      reviewer,
    })),
    createdAt: row.createdAt.toISOString(),
  };
  return { ...detail, detail: true };
}

/** Loads the supplier for a change, locked, after checking the caller may make it. */
async function lockForUpdate(
  tx: Tx,
  ctx: RequestContext,
  id: string,
  action: 'update' | 'review' | 'sanction',
): Promise<SupplierRow> {
  const [row] = await tx.select().from(suppliers).where(eq(suppliers.id, id)).for('update');
  if (!row) throw notFound('供应商不存在');
  authorize(ctx.actor, supplierPolicy, action, { id });
  return row;
}

/** Sends an approved record back to review, noting why; a pending or rejected one stays as it is. */
async function backToReview(
  tx: Tx,
  ctx: RequestContext,
  row: SupplierRow,
  what: string,
): Promise<SupplierStatus> {
  const status = statusOf(row);
  if (status !== 'approved') return status;
  const next = nextStatusAfter(status, 'changeReviewed') ?? status;
  await tx.update(suppliers).set({ status: next }).where(eq(suppliers.id, row.id));
  await recordReview(tx, ctx, { type: 'supplier', id: row.id }, 'resubmitted', `供应商修改了${what}`);
  return next;
}

const FIELD_LABELS: Record<string, string> = {
  name: '名称',
  legalRepresentative: '法定代表人',
  size: '企业规模',
  prisonEnterprise: '监狱企业声明',
  disabledWelfareUnit: '残疾人福利性单位声明',
  regionCode: '行政区划',
  businessScope: '经营范围',
};

export async function updateSupplier(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof supplierUpdateBody>,
): Promise<ReadResponse> {
  const row = await db.transaction(async (tx) => {
    const before = await lockForUpdate(tx, ctx, id, 'update');
    const changed = reviewedFieldsChanged(before, body);
    const patch = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
    await tx.update(suppliers).set(patch).where(eq(suppliers.id, id));
    // A rejected record that is corrected goes back to the queue; an approved one whose facts change does too.
    if (statusOf(before) === 'rejected') {
      await tx.update(suppliers).set({ status: 'pending' }).where(eq(suppliers.id, id));
      await recordReview(tx, ctx, { type: 'supplier', id }, 'resubmitted', '供应商修改后重新提交');
    } else if (changed.length) {
      await backToReview(tx, ctx, before, changed.map((f) => FIELD_LABELS[f] ?? f).join('、'));
    }
    const [after] = await tx.select().from(suppliers).where(eq(suppliers.id, id));
    if (!after) throw notFound('供应商不存在');
    await appendAudit(tx, ctx, {
      action: 'supplier.updated',
      entityType: 'supplier',
      entityId: id,
      before,
      after,
    });
    return after;
  });
  return present(db, ctx, row);
}

type ListKind = 'people' | 'bankAccounts' | 'contacts' | 'qualifications';
type ListBody =
  | { kind: 'people'; body: z.infer<typeof supplierPeopleBody> }
  | { kind: 'bankAccounts'; body: z.infer<typeof bankAccountsBody> }
  | { kind: 'contacts'; body: z.infer<typeof contactsBody> }
  | { kind: 'qualifications'; body: z.infer<typeof qualificationsBody> };

/** Shareholders and certificates are reviewed facts; bank accounts and contacts are not. */
const REVIEWED_LISTS: Record<ListKind, string | null> = {
  people: '股东、实际控制人及管理人员',
  qualifications: '资质证书',
  bankAccounts: null,
  contacts: null,
};

function checkPeople(people: z.infer<typeof supplierPeopleBody>['people']): void {
  people.forEach((p, i) => {
    if (p.kind === 'person' && p.idNumber && !idNumberValid(p.idNumber)) {
      throw badRequest(
        'ID_NUMBER_INVALID',
        `第 ${i + 1} 人的身份证号校验不通过`,
        `body.people.${i}.idNumber`,
      );
    }
    const problem = p.kind === 'organisation' && p.creditCode ? creditCodeProblem(p.creditCode) : null;
    if (problem)
      throw new AppError(400, `CREDIT_CODE_${problem.code}`, problem.message, `body.people.${i}.creditCode`);
  });
  const shares = people.reduce(
    (sum, p) => sum + (p.role === 'shareholder' ? (p.shareBasisPoints ?? 0) : 0),
    0,
  );
  if (shares > 10000) throw badRequest('SHARES_OVER_100', '股东持股比例合计超过 100%', 'body.people');
}

/** Replaces one of the supplier's lists as a whole (what the profile form edits), audited with before and after. */
export async function replaceSupplierList(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: ListBody,
): Promise<ReadResponse> {
  if (input.kind === 'people') checkPeople(input.body.people);
  const row = await db.transaction(async (tx) => {
    const before = await lockForUpdate(tx, ctx, id, 'update');
    let previous: unknown;
    switch (input.kind) {
      case 'people':
        previous = await tx.delete(supplierPeople).where(eq(supplierPeople.supplierId, id)).returning();
        if (input.body.people.length) {
          await tx.insert(supplierPeople).values(input.body.people.map((p) => ({ ...p, supplierId: id })));
        }
        break;
      case 'bankAccounts':
        previous = await tx
          .delete(supplierBankAccounts)
          .where(eq(supplierBankAccounts.supplierId, id))
          .returning();
        if (input.body.accounts.length) {
          await tx
            .insert(supplierBankAccounts)
            .values(input.body.accounts.map((a) => ({ ...a, supplierId: id })));
        }
        break;
      case 'contacts':
        previous = await tx.delete(supplierContacts).where(eq(supplierContacts.supplierId, id)).returning();
        if (input.body.contacts.length) {
          await tx
            .insert(supplierContacts)
            .values(input.body.contacts.map((c) => ({ ...c, supplierId: id })));
        }
        break;
      case 'qualifications':
        previous = await tx.delete(qualifications).where(eq(qualifications.supplierId, id)).returning();
        if (input.body.qualifications.length) {
          await tx
            .insert(qualifications)
            .values(input.body.qualifications.map((q) => ({ ...q, supplierId: id })));
        }
        break;
    }
    const reviewed = REVIEWED_LISTS[input.kind];
    if (reviewed) await backToReview(tx, ctx, before, reviewed);
    await appendAudit(tx, ctx, {
      action: 'supplier.updated',
      entityType: 'supplier',
      entityId: id,
      before: { [input.kind]: previous },
      after: { [input.kind]: input.body },
    });
    const [after] = await tx.select().from(suppliers).where(eq(suppliers.id, id));
    if (!after) throw notFound('供应商不存在');
    return after;
  });
  return present(db, ctx, row);
}

export async function reviewSupplier(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof supplierReviewBody>,
): Promise<ReadResponse> {
  const row = await db.transaction(async (tx) => {
    const before = await lockForUpdate(tx, ctx, id, 'review');
    const next = nextStatusAfter(statusOf(before), body.decision === 'approved' ? 'approve' : 'reject');
    if (!next) {
      throw conflict(
        'SUPPLIER_NOT_PENDING',
        `该供应商当前状态为“${SUPPLIER_STATUS_LABELS[statusOf(before)]}”，不在待审核状态`,
      );
    }
    const now = ctx.clock.now();
    const [after] = await tx
      .update(suppliers)
      .set({ status: next, reviewNote: body.reason, reviewedAt: now })
      .where(eq(suppliers.id, id))
      .returning();
    if (!after) throw notFound('供应商不存在');
    await recordReview(tx, ctx, { type: 'supplier', id }, body.decision, body.reason);
    await appendAudit(tx, ctx, {
      action: 'supplier.reviewed',
      entityType: 'supplier',
      entityId: id,
      before,
      after,
    });
    return after;
  });
  return present(db, ctx, row);
}

export async function addSanction(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof sanctionBody>,
): Promise<ReadResponse> {
  const row = await db.transaction(async (tx) => {
    const supplier = await lockForUpdate(tx, ctx, id, 'sanction');
    const [sanction] = await tx
      .insert(supplierSanctions)
      .values({
        ...body,
        supplierId: id,
        recordedBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        recordedAt: ctx.clock.now(),
      })
      .returning();
    await appendAudit(tx, ctx, {
      action: 'supplier.sanctioned',
      entityType: 'supplier',
      entityId: id,
      after: sanction,
    });
    return supplier;
  });
  return present(db, ctx, row);
}
