/**
 * 算术修正 (87号令 第五十九条; RULES.md §4.1): during the checks the chair records what the committee read in a
 * bid — the body's total, the 大写 amount, the 分项报价 lines — and the platform applies the article's four rules
 * in order to the opened 开标一览表 price. The corrected price binds only once the bidder confirms it; a refusal
 * voids the bid. The checks cannot conclude while a bidder has not answered.
 */
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { appendAudit } from '../../platform/audit/log.ts';
import type { RequestContext } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/auth/policy.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.ts';
import { bids } from '../bidding/tables.ts';
import type { correctionBody, correctionList, correctionView } from './contract.ts';
import './events.ts';
import { evaluationPolicy } from './policy.ts';
import { advance } from './progress.ts';
import { lotContext, requireMember, roomAccess } from './room.ts';
import { correctPrice, parseChineseAmount } from './rules/price.ts';
import { priceCorrections } from './tables.ts';

type Row = typeof priceCorrections.$inferSelect;

export function presentCorrection(r: Row, abilities: string[] = []): z.infer<typeof correctionView> {
  return {
    id: r.id,
    lotNo: r.lotNo,
    bidId: r.bidId,
    originalFen: String(r.originalFen),
    correctedFen: String(r.correctedFen),
    steps: (r.steps as { rule: number; message: string }[]).map((s) => ({
      rule: s.rule,
      message: s.message,
    })),
    recordedAt: r.recordedAt.toISOString(),
    bidderDecision:
      r.bidderDecision === 'confirmed' || r.bidderDecision === 'refused' ? r.bidderDecision : null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    abilities,
  };
}

export async function correctionsOf(tx: Db | Tx, projectId: string, lotNo: number): Promise<Row[]> {
  return tx
    .select()
    .from(priceCorrections)
    .where(and(eq(priceCorrections.projectId, projectId), eq(priceCorrections.lotNo, lotNo)));
}

/** 算术修正, recorded by the chair in the checking phase; replaces an earlier one the bidder has not answered. */
export async function recordCorrection(
  db: Db,
  ctx: RequestContext,
  projectId: string,
  lotNo: number,
  body: z.infer<typeof correctionBody>,
): Promise<void> {
  await db.transaction(async (tx) => {
    const c = await lotContext(tx, projectId, lotNo, true);
    const member = requireMember(await roomAccess(tx, ctx, c.committee));
    if (!member.chair) throw new AppError(403, 'CHAIR_ONLY', '由评审组长记录评审委员会的算术修正');
    if (c.evaluation.status !== 'checking')
      throw conflict('EVALUATION_PHASE', '算术修正在资格性和符合性审查阶段进行', 'status');
    const bid = c.bids.find((b) => b.bidId === body.bidId);
    if (!bid) throw badRequest('BID_UNKNOWN', '本包没有该投标', 'body.bidId');
    const wordsFen = body.words === null ? null : parseChineseAmount(body.words);
    if (body.words !== null && wordsFen === null)
      throw badRequest('WORDS_UNREADABLE', '无法识别该大写金额，请按投标文件原样填写', 'body.words');
    const result = correctPrice({
      summaryFen: bid.priceFen,
      bodyFen: body.bodyFen === null ? null : BigInt(body.bodyFen),
      wordsFen,
      lines: body.lines.map((l) => ({
        unitFen: BigInt(l.unitFen),
        quantity: l.quantity,
        totalFen: BigInt(l.totalFen),
      })),
    });
    if (result.steps.length === 0) throw badRequest('NO_CORRECTION', '所填内容与开标一览表一致，无需修正');
    const [existing] = await tx
      .select()
      .from(priceCorrections)
      .where(
        and(
          eq(priceCorrections.projectId, projectId),
          eq(priceCorrections.lotNo, lotNo),
          eq(priceCorrections.bidId, bid.bidId),
        ),
      );
    if (existing?.bidderDecision) throw conflict('CORRECTION_ANSWERED', '投标人已答复该修正，不能再改');
    const values = {
      projectId,
      lotNo,
      bidId: bid.bidId,
      originalFen: bid.priceFen,
      correctedFen: result.priceFen,
      input: body,
      steps: result.steps.map((s) => ({ ...s, fromFen: String(s.fromFen), toFen: String(s.toFen) })),
      recordedBy: member.seatId,
      recordedAt: ctx.clock.now(),
    };
    const [row] = existing
      ? await tx.update(priceCorrections).set(values).where(eq(priceCorrections.id, existing.id)).returning()
      : await tx.insert(priceCorrections).values(values).returning();
    if (!row) throw new Error('correction write returned nothing');
    await appendAudit(tx, ctx, {
      action: 'evaluation.priceCorrected',
      entityType: 'priceCorrection',
      entityId: row.id,
      after: {
        lotNo,
        bidId: bid.bidId,
        originalFen: String(bid.priceFen),
        correctedFen: String(result.priceFen),
        steps: values.steps,
      },
    });
  });
}

async function ownCorrection(tx: Db | Tx, ctx: RequestContext, id: string, lock = false): Promise<Row> {
  const q = tx.select().from(priceCorrections).where(eq(priceCorrections.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('修正记录不存在');
  const [bid] = await tx.select({ supplierId: bids.supplierId }).from(bids).where(eq(bids.id, row.bidId));
  const supplierId = ctx.actor.kind === 'user' ? ctx.actor.supplierId : null;
  if (!bid || bid.supplierId !== supplierId) throw notFound('修正记录不存在');
  return row;
}

/** The bidder confirms the corrected price, or refuses it — and its bid is void (87号令 第五十九条 第二款). */
export async function answerCorrection(
  db: Db,
  ctx: RequestContext,
  id: string,
  accept: boolean,
): Promise<z.infer<typeof correctionView>> {
  authorize(ctx.actor, evaluationPolicy, 'explain');
  return db.transaction(async (tx) => {
    const row = await ownCorrection(tx, ctx, id, true);
    if (row.bidderDecision) throw conflict('CORRECTION_ANSWERED', '已经答复过该修正');
    const [after] = await tx
      .update(priceCorrections)
      .set({ bidderDecision: accept ? 'confirmed' : 'refused', decidedAt: ctx.clock.now() })
      .where(eq(priceCorrections.id, row.id))
      .returning();
    if (!after) throw new Error('correction update returned nothing');
    await appendAudit(tx, ctx, {
      action: 'evaluation.correctionAnswered',
      entityType: 'priceCorrection',
      entityId: row.id,
      after: { decision: after.bidderDecision },
    });
    await advance(tx, ctx, row.projectId, row.lotNo);
    return presentCorrection(after);
  });
}

/** The supplier's corrections on a project, to confirm or refuse. */
export async function myCorrections(
  db: Db,
  ctx: RequestContext,
  projectId: string,
): Promise<z.infer<typeof correctionList>> {
  authorize(ctx.actor, evaluationPolicy, 'explain');
  const supplierId = ctx.actor.kind === 'user' ? ctx.actor.supplierId : null;
  const rows = await db
    .select({ r: priceCorrections })
    .from(priceCorrections)
    .innerJoin(bids, eq(bids.id, priceCorrections.bidId))
    .where(and(eq(priceCorrections.projectId, projectId), eq(bids.supplierId, supplierId ?? '')));
  return { items: rows.map(({ r }) => presentCorrection(r, r.bidderDecision ? [] : ['answer'])) };
}
