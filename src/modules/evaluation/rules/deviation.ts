/**
 * Grounds for re-review of scores (87号令 第六十四条): only four — (1) 分值汇总计算错误 (a sum error), (2) 分项评分
 * 超出评分标准规定的评分范围 (an item outside its range), (3) 客观评审因素评分不一致 (experts disagree on an objective
 * item), (4) 经评标委员会认定评分畸高、畸低 (abnormally high or low scores). These helpers find candidates for each;
 * the committee decides.
 *
 * Ground (4) has no numeric rule in the law. As a flag for the committee we use Tukey's fences: per criterion (and
 * per bid when given), a score outside [Q1 − 1.5·IQR, Q3 + 1.5·IQR]. Quartiles are by linear interpolation between
 * order statistics (Hyndman–Fan type 7, as Excel QUARTILE.INC / numpy's default): for n sorted scores
 * x₀…xₙ₋₁, Qp = x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋₊₁ − x_⌊h⌋) with h = (n − 1)·p — computed exactly on rationals.
 * With fewer than 4 scores nothing is flagged: with 3, type-7 fences provably never exclude a score, so the
 * statistic says nothing and the committee judges alone. `scoreOutlierReport` lists those criteria.
 */
import { add, cmp, exactText, mul, ratio, sub, sum, toRatio, type Ratio } from './ratio.ts';

export type Points = Ratio | number;

export interface ExpertScore {
  expertId: string;
  criterionId: string;
  /** The bid scored; scores of different bids are never compared with each other. */
  bidId?: string;
  points: Points;
}

export interface Outlier {
  criterionId: string;
  expertId: string;
  bidId?: string;
  /** Exact decimal text, or a fraction when it has no finite decimal form. */
  points: string;
  low: string;
  high: string;
}

export const MIN_SCORES_FOR_OUTLIERS = 4;

/** The p-quantile (p = k/4) of ascending exact values, type-7 interpolation. */
export function quantile(sorted: readonly Ratio[], p: Ratio): Ratio {
  if (sorted.length === 0) throw new RangeError('no values');
  const h = mul(ratio(BigInt(sorted.length - 1)), p);
  const lo = h.num / h.den; // ⌊h⌋ (h ≥ 0)
  const frac = sub(h, ratio(lo));
  const xlo = sorted[Number(lo)] as Ratio;
  const xhi = sorted[Math.min(Number(lo) + 1, sorted.length - 1)] as Ratio;
  return add(xlo, mul(frac, sub(xhi, xlo)));
}

export interface OutlierReport {
  outliers: Outlier[];
  /** Criteria (per bid) with fewer than 4 scores: not tested. */
  skipped: { criterionId: string; bidId?: string; count: number }[];
}

