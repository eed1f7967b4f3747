/**
 * Where a lot's evaluation goes next, decided from what is recorded — never typed by anyone:
 *
 * blindScoring → (every member locked its blind scores; codes revealed) → checking → (every member locked its
 * checks; majority per requirement, 条例41) → 废标 when fewer than three qualify (87号令44) → abnormal (财库〔2026〕2号
 * triggers: the bidder explains in ≥ 30 min, the chair records the committee's decision) → scoring (综合评分法) →
 * ranking (price scores computed, 87号令55; ties and the 合理定价评审抽签法 by verifiable draws, 87号令68) →
 * reporting (report built, members sign) → signed.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { emitDomainEvent } from '../../platform/domain-events.ts';
import { appendAudit } from '../../platform/audit/log.ts';
import type { RequestContext } from '../../platform/auth/actor.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { platformSigner } from '../../platform/signing.ts';
import { expertReviews, experts } from '../orgs/tables.ts';
import type { Requirements } from '../tendering/contract.ts';
import { categoryOf, loadProject, lotteryPriceOf, methodOf, setState, step } from '../tendering/index.ts';
import { commitDraw } from './draws.ts';
import type { DrawResult, DrawSlot } from './draw.contract.ts';
import './events.ts';
import { depositsIn, lotContext, type LotBid, type LotContext, type Member } from './room.ts';
import { abnormalLowTriggers, MIN_EXPLANATION_MINUTES } from './rules/abnormal.ts';
import { scoreOutliers } from './rules/deviation.ts';
import { lotteryQuorum } from './rules/lottery.ts';
import { evaluatedPrice, priceScores } from './rules/price.ts';
import { evaluationQuorum } from './rules/quorum.ts';
import { rankBids, recommendedCount } from './rules/ranking.ts';
import { add, div, exactText, ratio, roundedText, sum, type Ratio } from './rules/ratio.ts';
import {
  abnormalReviews,
  committeeSeats,
  draws,
  evaluationChecks,
  evaluations,
  evaluationScores,
  evaluationSignatures,
  evaluationSubmissions,
  type DrawRow,
} from './tables.ts';

export interface Clause {
  id: string;
  text: string;
}

/** The requirements checked pass/fail for one lot: 资格性审查 and 符合性审查 (87号令 第四十四条、第五十条). */
export function clausesOf(
  req: Requirements,
  lotNo: number,
): { qualification: Clause[]; compliance: Clause[] } {
  const forLot = (c: { lotNo: number | null }) => c.lotNo === null || c.lotNo === lotNo;
  return {
    qualification: [
      { id: 'LAW22', text: '具备《政府采购法》第二十二条规定的供应商条件' },
      ...req.qualification.filter(forLot).map((c) => ({ id: c.id, text: c.text })),
    ],
    compliance: [
      ...req.substantive.filter(forLot).map((c) => ({ id: c.id, text: `★ ${c.text}` })),
      {
        id: 'RESPONSE',
        text: '投标文件按招标文件要求签署、盖章，投标有效期满足要求，未附加采购人不能接受的条件',
      },
    ],
  };
}

export interface ScoringItem {
  id: string;
  factor: string;
  text: string;
  /** The most a member may give, in hundredths of a point (weight 1500 bp = 15 points = 1500). */
  maxCenti: number;
}

/** 综合评分法 items other than price: weight in basis points of 100 points is the item's full score. */
export function scoringItemsOf(req: Requirements): ScoringItem[] {
  if (req.evaluationMethod !== 'bestValue') return [];
  return req.scoring.map((s) => ({ id: s.id, factor: s.factor, text: s.text, maxCenti: s.weightBp }));
}

/** The price a bid is evaluated at: the opened 开标一览表 price, or the correction its bidder confirmed (87号令59). */
export const priceOfBid = (b: LotBid): bigint => b.correctedFen ?? b.priceFen;

