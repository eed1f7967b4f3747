import { and, asc, count, desc, eq, ilike, inArray, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Tx } from '../../platform/db/client.ts';
import { appendAudit } from '../../platform/audit/log.ts';
import type { RequestContext } from '../../platform/auth/actor.ts';
import { abilities, authorize, can } from '../../platform/auth/policy.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { likeTerm } from '../../platform/db/like.ts';
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import { purchasers } from '../orgs/tables.ts';
import type {
  commissionBody,
  commissionDecisionBody,
  intentionBody,
  monthlyPlan,
  planLineBody,
  planLineListQuery,
  planLinePage,
  planLineView,
  publicIntentionPage,
} from './contract.ts';
import './events.ts';
import { planLinePolicy } from './policy.ts';
import {
  intentionProblem,
  nextPlanLineStatus,
  PLAN_LINE_STATUS_LABELS,
  type PlanLineEvent,
  type PlanLineStatus,
} from './rules.ts';
import { commissions, intentions, planLines, type PlanLineRow } from './tables.ts';

type View = z.infer<typeof planLineView>;
const STATUSES: readonly PlanLineStatus[] = [
  'draft',
  'intentionPublished',
  'commissioned',
  'accepted',
  'returned',
  'cancelled',
];
const CATEGORIES = ['goods', 'works', 'services'] as const;
const statusOf = (r: PlanLineRow): PlanLineStatus => STATUSES.find((s) => s === r.status) ?? 'draft';

async function present(db: Db | Tx, ctx: RequestContext, rows: PlanLineRow[]): Promise<View[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [units, ints, coms] = await Promise.all([
    db
      .select({ id: purchasers.id, name: purchasers.name })
      .from(purchasers)
      .where(inArray(purchasers.id, [...new Set(rows.map((r) => r.purchaserId))])),
    db.select().from(intentions).where(inArray(intentions.planLineId, ids)),
    db.select().from(commissions).where(inArray(commissions.planLineId, ids)),
  ]);
  return rows.map((r) => {
    const status = statusOf(r);
    const i = ints.find((x) => x.planLineId === r.id);
    const c = coms.find((x) => x.planLineId === r.id);
    return {
      id: r.id,
      purchaserId: r.purchaserId,
      purchaserName: units.find((u) => u.id === r.purchaserId)?.name ?? '',
      year: r.year,
      budgetItem: r.budgetItem,
      itemCode: r.itemCode,
      itemName: r.itemName,
      category: CATEGORIES.find((x) => x === r.category) ?? 'goods',
      quantity: r.quantity,
      amountFen: r.amountFen.toString(),
      plannedMonth: r.plannedMonth,
      description: r.description,
      status,
      statusLabel: PLAN_LINE_STATUS_LABELS[status],
      intention: i
        ? {
            summary: i.summary,
            expectedStartOn: i.expectedStartOn,
            publishedOn: i.publishedOn,
            urgent: i.urgent,
            urgentReason: i.urgentReason,
          }
        : null,
      commission: c
        ? {
            submittedAt: c.submittedAt.toISOString(),
            note: c.note,
            decidedAt: c.decidedAt ? c.decidedAt.toISOString() : null,
            decisionNote: c.decisionNote,
          }
        : null,
      // What the life cycle allows next, for the caller: the UI offers exactly these.
      abilities: abilities(ctx.actor, planLinePolicy, { purchaserId: r.purchaserId }).filter((a) => {
        const event: Partial<Record<string, PlanLineEvent>> = {
          publishIntention: 'publishIntention',
          commission: 'commission',
          cancel: 'cancel',
          decide: 'accept',
        };
        const e = event[a];
        return e === undefined || nextPlanLineStatus(status, e).ok;
      }),
    };
  });
}

export async function createPlanLine(
  db: Db,
  ctx: RequestContext,
  body: z.infer<typeof planLineBody>,
): Promise<View> {
  const actor = ctx.actor;
  const purchaserId = body.purchaserId ?? (actor.kind === 'user' ? actor.purchaserId : null);
  if (!purchaserId) throw badRequest('PURCHASER_REQUIRED', '请选择采购单位', 'body.purchaserId');
  authorize(actor, planLinePolicy, 'create', { purchaserId });
  const expectedPrefix = { goods: 'A', works: 'B', services: 'C' }[body.category];
  if (!body.itemCode.startsWith(expectedPrefix)) {
    throw badRequest(
      'ITEM_CODE_CATEGORY',
      `品目代码应以 ${expectedPrefix} 开头，与采购类别一致`,
      'body.itemCode',
    );
  }
  const row = await db.transaction(async (tx) => {
    const [unit] = await tx
      .select({ id: purchasers.id })
      .from(purchasers)
      .where(eq(purchasers.id, purchaserId));
    if (!unit) throw badRequest('PURCHASER_NOT_FOUND', '采购单位不存在', 'body.purchaserId');
    const [created] = await tx
      .insert(planLines)
      .values({
        ...body,
        purchaserId,
        amountFen: BigInt(body.amountFen),
        status: 'draft',
        createdBy: actor.kind === 'user' ? actor.userId : null,
        createdAt: ctx.clock.now(),
      })
      .returning();
    if (!created) throw new Error('plan line insert returned nothing');
    await appendAudit(tx, ctx, {
      action: 'planLine.created',
      entityType: 'planLine',
      entityId: created.id,
      after: created,
    });
    return created;
  });
  const [view] = await present(db, ctx, [row]);
  if (!view) throw new Error('present returned nothing');
  return view;
}

