/**
 * 履约问题: raised by the purchaser or a supervisor (财政/纪检), answered by the supplier within a number of working
 * days the issue sets (3 by default, 1–15), closed by the purchaser with its resolution. A failed acceptance opens
 * one by itself.
 */
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { appendAudit } from '../../../platform/audit/log.ts';
import { actorUserId, type RequestContext } from '../../../platform/auth/actor.ts';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { badRequest, conflict, notFound } from '../../../platform/errors.ts';
import { shanghaiDay } from '../../../platform/clock.ts';
import { milestones, performanceIssues } from '../tables.ts';
import type { issueAnswerBody, issueBody, issueCloseBody } from './contract.ts';
import './events.ts';
import { loadContract } from './load.ts';
import { issueResponseDue } from './rules.ts';

export interface NewIssue {
  category: z.infer<typeof issueBody>['category'];
  description: string;
  milestoneId: string | null;
  responseDays: number;
}

/** Writes an issue and its audit event in the caller's transaction. */
export async function openIssue(tx: Tx, ctx: RequestContext, contractId: string, issue: NewIssue) {
  const now = ctx.clock.now();
  const [row] = await tx
    .insert(performanceIssues)
    .values({
      contractId,
      milestoneId: issue.milestoneId,
      category: issue.category,
      description: issue.description,
      raisedBy: actorUserId(ctx.actor),
      raisedAt: now,
      responseDueOn: issueResponseDue(shanghaiDay(now), issue.responseDays),
      status: 'open',
    })
    .returning();
  if (!row) throw new Error('issue insert returned nothing');
  await appendAudit(tx, ctx, {
    action: 'issue.raised',
    entityType: 'performanceIssue',
    entityId: row.id,
    after: { contractId, ...issue, responseDueOn: row.responseDueOn },
  });
  return row;
}

export async function raiseIssue(
  db: Db,
  ctx: RequestContext,
  contractId: string,
  body: z.infer<typeof issueBody>,
): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    await loadContract(tx, ctx, contractId, 'raiseIssue', true);
    if (body.milestoneId !== null) {
      const [m] = await tx.select().from(milestones).where(eq(milestones.id, body.milestoneId));
      if (!m || m.contractId !== contractId)
        throw badRequest('MILESTONE_UNKNOWN', '本合同没有该履约节点', 'body.milestoneId');
    }
    const row = await openIssue(tx, ctx, contractId, body);
    return { id: row.id };
  });
}

async function issueFor(db: Db, id: string) {
  const [row] = await db.select().from(performanceIssues).where(eq(performanceIssues.id, id));
  if (!row) throw notFound();
  return row;
}

export async function answerIssue(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof issueAnswerBody>,
): Promise<string> {
  const { contractId } = await issueFor(db, id);
  await db.transaction(async (tx) => {
    await loadContract(tx, ctx, contractId, 'answerIssue', true);
    const [issue] = await tx
      .select()
      .from(performanceIssues)
      .where(eq(performanceIssues.id, id))
      .for('update');
    if (!issue) throw notFound();
    if (issue.status === 'closed') throw conflict('ISSUE_CLOSED', '该履约问题已关闭');
    await tx
      .update(performanceIssues)
      .set({
        response: body.response,
        respondedBy: actorUserId(ctx.actor),
        respondedAt: ctx.clock.now(),
        status: 'answered',
      })
      .where(eq(performanceIssues.id, id));
    await appendAudit(tx, ctx, {
      action: 'issue.answered',
      entityType: 'performanceIssue',
      entityId: id,
      before: { status: issue.status, response: issue.response },
      after: { status: 'answered', response: body.response },
    });
  });
  return contractId;
}

export async function closeIssue(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof issueCloseBody>,
): Promise<string> {
  const { contractId } = await issueFor(db, id);
  await db.transaction(async (tx) => {
    await loadContract(tx, ctx, contractId, 'closeIssue', true);
    const [issue] = await tx
      .select()
      .from(performanceIssues)
      .where(eq(performanceIssues.id, id))
      .for('update');
    if (!issue) throw notFound();
    if (issue.status === 'closed') throw conflict('ISSUE_CLOSED', '该履约问题已关闭');
    await tx
      .update(performanceIssues)
      .set({
        resolution: body.resolution,
        closedBy: actorUserId(ctx.actor),
        closedAt: ctx.clock.now(),
        status: 'closed',
      })
      .where(eq(performanceIssues.id, id));
    await appendAudit(tx, ctx, {
      action: 'issue.closed',
      entityType: 'performanceIssue',
      entityId: id,
      before: { status: issue.status },
      after: { status: 'closed', resolution: body.resolution },
    });
  });
  return contractId;
}