export function scoreOutlierReport(scores: readonly ExpertScore[]): OutlierReport {
  const groups = new Map<string, ExpertScore[]>();
  for (const s of scores) {
    const key = JSON.stringify([s.bidId ?? null, s.criterionId]);
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const outliers: Outlier[] = [];
  const skipped: OutlierReport['skipped'] = [];
  for (const group of groups.values()) {
    const first = group[0] as ExpertScore;
    const where = first.bidId === undefined ? {} : { bidId: first.bidId };
    if (group.length < MIN_SCORES_FOR_OUTLIERS) {
      skipped.push({ criterionId: first.criterionId, ...where, count: group.length });
      continue;
    }
    const values = group.map((s) => toRatio(s.points));
    const sorted = [...values].sort(cmp);
    const q1 = quantile(sorted, ratio(1n, 4n));
    const q3 = quantile(sorted, ratio(3n, 4n));
    const fence = mul(ratio(3n, 2n), sub(q3, q1));
    const low = sub(q1, fence);
    const high = add(q3, fence);
    group.forEach((s, i) => {
      const v = values[i] as Ratio;
      if (cmp(v, low) < 0 || cmp(v, high) > 0) {
        outliers.push({
          criterionId: s.criterionId,
          expertId: s.expertId,
          ...where,
          points: exactText(v),
          low: exactText(low),
          high: exactText(high),
        });
      }
    });
  }
  return { outliers, skipped };
}

/** Scores outside the Tukey fences of their criterion (and bid) — candidates for 评分畸高、畸低 (第六十四条 (四)). */
export function scoreOutliers(scores: readonly ExpertScore[]): Outlier[] {
  return scoreOutlierReport(scores).outliers;
}

/** An item score outside [minPoints, maxPoints] (第六十四条 (二)); bounds inclusive. */
export function outOfRange(points: Points, maxPoints: Points, minPoints: Points = 0): boolean {
  const v = toRatio(points);
  return cmp(v, toRatio(minPoints)) < 0 || cmp(v, toRatio(maxPoints)) > 0;
}

export interface ScoreSheet {
  expertId: string;
  bidId: string;
  items: readonly { criterionId: string; points: Points }[];
  /** The total the expert wrote (or the system stored) on the sheet. */
  statedTotal: Points;
}

export interface SumError {
  expertId: string;
  bidId: string;
  stated: string;
  computed: string;
  message: string;
}

/** Sheets whose stated total differs from the exact sum of their items (第六十四条 (一) 分值汇总计算错误). */
export function scoreSumErrors(sheets: readonly ScoreSheet[]): SumError[] {
  const out: SumError[] = [];
  for (const s of sheets) {
    const computed = sum(s.items.map((i) => toRatio(i.points)));
    const stated = toRatio(s.statedTotal);
    if (cmp(computed, stated) !== 0) {
      out.push({
        expertId: s.expertId,
        bidId: s.bidId,
        stated: exactText(stated),
        computed: exactText(computed),
        message: `评分汇总 ${exactText(stated)} 分与各分项之和 ${exactText(computed)} 分不一致（87号令第六十四条：分值汇总计算错误）`,
      });
    }
  }
  return out;
}

export interface RangeFinding {
  expertId: string;
  criterionId: string;
  bidId?: string;
  points: string;
  message: string;
}

/** Every item score outside its criterion's range (第六十四条 (二)); unknown criteria are reported too. */
export function outOfRangeScores(
  scores: readonly ExpertScore[],
  maxByCriterion: ReadonlyMap<string, Points>,
): RangeFinding[] {
  const maxOf = (id: string): Points | undefined => maxByCriterion.get(id);
  const out: RangeFinding[] = [];
  for (const s of scores) {
    const max = maxOf(s.criterionId);
    const where = s.bidId === undefined ? {} : { bidId: s.bidId };
    const points = exactText(toRatio(s.points));
    if (max === undefined) {
      out.push({
        expertId: s.expertId,
        criterionId: s.criterionId,
        ...where,
        points,
        message: `评分因素 ${s.criterionId} 不在招标文件规定的评分标准中（政府采购法实施条例第三十四条）`,
      });
    } else if (outOfRange(s.points, max)) {
      out.push({
        expertId: s.expertId,
        criterionId: s.criterionId,
        ...where,
        points,
        message: `评分 ${points} 分超出该项评分范围 0–${exactText(toRatio(max))} 分（87号令第六十四条：分项评分超出评分标准规定的评分范围）`,
      });
    }
  }
  return out;
}

/**
 * Objective criteria on which experts gave one bid different scores (第六十四条 (三) 客观评审因素评分不一致):
 * per bid and criterion, the distinct scores given.
 */
export function objectiveInconsistencies(
  scores: readonly ExpertScore[],
  objectiveCriteria: ReadonlySet<string>,
): { criterionId: string; bidId?: string; values: string[] }[] {
  const groups = new Map<string, ExpertScore[]>();
  for (const s of scores) {
    if (!objectiveCriteria.has(s.criterionId)) continue;
    const key = JSON.stringify([s.bidId ?? null, s.criterionId]);
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const out: { criterionId: string; bidId?: string; values: string[] }[] = [];
  for (const group of groups.values()) {
    const first = group[0] as ExpertScore;
    const distinct = [...new Set(group.map((s) => exactText(toRatio(s.points))))];
    if (distinct.length > 1) {
      out.push({
        criterionId: first.criterionId,
        ...(first.bidId === undefined ? {} : { bidId: first.bidId }),
        values: distinct,
      });
    }
  }
  return out;
}