/** Facts that void a bid whatever the members think: over the ceiling or budget (87号令63), no deposit (条例33). */
export function automaticFailures(c: LotContext, deposits: Set<string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const limit = c.lot.ceilingFen ?? c.lot.budgetFen;
  const depositAsked = c.requirements.depositFen !== null && BigInt(c.requirements.depositFen) > 0n;
  for (const b of c.bids) {
    const reasons: string[] = [];
    if (b.correctionRefused) reasons.push('投标人不确认评审委员会修正后的报价，投标无效（87号令第五十九条）');
    if (priceOfBid(b) > limit)
      reasons.push(
        c.lot.ceilingFen
          ? '投标报价超过最高限价，投标无效（87号令第六十三条）'
          : '投标报价超过采购预算，投标无效（87号令第六十三条）',
      );
    const fixed = lotteryPriceOf(c.requirements, c.lot.no);
    if (fixed !== null && priceOfBid(b) !== fixed)
      reasons.push('未按采购文件公布的定标价投标，投标无效（合理定价评审抽签法）');
    if (depositAsked && !deposits.has(b.supplierId))
      reasons.push('未按招标文件要求提交投标保证金，投标无效（政府采购法实施条例第三十三条）');
    if (reasons.length) out.set(b.bidId, reasons);
  }
  return out;
}

export async function submitted(
  tx: Db | Tx,
  c: LotContext,
  phase: 'blind' | 'checks' | 'scores',
): Promise<Set<string>> {
  const rows = await tx
    .select({ seatId: evaluationSubmissions.seatId })
    .from(evaluationSubmissions)
    .where(
      and(
        eq(evaluationSubmissions.projectId, c.project.row.id),
        eq(evaluationSubmissions.lotNo, c.lot.no),
        eq(evaluationSubmissions.phase, phase),
      ),
    );
  return new Set(rows.map((r) => r.seatId));
}

const everyone = (members: readonly Member[], done: Set<string>) => members.every((m) => done.has(m.seatId));

/** The committee's finding per bid: majority per requirement (条例41), reasons of those who failed it. */
export async function checkConclusions(tx: Db | Tx, c: LotContext) {
  const rows = await tx
    .select()
    .from(evaluationChecks)
    .where(and(eq(evaluationChecks.projectId, c.project.row.id), eq(evaluationChecks.lotNo, c.lot.no)));
  const clauses = clausesOf(c.requirements, c.lot.no);
  const auto = automaticFailures(c, await depositsIn(tx, c.project.row.id));
  const seats = new Set(c.members.map((m) => m.seatId));
  return c.bids.map((b) => {
    const failed = (['qualification', 'compliance'] as const).flatMap((kind) =>
      clauses[kind].flatMap((clause) => {
        const votes = rows.filter(
          (r) => r.bidId === b.bidId && r.kind === kind && r.clauseId === clause.id && seats.has(r.seatId),
        );
        const fails = votes.filter((v) => !v.pass);
        if (fails.length * 2 <= votes.length) return [];
        return [
          {
            kind,
            clauseId: clause.id,
            clause: clause.text,
            votes: { pass: votes.length - fails.length, fail: fails.length },
            reasons: fails.map((f) => f.reason ?? ''),
          },
        ];
      }),
    );
    const automatic = auto.get(b.bidId) ?? [];
    return { bidId: b.bidId, qualified: failed.length === 0 && automatic.length === 0, failed, automatic };
  });
}

async function setStatus(
  tx: Tx,
  c: LotContext,
  status: string,
  extra: Partial<typeof evaluations.$inferInsert> = {},
) {
  await tx
    .update(evaluations)
    .set({ status, ...extra })
    .where(and(eq(evaluations.projectId, c.project.row.id), eq(evaluations.lotNo, c.lot.no)));
  c.evaluation = { ...c.evaluation, status, ...extra };
}

/** 废标 of a lot; the project fails when no lot is left (法36; 87号令44). */
async function failLot(tx: Tx, ctx: RequestContext, c: LotContext, reason: string, nextSteps: string[]) {
  await setStatus(tx, c, 'failed', { failedReason: reason, completedAt: ctx.clock.now() });
  await appendAudit(tx, ctx, {
    action: 'evaluation.failed',
    entityType: 'project',
    entityId: c.project.row.id,
    after: { lotNo: c.lot.no, reason, nextSteps },
  });
  const all = await tx.select().from(evaluations).where(eq(evaluations.projectId, c.project.row.id));
  const projectFailed = all.every((e) => e.status === 'failed');
  if (projectFailed) {
    const l = await loadProject(tx, c.project.row.id, true);
    if (!l) return;
    const to = step(l, 'fail', { groundRecorded: true });
    await setState(tx, l, to, {}, ctx.clock.now());
  }
  await emitDomainEvent(tx, ctx, 'evaluation.lotFailed', {
    projectId: c.project.row.id,
    lotNo: c.lot.no,
    reason,
    projectFailed,
  });
}

