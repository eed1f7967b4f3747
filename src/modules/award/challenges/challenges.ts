/**
 * 质疑 (法52–54; 条例53–54; 94号令): a supplier that took part files online within 7 WD of when it knew; a letter in
 * time may not be refused (94号令13), a late one is refused with the day its window closed and nothing is written.
 * One that may affect the result suspends signing until answered (条例54). The centre answers within 7 WD (法53);
 * an upheld answer orders its remedy through the award decision, in the same transaction.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { appendAudit } from '../../../platform/audit/log.ts';
import type { RequestContext } from '../../../platform/auth/actor.ts';
import { authorize } from '../../../platform/auth/policy.ts';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../../platform/errors.ts';
import { fileUploads } from '../../../platform/files/tables.ts';
import { changeWinner, failAwardLot, startReevaluation } from '../decision/index.ts';
import { challengeReplyDue } from '../rules/clocks.ts';
import { awards, challenges } from '../tables.ts';
import {
  SUBJECT_LABELS,
  type affectsResultBody,
  type challengeBody,
  type ChallengeView,
  type replyBody,
} from './contract.ts';
import './events.ts';
import { challengePolicy } from './policy.ts';
import { challengeTiming, defaultAffectsResult, remedyProblem, type Refusal, type Remedy } from './rules.ts';
import {
  challengeFor,
  participation,
  presentChallenges,
  projectOr404,
  subjectOf,
  todayOf,
  tookPart,
  userOf,
  type ChallengeRow,
} from './view.ts';

/** A rule's refusal as an HTTP error: a field at fault is a 400, a timing guard (e.g. CHALLENGE_LATE) a 422. */
export function refusalError(r: Refusal): AppError {
  return r.path ? badRequest(r.code, r.message, r.path) : new AppError(422, r.code, r.message);
}

/** The uploads cited as evidence must exist and have been sent by the same account. */
export async function checkEvidence(tx: Db | Tx, ctx: RequestContext, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const userId = userOf(ctx)?.userId ?? '';
  const rows = await tx
    .select({ id: fileUploads.id })
    .from(fileUploads)
    .where(and(inArray(fileUploads.id, unique), eq(fileUploads.uploadedBy, userId)));
  if (rows.length !== unique.length) {
    throw badRequest(
      'EVIDENCE_UNKNOWN',
      '证明材料不存在或不是本账号上传的，请重新上传',
      'body.evidenceFileIds',
    );
  }
  return unique;
}

async function present(tx: Db | Tx, ctx: RequestContext, row: ChallengeRow): Promise<ChallengeView> {
  const [view] = await presentChallenges(tx, ctx, [{ row, visibility: 'full' }]);
  if (!view) throw new Error('challenge presentation failed');
  return view;
}

