/**
 * 投诉 (法55–58; 条例55–58; 94号令): the challenger complains to the finance department only after its challenge,
 * within 15 WD after the reply period (法55); the department reviews it within 5 WD (94号令21), decides within 30 WD
 * of receipt, excluded days aside (法56; 条例58), may suspend the procurement for at most 30 日 (法57) — which
 * suspends signing meanwhile — and its upheld decision orders a remedy through the award decision.
 */
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { appendAudit } from '../../../platform/audit/log.ts';
import type { RequestContext } from '../../../platform/auth/actor.ts';
import { authorize } from '../../../platform/auth/policy.ts';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { conflict, forbidden } from '../../../platform/errors.ts';
import { complaintDecisionDue } from '../rules/clocks.ts';
import { challenges, complaints } from '../tables.ts';
import type {
  complaintBody,
  ComplaintView,
  decideBody,
  excludedDaysBody,
  liftBody,
  rejectBody,
  suspendBody,
} from './contract.ts';
import { SUBJECT_LABELS } from './contract.ts';
import { applyRemedy, checkEvidence, refusalError, remedyLot } from './challenges.ts';
import './events.ts';
import { challengePolicy, complaintPolicy } from './policy.ts';
import { complaintAcceptanceDue, complaintTiming, planSuspension, remedyProblem } from './rules.ts';
import {
  challengeFor,
  complaintFor,
  presentComplaints,
  projectOr404,
  subjectOf,
  todayOf,
  userOf,
  type ComplaintRow,
} from './view.ts';

const LIVE = ['received', 'accepted', 'decided'];

async function present(tx: Db | Tx, ctx: RequestContext, row: ComplaintRow): Promise<ComplaintView> {
  const [view] = await presentComplaints(tx, ctx, [row]);
  if (!view) throw new Error('complaint presentation failed');
  return view;
}

/** The challenger complains about its challenge (投诉). */
export async function fileComplaint(
  db: Db,
  ctx: RequestContext,
  challengeId: string,
  body: z.infer<typeof complaintBody>,
): Promise<ComplaintView> {
  const user = userOf(ctx);
  if (!user?.supplierId) throw forbidden('只有质疑供应商可以投诉');
  const now = ctx.clock.now();
  const today = todayOf(ctx);
  return db.transaction(async (tx) => {
    const c = await challengeFor(tx, ctx, challengeId, true);
    const l = await projectOr404(tx, c.projectId);
    authorize(ctx.actor, challengePolicy, 'complain', {
      supplierId: c.supplierId,
      purchaserIds: [...new Set(l.shares.map((s) => s.purchaserId))],
    });
    const status = c.status === 'answered' || c.status === 'withdrawn' ? c.status : 'received';
    const timing = complaintTiming({
      challengeStatus: status,
      replyDueOn: c.replyDueOn,
      repliedOn: c.repliedOn,
      filedOn: today,
    });
    if (!timing.ok) throw refusalError(timing);
    const existing = await tx.select().from(complaints).where(eq(complaints.challengeId, c.id));
    if (existing.some((k) => LIVE.includes(k.status))) {
      throw conflict('COMPLAINT_EXISTS', '已就该质疑提起投诉', 'challengeId');
    }
    const evidence = await checkEvidence(tx, ctx, body.evidenceFileIds);
    const [row] = await tx
      .insert(complaints)
      .values({
        projectId: c.projectId,
        challengeId: c.id,
        supplierId: c.supplierId,
        requests: body.requests,
        facts: body.facts,
        evidenceFileIds: evidence,
        filedAt: now,
        filedOn: today,
        windowClosesOn: timing.window.closesOn,
        acceptanceDueOn: complaintAcceptanceDue(today).dueOn,
        status: 'received',
        filedBy: user.userId,
      })
      .returning();
    if (!row) throw new Error('complaint insert returned nothing');
    await appendAudit(tx, ctx, {
      action: 'complaint.filed',
      entityType: 'complaint',
      entityId: row.id,
      after: {
        challengeId: c.id,
        projectId: c.projectId,
        windowClosesOn: row.windowClosesOn,
        acceptanceDueOn: row.acceptanceDueOn,
        evidenceFileIds: evidence,
      },
    });
    return present(tx, ctx, row);
  });
}

