import { and, asc, count, eq, ilike, inArray, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Tx } from '../../platform/db/client.ts';
import { appendAudit } from '../../platform/audit/log.ts';
import { isRole, ROLE_LABELS, type RequestContext } from '../../platform/auth/actor.ts';
import { abilities, authorize, can } from '../../platform/auth/policy.ts';
import { hashPassword, passwordProblem } from '../../platform/auth/passwords.ts';
import { sessions, users, type UserRow } from '../../platform/auth/tables.ts';
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import type { createUserBody, updateUserBody, userListQuery, userView } from './contract.ts';
import { userPolicy } from './policy.ts';
import { likeTerm, type Page } from './queries.ts';
import { maskPhone } from './rules.ts';
import { experts, purchasers, suppliers } from './tables.ts';

type UserView = z.infer<typeof userView>;

/** The role each binding column belongs to; an account is bound to exactly what its role needs. */
const BINDINGS = [
  { role: 'purchaser', field: 'purchaserId', label: '采购单位' },
  { role: 'supplier', field: 'supplierId', label: '供应商' },
  { role: 'expert', field: 'expertId', label: '评审专家' },
] as const;

/** Names of the organisations and experts the accounts are bound to, three queries for a whole page. */
async function orgNames(db: Db, rows: UserRow[]): Promise<Map<string, string>> {
  const ids = (pick: (r: UserRow) => string | null): string[] => [
    ...new Set(rows.flatMap((r) => (pick(r) ? [pick(r) ?? ''] : []))),
  ];
  const [ps, ss, es] = [ids((r) => r.purchaserId), ids((r) => r.supplierId), ids((r) => r.expertId)];
  const found = [
    ...(ps.length
      ? await db
          .select({ id: purchasers.id, name: purchasers.name })
          .from(purchasers)
          .where(inArray(purchasers.id, ps))
      : []),
    ...(ss.length
      ? await db
          .select({ id: suppliers.id, name: suppliers.name })
          .from(suppliers)
          .where(inArray(suppliers.id, ss))
      : []),
    ...(es.length
      ? await db.select({ id: experts.id, name: experts.name }).from(experts).where(inArray(experts.id, es))
      : []),
  ];
  return new Map(found.map((f) => [f.id, f.name]));
}

function present(ctx: RequestContext, row: UserRow, names: Map<string, string>): UserView {
  const role = row.role;
  if (!isRole(role)) throw new Error(`unknown role ${role}`);
  const bound = row.purchaserId ?? row.supplierId ?? row.expertId;
  const seeAll = can(ctx.actor, userPolicy, 'viewPersonalData');
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role,
    roleLabel: ROLE_LABELS[role],
    status: row.status === 'disabled' ? 'disabled' : 'active',
    purchaserId: row.purchaserId,
    supplierId: row.supplierId,
    expertId: row.expertId,
    orgName: bound ? (names.get(bound) ?? null) : null,
    phone: row.phone ? (seeAll ? row.phone : maskPhone(row.phone)) : null,
    lockedUntil: row.lockedUntil && row.lockedUntil > ctx.clock.now() ? row.lockedUntil.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
    abilities: abilities(ctx.actor, userPolicy, { id: row.id }).filter((a) => a !== 'list' && a !== 'create'),
  };
}

export async function listUsers(
  db: Db,
  ctx: RequestContext,
  q: z.infer<typeof userListQuery>,
): Promise<Page<UserView>> {
  authorize(ctx.actor, userPolicy, 'list');
  const conds: SQL[] = [];
  if (q.q) {
    const byText = or(ilike(users.username, likeTerm(q.q)), ilike(users.displayName, likeTerm(q.q)));
    if (byText) conds.push(byText);
  }
  if (q.role) conds.push(eq(users.role, q.role));
  if (q.status) conds.push(eq(users.status, q.status));
  const where = conds.length ? and(...conds) : undefined;
  const [totalRow] = await db.select({ n: count() }).from(users).where(where);
  const rows = await db
    .select()
    .from(users)
    .where(where)
    .orderBy(asc(users.username))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const names = await orgNames(db, rows);
  return {
    items: rows.map((r) => present(ctx, r, names)),
    total: totalRow?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
    abilities: abilities(ctx.actor, userPolicy).filter((a) => a === 'create' || a === 'list'),
  };
}