function quorumOrFail(
  c: LotContext,
  qualified: number,
): { ok: true } | { ok: false; reason: string; steps: string[] } {
  const method = methodOf(c.project.row.method);
  const q = evaluationQuorum({
    method,
    qualified,
    category: categoryOf(c.project.row.category),
    smeReserved: c.requirements.sme.mode === 'reserved',
  });
  if (!q.ok) return { ok: false, reason: q.message ?? '合格投标人不足三家', steps: q.nextSteps ?? [] };
  if (c.evaluation.method === 'priceLottery') {
    const l = lotteryQuorum(qualified);
    if (!l.ok) return { ok: false, reason: l.message ?? '合格投标人不足三家，不能抽签', steps: [] };
  }
  return { ok: true };
}

const bidderOf = (b: LotBid) => ({
  smallMicro: b.declarations?.sme?.size === 'small' || b.declarations?.sme?.size === 'micro',
  domesticProduct: b.declarations?.domesticProduct ?? null,
});

/** The evaluated price of each bid (policy deductions on the original price; 87号令55, 46号, 国办发〔2025〕34号). */
export function evaluatedPrices(c: LotContext, ids: readonly string[]) {
  const day = c.project.row.documentsIssuedOn ?? shanghaiDay(c.evaluation.startedAt);
  return c.bids
    .filter((b) => ids.includes(b.bidId))
    .map((b) => ({
      bid: b,
      price: evaluatedPrice({
        priceFen: priceOfBid(b),
        category: categoryOf(c.project.row.category),
        sme: c.requirements.sme,
        bidder: bidderOf(b),
        domesticPolicy: c.requirements.domesticProduct,
        day,
      }),
    }));
}

/** Members' points per bid and item, exact: the committee's item score is the members' average. */
export async function scoreTable(tx: Db | Tx, c: LotContext) {
  const rows = await tx
    .select()
    .from(evaluationScores)
    .where(and(eq(evaluationScores.projectId, c.project.row.id), eq(evaluationScores.lotNo, c.lot.no)));
  const seats = new Set(c.members.map((m) => m.seatId));
  return rows.filter((r) => seats.has(r.seatId));
}

export interface RankedEntry {
  bidId: string;
  supplierName: string;
  rank: number;
  /** The price evaluated: the opened one, or its confirmed correction. */
  priceFen: string;
  /** As read out at the opening. */
  openedPriceFen: string;
  evaluatedFen: string;
  evaluatedExact: string;
  deductions: { kind: string; rateBp: number; amountFen: string; basis: string }[];
  itemScores: { itemId: string; exact: string; rounded: string }[];
  priceScore: { exact: string; rounded: string } | null;
  total: { exact: string; rounded: string } | null;
}

/** The tie groups still to draw, and the draws done, for a lot. */
async function lotDraws(tx: Db | Tx, c: LotContext): Promise<DrawRow[]> {
  return tx
    .select()
    .from(draws)
    .where(and(eq(draws.projectId, c.project.row.id), inArray(draws.purpose, ['tieBreak', 'lottery'])))
    .orderBy(asc(draws.preparedAt));
}

export const subjectOf = (lotNo: number, what: string): string => `lot-${lotNo}:${what}`;

/** What must be drawn before the ranking is final: the lottery, or each group of tied bids (87号令68). */
export function drawNeeds(c: LotContext, qualified: readonly string[], tieGroups: readonly string[][]) {
  const sorted = (ids: readonly string[]) => [...ids].sort();
  if (c.evaluation.method === 'priceLottery')
    return [{ purpose: 'lottery' as const, subject: subjectOf(c.lot.no, 'lottery'), ids: sorted(qualified) }];
  return tieGroups.map((g) => ({
    purpose: 'tieBreak' as const,
    subject: subjectOf(c.lot.no, `tie-${sorted(g).join(',').slice(0, 36)}`),
    ids: sorted(g),
  }));
}

