/**
 * 中标（成交）通知书 to the winner and 结果告知书 to every other bidder of the lot (条例43; 87号令 第六十九条 ⚠️: 在公告
 * 中标结果的同时…向未中标人发出结果告知书, 告知其未中标的原因 — with its own rank, score and price, never another
 * bidder's except the winner's published ones).
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { bidLotPrices, bids } from '../../bidding/tables.ts';
import { evaluations } from '../../evaluation/tables.ts';
import type { loadProject } from '../../tendering/index.ts';
import { rmbCapitals } from '../rules/capitals.ts';
import { yuanText } from '../rules/contract-terms.ts';
import type { awards } from '../tables.ts';
import type { LetterContent } from './contract.ts';

type Loaded = NonNullable<Awaited<ReturnType<typeof loadProject>>>;
type AwardRow = typeof awards.$inferSelect;

/** What the award reads of the evaluation's stored ranking (see evaluation/progress.ts computeRanking). */
export const rankingSchema = z.looseObject({
  entries: z.array(
    z.looseObject({
      bidId: z.string(),
      supplierName: z.string(),
      rank: z.number(),
      priceFen: z.string(),
      evaluatedFen: z.string(),
      total: z.object({ exact: z.string(), rounded: z.string() }).nullable(),
    }),
  ),
  candidates: z.array(z.string()),
  excludedSameBrand: z.array(z.string()).default([]),
});

/** What the award reads of the signed report: the committee and the check conclusions. */
export const reportSchema = z.looseObject({
  method: z.string(),
  committee: z.array(z.looseObject({ name: z.string(), role: z.string(), chair: z.boolean() })),
  checks: z.array(
    z.looseObject({
      bidId: z.string(),
      qualified: z.boolean(),
      failed: z.array(z.looseObject({ kind: z.string(), clause: z.string(), reasons: z.array(z.string()) })),
      automatic: z.array(z.string()),
    }),
  ),
});

export const TENDER_METHODS = ['openTender', 'invitedTender'];
export const winWord = (method: string) => (TENDER_METHODS.includes(method) ? '中标' : '成交');

const money = (fen: bigint) => `￥${yuanText(fen)}元（大写：${rmbCapitals(fen)}）`;

/** The reasons a bid did not win, from the report: failed checks, or where it stood against the winner. */
function reasonsFor(
  bidId: string,
  method: string,
  ranking: z.infer<typeof rankingSchema>,
  report: z.infer<typeof reportSchema> | null,
  winner: z.infer<typeof rankingSchema>['entries'][number] | undefined,
  passedOver: string | null,
): string[] {
  const check = report?.checks.find((c) => c.bidId === bidId);
  if (check && !check.qualified) {
    return [
      ...check.automatic,
      ...check.failed.map(
        (f) =>
          `${f.kind === 'qualification' ? '资格性审查' : '符合性审查'}未通过：${f.clause}${
            f.reasons.filter(Boolean).length ? `（${f.reasons.filter(Boolean).join('；')}）` : ''
          }`,
      ),
    ];
  }
  if (ranking.excludedSameBrand.includes(bidId)) {
    return ['提供相同品牌产品的投标人按一家计算，贵单位未被确定为该品牌的推荐投标人（87号令第三十一条）'];
  }
  if (passedOver) return [`采购人依法未确定贵单位：${passedOver}`];
  const own = ranking.entries.find((e) => e.bidId === bidId);
  if (!own || !winner) return ['贵单位未被评审委员会推荐为中标（成交）候选人'];
  if (method === 'bestValue' && own.total && winner.total) {
    return [
      `贵单位综合得分 ${own.total.rounded} 分，排名第 ${own.rank}，低于中标（成交）供应商的 ${winner.total.rounded} 分`,
    ];
  }
  if (method === 'priceLottery') {
    return [`按合理定价评审抽签法随机抽签，贵单位排序第 ${own.rank}`];
  }
  return [
    `贵单位评审价格 ￥${yuanText(BigInt(own.evaluatedFen))}元，排名第 ${own.rank}，高于中标（成交）供应商的评审价格 ￥${yuanText(BigInt(winner.evaluatedFen))}元`,
  ];
}

