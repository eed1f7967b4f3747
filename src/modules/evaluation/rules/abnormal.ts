/**
 * Abnormally low bids (异常低价; RULES.md §4.3): which compliant bids trip the national triggers of
 * 财库〔2026〕2号《关于推动解决政府采购异常低价问题的通知》, in force from 2026-02-01. A trigger is not a verdict: the
 * committee asks the bidder for a written explanation on site (at least 30 minutes) and voids the bid only if it
 * cannot prove the price reasonable (87号令 第六十条). Before 2026-02-01 only 第六十条's judgement exists: no
 * numeric trigger.
 *
 * Triggers (strict "<", on the raw bid price — not the policy-deducted one — compared exactly):
 * 1. below averageBp of the average price of all bids that passed the compliance check;
 * 2. below secondLowestBp of the second-lowest of those prices (the second order statistic: with two bids equal
 *    at the lowest price, the second-lowest is that same price);
 * 3. below ceilingBp of the 最高限价, or of the budget when there is no ceiling.
 * Defaults 50% / 50% / 45%; the documents may raise a rate, never above 65% (财库〔2026〕2号). The committee's
 * own professional judgement (trigger 4) is not computable and stays with the committee.
 */
import { fractionText, ratio, roundedText, type Ratio } from './ratio.ts';
import type { Problem } from './types.ts';

export const ABNORMAL_FROM = '2026-02-01';
export const MIN_EXPLANATION_MINUTES = 30;
export const MAX_RATE_BP = 6500;

export interface AbnormalRates {
  averageBp: number;
  secondLowestBp: number;
  ceilingBp: number;
}

export const DEFAULT_RATES: AbnormalRates = { averageBp: 5000, secondLowestBp: 5000, ceilingBp: 4500 };

const RATE_LABELS: Record<keyof AbnormalRates, string> = {
  averageBp: '平均报价比例',
  secondLowestBp: '次低报价比例',
  ceilingBp: '最高限价（预算）比例',
};

/** Rates the documents set: integers, at least the national default, at most 65%. */
export function validateRates(r: AbnormalRates): (Problem & { path: keyof AbnormalRates })[] {
  const out: (Problem & { path: keyof AbnormalRates })[] = [];
  for (const path of ['averageBp', 'secondLowestBp', 'ceilingBp'] as const) {
    const v = r[path];
    const floor = DEFAULT_RATES[path];
    if (!Number.isInteger(v)) {
      out.push({ code: 'RATE_NOT_INTEGER', path, message: `${RATE_LABELS[path]}应为整数基点` });
    } else if (v > MAX_RATE_BP) {
      out.push({
        code: 'RATE_ABOVE_CAP',
        path,
        message: `${RATE_LABELS[path]}不得高于 65%（财库〔2026〕2号）`,
      });
    } else if (v < floor) {
      out.push({
        code: 'RATE_BELOW_DEFAULT',
        path,
        message: `${RATE_LABELS[path]}只能提高，不得低于 ${floor / 100}%（财库〔2026〕2号）`,
      });
    }
  }
  return out;
}

export type TriggerKind = 'average' | 'secondLowest' | 'ceiling';

export interface Trigger {
  kind: TriggerKind;
  /** The exact threshold in fen as a fraction: "4567/2". */
  thresholdExact: string;
  /** The threshold in fen rounded half-up to hundredths of a fen, for display: "2283.50". */
  thresholdFen: string;
  message: string;
}

export interface AbnormalInput {
  /**
   * The day that decides whether 财库〔2026〕2号 applies (from 2026-02-01). The notice's transitional rule was not
   * read; the caller passes the day its policy names (we use the evaluation day).
   */
  day: string;
  /** The bids that passed the compliance check (符合性审查), with their raw bid price. */
  bids: readonly { bidId: string; rawPriceFen: bigint }[];
  ceilingFen: bigint | null;
  budgetFen: bigint;
  rates?: AbnormalRates;
}

const KIND_LABELS: Record<TriggerKind, string> = {
  average: '所有通过符合性审查投标人报价平均值',
  secondLowest: '通过符合性审查投标人中的次低报价',
  ceiling: '最高限价',
};

/**
 * The bids that trip at least one trigger, in input order, each with the triggers it trips; bids that trip none
 * are left out. Empty before 2026-02-01.
 */
export function abnormalLowTriggers(o: AbnormalInput): { bidId: string; triggers: Trigger[] }[] {
  if (o.day < ABNORMAL_FROM || o.bids.length === 0) return [];
  const rates = o.rates ?? DEFAULT_RATES;
  if (validateRates(rates).length > 0) throw new RangeError('abnormal-low rates out of range');

  const prices = o.bids.map((b) => b.rawPriceFen);
  const total = prices.reduce((s, p) => s + p, 0n);
  const n = BigInt(prices.length);
  const sorted = [...prices].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const second = sorted[1] ?? null;
  const ceilingIsBudget = o.ceilingFen === null;
  const reference = o.ceilingFen ?? o.budgetFen;

  // Each threshold as rate × reference ÷ (10000 × divisor): price < threshold ⇔ price × 10000 × divisor < rate × reference.
  const thresholds: { kind: TriggerKind; rateBp: number; refNum: bigint; refDen: bigint }[] = [
    { kind: 'average', rateBp: rates.averageBp, refNum: total, refDen: n },
  ];
  if (second !== null)
    thresholds.push({ kind: 'secondLowest', rateBp: rates.secondLowestBp, refNum: second, refDen: 1n });
  thresholds.push({ kind: 'ceiling', rateBp: rates.ceilingBp, refNum: reference, refDen: 1n });

  const out: { bidId: string; triggers: Trigger[] }[] = [];
  for (const b of o.bids) {
    const triggers: Trigger[] = [];
    for (const t of thresholds) {
      if (b.rawPriceFen * 10000n * t.refDen < BigInt(t.rateBp) * t.refNum) {
        const exact: Ratio = ratio(BigInt(t.rateBp) * t.refNum, 10000n * t.refDen);
        const label =
          t.kind === 'ceiling' && ceilingIsBudget ? '采购预算（未设最高限价）' : KIND_LABELS[t.kind];
        triggers.push({
          kind: t.kind,
          thresholdExact: fractionText(exact),
          thresholdFen: roundedText(exact, 2),
          message: `投标报价低于${label}的 ${t.rateBp / 100}%（${roundedText(ratio(exact.num, exact.den * 100n), 2)} 元），评标委员会应当要求其在评标现场合理时间内（不少于 ${MIN_EXPLANATION_MINUTES} 分钟）提供书面说明及必要的证明材料（财库〔2026〕2号；87号令第六十条）`,
        });
      }
    }
    if (triggers.length > 0) out.push({ bidId: b.bidId, triggers });
  }
  return out;
}
