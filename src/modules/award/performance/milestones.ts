/**
 * 履约节点: the purchaser (or the centre) plans delivery, installation, training and service periods; the plan may
 * change until a milestone is reported. The supplier reports completion and the purchaser confirms it; neither
 * while performance is suspended (条例54).
 */
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { appendAudit } from '../../../platform/audit/log.ts';
import { actorUserId, type RequestContext } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError, badRequest, conflict, notFound } from '../../../platform/errors.ts';
import { milestones, performanceIssues } from '../tables.ts';
import type { milestonePlanBody, milestoneReportBody } from './contract.ts';
import './events.ts';
import { loadContract, requireNotSuspended, requireSigned } from './load.ts';
import { planProblems } from './rules.ts';

/** Replaces the unreported part of the plan with the list given. */
export async function planMilestones(
  db: Db,
  ctx: RequestContext,
  contractId: string,
  body: z.infer<typeof milestonePlanBody>,
): Promise<void> {
  await db.transaction(async (tx) => {
    const l = await loadContract(tx, ctx, contractId, 'plan', true);
    requireSigned(l.contract, '修改履约计划');
    const problems = planProblems(body.milestones, l.contract.signedOn);
    const first = problems[0];
    if (first) throw badRequest(first.code, first.message, `body.milestones.${first.index}`);
    const existing = await tx.select().from(milestones).where(eq(milestones.contractId, contractId));
    const byId = new Map(existing.map((m) => [m.id, m]));
    const listed = new Set<string>();
    body.milestones.forEach((m, i) => {
      if (m.id === null) return;
      const known = byId.get(m.id);
      if (!known) throw badRequest('MILESTONE_UNKNOWN', '本合同没有该履约节点', `body.milestones.${i}.id`);
      if (known.reportedOn !== null)
        throw conflict(
          'MILESTONE_REPORTED',
          `履约节点「${known.title}」已报告完成，不能再修改`,
          `body.milestones.${i}`,
        );
      listed.add(m.id);
    });
    const removed = existing.filter((m) => m.reportedOn === null && !listed.has(m.id));
    for (const m of removed) {
      const [used] = await tx
        .select({ id: performanceIssues.id })
        .from(performanceIssues)
        .where(eq(performanceIssues.milestoneId, m.id))
        .limit(1);
      if (used) throw conflict('MILESTONE_HAS_ISSUES', `履约节点「${m.title}」已有履约问题记录，不能删除`);
      await tx.delete(milestones).where(eq(milestones.id, m.id));
    }
    let seq = existing.reduce((a, m) => Math.max(a, m.seq), 0);
    const now = ctx.clock.now();
    for (const m of body.milestones) {
      const values = { kind: m.kind, title: m.title, dueOn: m.dueOn, periodEndsOn: m.periodEndsOn };
      if (m.id !== null) await tx.update(milestones).set(values).where(eq(milestones.id, m.id));
      else await tx.insert(milestones).values({ ...values, contractId, seq: ++seq, createdAt: now });
    }
    await appendAudit(tx, ctx, {
      action: 'milestone.planned',
      entityType: 'contract',
      entityId: contractId,
      before: existing.map((m) => ({ id: m.id, seq: m.seq, kind: m.kind, title: m.title, dueOn: m.dueOn })),
      after: body.milestones,
    });
  });
}

async function milestoneFor(db: Db, id: string) {
  const [m] = await db.select().from(milestones).where(eq(milestones.id, id));
  if (!m) throw notFound();
  return m;
}

/** The supplier reports a milestone done (on a day not before signing and not in the future). */
export async function reportMilestone(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof milestoneReportBody>,
): Promise<string> {
  const { contractId } = await milestoneFor(db, id);
  await db.transaction(async (tx) => {
    const l = await loadContract(tx, ctx, contractId, 'report', true);
    requireSigned(l.contract, '报告履约节点');
    await requireNotSuspended(tx, l);
    if (body.reportedOn > l.today)
      throw badRequest('REPORTED_IN_FUTURE', '完成日期不得晚于今天', 'body.reportedOn');
    if (l.contract.signedOn && body.reportedOn < l.contract.signedOn)
      throw badRequest('REPORTED_BEFORE_SIGNING', '完成日期不得早于合同签订日', 'body.reportedOn');
    const [m] = await tx.select().from(milestones).where(eq(milestones.id, id)).for('update');
    if (!m) throw notFound();
    if (m.confirmedOn !== null) throw conflict('MILESTONE_CONFIRMED', '该履约节点已经采购人确认');
    await tx
      .update(milestones)
      .set({ reportedOn: body.reportedOn, reportNote: body.note, reportedBy: actorUserId(ctx.actor) })
      .where(eq(milestones.id, id));
    await appendAudit(tx, ctx, {
      action: 'milestone.reported',
      entityType: 'milestone',
      entityId: id,
      after: { reportedOn: body.reportedOn, note: body.note },
    });
  });
  return contractId;
}

/** The purchaser confirms a reported milestone, today. */
export async function confirmMilestone(db: Db, ctx: RequestContext, id: string): Promise<string> {
  const { contractId } = await milestoneFor(db, id);
  await db.transaction(async (tx) => {
    const l = await loadContract(tx, ctx, contractId, 'confirm', true);
    requireSigned(l.contract, '确认履约节点');
    await requireNotSuspended(tx, l);
    const [m] = await tx.select().from(milestones).where(eq(milestones.id, id)).for('update');
    if (!m) throw notFound();
    if (m.reportedOn === null)
      throw new AppError(409, 'MILESTONE_NOT_REPORTED', '供应商尚未报告完成该履约节点');
    if (m.confirmedOn !== null) throw conflict('MILESTONE_CONFIRMED', '该履约节点已确认');
    await tx
      .update(milestones)
      .set({ confirmedOn: l.today, confirmedBy: actorUserId(ctx.actor) })
      .where(eq(milestones.id, id));
    await appendAudit(tx, ctx, {
      action: 'milestone.confirmed',
      entityType: 'milestone',
      entityId: id,
      after: { confirmedOn: l.today },
    });
  });
  return contractId;
}