/** The ranking as far as the records go; `pending` lists draws still to make. */
export async function computeRanking(tx: Db | Tx, c: LotContext) {
  const qualified = c.evaluation.qualified ?? [];
  const priced = evaluatedPrices(c, qualified);
  const decimals = 2;
  const items = scoringItemsOf(c.requirements);
  let scores = new Map<string, { items: RankedEntry['itemScores']; price: Ratio; total: Ratio }>();
  if (c.evaluation.method === 'bestValue') {
    const rows = await scoreTable(tx, c);
    const ps = priceScores({
      bids: priced.map((p) => ({
        bidId: p.bid.bidId,
        evaluatedFen: p.price.evaluatedFen,
        evaluated: p.price.evaluated,
      })),
      weightBp: c.requirements.priceWeightBp ?? 0,
      decimals,
    });
    scores = new Map(
      priced.map((p) => {
        const itemScores = items.map((it) => {
          const given = rows.filter((r) => r.bidId === p.bid.bidId && r.itemId === it.id);
          const avg = given.length
            ? div(sum(given.map((g) => ratio(BigInt(g.centiPoints), 100n))), ratio(BigInt(given.length)))
            : ratio(0n);
          return { itemId: it.id, exact: avg };
        });
        const price = ps.scores.find((s) => s.bidId === p.bid.bidId)?.exact ?? ratio(0n);
        const total = itemScores.reduce((acc, s) => add(acc, s.exact), price);
        return [
          p.bid.bidId,
          {
            items: itemScores.map((s) => ({
              itemId: s.itemId,
              exact: exactText(s.exact),
              rounded: roundedText(s.exact, decimals),
            })),
            price,
            total,
          },
        ];
      }),
    );
  }
  const ranking = rankBids({
    method: c.evaluation.method === 'bestValue' ? 'bestValue' : 'lowestPrice',
    entries: priced.map((p) => ({
      bidId: p.bid.bidId,
      evaluatedFen: p.price.evaluatedFen,
      evaluated: p.price.evaluated,
      score: scores.get(p.bid.bidId)?.total,
      brand: p.bid.items['品牌'] ?? p.bid.items['核心产品品牌'] ?? null,
    })),
  });
  const tieGroups = [
    ...ranking.tieGroups,
    ...ranking.sameBrand.filter((g) => g.drawAmong.length > 1).map((g) => g.drawAmong),
  ];
  const needs = drawNeeds(c, qualified, c.evaluation.method === 'priceLottery' ? [] : tieGroups);
  const done = await lotDraws(tx, c);
  const drawn = needs.map((n) => ({
    need: n,
    draw: done.find((d) => d.subject === n.subject && d.status === 'drawn') ?? null,
  }));
  // Final order: by rank; inside a tie (or the lottery) by the drawn order.
  const orderWithin = new Map<string, number>();
  for (const { draw } of drawn) {
    const order = (draw?.result as DrawResult | undefined)?.slots[0]?.order ?? [];
    order.forEach((id, i) => orderWithin.set(id, i));
  }
  const sameBrandOut = new Set(ranking.sameBrand.flatMap((g) => g.others));
  const ordered = [...ranking.order]
    .filter((r) => !sameBrandOut.has(r.bidId))
    .sort((a, b) =>
      c.evaluation.method === 'priceLottery'
        ? (orderWithin.get(a.bidId) ?? 0) - (orderWithin.get(b.bidId) ?? 0)
        : a.rank - b.rank || (orderWithin.get(a.bidId) ?? 0) - (orderWithin.get(b.bidId) ?? 0),
    );
  const entries: RankedEntry[] = ordered.map((r, i) => {
    const p = priced.find((x) => x.bid.bidId === r.bidId);
    const s = scores.get(r.bidId);
    return {
      bidId: r.bidId,
      supplierName: p?.bid.supplierName ?? '',
      rank: i + 1,
      priceFen: String(p ? priceOfBid(p.bid) : 0n),
      openedPriceFen: String(p?.bid.priceFen ?? 0n),
      evaluatedFen: String(p?.price.evaluatedFen ?? 0n),
      evaluatedExact: p?.price.evaluatedExact ?? '',
      deductions: (p?.price.deductions ?? []).map((d) => ({
        kind: d.kind,
        rateBp: d.rateBp,
        amountFen: String(d.amountFen),
        basis: d.basis,
      })),
      itemScores: s?.items ?? [],
      priceScore: s ? { exact: exactText(s.price), rounded: roundedText(s.price, decimals) } : null,
      total: s ? { exact: exactText(s.total), rounded: roundedText(s.total, decimals) } : null,
    };
  });
  return {
    entries,
    sameBrand: ranking.sameBrand.map((g) => ({ brand: g.brand, kept: g.kept, others: g.others })),
    excludedSameBrand: [...sameBrandOut],
    pending: drawn.filter((d) => !d.draw).map((d) => d.need),
    draws: drawn.flatMap((d) =>
      d.draw ? [{ drawId: d.draw.id, purpose: d.need.purpose, ids: d.need.ids }] : [],
    ),
    candidates: entries.slice(0, recommendedCount(methodOf(c.project.row.method))).map((e) => e.bidId),
  };
}