export async function createUser(
  db: Db,
  ctx: RequestContext,
  body: z.infer<typeof createUserBody>,
): Promise<UserView> {
  authorize(ctx.actor, userPolicy, 'create');
  const weak = passwordProblem(body.password);
  if (weak) throw badRequest('PASSWORD_WEAK', weak, 'body.password');
  for (const b of BINDINGS) {
    const given = body[b.field];
    if (body.role === b.role && !given)
      throw badRequest('BINDING_REQUIRED', `请选择所属${b.label}`, `body.${b.field}`);
    if (body.role !== b.role && given) {
      throw badRequest(
        'BINDING_NOT_ALLOWED',
        `角色“${ROLE_LABELS[body.role]}”不能绑定${b.label}`,
        `body.${b.field}`,
      );
    }
  }
  const passwordHash = await hashPassword(body.password);
  const now = ctx.clock.now();
  const row = await db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.username, body.username));
    if (taken) throw conflict('USERNAME_TAKEN', `用户名“${body.username}”已被使用`, 'body.username');
    if (body.purchaserId) {
      const [p] = await tx
        .select({ id: purchasers.id })
        .from(purchasers)
        .where(eq(purchasers.id, body.purchaserId));
      if (!p) throw badRequest('PURCHASER_NOT_FOUND', '所选采购单位不存在', 'body.purchaserId');
    }
    if (body.supplierId) {
      const [s] = await tx
        .select({ id: suppliers.id })
        .from(suppliers)
        .where(eq(suppliers.id, body.supplierId));
      if (!s) throw badRequest('SUPPLIER_NOT_FOUND', '所选供应商不存在', 'body.supplierId');
    }
    if (body.expertId) {
      const [e] = await tx.select({ id: experts.id }).from(experts).where(eq(experts.id, body.expertId));
      if (!e) throw badRequest('EXPERT_NOT_FOUND', '所选专家不存在', 'body.expertId');
    }
    const [created] = await tx
      .insert(users)
      .values({
        username: body.username,
        displayName: body.displayName,
        role: body.role,
        passwordHash,
        mustChangePassword: true,
        purchaserId: body.purchaserId ?? null,
        supplierId: body.supplierId ?? null,
        expertId: body.expertId ?? null,
        phone: body.phone ?? null,
        passwordChangedAt: now,
        createdAt: now,
      })
      .returning();
    if (!created) throw new Error('user insert returned nothing');
    await appendAudit(tx, ctx, {
      action: 'user.created',
      entityType: 'user',
      entityId: created.id,
      after: created,
    });
    return created;
  });
  return present(ctx, row, await orgNames(db, [row]));
}

/** Loads the account for a change, locked; NOT_FOUND when the caller may not change it. */
async function lockedUser(tx: Tx, id: string): Promise<UserRow> {
  const [row] = await tx.select().from(users).where(eq(users.id, id)).for('update');
  if (!row) throw notFound('用户不存在');
  return row;
}

export async function updateUser(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof updateUserBody>,
): Promise<UserView> {
  const row = await db.transaction(async (tx) => {
    const before = await lockedUser(tx, id);
    authorize(ctx.actor, userPolicy, 'update', { id: before.id });
    const patch: Partial<UserRow> = {};
    if (body.displayName !== undefined) patch.displayName = body.displayName;
    if (body.status !== undefined) patch.status = body.status;
    if (body.phone !== undefined) patch.phone = body.phone;
    if (body.unlock) patch.lockedUntil = null;
    const [after] = await tx.update(users).set(patch).where(eq(users.id, id)).returning();
    if (!after) throw notFound('用户不存在');
    // A disabled account is signed out everywhere at once.
    if (body.status === 'disabled') await tx.delete(sessions).where(eq(sessions.userId, id));
    await appendAudit(tx, ctx, { action: 'user.updated', entityType: 'user', entityId: id, before, after });
    return after;
  });
  return present(ctx, row, await orgNames(db, [row]));
}

/** Sets a temporary password the user must change at next sign-in; ends the user's sessions. */
export async function resetPassword(
  db: Db,
  ctx: RequestContext,
  id: string,
  password: string,
): Promise<void> {
  const weak = passwordProblem(password);
  if (weak) throw badRequest('PASSWORD_WEAK', weak, 'body.password');
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const before = await lockedUser(tx, id);
    authorize(ctx.actor, userPolicy, 'resetPassword', { id: before.id });
    const now = ctx.clock.now();
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: true, passwordChangedAt: now, lockedUntil: null })
      .where(eq(users.id, id));
    await tx.delete(sessions).where(eq(sessions.userId, id));
    await appendAudit(tx, ctx, { action: 'user.passwordReset', entityType: 'user', entityId: id });
  });
}