/** A supplier files a challenge (提出质疑). */
export async function fileChallenge(
  db: Db,
  ctx: RequestContext,
  projectId: string,
  body: z.infer<typeof challengeBody>,
): Promise<ChallengeView> {
  authorize(ctx.actor, challengePolicy, 'file');
  const user = userOf(ctx);
  const supplierId = user?.supplierId;
  if (!user || !supplierId) throw forbidden('只有供应商账号可以提出质疑');
  const now = ctx.clock.now();
  const today = todayOf(ctx);
  return db.transaction(async (tx) => {
    const l = await projectOr404(tx, projectId);
    if (!l.row.noticePublishedOn) throw notFound('项目不存在');
    const part = await participation(tx, projectId, supplierId);
    // 94号令 第十一条: 提出质疑的供应商应当是参与所质疑项目采购活动的供应商.
    if (!tookPart(part)) {
      throw new AppError(
        403,
        'NOT_PARTICIPANT',
        '只有参与本项目采购活动（已报名或投标）的供应商可以提出质疑（94号令第十一条）',
      );
    }
    let lotNo = body.lotNo;
    if (lotNo !== null && !l.lots.some((x) => x.no === lotNo)) {
      throw badRequest('LOT_UNKNOWN', `本项目没有第 ${lotNo} 包`, 'body.lotNo');
    }
    let resultNoticePublishedOn: string | null = null;
    if (body.subject === 'result') {
      const only = l.lots.length === 1 ? l.lots[0] : undefined;
      if (lotNo === null && only) lotNo = only.no;
      if (lotNo === null)
        throw badRequest('LOT_REQUIRED', '对中标（成交）结果提出质疑的，请选择所质疑的包', 'body.lotNo');
      if (!part.bidLots.includes(lotNo)) {
        throw new AppError(
          403,
          'NOT_BIDDER',
          '只有参与该包投标（响应）的供应商可以对其中标（成交）结果提出质疑（94号令第十一条）',
        );
      }
      const resultLot = lotNo;
      const [award] = await tx
        .select({ noticedOn: awards.noticedOn })
        .from(awards)
        .where(and(eq(awards.projectId, projectId), eq(awards.lotNo, resultLot)));
      resultNoticePublishedOn = award?.noticedOn ?? null;
    }
    const timing = challengeTiming({
      subject: body.subject,
      filedOn: today,
      receivedOn: part.registeredOn,
      documentPeriodEndsOn: l.row.documentsAvailableUntil,
      knewOn: body.knewOn,
      noticePublishedOn: l.row.noticePublishedOn,
      resultNoticePublishedOn,
    });
    if (!timing.ok) throw refusalError(timing);
    const evidence = await checkEvidence(tx, ctx, body.evidenceFileIds);
    const [row] = await tx
      .insert(challenges)
      .values({
        projectId,
        lotNo,
        supplierId,
        subject: body.subject,
        knewOn: timing.knewOn,
        requests: body.requests,
        facts: body.facts,
        evidenceFileIds: evidence,
        filedAt: now,
        filedOn: today,
        windowClosesOn: timing.window.closesOn,
        // 法53; 94号令13: 收到质疑函后7个工作日内作出答复.
        replyDueOn: challengeReplyDue(today).dueOn,
        affectsResult: defaultAffectsResult(body.subject, now, l.row.bidDeadlineAt),
        status: 'received',
        filedBy: user.userId,
      })
      .returning();
    if (!row) throw new Error('challenge insert returned nothing');
    await appendAudit(tx, ctx, {
      action: 'challenge.filed',
      entityType: 'challenge',
      entityId: row.id,
      after: {
        projectId,
        lotNo,
        subject: row.subject,
        knewOn: row.knewOn,
        windowClosesOn: row.windowClosesOn,
        replyDueOn: row.replyDueOn,
        affectsResult: row.affectsResult,
        evidenceFileIds: evidence,
      },
    });
    return present(tx, ctx, row);
  });
}

async function receivedFor(
  tx: Tx,
  ctx: RequestContext,
  id: string,
  action: 'withdraw' | 'markAffectsResult' | 'reply',
): Promise<{ row: ChallengeRow; purchaserIds: readonly string[] }> {
  const row = await challengeFor(tx, ctx, id, true);
  const l = await projectOr404(tx, row.projectId);
  const purchaserIds = [...new Set(l.shares.map((s) => s.purchaserId))];
  authorize(ctx.actor, challengePolicy, action, { supplierId: row.supplierId, purchaserIds });
  if (row.status !== 'received') {
    throw conflict(
      'CHALLENGE_SETTLED',
      row.status === 'withdrawn' ? '该质疑已撤回' : '该质疑已答复',
      'status',
    );
  }
  return { row, purchaserIds };
}

/** The challenger withdraws its challenge before the reply; signing is no longer suspended by it. */
export async function withdrawChallenge(db: Db, ctx: RequestContext, id: string): Promise<ChallengeView> {
  return db.transaction(async (tx) => {
    const { row } = await receivedFor(tx, ctx, id, 'withdraw');
    const [after] = await tx
      .update(challenges)
      .set({ status: 'withdrawn' })
      .where(eq(challenges.id, row.id))
      .returning();
    if (!after) throw new Error('challenge update returned nothing');
    await appendAudit(tx, ctx, {
      action: 'challenge.withdrawn',
      entityType: 'challenge',
      entityId: row.id,
      before: { status: row.status },
      after: { status: after.status },
    });
    return present(tx, ctx, after);
  });
}

/**
 * The centre marks whether the challenge may affect the result (条例54: only such a challenge suspends signing),
 * with its reason, recorded in the audit log.
 */
