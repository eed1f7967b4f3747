/**
 * Money limits of the contract stage, in integer fen (`bigint`; ARCHITECTURE.md "Money, time, text": never floating
 * point). Limits written "不得超过" include the limit itself (94号令 第四十二条 "以上/以下" 含本数), so exactly 10% is
 * lawful and one fen more is not; comparisons are exact (`amount × 10 ≤ base`), never a rounded percentage.
 */

/** A rule finding with a stable machine code and a Chinese message (ARCHITECTURE.md rule 9). */
export interface Problem {
  code: string;
  message: string;
}

function requireFen(name: string, fen: bigint, min: bigint): void {
  if (fen < min) throw new RangeError(`${name} must be at least ${min} fen: ${fen}`);
}

/** An integer count of hundredths as text with two decimals: 123456n → "1234.56", -1n → "-0.01". */
function hundredthsText(n: bigint): string {
  const negative = n < 0n;
  const abs = negative ? -n : n;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** Fen as yuan text with two decimals: 123456n → "1234.56". */
export const yuanText = (fen: bigint): string => hundredthsText(fen);

/** The largest lawful performance bond: 10% of the contract amount, rounded down to the fen. */
export function maxPerformanceBondFen(contractFen: bigint): bigint {
  requireFen('contract amount', contractFen, 1n);
  return contractFen / 10n;
}

/**
 * A performance bond over 10% of the contract amount (政府采购法实施条例 第四十八条 ✅P: 履约保证金的数额不得超过政府采购
 * 合同金额的10%; works: 招标投标法实施条例 第五十八条). Whether it may be cash is a separate rule (条例48: 非现金形式;
 * 保障中小企业款项支付条例 第十三条: 不得限定为现金，应当接受保函).
 */
export function performanceBondProblems(bondFen: bigint, contractFen: bigint): Problem[] {
  requireFen('performance bond', bondFen, 0n);
  requireFen('contract amount', contractFen, 1n);
  if (bondFen * 10n <= contractFen) return [];
  return [
    {
      code: 'BOND_OVER_10_PERCENT',
      message: `履约保证金 ${yuanText(bondFen)} 元超过政府采购合同金额 ${yuanText(contractFen)} 元的10%（上限 ${yuanText(maxPerformanceBondFen(contractFen))} 元）（政府采购法实施条例第四十八条）`,
    },
  ];
}

/** How much may still be added: 10% of the original contract minus all supplementary contracts so far. */
export function addOnHeadroomFen(originalFen: bigint, addOnsFen: readonly bigint[]): bigint {
  requireFen('original contract amount', originalFen, 1n);
  const used = addOnsFen.reduce((a, b) => a + b, 0n);
  return originalFen / 10n - used;
}

/**
 * Supplementary contracts over 10% of the original, counted cumulatively (政府采购法 第四十九条 ✅P: 所有补充合同的采购
 * 金额不得超过原合同采购金额的百分之十; the same cap for single-source add-ons, 法31(三)). The message names the first
 * supplementary contract that crosses the line (1-based, in the order given). Only the amount is checked here: the
 * add-on must also be the same subject matter with the other terms unchanged (法49), which is the officer's call.
 */
export function addOnProblems(originalFen: bigint, addOnsFen: readonly bigint[]): Problem[] {
  requireFen('original contract amount', originalFen, 1n);
  addOnsFen.forEach((fen, i) => requireFen(`supplementary contract ${i + 1}`, fen, 1n));
  let total = 0n;
  let first = -1;
  addOnsFen.forEach((fen, i) => {
    total += fen;
    if (first < 0 && total * 10n > originalFen) first = i;
  });
  if (first < 0) return [];
  return [
    {
      code: 'ADD_ON_OVER_10_PERCENT',
      message: `补充合同累计金额 ${yuanText(total)} 元超过原合同金额 ${yuanText(originalFen)} 元的10%（上限 ${yuanText(originalFen / 10n)} 元），自第 ${first + 1} 份补充合同起超出（政府采购法第四十九条）`,
    },
  ];
}

export interface SavingsInput {
  /** 采购预算. */
  budgetFen: bigint;
  /** 中标（成交）金额 / 合同金额. */
  contractFen: bigint;
  /** 实际支付采购金额, once payment is complete; null before. */
  paidFen: bigint | null;
}

export interface Savings {
  /** 节约资金 = budget − (actual payment, or the contract amount before payment). Negative when over budget. */
  savingsFen: bigint;
  /** Which amount the savings were measured against. */
  measuredAgainst: 'paid' | 'contract';
  /** 资金节约率 in basis points, exact: savings × 10000 / budget in lowest terms. */
  savingsRateBpExact: { num: bigint; den: bigint };
  /** 资金节约率 in basis points rounded half-up (away from zero), i.e. a percent to two decimals. */
  savingsRateBp: bigint;
  /** The rounded rate as report text: "13.23%". */
  savingsRateText: string;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/**
 * 节约资金 and 资金节约率 as the centres report them. Seed 000 (敖汉旗) measures against the 实际支付采购金额 — "完成采购
 * 预算4.3172亿元，实际支付采购金额3.7459亿元，节约资金5712万元，资金节约率13.23%"; seed 004 (福田区) against the 实际
 * 采购金额 — "总预算金额296576万元，实际采购总金额244476万元，节约资金52100万元，资金节约率17.6%"; GLOSSARY.md defines
 * savings = budgetAmount − contractAmount. So: the actual payment once known, else the contract amount; the rate is
 * always over the budget, rounded to two decimals of a percent, half-up (ARCHITECTURE.md "Money, time, text").
 */
export function savings(input: SavingsInput): Savings {
  const { budgetFen, contractFen, paidFen } = input;
  requireFen('budget', budgetFen, 1n);
  requireFen('contract amount', contractFen, 0n);
  if (paidFen !== null) requireFen('paid amount', paidFen, 0n);
  const measuredAgainst = paidFen === null ? 'contract' : 'paid';
  const savingsFen = budgetFen - (paidFen ?? contractFen);

  const num = savingsFen * 10_000n;
  const g = gcd(num, budgetFen) || 1n;
  const exact = { num: num / g, den: budgetFen / g };

  const absNum = num < 0n ? -num : num;
  const q = absNum / budgetFen;
  const rounded = 2n * (absNum % budgetFen) >= budgetFen ? q + 1n : q;
  const savingsRateBp = num < 0n ? -rounded : rounded;

  return {
    savingsFen,
    measuredAgainst,
    savingsRateBpExact: exact,
    savingsRateBp,
    savingsRateText: `${hundredthsText(savingsRateBp)}%`,
  };
}
