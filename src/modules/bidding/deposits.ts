/**
 * 投标保证金 (RULES.md §6; 政府采购法实施条例 第三十三条): recorded by the bidder in any non-cash form the law
 * allows, in the amount the documents ask (never above 2% of the budget — checked when the documents were
 * linted), confirmed by the centre, refunded within 5 working days of what frees it. The payer's account is
 * kept: one account paying for several bidders of a project is flagged (RED-FLAGS.md, 串通投标).
 */
import { and, asc, eq, inArray, lt } from 'drizzle-orm';
import type { z } from 'zod';
import { appendAudit } from '../../platform/audit/log.ts';
import { actorUserId, type RequestContext } from '../../platform/auth/actor.ts';
import { abilities, authorize, can } from '../../platform/auth/policy.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import { suppliers } from '../orgs/tables.ts';
import { depositRefundDeadline } from '../tendering/index.ts';
import { lots, projects } from '../tendering/tables.ts';
import type { depositBody, depositList, depositView, refundBody } from './contract.ts';
import { approvedSupplier, openProject, registered, supplierOf } from './commands.ts';
import './events.ts';
import { depositPolicy } from './policy.ts';
import { bidDeposits } from './tables.ts';

type View = z.infer<typeof depositView>;
type Row = typeof bidDeposits.$inferSelect;

const FORM_LABELS = {
  transfer: '银行转账',
  bankGuarantee: '银行保函',
  insuranceGuarantee: '保证保险',
  guaranteeInstitution: '担保机构保函',
  cheque: '支票',
  draft: '汇票',
  promissoryNote: '本票',
} as const;
const STATUS_LABELS = {
  recorded: '待确认',
  confirmed: '已到账',
  refundDue: '待退还',
  refunded: '已退还',
} as const;
type Form = keyof typeof FORM_LABELS;
type Status = keyof typeof STATUS_LABELS;
const formOf = (s: string): Form => (Object.keys(FORM_LABELS) as Form[]).find((f) => f === s) ?? 'transfer';
const statusOf = (s: string): Status =>
  (Object.keys(STATUS_LABELS) as Status[]).find((x) => x === s) ?? 'recorded';
const normalAccount = (a: string | null): string | null => (a === null ? null : a.replace(/[\s-]/g, ''));

async function present(db: Db | Tx, ctx: RequestContext, rows: Row[]): Promise<View[]> {
  if (!rows.length) return [];
  const today = shanghaiDay(ctx.clock.now());
  const projectIds = [...new Set(rows.map((r) => r.projectId))];
  const codes = await db
    .select({ id: projects.id, code: projects.code })
    .from(projects)
    .where(inArray(projects.id, projectIds));
  const all = await db
    .select({ d: bidDeposits, name: suppliers.name })
    .from(bidDeposits)
    .innerJoin(suppliers, eq(suppliers.id, bidDeposits.supplierId))
    .where(inArray(bidDeposits.projectId, projectIds));
  const centreView = can(ctx.actor, depositPolicy, 'confirm');
  return rows.map((r) => {
    const status = statusOf(r.status);
    const form = formOf(r.form);
    const account = normalAccount(r.payerAccount);
    const shared = account
      ? all
          .filter(
            (o) =>
              o.d.projectId === r.projectId && o.d.id !== r.id && normalAccount(o.d.payerAccount) === account,
          )
          .map((o) => o.name)
      : [];
    return {
      id: r.id,
      projectId: r.projectId,
      projectCode: codes.find((c) => c.id === r.projectId)?.code ?? '',
      supplierName: all.find((o) => o.d.id === r.id)?.name ?? '',
      form,
      formLabel: FORM_LABELS[form],
      amountFen: r.amountFen.toString(),
      payerName: r.payerName,
      payerAccount: r.payerAccount,
      payerBank: r.payerBank,
      guaranteeNo: r.guaranteeNo,
      status,
      statusLabel: STATUS_LABELS[status],
      recordedAt: r.recordedAt.toISOString(),
      refundDueOn: r.refundDueOn,
      refundedOn: r.refundedOn,
      overdue: status === 'refundDue' && r.refundDueOn !== null && r.refundDueOn < today,
      // Only the centre and supervisors learn who else paid from the same account.
      sharedAccountWith:
        centreView || ctx.actor.kind !== 'user' || ctx.actor.role !== 'supplier' ? shared : [],
      abilities: abilities(ctx.actor, depositPolicy, { supplierId: r.supplierId }).filter(
        (a) => (a === 'confirm' && status === 'recorded') || (a === 'refund' && status === 'refundDue'),
      ),
    };
  });
}

