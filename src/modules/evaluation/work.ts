/**
 * What members do in the room, each in one transaction with its audit event: record pass/fail checks with
 * reasons, record points within each item's range, lock a phase (nothing of it changes afterwards), decide an
 * abnormally low bid after the bidder had at least 30 minutes to explain, sign the report or dissent. The
 * bidder's written explanation, and the centre's preparation of tie-break and lottery draws, are here too.
 */
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { appendAudit } from '../../platform/audit/log.ts';
import type { RequestContext } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/auth/policy.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.ts';
import { bids } from '../bidding/tables.ts';
import type {
  checksBody,
  decisionBody,
  explanationBody,
  myReviewsView,
  scoresBody,
  signBody,
} from './contract.ts';
import './events.ts';
import { evaluationPolicy } from './policy.ts';
import { advance, clausesOf, prepareLotDraw, scoringItemsOf, submitted } from './progress.ts';
import { lotContext, requireMember, roomAccess, type LotContext, type Member } from './room.ts';
import { parseDecimal, ratio } from './rules/ratio.ts';
import {
  abnormalReviews,
  evaluationChecks,
  evaluationScores,
  evaluationSignatures,
  evaluationSubmissions,
} from './tables.ts';

const PHASE_OF_STATUS = { blind: 'blindScoring', checks: 'checking', scores: 'scoring' } as const;
const PHASE_LABELS = { blind: '暗标评分', checks: '资格性和符合性审查', scores: '评分' } as const;

/** A declared member acting on a lot in the phase that allows it, before it locked that phase. */
async function memberAt(
  tx: Tx,
  ctx: RequestContext,
  projectId: string,
  lotNo: number,
  phase: keyof typeof PHASE_OF_STATUS,
): Promise<{ c: LotContext; member: Member }> {
  const c = await lotContext(tx, projectId, lotNo, true);
  const member = requireMember(await roomAccess(tx, ctx, c.committee));
  if (c.evaluation.status !== PHASE_OF_STATUS[phase])
    throw conflict('EVALUATION_PHASE', `第 ${lotNo} 包当前不在${PHASE_LABELS[phase]}阶段`, 'status');
  if ((await submitted(tx, c, phase)).has(member.seatId))
    throw conflict('PHASE_LOCKED', `您已提交本包的${PHASE_LABELS[phase]}结果，不能再修改`);
  return { c, member };
}

/** 资格性 / 符合性审查: one member's pass or fail on each requirement of one bid. */
export async function recordChecks(
  db: Db,
  ctx: RequestContext,
  projectId: string,
  lotNo: number,
  body: z.infer<typeof checksBody>,
): Promise<void> {
  await db.transaction(async (tx) => {
    const { c, member } = await memberAt(tx, ctx, projectId, lotNo, 'checks');
    if (!c.bids.some((b) => b.bidId === body.bidId))
      throw badRequest('BID_UNKNOWN', '本包没有该投标', 'body.bidId');
    const clauses = clausesOf(c.requirements, lotNo);
    const now = ctx.clock.now();
    for (const [i, r] of body.results.entries()) {
      if (!clauses[r.kind].some((cl) => cl.id === r.clauseId))
        throw badRequest('CLAUSE_UNKNOWN', '招标文件没有该审查项', `body.results.${i}.clauseId`);
      if (!r.pass && (r.reason === null || r.reason.length < 4))
        throw badRequest(
          'REASON_REQUIRED',
          '认定不通过的，请写明理由并引用招标文件的要求',
          `body.results.${i}.reason`,
        );
      await tx
        .insert(evaluationChecks)
        .values({
          projectId,
          lotNo,
          bidId: body.bidId,
          seatId: member.seatId,
          kind: r.kind,
          clauseId: r.clauseId,
          pass: r.pass,
          reason: r.pass ? null : r.reason,
          recordedAt: now,
        })
        .onConflictDoUpdate({
          target: [
            evaluationChecks.projectId,
            evaluationChecks.lotNo,
            evaluationChecks.bidId,
            evaluationChecks.seatId,
            evaluationChecks.kind,
            evaluationChecks.clauseId,
          ],
          set: { pass: r.pass, reason: r.pass ? null : r.reason, recordedAt: now },
        });
    }
    await appendAudit(tx, ctx, {
      action: 'evaluation.checksRecorded',
      entityType: 'committeeSeat',
      entityId: member.seatId,
      after: { projectId, lotNo, bidId: body.bidId, results: body.results },
    });
  });
}