async function handled(
  tx: Tx,
  ctx: RequestContext,
  id: string,
  action: 'handle' | 'withdraw',
  statuses: readonly string[],
): Promise<ComplaintRow> {
  const row = await complaintFor(tx, ctx, id, true);
  authorize(ctx.actor, complaintPolicy, action, { supplierId: row.supplierId, purchaserIds: [] });
  if (!statuses.includes(row.status)) {
    throw conflict('COMPLAINT_STATE', `投诉当前状态（${statusText(row.status)}）不能进行此操作`, 'status');
  }
  return row;
}

const statusText = (s: string): string =>
  ({ received: '待审查', accepted: '已受理', rejected: '不予受理', decided: '已决定', withdrawn: '已撤回' })[
    s
  ] ?? s;

async function write(
  tx: Tx,
  ctx: RequestContext,
  row: ComplaintRow,
  set: Partial<typeof complaints.$inferInsert>,
  audit: {
    action:
      | 'complaint.accepted'
      | 'complaint.rejected'
      | 'complaint.suspended'
      | 'complaint.suspensionLifted'
      | 'complaint.excludedDaysRecorded'
      | 'complaint.decided'
      | 'complaint.withdrawn';
    before?: unknown;
    after: unknown;
  },
): Promise<ComplaintRow> {
  const [after] = await tx.update(complaints).set(set).where(eq(complaints.id, row.id)).returning();
  if (!after) throw new Error('complaint update returned nothing');
  await appendAudit(tx, ctx, { ...audit, entityType: 'complaint', entityId: row.id });
  return after;
}

/**
 * Accepted (受理): 94号令 第二十一条(四) — a complaint that meets the conditions counts as accepted from the day it
 * was received, so the 30-WD decision clock runs from the day of receipt (法56 "收到投诉后三十个工作日内").
 */
export async function acceptComplaint(db: Db, ctx: RequestContext, id: string): Promise<ComplaintView> {
  const today = todayOf(ctx);
  return db.transaction(async (tx) => {
    const row = await handled(tx, ctx, id, 'handle', ['received']);
    const due = complaintDecisionDue(row.filedOn, row.excludedWorkingDays);
    const after = await write(
      tx,
      ctx,
      row,
      { status: 'accepted', acceptedOn: today, decisionDueOn: due.dueOn },
      {
        action: 'complaint.accepted',
        before: { status: row.status },
        after: { acceptedOn: today, decisionDueOn: due.dueOn, late: today > row.acceptanceDueOn },
      },
    );
    return present(tx, ctx, after);
  });
}

/** Not accepted (不予受理), with the reason (94号令 第二十一条(一)(二)). */
export async function rejectComplaint(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof rejectBody>,
): Promise<ComplaintView> {
  const today = todayOf(ctx);
  return db.transaction(async (tx) => {
    const row = await handled(tx, ctx, id, 'handle', ['received']);
    const after = await write(
      tx,
      ctx,
      row,
      {
        status: 'rejected',
        rejectionReason: body.reason,
        decidedOn: today,
        decidedAt: ctx.clock.now(),
        decidedBy: userOf(ctx)?.userId ?? null,
      },
      {
        action: 'complaint.rejected',
        before: { status: row.status },
        after: { reason: body.reason, on: today, late: today > row.acceptanceDueOn },
      },
    );
    return present(tx, ctx, after);
  });
}

/** 暂停采购活动 while handling the complaint: at most 30 日 (法57); signing is suspended meanwhile. */
export async function suspendProcurement(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof suspendBody>,
): Promise<ComplaintView> {
  const today = todayOf(ctx);
  return db.transaction(async (tx) => {
    const row = await handled(tx, ctx, id, 'handle', ['received', 'accepted']);
    if (row.suspendedOn) throw conflict('SUSPENSION_EXISTS', '已就该投诉暂停过采购活动', 'suspendedOn');
    const plan = planSuspension(today, body.endsOn);
    if (!plan.ok) throw refusalError(plan);
    const after = await write(
      tx,
      ctx,
      row,
      { suspendedOn: today, suspensionEndsOn: plan.endsOn },
      {
        action: 'complaint.suspended',
        after: { suspendedOn: today, endsOn: plan.endsOn, latestOn: plan.latest.dueOn, reason: body.reason },
      },
    );
    return present(tx, ctx, after);
  });
}