/** The bidder records its deposit before the deadline, in the amount the documents ask. */
export async function recordDeposit(
  db: Db,
  ctx: RequestContext,
  projectId: string,
  body: z.infer<typeof depositBody>,
): Promise<View> {
  authorize(ctx.actor, depositPolicy, 'record');
  const supplierId = supplierOf(ctx);
  const row = await db.transaction(async (tx) => {
    const project = await openProject(tx, projectId, ctx.clock.now());
    await approvedSupplier(tx, supplierId);
    await registered(tx, projectId, supplierId);
    const asked = project.requirements.depositFen === null ? null : BigInt(project.requirements.depositFen);
    if (asked === null || asked === 0n) throw conflict('DEPOSIT_NOT_REQUIRED', '本项目不收取投标保证金');
    const amount = BigInt(body.amountFen);
    if (amount !== asked)
      throw badRequest(
        'DEPOSIT_AMOUNT',
        `本项目投标保证金为 ${(Number(asked) / 100).toFixed(2)} 元`,
        'body.amountFen',
      );
    const budget = (
      await tx.select({ b: lots.budgetFen }).from(lots).where(eq(lots.projectId, projectId))
    ).reduce((sum, l) => sum + l.b, 0n);
    // 条例33: never above 2% of the budget, whatever the documents said.
    if (amount * 50n > budget)
      throw badRequest('DEPOSIT_OVER_2_PERCENT', '投标保证金不得超过采购项目预算金额的 2%', 'body.amountFen');
    const [existing] = await tx
      .select()
      .from(bidDeposits)
      .where(and(eq(bidDeposits.projectId, projectId), eq(bidDeposits.supplierId, supplierId)));
    if (existing && existing.status !== 'recorded')
      throw conflict('DEPOSIT_CONFIRMED', '保证金已确认到账，不能修改');
    const values = {
      projectId,
      supplierId,
      ...body,
      amountFen: amount,
      status: 'recorded',
      recordedAt: ctx.clock.now(),
    };
    const [saved] = await tx
      .insert(bidDeposits)
      .values(values)
      .onConflictDoUpdate({ target: [bidDeposits.projectId, bidDeposits.supplierId], set: values })
      .returning();
    if (!saved) throw new Error('deposit insert returned nothing');
    await appendAudit(tx, ctx, {
      action: 'deposit.recorded',
      entityType: 'deposit',
      entityId: saved.id,
      before: existing ?? null,
      after: saved,
    });
    return saved;
  });
  const [view] = await present(db, ctx, [row]);
  if (!view) throw new Error('present returned nothing');
  return view;
}

async function change(
  db: Db,
  ctx: RequestContext,
  id: string,
  action: 'confirm' | 'refund',
  from: Status,
  set: Partial<typeof bidDeposits.$inferInsert>,
): Promise<View> {
  const row = await db.transaction(async (tx) => {
    const [before] = await tx.select().from(bidDeposits).where(eq(bidDeposits.id, id)).for('update');
    if (!before) throw notFound('保证金记录不存在');
    authorize(ctx.actor, depositPolicy, action, { supplierId: before.supplierId });
    if (before.status !== from)
      throw conflict('DEPOSIT_STATE', `保证金当前为「${STATUS_LABELS[statusOf(before.status)]}」`);
    const [after] = await tx.update(bidDeposits).set(set).where(eq(bidDeposits.id, id)).returning();
    if (!after) throw new Error('deposit update returned nothing');
    await appendAudit(tx, ctx, {
      action: action === 'confirm' ? 'deposit.confirmed' : 'deposit.refunded',
      entityType: 'deposit',
      entityId: id,
      before,
      after,
    });
    return after;
  });
  const [view] = await present(db, ctx, [row]);
  if (!view) throw new Error('present returned nothing');
  return view;
}

export function confirmDeposit(db: Db, ctx: RequestContext, id: string): Promise<View> {
  const userId = actorUserId(ctx.actor);
  return change(db, ctx, id, 'confirm', 'recorded', {
    status: 'confirmed',
    confirmedBy: userId,
    confirmedAt: ctx.clock.now(),
  });
}

export function refundDeposit(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof refundBody>,
): Promise<View> {
  if (body.refundedOn > shanghaiDay(ctx.clock.now()))
    throw badRequest('REFUND_IN_FUTURE', '退还日期不能晚于今天', 'body.refundedOn');
  return change(db, ctx, id, 'refund', 'refundDue', { status: 'refunded', refundedOn: body.refundedOn });
}

/**
 * What frees a deposit (a withdrawal before the deadline here; results, contracts and termination later) makes
 * its refund due within 5 working days (条例33). Called inside the freeing transaction.
 */
export async function depositRefundFalls(
  tx: Tx,
  ctx: RequestContext,
  projectId: string,
  supplierId: string,
): Promise<void> {
  const [d] = await tx
    .select()
    .from(bidDeposits)
    .where(and(eq(bidDeposits.projectId, projectId), eq(bidDeposits.supplierId, supplierId)))
    .for('update');
  if (!d || d.status !== 'confirmed') return;
  const refundDueOn = depositRefundDeadline(shanghaiDay(ctx.clock.now()));
  const [after] = await tx
    .update(bidDeposits)
    .set({ status: 'refundDue', refundDueOn })
    .where(eq(bidDeposits.id, d.id))
    .returning();
  await appendAudit(tx, ctx, {
    action: 'deposit.refundDue',
    entityType: 'deposit',
    entityId: d.id,
    before: d,
    after,
  });
}

/** A project's deposits (centre, supervisors) or the caller's own; `overdue` lists refunds past their day. */
export async function listDeposits(
  db: Db,
  ctx: RequestContext,
  q: { projectId?: string; overdue?: boolean | undefined },
): Promise<z.infer<typeof depositList>> {
  authorize(ctx.actor, depositPolicy, 'list');
  const conds = [];
  if (q.projectId) conds.push(eq(bidDeposits.projectId, q.projectId));
  if (ctx.actor.kind === 'user' && ctx.actor.role === 'supplier')
    conds.push(eq(bidDeposits.supplierId, ctx.actor.supplierId ?? '00000000-0000-0000-0000-000000000000'));
  if (q.overdue) {
    conds.push(eq(bidDeposits.status, 'refundDue'));
    conds.push(lt(bidDeposits.refundDueOn, shanghaiDay(ctx.clock.now())));
  }
  const rows = await db
    .select()
    .from(bidDeposits)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(bidDeposits.recordedAt))
    .limit(500);
  return { items: await present(db, ctx, rows) };
}