/** 评分: one member's points on the items of one bid, each within 0 and the item's full score. */
export async function recordScores(
  db: Db,
  ctx: RequestContext,
  projectId: string,
  lotNo: number,
  body: z.infer<typeof scoresBody>,
): Promise<void> {
  await db.transaction(async (tx) => {
    const c0 = await lotContext(tx, projectId, lotNo);
    const phase = c0.evaluation.status === 'blindScoring' ? 'blind' : 'scores';
    const { c, member } = await memberAt(tx, ctx, projectId, lotNo, phase);
    const scorable = phase === 'blind' ? c.bids.map((b) => b.bidId) : (c.evaluation.qualified ?? []);
    if (!scorable.includes(body.bidId)) throw badRequest('BID_UNKNOWN', '该投标不在评分范围内', 'body.bidId');
    const items = scoringItemsOf(c.requirements);
    const now = ctx.clock.now();
    for (const [i, s] of body.items.entries()) {
      const item = items.find((it) => it.id === s.itemId);
      if (!item) throw badRequest('ITEM_UNKNOWN', '招标文件没有该评分项', `body.items.${i}.itemId`);
      const points = parseDecimal(s.points) ?? ratio(-1n);
      const centi = (points.num * 100n) / points.den;
      if (centi * points.den !== points.num * 100n || centi < 0n || centi > BigInt(item.maxCenti))
        throw badRequest(
          'SCORE_OUT_OF_RANGE',
          `“${item.factor}”的分值应在 0 至 ${item.maxCenti / 100} 分之间`,
          `body.items.${i}.points`,
        );
      await tx
        .insert(evaluationScores)
        .values({
          projectId,
          lotNo,
          bidId: body.bidId,
          seatId: member.seatId,
          itemId: s.itemId,
          centiPoints: Number(centi),
          recordedAt: now,
        })
        .onConflictDoUpdate({
          target: [
            evaluationScores.projectId,
            evaluationScores.lotNo,
            evaluationScores.bidId,
            evaluationScores.seatId,
            evaluationScores.itemId,
          ],
          set: { centiPoints: Number(centi), recordedAt: now },
        });
    }
    await appendAudit(tx, ctx, {
      action: 'evaluation.scoresRecorded',
      entityType: 'committeeSeat',
      entityId: member.seatId,
      after: { projectId, lotNo, bidId: body.bidId, items: body.items },
    });
  });
}