export async function markAffectsResult(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof affectsResultBody>,
): Promise<ChallengeView> {
  return db.transaction(async (tx) => {
    const { row } = await receivedFor(tx, ctx, id, 'markAffectsResult');
    if (row.affectsResult === body.affectsResult) return present(tx, ctx, row);
    const [after] = await tx
      .update(challenges)
      .set({ affectsResult: body.affectsResult })
      .where(eq(challenges.id, row.id))
      .returning();
    if (!after) throw new Error('challenge update returned nothing');
    await appendAudit(tx, ctx, {
      action: 'challenge.affectsResultChanged',
      entityType: 'challenge',
      entityId: row.id,
      before: { affectsResult: row.affectsResult },
      after: { affectsResult: after.affectsResult, reason: body.reason },
    });
    return present(tx, ctx, after);
  });
}

/** The lot an upheld outcome acts on: the challenge's lot, or the project's only lot. */
export function remedyLot(lotNo: number | null, lots: readonly { no: number }[]): number {
  if (lotNo !== null) return lotNo;
  const only = lots.length === 1 ? lots[0] : undefined;
  if (!only) {
    throw badRequest(
      'REMEDY_LOT_REQUIRED',
      '该质疑针对整个项目，本项目有多个包：请由采购中心按包分别处理（重新评审、另行确定或废标）',
      'body.remedy',
    );
  }
  return only.no;
}

/** Runs the remedy an upheld answer or decision orders, inside the caller's transaction. */
export async function applyRemedy(
  tx: Tx,
  ctx: RequestContext,
  projectId: string,
  lotNo: number | null,
  lots: readonly { no: number }[],
  remedy: Remedy | null,
  reason: string,
): Promise<void> {
  if (remedy === null || remedy === 'documentsCorrected') return;
  const lot = remedyLot(lotNo, lots);
  if (remedy === 'reevaluation') await startReevaluation(tx, ctx, projectId, lot, reason);
  else if (remedy === 'winnerChanged') await changeWinner(tx, ctx, projectId, lot, reason);
  else await failAwardLot(tx, ctx, projectId, lot, reason);
}

const clip = (s: string, n = 300): string => (s.length > n ? `${s.slice(0, n)}…` : s);

/**
 * The centre answers (法53; 94号令13–16): in writing to the challenger and the other suppliers concerned; late
 * answers are accepted and flagged. Upheld: the remedy runs now (另行确定 / 重新评审 / 重新开展采购活动).
 */
export async function replyToChallenge(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof replyBody>,
): Promise<ChallengeView> {
  const user = userOf(ctx);
  const today = todayOf(ctx);
  return db.transaction(async (tx) => {
    const { row } = await receivedFor(tx, ctx, id, 'reply');
    const subject = subjectOf(row.subject);
    const problem = remedyProblem(subject, body.outcome, body.remedy);
    if (problem) throw refusalError(problem);
    const l = await projectOr404(tx, row.projectId);
    if (body.remedy && body.remedy !== 'documentsCorrected') remedyLot(row.lotNo, l.lots);
    const [after] = await tx
      .update(challenges)
      .set({
        status: 'answered',
        reply: body.reply,
        outcome: body.outcome,
        remedy: body.remedy,
        repliedOn: today,
        repliedAt: ctx.clock.now(),
        repliedBy: user?.userId ?? null,
      })
      .where(eq(challenges.id, row.id))
      .returning();
    if (!after) throw new Error('challenge update returned nothing');
    await appendAudit(tx, ctx, {
      action: 'challenge.answered',
      entityType: 'challenge',
      entityId: row.id,
      before: { status: row.status },
      after: {
        outcome: body.outcome,
        remedy: body.remedy,
        repliedOn: today,
        replyDueOn: row.replyDueOn,
        late: today > row.replyDueOn,
      },
    });
    await applyRemedy(
      tx,
      ctx,
      row.projectId,
      row.lotNo,
      l.lots,
      body.remedy,
      clip(`质疑成立（${row.filedOn} 对${SUBJECT_LABELS[subject]}提出的质疑）：${body.reply}`),
    );
    return present(tx, ctx, after);
  });
}
