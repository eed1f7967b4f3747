/**
 * 合理定价评审抽签法 (reasonable fixed price + lottery; RULES.md §10.3; seeds/000, an 敖汉旗 centre's report, 敖政办发
 * 78号): the centre and cost engineers analyse the 财政评审价 (the finance department's reviewed budget), fix a
 * 下浮比例 (float-down rate), and announce 定标价 = 财政评审价 × (1 − 下浮比例) to every bidder; bidders accepting it
 * pass the pass/fail review, and the winner is drawn by lot among them.
 *
 * No national source: this is a local method. It stays lawful only as 87号令 第五十五条's fixed-price case (price
 * is then no scoring factor) plus 第六十八条's tie rule (ties drawn at random), with at least three qualified
 * bidders (87号令 第四十四条). The draw itself belongs to the verifiable-draw module.
 *
 * The rounding unit and direction of the 定标价 are the documents' choice; the default is half-up to the fen.
 */
import { fractionText, ratio, roundScaled } from './ratio.ts';

/** At least three qualified bidders before any draw (87号令 第四十四条; RULES.md §10.3). */
export const MIN_QUALIFIED_FOR_LOTTERY = 3;

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
  /** The exact 财政评审价 × (1 − 下浮比例) in fen, as "num/den" for the audit trail. */
  exact: string;
}

/** 定标价 = 财政评审价 × (1 − 下浮比例), rounded to the documents' unit. */
export function lotteryPrice(o: LotteryPriceInput): LotteryPrice {
  if (!Number.isInteger(o.floatDownBp) || o.floatDownBp < 0 || o.floatDownBp > 10000) {
    throw new RangeError(`下浮比例应为 0 至 10000 基点之间的整数：${o.floatDownBp}`);
  }
  if (o.reviewedFen <= 0n) throw new RangeError('财政评审价应为正数');
  const exact = ratio(o.reviewedFen * BigInt(10000 - o.floatDownBp), 10000n);
  const unit = ROUNDING_UNIT_FEN[o.rounding];
  const inUnits = ratio(exact.num, exact.den * unit);
  const units = (o.mode ?? 'halfUp') === 'halfUp' ? roundScaled(inUnits, 0) : inUnits.num / inUnits.den;
  return { priceFen: units * unit, exact: fractionText(exact) };
}

/** Whether enough bidders qualified for the draw; the message explains when not. */
export function lotteryQuorum(qualified: number): { ok: boolean; message?: string } {
  if (qualified >= MIN_QUALIFIED_FOR_LOTTERY) return { ok: true };
  return {
    ok: false,
    message: `通过资格审查和符合性审查的投标人仅 ${qualified} 家，不足 ${MIN_QUALIFIED_FOR_LOTTERY} 家，不得抽签确定中标人（87号令第四十四条）`,
  };
}