/** 提交: locks the member's work of a phase once it is complete; the lot moves on when everyone has. */
export async function submitPhase(
  db: Db,
  ctx: RequestContext,
  projectId: string,
  lotNo: number,
  phase: keyof typeof PHASE_OF_STATUS,
): Promise<void> {
  await db.transaction(async (tx) => {
    const { c, member } = await memberAt(tx, ctx, projectId, lotNo, phase);
    const missing: string[] = [];
    if (phase === 'checks') {
      const mine = await tx
        .select()
        .from(evaluationChecks)
        .where(
          and(
            eq(evaluationChecks.projectId, projectId),
            eq(evaluationChecks.lotNo, lotNo),
            eq(evaluationChecks.seatId, member.seatId),
          ),
        );
      const clauses = clausesOf(c.requirements, lotNo);
      for (const b of c.bids)
        for (const kind of ['qualification', 'compliance'] as const)
          for (const cl of clauses[kind])
            if (!mine.some((m) => m.bidId === b.bidId && m.kind === kind && m.clauseId === cl.id))
              missing.push(`${b.code ? `投标人${b.code}` : b.supplierName}：${cl.text}`);
    } else {
      const mine = await tx
        .select()
        .from(evaluationScores)
        .where(
          and(
            eq(evaluationScores.projectId, projectId),
            eq(evaluationScores.lotNo, lotNo),
            eq(evaluationScores.seatId, member.seatId),
          ),
        );
      const ids = phase === 'blind' ? c.bids.map((b) => b.bidId) : (c.evaluation.qualified ?? []);
      for (const id of ids)
        for (const it of scoringItemsOf(c.requirements))
          if (!mine.some((m) => m.bidId === id && m.itemId === it.id)) {
            const b = c.bids.find((x) => x.bidId === id);
            missing.push(`${b?.code ? `投标人${b.code}` : (b?.supplierName ?? id)}：${it.factor}`);
          }
    }
    if (missing.length)
      throw conflict(
        'WORK_INCOMPLETE',
        `尚有 ${missing.length} 项未完成：${missing.slice(0, 5).join('；')}${missing.length > 5 ? '……' : ''}`,
      );
    await tx.insert(evaluationSubmissions).values({
      projectId,
      lotNo,
      seatId: member.seatId,
      phase,
      submittedAt: ctx.clock.now(),
    });
    await appendAudit(tx, ctx, {
      action: 'evaluation.submitted',
      entityType: 'committeeSeat',
      entityId: member.seatId,
      after: { projectId, lotNo, phase },
    });
    await advance(tx, ctx, projectId, lotNo);
  });
}

async function reviewFor(tx: Tx, reviewId: string) {
  const [r] = await tx.select().from(abnormalReviews).where(eq(abnormalReviews.id, reviewId)).for('update');
  if (!r) throw notFound('异常低价说明记录不存在');
  return r;
}

/** The bidder's written explanation of its price (财库〔2026〕2号): until the committee decides. */
export async function explainPrice(
  db: Db,
  ctx: RequestContext,
  reviewId: string,
  body: z.infer<typeof explanationBody>,
): Promise<void> {
  authorize(ctx.actor, evaluationPolicy, 'explain');
  await db.transaction(async (tx) => {
    const r = await reviewFor(tx, reviewId);
    const [bid] = await tx.select({ supplierId: bids.supplierId }).from(bids).where(eq(bids.id, r.bidId));
    const supplierId = ctx.actor.kind === 'user' ? ctx.actor.supplierId : null;
    if (!bid || bid.supplierId !== supplierId) throw notFound('异常低价说明记录不存在');
    if (r.decision !== null) throw conflict('ABNORMAL_DECIDED', '评审委员会已作出认定，不能再提交说明');
    await tx
      .update(abnormalReviews)
      .set({ explanation: body.text, explainedAt: ctx.clock.now() })
      .where(eq(abnormalReviews.id, r.id));
    await appendAudit(tx, ctx, {
      action: 'evaluation.abnormalExplained',
      entityType: 'abnormalReview',
      entityId: r.id,
      after: { explanation: body.text },
    });
  });
}

/**
 * The committee's decision, recorded by the chair: accept the explanation, or find the price not shown
 * reasonable — the bid is void (87号令60). Not before the bidder has explained or its time is up.
 */
export async function decideAbnormal(
  db: Db,
  ctx: RequestContext,
  reviewId: string,
  body: z.infer<typeof decisionBody>,
): Promise<void> {
  await db.transaction(async (tx) => {
    const r = await reviewFor(tx, reviewId);
    const c = await lotContext(tx, r.projectId, r.lotNo, true);
    const member = requireMember(await roomAccess(tx, ctx, c.committee));
    if (!member.chair) throw new AppError(403, 'CHAIR_ONLY', '由评审组长记录评审委员会的认定');
    if (r.decision !== null) throw conflict('ABNORMAL_DECIDED', '已作出认定');
    const now = ctx.clock.now();
    if (!r.explainedAt && now < r.dueAt)
      throw conflict(
        'EXPLANATION_TIME',
        `投标人说明时间未到（至少 30 分钟，至 ${r.dueAt.toISOString()}），且尚未提交说明`,
      );
    await tx
      .update(abnormalReviews)
      .set({
        decision: body.accept ? 'accepted' : 'rejected',
        decisionReason: body.reason,
        decidedBy: member.seatId,
        decidedAt: now,
      })
      .where(eq(abnormalReviews.id, r.id));
    await appendAudit(tx, ctx, {
      action: 'evaluation.abnormalDecided',
      entityType: 'abnormalReview',
      entityId: r.id,
      after: { decision: body.accept ? 'accepted' : 'rejected', reason: body.reason },
    });
    await advance(tx, ctx, r.projectId, r.lotNo);
  });
}