export async function liftSuspension(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof liftBody>,
): Promise<ComplaintView> {
  const today = todayOf(ctx);
  return db.transaction(async (tx) => {
    const row = await handled(tx, ctx, id, 'handle', ['received', 'accepted']);
    if (!row.suspendedOn || row.suspensionLiftedOn) {
      throw conflict('NOT_SUSPENDED', '采购活动未被暂停', 'suspendedOn');
    }
    const after = await write(
      tx,
      ctx,
      row,
      { suspensionLiftedOn: today },
      {
        action: 'complaint.suspensionLifted',
        before: { suspendedOn: row.suspendedOn, endsOn: row.suspensionEndsOn },
        after: { liftedOn: today, reason: body.reason },
      },
    );
    return present(tx, ctx, after);
  });
}

/**
 * Working days for inspection, testing, appraisal, expert review or supplementing materials are not counted
 * (条例58; 94号令 第二十七条): the total recorded moves the decision's due day.
 */
export async function recordExcludedDays(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof excludedDaysBody>,
): Promise<ComplaintView> {
  return db.transaction(async (tx) => {
    const row = await handled(tx, ctx, id, 'handle', ['accepted']);
    const due = complaintDecisionDue(row.filedOn, body.workingDays);
    const after = await write(
      tx,
      ctx,
      row,
      { excludedWorkingDays: body.workingDays, decisionDueOn: due.dueOn },
      {
        action: 'complaint.excludedDaysRecorded',
        before: { excludedWorkingDays: row.excludedWorkingDays, decisionDueOn: row.decisionDueOn },
        after: { excludedWorkingDays: body.workingDays, decisionDueOn: due.dueOn, reason: body.reason },
      },
    );
    return present(tx, ctx, after);
  });
}

/** 投诉处理决定 (法56; 94号令 第二十九条–第三十二条): a suspension still held ends with it. */
export async function decideComplaint(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof decideBody>,
): Promise<ComplaintView> {
  const today = todayOf(ctx);
  return db.transaction(async (tx) => {
    const row = await handled(tx, ctx, id, 'handle', ['accepted']);
    const [c] = await tx.select().from(challenges).where(eq(challenges.id, row.challengeId));
    if (!c) throw new Error('complaint without its challenge');
    const subject = subjectOf(c.subject);
    const problem = remedyProblem(subject, body.outcome, body.remedy);
    if (problem) throw refusalError(problem);
    const l = await projectOr404(tx, row.projectId);
    if (body.remedy && body.remedy !== 'documentsCorrected') remedyLot(c.lotNo, l.lots);
    const held = row.suspendedOn !== null && row.suspensionLiftedOn === null;
    const after = await write(
      tx,
      ctx,
      row,
      {
        status: 'decided',
        decision: body.decision,
        outcome: body.outcome,
        remedy: body.remedy,
        decidedOn: today,
        decidedAt: ctx.clock.now(),
        decidedBy: userOf(ctx)?.userId ?? null,
        ...(held ? { suspensionLiftedOn: today } : {}),
      },
      {
        action: 'complaint.decided',
        before: { status: row.status },
        after: {
          outcome: body.outcome,
          remedy: body.remedy,
          decidedOn: today,
          decisionDueOn: row.decisionDueOn,
          late: row.decisionDueOn !== null && today > row.decisionDueOn,
        },
      },
    );
    const reason = `投诉处理决定（${row.filedOn} 就${SUBJECT_LABELS[subject]}质疑提起的投诉）：${body.decision}`;
    await applyRemedy(tx, ctx, row.projectId, c.lotNo, l.lots, body.remedy, reason.slice(0, 300));
    return present(tx, ctx, after);
  });
}

/** The complainant withdraws (撤回投诉) before the decision; a suspension still held ends with it. */
export async function withdrawComplaint(db: Db, ctx: RequestContext, id: string): Promise<ComplaintView> {
  const today = todayOf(ctx);
  return db.transaction(async (tx) => {
    const row = await handled(tx, ctx, id, 'withdraw', ['received', 'accepted']);
    const held = row.suspendedOn !== null && row.suspensionLiftedOn === null;
    const after = await write(
      tx,
      ctx,
      row,
      { status: 'withdrawn', ...(held ? { suspensionLiftedOn: today } : {}) },
      { action: 'complaint.withdrawn', before: { status: row.status }, after: { status: 'withdrawn' } },
    );
    return present(tx, ctx, after);
  });
}