/** Score deviations per item and bid (87号令64: 评分畸高、畸低), shown to the chair and the supervisors. */
export async function deviations(tx: Db | Tx, c: LotContext) {
  const rows = await scoreTable(tx, c);
  return scoreOutliers(
    rows.map((r) => ({
      expertId: r.seatId,
      criterionId: r.itemId,
      bidId: r.bidId,
      points: ratio(BigInt(r.centiPoints), 100n),
    })),
  );
}

/** Builds the report every member signs. */
async function buildReport(
  tx: Tx,
  ctx: RequestContext,
  c: LotContext,
  ranking: Awaited<ReturnType<typeof computeRanking>>,
) {
  const conclusions = await checkConclusions(tx, c);
  const reviews = await tx
    .select()
    .from(abnormalReviews)
    .where(and(eq(abnormalReviews.projectId, c.project.row.id), eq(abnormalReviews.lotNo, c.lot.no)));
  const label = (b: LotBid) =>
    c.evaluation.blind ? `${b.supplierName}（投标人${b.code ?? '?'}）` : b.supplierName;
  const report = {
    kind: 'evaluationReport',
    projectId: c.project.row.id,
    projectCode: c.project.row.code,
    projectName: c.project.row.name,
    lotNo: c.lot.no,
    lotName: c.lot.name,
    method: c.evaluation.method,
    blind: c.evaluation.blind,
    startedAt: c.evaluation.startedAt.toISOString(),
    committee: c.members.map((m) => ({
      seatId: m.seatId,
      name: m.name,
      role: m.kind === 'expert' ? '评审专家' : '采购人代表',
      chair: m.chair,
    })),
    checks: conclusions.map((k) => {
      const b = c.bids.find((x) => x.bidId === k.bidId);
      return {
        bidId: k.bidId,
        bidder: b ? label(b) : '',
        qualified: k.qualified,
        failed: k.failed,
        automatic: k.automatic,
      };
    }),
    abnormal: reviews.map((r) => ({
      bidId: r.bidId,
      triggers: r.triggers,
      explanation: r.explanation,
      decision: r.decision,
      reason: r.decisionReason,
    })),
    scoringItems: scoringItemsOf(c.requirements).map((i) => ({
      id: i.id,
      factor: i.factor,
      maxPoints: i.maxCenti / 100,
    })),
    deviations: await deviations(tx, c),
    ranking: ranking.entries,
    candidates: ranking.candidates.map(
      (id) => ranking.entries.find((e) => e.bidId === id)?.supplierName ?? id,
    ),
    draws: ranking.draws,
    builtAt: ctx.clock.now().toISOString(),
  };
  const reportHash = createHash('sha256')
    .update(canonicalize(report) ?? '')
    .digest('hex');
  return { report, reportHash };
}

/**
 * Moves the lot on as far as the records allow, in the caller's transaction. Called after every locked phase,
 * decision and draw; idempotent.
 */