/** The supplier's own abnormal-low reviews on a project. */
export async function myReviews(
  db: Db,
  ctx: RequestContext,
  projectId: string,
): Promise<z.infer<typeof myReviewsView>> {
  authorize(ctx.actor, evaluationPolicy, 'explain');
  const supplierId = ctx.actor.kind === 'user' ? ctx.actor.supplierId : null;
  const rows = await db
    .select({ r: abnormalReviews })
    .from(abnormalReviews)
    .innerJoin(bids, eq(bids.id, abnormalReviews.bidId))
    .where(and(eq(abnormalReviews.projectId, projectId), eq(bids.supplierId, supplierId ?? '')));
  return {
    items: rows.map(({ r }) => ({
      id: r.id,
      lotNo: r.lotNo,
      triggers: (r.triggers as { kind: string; message: string }[]).map((t) => ({
        kind: t.kind,
        message: t.message,
      })),
      requestedAt: r.requestedAt.toISOString(),
      dueAt: r.dueAt.toISOString(),
      explanation: r.explanation,
      explainedAt: r.explainedAt?.toISOString() ?? null,
      decision: r.decision,
      decisionReason: r.decisionReason,
      abilities: r.decision === null ? ['explain'] : [],
    })),
  };
}

/** 准备抽签 for a lot waiting for one (ties, 合理定价评审抽签法). */
export async function prepareDrawForLot(db: Db, ctx: RequestContext, projectId: string, lotNo: number) {
  authorize(ctx.actor, evaluationPolicy, 'conduct');
  return db.transaction(async (tx) => {
    const c = await lotContext(tx, projectId, lotNo, true);
    if (c.evaluation.status !== 'awaitingDraw')
      throw conflict('EVALUATION_PHASE', `第 ${lotNo} 包当前无需抽签`, 'status');
    return prepareLotDraw(tx, ctx, projectId, lotNo);
  });
}

/** 签署评审报告: agreement, or dissent with reasons (条例41); the report's hash is what is signed. */
export async function signReport(
  db: Db,
  ctx: RequestContext,
  projectId: string,
  lotNo: number,
  body: z.infer<typeof signBody>,
): Promise<void> {
  await db.transaction(async (tx) => {
    const c = await lotContext(tx, projectId, lotNo, true);
    const member = requireMember(await roomAccess(tx, ctx, c.committee));
    if (c.evaluation.status !== 'reporting')
      throw conflict('EVALUATION_PHASE', '评审报告尚未生成或已签署完毕');
    if (body.reportHash !== c.evaluation.reportHash)
      throw conflict('REPORT_CHANGED', '评审报告已更新，请阅读最新版本后签署', 'body.reportHash');
    const [done] = await tx
      .select()
      .from(evaluationSignatures)
      .where(
        and(
          eq(evaluationSignatures.projectId, projectId),
          eq(evaluationSignatures.lotNo, lotNo),
          eq(evaluationSignatures.seatId, member.seatId),
        ),
      );
    if (done) throw conflict('ALREADY_SIGNED', '您已签署本包评审报告');
    await tx.insert(evaluationSignatures).values({
      projectId,
      lotNo,
      seatId: member.seatId,
      reportHash: body.reportHash,
      agree: body.agree,
      dissent: body.agree ? null : body.dissent,
      signedAt: ctx.clock.now(),
    });
    await appendAudit(tx, ctx, {
      action: 'evaluation.signed',
      entityType: 'committeeSeat',
      entityId: member.seatId,
      after: { projectId, lotNo, reportHash: body.reportHash, agree: body.agree, dissent: body.dissent },
    });
    await advance(tx, ctx, projectId, lotNo);
  });
}
