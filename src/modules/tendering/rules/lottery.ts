/**
 * 合理定价评审抽签法 (reasonable fixed price + lottery; RULES.md §10.3; seeds/000, an 敖汉旗 centre's report): the
 * centre and cost engineers analyse the 财政评审价 (the finance department's reviewed budget), fix a 下浮比例
 * (float-down rate), and the documents announce 定标价 = 财政评审价 × (1 − 下浮比例) to every bidder, who accepts
 * that price instead of quoting. No national source: it stays lawful as 87号令 第五十五条's fixed-price case (price
 * is no scoring factor) plus 第六十八条's tie rule; the lottery itself is the evaluation's.
 *
 * The rounding unit and direction are the documents' choice. Integer arithmetic only: the exact value is
 * reviewed × (10000 − rate) / 10000 fen, kept as a fraction for the audit trail.
 */

export type LotteryRounding = 'fen' | 'jiao' | 'yuan' | 'hundredYuan' | 'thousandYuan';

/** The rounding unit in fen. */
export const ROUNDING_UNIT_FEN: Record<LotteryRounding, bigint> = {
  fen: 1n,
  jiao: 10n,
  yuan: 100n,
  hundredYuan: 10_000n,
  thousandYuan: 100_000n,
};

export interface LotteryPriceInput {
  /** 财政评审价 in fen. */
  reviewedFen: bigint;
  /** 下浮比例 in basis points, 0..10000. */
  floatDownBp: number;
  rounding: LotteryRounding;
  /** halfUp = 四舍五入 (default); down = 舍去 (towards zero, never above the exact price). */
  mode?: 'halfUp' | 'down';
}

export interface LotteryPrice {
  /** 定标价 (抽签价) in fen, rounded to the unit. */
  priceFen: bigint;
  /** The exact 财政评审价 × (1 − 下浮比例) in fen, as "num/den" in lowest terms, for the audit trail. */
  exact: string;
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/** 定标价 = 财政评审价 × (1 − 下浮比例), rounded to the documents' unit. */
export function lotteryPrice(o: LotteryPriceInput): LotteryPrice {
  if (!Number.isInteger(o.floatDownBp) || o.floatDownBp < 0 || o.floatDownBp > 10000) {
    throw new RangeError(`下浮比例应为 0 至 10000 基点之间的整数：${o.floatDownBp}`);
  }
  if (o.reviewedFen <= 0n) throw new RangeError('财政评审价应为正数');
  const num = o.reviewedFen * BigInt(10000 - o.floatDownBp);
  const g = num === 0n ? 10000n : gcd(num, 10000n);
  const exact = g === 10000n ? `${num / 10000n}` : `${num / g}/${10000n / g}`;
  const den = 10000n * ROUNDING_UNIT_FEN[o.rounding];
  const units = (o.mode ?? 'halfUp') === 'halfUp' ? (2n * num + den) / (2n * den) : num / den;
  return { priceFen: units * ROUNDING_UNIT_FEN[o.rounding], exact };
}

/** The 定标价 of a lot under the documents' lottery terms; null when the lot has none (or the method is another). */
export function lotteryPriceOf(
  r: {
    evaluationMethod: string;
    lottery: {
      floatDownBp: number;
      rounding: LotteryRounding;
      mode: 'halfUp' | 'down';
      reviewed: { lotNo: number; reviewedFen: string }[];
    } | null;
  },
  lotNo: number,
): bigint | null {
  if (r.evaluationMethod !== 'priceLottery' || !r.lottery) return null;
  const reviewed = r.lottery.reviewed.find((x) => x.lotNo === lotNo);
  if (!reviewed) return null;
  return lotteryPrice({
    reviewedFen: BigInt(reviewed.reviewedFen),
    floatDownBp: r.lottery.floatDownBp,
    rounding: r.lottery.rounding,
    mode: r.lottery.mode,
  }).priceFen;
}