export async function advance(tx: Tx, ctx: RequestContext, projectId: string, lotNo: number): Promise<void> {
  for (let guard = 0; guard < 10; guard++) {
    const c = await lotContext(tx, projectId, lotNo, true);
    const now = ctx.clock.now();
    switch (c.evaluation.status) {
      case 'blindScoring': {
        if (!everyone(c.members, await submitted(tx, c, 'blind'))) return;
        await setStatus(tx, c, 'checking');
        await appendAudit(tx, ctx, {
          action: 'evaluation.blindRevealed',
          entityType: 'project',
          entityId: projectId,
          after: { lotNo, codes: c.bids.map((b) => ({ code: b.code, bidId: b.bidId })) },
        });
        continue;
      }
      case 'checking': {
        if (!everyone(c.members, await submitted(tx, c, 'checks'))) return;
        // A corrected price binds only when its bidder has answered (87号令 第五十九条 第二款).
        if (c.bids.some((b) => b.correctionPending)) return;
        const conclusions = await checkConclusions(tx, c);
        const qualified = conclusions.filter((k) => k.qualified).map((k) => k.bidId);
        await setStatus(tx, c, 'checking', { qualified });
        await appendAudit(tx, ctx, {
          action: 'evaluation.checksConcluded',
          entityType: 'project',
          entityId: projectId,
          after: { lotNo, conclusions },
        });
        const q = quorumOrFail(c, qualified.length);
        if (!q.ok) return failLot(tx, ctx, c, q.reason, q.steps);
        const triggered =
          c.evaluation.method === 'priceLottery'
            ? []
            : abnormalLowTriggers({
                day: shanghaiDay(now),
                bids: c.bids
                  .filter((b) => qualified.includes(b.bidId))
                  .map((b) => ({ bidId: b.bidId, rawPriceFen: priceOfBid(b) })),
                ceilingFen: c.lot.ceilingFen,
                budgetFen: c.lot.budgetFen,
                ...(c.requirements.abnormalRates ? { rates: c.requirements.abnormalRates } : {}),
              });
        for (const t of triggered) {
          const [row] = await tx
            .insert(abnormalReviews)
            .values({
              projectId,
              lotNo,
              bidId: t.bidId,
              triggers: t.triggers,
              requestedAt: now,
              dueAt: new Date(now.getTime() + MIN_EXPLANATION_MINUTES * 60_000),
            })
            .onConflictDoNothing()
            .returning({ id: abnormalReviews.id });
          if (row)
            await appendAudit(tx, ctx, {
              action: 'evaluation.abnormalRequested',
              entityType: 'abnormalReview',
              entityId: row.id,
              after: { lotNo, bidId: t.bidId, triggers: t.triggers },
            });
        }
        await setStatus(tx, c, triggered.length ? 'abnormal' : afterChecks(c));
        continue;
      }
      case 'abnormal': {
        const reviews = await tx
          .select()
          .from(abnormalReviews)
          .where(and(eq(abnormalReviews.projectId, projectId), eq(abnormalReviews.lotNo, lotNo)));
        if (reviews.some((r) => r.decision === null)) return;
        const rejected = new Set(reviews.filter((r) => r.decision === 'rejected').map((r) => r.bidId));
        const qualified = (c.evaluation.qualified ?? []).filter((id) => !rejected.has(id));
        const q = quorumOrFail(c, qualified.length);
        if (!q.ok) {
          await setStatus(tx, c, 'abnormal', { qualified });
          return failLot(tx, ctx, c, q.reason, q.steps);
        }
        await setStatus(tx, c, afterChecks(c), { qualified });
        continue;
      }
      case 'scoring': {
        if (!everyone(c.members, await submitted(tx, c, 'scores'))) return;
        await setStatus(tx, c, 'awaitingDraw');
        continue;
      }
      case 'awaitingDraw': {
        const ranking = await computeRanking(tx, c);
        if (ranking.pending.length) return;
        const { report, reportHash } = await buildReport(tx, ctx, c, ranking);
        await setStatus(tx, c, 'reporting', { ranking, report, reportHash });
        await appendAudit(tx, ctx, {
          action: 'evaluation.ranked',
          entityType: 'project',
          entityId: projectId,
          after: { lotNo, reportHash, candidates: ranking.candidates },
        });
        continue;
      }
      case 'reporting': {
        const signatures = await tx
          .select()
          .from(evaluationSignatures)
          .where(and(eq(evaluationSignatures.projectId, projectId), eq(evaluationSignatures.lotNo, lotNo)));
        const current = signatures.filter((s) => s.reportHash === c.evaluation.reportHash);
        if (!everyone(c.members, new Set(current.map((s) => s.seatId)))) return;
        const signer = await platformSigner(tx);
        const signedReport = signer.sign({
          kind: 'evaluationReportSigned' as const,
          projectId,
          lotNo,
          reportHash: c.evaluation.reportHash,
          signatures: current.map((s) => ({
            seatId: s.seatId,
            name: c.members.find((m) => m.seatId === s.seatId)?.name ?? '',
            agree: s.agree,
            dissent: s.dissent,
            signedAt: s.signedAt.toISOString(),
          })),
        });
        await setStatus(tx, c, 'signed', { signedReport, completedAt: now });
        await recordExpertReviews(tx, c, shanghaiDay(now));
        await appendAudit(tx, ctx, {
          action: 'evaluation.reportSigned',
          entityType: 'project',
          entityId: projectId,
          after: { lotNo, reportHash: c.evaluation.reportHash, signature: signedReport.signature },
        });
        await emitDomainEvent(tx, ctx, 'evaluation.lotSigned', { projectId, lotNo });
        return;
      }
      default:
        return;
    }
  }
}