/** The letters of one confirmed lot: one per bidder whose bid was opened in the lot. */
export async function lettersFor(tx: Db | Tx, l: Loaded, award: AwardRow) {
  const [ev] = await tx
    .select()
    .from(evaluations)
    .where(and(eq(evaluations.projectId, l.row.id), eq(evaluations.lotNo, award.lotNo)));
  if (!ev || !award.winnerBidId || award.amountFen === null) return [];
  const amountFen = award.amountFen;
  const ranking = rankingSchema.parse(ev.ranking);
  const report = reportSchema.safeParse(ev.report).data ?? null;
  const lotBids = await tx
    .select({ bidId: bids.id, supplierId: bids.supplierId })
    .from(bidLotPrices)
    .innerJoin(bids, eq(bids.id, bidLotPrices.bidId))
    .where(
      and(eq(bids.projectId, l.row.id), eq(bids.status, 'submitted'), eq(bidLotPrices.lotNo, award.lotNo)),
    );
  const lot = l.lots.find((x) => x.no === award.lotNo);
  const word = winWord(l.row.method);
  const winnerEntry = ranking.entries.find((e) => e.bidId === award.winnerBidId);
  const winnerName =
    winnerEntry?.supplierName ??
    award.candidates.find((c) => c.bidId === award.winnerBidId)?.supplierName ??
    '';
  const what = `${l.row.name}（项目编号：${l.row.code}）第${award.lotNo}包「${lot?.name ?? ''}」`;
  return lotBids.map((b) => {
    const own = ranking.entries.find((e) => e.bidId === b.bidId);
    const supplierName =
      own?.supplierName ?? award.candidates.find((c) => c.bidId === b.bidId)?.supplierName ?? '';
    const won = b.bidId === award.winnerBidId;
    const passed = award.passedOver.find((p) => p.bidId === b.bidId)?.reason ?? null;
    const reasons = won ? [] : reasonsFor(b.bidId, ev.method, ranking, report, winnerEntry, passed);
    const content: LetterContent = {
      title: won ? `${word}通知书` : '结果告知书',
      supplierName,
      winnerName,
      amountFen: String(award.amountFen),
      ownRank: own?.rank ?? null,
      ownPriceFen: own?.priceFen ?? null,
      ownScore: own?.total?.rounded ?? null,
      winnerScore: winnerEntry?.total?.rounded ?? null,
      reasons,
      paragraphs: won
        ? [
            `${supplierName}：`,
            `经评审，贵单位被确定为${what}的${word}供应商，${word}金额${money(amountFen)}。`,
            `请自本通知书发出之日起30日内，按照采购文件和贵单位投标（响应）文件的约定与采购人签订书面政府采购合同（政府采购法第四十六条）。`,
            `中标（成交）通知书发出后，采购人不得违法改变中标（成交）结果，中标（成交）供应商无正当理由不得放弃中标（成交）。`,
          ]
        : [
            `${supplierName}：`,
            `${what}的评审结果已经确定，${word}供应商为${winnerName}，${word}金额${money(amountFen)}。贵单位未${word}。`,
            `未${word}原因：${reasons.join('；')}。`,
            `贵单位认为采购过程或中标（成交）结果使自己的权益受到损害的，可以在结果公告期限届满之日起7个工作日内，以书面形式向采购人或采购代理机构提出质疑（政府采购法第五十二条；政府采购法实施条例第五十三条）。`,
            `贵单位的投标保证金将在中标（成交）通知书发出之日起5个工作日内退还（政府采购法实施条例第三十三条）。`,
          ],
    };
    return {
      projectId: l.row.id,
      lotNo: award.lotNo,
      supplierId: b.supplierId,
      bidId: b.bidId,
      kind: won ? ('award' as const) : ('result' as const),
      content,
    };
  });
}