export async function listPlanLines(
  db: Db,
  ctx: RequestContext,
  q: z.infer<typeof planLineListQuery>,
): Promise<z.infer<typeof planLinePage>> {
  authorize(ctx.actor, planLinePolicy, 'list');
  const conds: SQL[] = [];
  const actor = ctx.actor;
  // A purchaser sees its own unit's plan only; the centre and supervisors see every unit's.
  if (actor.kind === 'user' && actor.role === 'purchaser')
    conds.push(eq(planLines.purchaserId, actor.purchaserId ?? ''));
  if (q.year) conds.push(eq(planLines.year, q.year));
  if (q.status) conds.push(eq(planLines.status, q.status));
  if (q.q) {
    const byText = or(ilike(planLines.itemName, likeTerm(q.q)), ilike(planLines.budgetItem, likeTerm(q.q)));
    if (byText) conds.push(byText);
  }
  const where = conds.length ? and(...conds) : undefined;
  const [total] = await db.select({ n: count() }).from(planLines).where(where);
  const rows = await db
    .select()
    .from(planLines)
    .where(where)
    .orderBy(desc(planLines.year), asc(planLines.plannedMonth), asc(planLines.itemCode))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return {
    items: await present(db, ctx, rows),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
    abilities: [
      ...new Set([
        ...abilities(ctx.actor, planLinePolicy),
        // A purchaser may create plan lines for its own unit: ask the policy about that unit.
        ...(actor.kind === 'user' && actor.purchaserId
          ? abilities(ctx.actor, planLinePolicy, { purchaserId: actor.purchaserId })
          : []),
      ]),
    ].filter((a) => a === 'create' || a === 'list'),
  };
}

/** Loads, locks and checks a plan line for one life-cycle event; the caller writes the change. */
async function forEvent(
  tx: Tx,
  ctx: RequestContext,
  id: string,
  action: 'publishIntention' | 'commission' | 'decide' | 'cancel',
  event: PlanLineEvent,
): Promise<{ row: PlanLineRow; next: PlanLineStatus }> {
  const [row] = await tx.select().from(planLines).where(eq(planLines.id, id)).for('update');
  if (!row || !can(ctx.actor, planLinePolicy, 'read', { purchaserId: row.purchaserId }))
    throw notFound('采购计划不存在');
  authorize(ctx.actor, planLinePolicy, action, { purchaserId: row.purchaserId });
  const next = nextPlanLineStatus(statusOf(row), event);
  if (!next.ok) throw conflict('PLAN_LINE_STATE', next.message);
  return { row, next: next.status };
}

async function setStatus(tx: Tx, id: string, from: string, to: PlanLineStatus): Promise<PlanLineRow> {
  const [after] = await tx
    .update(planLines)
    .set({ status: to })
    .where(and(eq(planLines.id, id), eq(planLines.status, from)))
    .returning();
  if (!after) throw conflict('PLAN_LINE_CHANGED', '采购计划已被他人修改，请刷新后重试');
  return after;
}

async function viewOf(db: Db, ctx: RequestContext, row: PlanLineRow): Promise<View> {
  const [view] = await present(db, ctx, [row]);
  if (!view) throw new Error('present returned nothing');
  return view;
}

export async function publishIntention(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof intentionBody>,
): Promise<View> {
  const now = ctx.clock.now();
  const publishedOn = shanghaiDay(now);
  const problem = intentionProblem({ ...body, publishedOn });
  if (problem) throw badRequest('INTENTION_TOO_LATE', problem.message, problem.path);
  const row = await db.transaction(async (tx) => {
    const { row: before, next } = await forEvent(tx, ctx, id, 'publishIntention', 'publishIntention');
    const [intention] = await tx
      .insert(intentions)
      .values({ planLineId: id, ...body, publishedOn, publishedAt: now })
      .returning();
    const after = await setStatus(tx, id, before.status, next);
    await appendAudit(tx, ctx, {
      action: 'planLine.intentionPublished',
      entityType: 'planLine',
      entityId: id,
      before,
      after: { ...after, intention },
    });
    return after;
  });
  return viewOf(db, ctx, row);
}

