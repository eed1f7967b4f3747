import type { StatisticsQuery } from './contract.ts';

/**
 * How the centres' reports write amounts and rates, computed exactly from fen (ARCHITECTURE.md "Money, time, text").
 * Seed 000 (敖汉旗): "完成采购预算4.3172亿元 … 节约资金5712万元，资金节约率13.23%"; "其中货物类采购38次，完成采购预算
 * 3743万元"; seed 004 (福田区) writes every amount in 万元: "总预算金额296576万元".
 */

const FEN_PER_WAN = 1_000_000n; // 1万元 = 10,000 元 = 1,000,000 分
const FEN_PER_YI = 10_000_000_000n; // 1亿元 = 10,000万元

/** `n / d` rounded half-up (away from zero) to an integer; d > 0. */
export function roundDiv(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new RangeError('divisor must be positive');
  const neg = n < 0n;
  const a = neg ? -n : n;
  const q = a / d;
  const r = 2n * (a % d) >= d ? q + 1n : q;
  return neg ? -r : r;
}

/** A scaled integer as a decimal with `digits` places, trailing zeros kept (12345, 2 → "123.45"). */
function scaled(v: bigint, digits: number, trim: boolean): string {
  const neg = v < 0n;
  const s = (neg ? -v : v).toString().padStart(digits + 1, '0');
  let int = s.slice(0, s.length - digits);
  let frac = digits > 0 ? s.slice(s.length - digits) : '';
  if (trim) frac = frac.replace(/0+$/, '');
  int = int === '' ? '0' : int;
  return `${neg ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

/** In 万元 to `digits` decimals, half-up: 3_743_000_000 fen → "3743万元". Seed 004's style. */
export function wanText(fen: bigint, digits = 0): string {
  const unit = 10n ** BigInt(digits);
  return `${scaled(roundDiv(fen * unit, FEN_PER_WAN), digits, false)}万元`;
}

/** In 亿元 to four decimals (one 万元), trailing zeros dropped: 43_172_000_000 fen → "4.3172亿元". */
export function yiText(fen: bigint): string {
  return `${scaled(roundDiv(fen, FEN_PER_WAN), 4, true)}亿元`;
}

/**
 * As seed 000 writes an amount: 亿元 from one 亿 up, else whole 万元; under 1万元 in 元 with its fen.
 * Rounding to the unit shown first decides the unit, so 9,999.6万元 is written 1亿元, not 10000万元.
 */
export function amountText(fen: bigint): string {
  const abs = fen < 0n ? -fen : fen;
  if (roundDiv(abs, FEN_PER_WAN) >= FEN_PER_YI / FEN_PER_WAN) return yiText(fen);
  if (abs >= FEN_PER_WAN) return wanText(fen);
  return `${scaled(fen, 2, true)}元`;
}

/** 资金节约率 in basis points, rounded half-up; null when there is no budget. */
export function rateBp(savingsFen: bigint, budgetFen: bigint): number | null {
  if (budgetFen <= 0n) return null;
  return Number(roundDiv(savingsFen * 10_000n, budgetFen));
}

/** Basis points as the reports write a percent: 1323 → "13.23%", 2000 → "20.00%". */
export function percentText(bp: number | null): string {
  if (bp === null) return '—';
  return `${scaled(BigInt(bp), 2, false)}%`;
}

export interface HeadlineFigures {
  procurements: number;
  budgetFen: bigint;
  actualFen: bigint;
  savingsFen: bigint;
  allSettled: boolean;
}

/** "实际支付采购金额" when every share was paid in full (seed 000), "实际采购金额" otherwise (seed 004). */
function actualLabel(f: HeadlineFigures): string {
  return f.allSettled ? '实际支付采购金额' : '实际采购金额';
}

function rateClause(f: HeadlineFigures): string {
  return `资金节约率${percentText(rateBp(f.savingsFen, f.budgetFen))}`;
}

/** Seed 000's first sentence: "共组织集中采购137次，完成采购预算4.3172亿元，实际支付采购金额3.7459亿元，节约资金5712万元，资金节约率13.23%". */
export function headline(f: HeadlineFigures): string {
  if (f.procurements === 0) return '本期间内没有完成的集中采购。';
  return (
    `共组织集中采购${f.procurements}次，完成采购预算${amountText(f.budgetFen)}，` +
    `${actualLabel(f)}${amountText(f.actualFen)}，节约资金${amountText(f.savingsFen)}，${rateClause(f)}`
  );
}

/** "货物类采购38次，完成采购预算3743万元，实际支付采购金额3003万元，节约资金740万元，资金节约率19.77%". */
export function categorySentence(label: string, f: HeadlineFigures): string {
  if (f.procurements === 0) return `${label}类采购0次`;
  return (
    `${label}类采购${f.procurements}次，完成采购预算${amountText(f.budgetFen)}，` +
    `${actualLabel(f)}${amountText(f.actualFen)}，节约资金${amountText(f.savingsFen)}，${rateClause(f)}`
  );
}

/** Whole calendar days from one 'YYYY-MM-DD' to another (办结期限 is counted in 日, seed 004: "由平均70日减少到50日"). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The value at quantile q of sorted numbers, by linear interpolation (PostgreSQL's percentile_cont). */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? 0;
  const b = sorted[hi] ?? a;
  return a + (b - a) * (pos - lo);
}

/**
 * The centre's annual target (seed 000: "采购中心自己确定的目标是完成采购预算1亿元，资金节约率达10%以上") is measured on the
 * whole centre's figures of one calendar year: no scope filter, both sources, the period inside one year.
 */
export function measuredAgainstTarget(q: StatisticsQuery): boolean {
  return (
    !q.purchaserId &&
    !q.level &&
    !q.category &&
    !q.serviceKind &&
    !q.method &&
    !q.programme &&
    q.source === 'all' &&
    q.from.slice(0, 4) === q.to.slice(0, 4)
  );
}

/** Progress against the target: the budget completed so far (万分之一, may pass 10000) and whether each is met. */
export function targetProgress(
  target: { budgetFen: bigint; savingsRateBp: number },
  done: { procurements: number; budgetFen: bigint; savingsRateBp: number },
): { budgetProgressBp: number; budgetMet: boolean; savingsRateMet: boolean } {
  return {
    budgetProgressBp: Number(roundDiv(done.budgetFen * 10_000n, target.budgetFen)),
    budgetMet: done.budgetFen >= target.budgetFen,
    savingsRateMet: done.procurements > 0 && done.savingsRateBp >= target.savingsRateBp,
  };
}

/** 'YYYY-MM' of every month the period touches, in order. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const endY = Number(to.slice(0, 4));
  const endM = Number(to.slice(5, 7));
  while (y < endY || (y === endY && m <= endM)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/**
 * Share of the pool that sat on the period's committees at which the pool is called short of the demand (seed 000:
 * "专家库人数为100余名……专家库人数跟不上项目评审的需求"): ours, not the law's — four in five experts already drawn leaves
 * the recusal and the random draw (财库〔2016〕198号) little to choose from.
 */
export const EXPERT_POOL_STRAIN_BP = 8000;

/** How much of the expert pool the period's committees used, and whether the pool falls short of the demand. */
export function expertPoolUse(
  poolSize: number,
  distinctExperts: number,
): { servedShareBp: number | null; servedShareText: string; poolShort: boolean } {
  const bp = rateBp(BigInt(distinctExperts), BigInt(poolSize));
  return {
    servedShareBp: bp,
    servedShareText: percentText(bp),
    poolShort: bp !== null && bp >= EXPERT_POOL_STRAIN_BP,
  };
}