/** After the checks (and any abnormal-low decisions): scoring for 综合评分法 not already scored blind, else ranking. */
function afterChecks(c: LotContext): string {
  return c.evaluation.method === 'bestValue' && !c.evaluation.blind ? 'scoring' : 'awaitingDraw';
}

/** One expert_reviews row per expert who sat: the registry's review count and the centre's later rating. */
async function recordExpertReviews(tx: Tx, c: LotContext, day: string): Promise<void> {
  const seats = await tx
    .select({ expertId: committeeSeats.expertId, slotKey: committeeSeats.slotKey })
    .from(committeeSeats)
    .where(
      inArray(
        committeeSeats.id,
        c.members.filter((m) => m.kind === 'expert').map((m) => m.seatId),
      ),
    );
  for (const s of seats) {
    if (!s.expertId) continue;
    const [e] = await tx.select({ id: experts.id }).from(experts).where(eq(experts.id, s.expertId));
    const code = c.committee.slots[Number(s.slotKey?.split('-')[0] ?? 1) - 1]?.specialtyCode;
    if (!e || !code) continue;
    await tx.insert(expertReviews).values({
      expertId: s.expertId,
      projectRef: `${c.project.row.code}/${c.lot.no}`,
      specialtyCode: code,
      reviewedOn: day,
    });
  }
}

/** A tie-break or lottery draw was made: the lot goes on. */
export async function afterLotDraw(tx: Tx, ctx: RequestContext, d: DrawRow): Promise<void> {
  const m = /^lot-(\d+):/.exec(d.subject);
  if (!m) return;
  await advance(tx, ctx, d.projectId, Number(m[1]));
}

/** 准备抽签: commits the next draw the lot waits for (a tie, or the 合理定价评审抽签法 lottery). */
export async function prepareLotDraw(
  tx: Tx,
  ctx: RequestContext,
  projectId: string,
  lotNo: number,
): Promise<DrawRow> {
  const c = await lotContext(tx, projectId, lotNo, true);
  if (c.evaluation.status !== 'awaitingDraw') throw new Error('not awaiting a draw');
  const ranking = await computeRanking(tx, c);
  const need = ranking.pending[0];
  if (!need) throw new Error('nothing to draw');
  const slots: DrawSlot[] = [
    {
      key: need.purpose === 'lottery' ? 'winner' : 'order',
      count: 1,
      alternates: need.ids.length - 1,
      candidates: need.ids.map((id) => ({ id })),
    },
  ];
  return commitDraw(tx, ctx, {
    projectId,
    committeeId: c.committee.id,
    purpose: need.purpose,
    subject: need.subject,
    slots,
  });
}
