import { and, asc, eq, ne } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { appendAudit } from '../../../platform/audit/log.ts';
import type { RequestContext } from '../../../platform/auth/actor.ts';
import { abilities, authorize } from '../../../platform/auth/policy.ts';
import { users } from '../../../platform/auth/tables.ts';
import { AppError, badRequest, conflict, notFound } from '../../../platform/errors.ts';
import { oneOf } from '../queries.ts';
import {
  creditCodeProblem,
  PURCHASER_LEVEL_LABELS,
  PURCHASER_LEVELS,
  type PurchaserLevel,
} from '../rules.ts';
import { purchasers, type PurchaserRow } from '../tables.ts';
import type { purchaserBody, purchaserDetail, purchaserUpdateBody } from './contract.ts';
import { purchaserPolicy } from './policy.ts';
import { hierarchyProblem } from './rules.ts';

type Detail = z.infer<typeof purchaserDetail>;
const levelOf = (row: PurchaserRow): PurchaserLevel => oneOf(PURCHASER_LEVELS, row.level, 'county');

async function checkPlacement(
  tx: Tx,
  level: PurchaserLevel,
  parentId: string | null,
  selfId?: string,
): Promise<void> {
  let parentLevel: PurchaserLevel | null = null;
  if (parentId) {
    if (parentId === selfId) throw badRequest('PURCHASER_PARENT_SELF', '单位不能隶属于自身', 'body.parentId');
    const [parent] = await tx.select().from(purchasers).where(eq(purchasers.id, parentId));
    if (!parent) throw badRequest('PURCHASER_PARENT_NOT_FOUND', '所选上级单位不存在', 'body.parentId');
    parentLevel = levelOf(parent);
  }
  const problem = hierarchyProblem(level, parentLevel);
  if (problem) throw badRequest('PURCHASER_HIERARCHY', problem, 'body.parentId');
}

function checkCreditCode(code: string | null | undefined): void {
  const problem = code ? creditCodeProblem(code) : null;
  if (problem) throw new AppError(400, `CREDIT_CODE_${problem.code}`, problem.message, 'body.creditCode');
}

async function checkNameFree(tx: Tx, name: string, selfId?: string): Promise<void> {
  const [taken] = await tx
    .select({ id: purchasers.id })
    .from(purchasers)
    .where(selfId ? and(eq(purchasers.name, name), ne(purchasers.id, selfId)) : eq(purchasers.name, name));
  if (taken) throw conflict('PURCHASER_NAME_TAKEN', `已有名为“${name}”的采购单位`, 'body.name');
}

export async function createPurchaser(
  db: Db,
  ctx: RequestContext,
  body: z.infer<typeof purchaserBody>,
): Promise<Detail> {
  authorize(ctx.actor, purchaserPolicy, 'create');
  checkCreditCode(body.creditCode);
  const row = await db.transaction(async (tx) => {
    await checkNameFree(tx, body.name);
    await checkPlacement(tx, body.level, body.parentId);
    const [created] = await tx
      .insert(purchasers)
      .values({ ...body, createdAt: ctx.clock.now() })
      .returning();
    if (!created) throw new Error('purchaser insert returned nothing');
    await appendAudit(tx, ctx, {
      action: 'purchaser.created',
      entityType: 'purchaser',
      entityId: created.id,
      after: created,
    });
    return created;
  });
  return present(db, ctx, row);
}

export async function updatePurchaser(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof purchaserUpdateBody>,
): Promise<Detail> {
  checkCreditCode(body.creditCode);
  const row = await db.transaction(async (tx) => {
    const [before] = await tx.select().from(purchasers).where(eq(purchasers.id, id)).for('update');
    if (!before) throw notFound('采购单位不存在');
    authorize(ctx.actor, purchaserPolicy, 'update', { id });
    if (body.name !== undefined) await checkNameFree(tx, body.name, id);
    if (body.parentId !== undefined) await checkPlacement(tx, levelOf(before), body.parentId, id);
    const patch = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
    const [after] = await tx.update(purchasers).set(patch).where(eq(purchasers.id, id)).returning();
    if (!after) throw notFound('采购单位不存在');
    await appendAudit(tx, ctx, {
      action: 'purchaser.updated',
      entityType: 'purchaser',
      entityId: id,
      before,
      after,
    });
    return after;
  });
  return present(db, ctx, row);
}

export async function readPurchaser(db: Db, ctx: RequestContext, id: string): Promise<Detail> {
  const [row] = await db.select().from(purchasers).where(eq(purchasers.id, id));
  if (!row) throw notFound('采购单位不存在');
  authorize(ctx.actor, purchaserPolicy, 'read', { id });
  return present(db, ctx, row);
}

async function present(db: Db, ctx: RequestContext, row: PurchaserRow): Promise<Detail> {
  const level = levelOf(row);
  const [parent] = row.parentId
    ? await db.select({ name: purchasers.name }).from(purchasers).where(eq(purchasers.id, row.parentId))
    : [];
  const children = await db
    .select({ id: purchasers.id, name: purchasers.name, level: purchasers.level })
    .from(purchasers)
    .where(eq(purchasers.parentId, row.id))
    .orderBy(asc(purchasers.name));
  const staff = await db
    .select({ id: users.id, username: users.username, displayName: users.displayName, status: users.status })
    .from(users)
    .where(eq(users.purchaserId, row.id))
    .orderBy(asc(users.username));
  return {
    id: row.id,
    name: row.name,
    level,
    levelLabel: PURCHASER_LEVEL_LABELS[level],
    parentId: row.parentId,
    parentName: parent?.name ?? null,
    regionCode: row.regionCode,
    creditCode: row.creditCode,
    financeUnit: row.financeUnit,
    contactName: row.contactName,
    contactPhone: row.contactPhone,
    status: oneOf(['active', 'inactive'] as const, row.status, 'active'),
    address: row.address,
    children: children.map((c) => ({ ...c, level: oneOf(PURCHASER_LEVELS, c.level, 'village') })),
    staff,
    abilities: abilities(ctx.actor, purchaserPolicy, { id: row.id }),
  };
}