export async function commissionPlanLine(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof commissionBody>,
): Promise<View> {
  const row = await db.transaction(async (tx) => {
    const { row: before, next } = await forEvent(tx, ctx, id, 'commission', 'commission');
    const values = {
      submittedBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      submittedAt: ctx.clock.now(),
      note: body.note,
      decidedBy: null,
      decidedAt: null,
      decisionNote: null,
    };
    // A returned line is commissioned again: the same commission row, its earlier decision cleared.
    await tx
      .insert(commissions)
      .values({ planLineId: id, ...values })
      .onConflictDoUpdate({ target: commissions.planLineId, set: values });
    const after = await setStatus(tx, id, before.status, next);
    await appendAudit(tx, ctx, {
      action: 'planLine.commissioned',
      entityType: 'planLine',
      entityId: id,
      before,
      after,
    });
    return after;
  });
  return viewOf(db, ctx, row);
}

export async function decideCommission(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof commissionDecisionBody>,
): Promise<View> {
  const row = await db.transaction(async (tx) => {
    const event = body.decision === 'accept' ? 'accept' : 'return';
    const { row: before, next } = await forEvent(tx, ctx, id, 'decide', event);
    await tx
      .update(commissions)
      .set({
        decidedBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        decidedAt: ctx.clock.now(),
        decisionNote: body.note,
      })
      .where(eq(commissions.planLineId, id));
    const after = await setStatus(tx, id, before.status, next);
    await appendAudit(tx, ctx, {
      action: event === 'accept' ? 'planLine.accepted' : 'planLine.returned',
      entityType: 'planLine',
      entityId: id,
      before,
      after: { ...after, note: body.note },
    });
    return after;
  });
  return viewOf(db, ctx, row);
}

/** Withdraws a plan line that has not reached the centre (or was returned by it). */
export async function cancelPlanLine(db: Db, ctx: RequestContext, id: string): Promise<View> {
  const row = await db.transaction(async (tx) => {
    const { row: before, next } = await forEvent(tx, ctx, id, 'cancel', 'cancel');
    const after = await setStatus(tx, id, before.status, next);
    await appendAudit(tx, ctx, {
      action: 'planLine.cancelled',
      entityType: 'planLine',
      entityId: id,
      before,
      after,
    });
    return after;
  });
  return viewOf(db, ctx, row);
}

/**
 * The monthly procurement activity plan (seed 000 publishes one each month): the lines commissioned to the
 * centre and expected to start that month, with the intention's expected start.
 */
export async function readMonthlyPlan(
  db: Db,
  year: number,
  month: number,
): Promise<z.infer<typeof monthlyPlan>> {
  const rows = await db
    .select({ line: planLines, purchaserName: purchasers.name, expectedStartOn: intentions.expectedStartOn })
    .from(planLines)
    .innerJoin(purchasers, eq(purchasers.id, planLines.purchaserId))
    .leftJoin(intentions, eq(intentions.planLineId, planLines.id))
    .where(
      and(
        eq(planLines.year, year),
        eq(planLines.plannedMonth, month),
        inArray(planLines.status, ['commissioned', 'accepted']),
      ),
    )
    .orderBy(asc(purchasers.name), asc(planLines.itemCode));
  const total = rows.reduce((sum, r) => sum + r.line.amountFen, 0n);
  return {
    year,
    month,
    lines: rows.map((r) => ({
      purchaserName: r.purchaserName,
      itemName: r.line.itemName,
      category: CATEGORIES.find((x) => x === r.line.category) ?? 'goods',
      amountFen: r.line.amountFen.toString(),
      expectedStartOn: r.expectedStartOn,
    })),
    totalFen: total.toString(),
  };
}

/** Published 采购意向, newest first: the public notice list of 财库〔2020〕10号. */
export async function listPublicIntentions(
  db: Db,
  ctx: RequestContext,
  q: { page: number; pageSize: number },
): Promise<z.infer<typeof publicIntentionPage>> {
  const [total] = await db.select({ n: count() }).from(intentions);
  const rows = await db
    .select({ i: intentions, line: planLines, purchaserName: purchasers.name })
    .from(intentions)
    .innerJoin(planLines, eq(planLines.id, intentions.planLineId))
    .innerJoin(purchasers, eq(purchasers.id, planLines.purchaserId))
    .orderBy(desc(intentions.publishedAt))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return {
    items: rows.map((r) => ({
      purchaserName: r.purchaserName,
      itemName: r.line.itemName,
      summary: r.i.summary,
      amountFen: r.line.amountFen.toString(),
      expectedStartOn: r.i.expectedStartOn,
      publishedOn: r.i.publishedOn,
    })),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
    abilities: abilities(ctx.actor, planLinePolicy).filter((a) => a === 'readPublished'),
  };
}
