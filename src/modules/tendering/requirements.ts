/**
 * Requirements as data, checked before a project may be published: the numbers a procurement document
 * states must lie inside the ranges the law allows. Pure. Percentages are integer basis points (1% = 100)
 * and money integer fen, so nothing here is a float.
 */

export type Category = 'goods' | 'works' | 'services';
export type Method = 'openTender' | 'invitedTender' | 'negotiation' | 'consultation' | 'rfq' | 'singleSource';
export type EvaluationMethod = 'lowestPrice' | 'bestValue' | 'priceLottery';

export interface RequirementFacts {
  method: Method;
  category: Category;
  evaluation: EvaluationMethod;
  budgetFen: bigint;
  /** 最高限价, optional. There is no floor: 87号令 art. 12 forbids one. */
  ceilingFen: bigint | null;
  /** Price weight of a scoring method, in basis points of the total. */
  priceWeightBp: number | null;
  /** The other scoring factors' weights, in basis points. */
  criteriaWeightsBp: readonly number[];
  sme:
    | { mode: 'reserved' }
    | { mode: 'deduction'; smallMicroRateBp: number; consortiumRateBp: number | null }
    | { mode: 'none' };
  depositFen: bigint | null;
  /** Performance bond as a share of the contract amount. */
  bondBp: number | null;
}

export interface RequirementProblem {
  code: string;
  path: string;
  /** The article that sets the limit. */
  article: string;
  message: string;
}

const pct = (bp: number): string => `${(bp / 100).toFixed(bp % 100 === 0 ? 0 : 2)}%`;

/** [min, max] price weight of a scoring method; max null = no cap (RULES.md §4.1, §12). */
export function priceWeightRange(
  method: Method,
  category: Category,
): { min: number; max: number | null; article: string } | null {
  if (method === 'consultation') {
    // 214号 art. 24: goods 30–60 %, services 10–30 %. Works consulted under 条例7/25 follow the services range.
    return category === 'goods'
      ? { min: 3000, max: 6000, article: '财库〔2014〕214号 第二十四条' }
      : { min: 1000, max: 3000, article: '财库〔2014〕214号 第二十四条' };
  }
  if (category === 'goods') return { min: 3000, max: null, article: '87号令 第五十五条' };
  if (category === 'services') return { min: 1000, max: null, article: '87号令 第五十五条' };
  return null;
}

/** SME price deduction ranges (46号 art. 9 as raised by 财库〔2022〕19号). */
export function smeDeductionRange(category: Category, consortium: boolean): { min: number; max: number } {
  if (category === 'works') return consortium ? { min: 100, max: 200 } : { min: 300, max: 500 };
  return consortium ? { min: 400, max: 600 } : { min: 1000, max: 2000 };
}

export function requirementProblems(f: RequirementFacts): RequirementProblem[] {
  const out: RequirementProblem[] = [];
  if (f.budgetFen <= 0n) {
    out.push({
      code: 'BUDGET_NOT_POSITIVE',
      path: 'budgetFen',
      article: '政府采购法 第六条',
      message: '采购预算应大于零',
    });
  }
  if (f.ceilingFen !== null && f.ceilingFen > f.budgetFen) {
    out.push({
      code: 'CEILING_OVER_BUDGET',
      path: 'ceilingFen',
      article: '87号令 第十二条',
      message: '最高限价不得超过采购预算',
    });
  }

  if (f.evaluation === 'bestValue') {
    const range = priceWeightRange(f.method, f.category);
    const w = f.priceWeightBp;
    if (w === null) {
      out.push({
        code: 'PRICE_WEIGHT_MISSING',
        path: 'priceWeightBp',
        article: '87号令 第五十五条',
        message: '综合评分法须设定价格分权重',
      });
    } else if (range && (w < range.min || (range.max !== null && w > range.max))) {
      out.push({
        code: 'PRICE_WEIGHT_OUT_OF_RANGE',
        path: 'priceWeightBp',
        article: range.article,
        message: `价格分权重为 ${pct(w)}，应${range.max === null ? `不低于 ${pct(range.min)}` : `在 ${pct(range.min)} 至 ${pct(range.max)} 之间`}`,
      });
    }
    const total = (w ?? 0) + f.criteriaWeightsBp.reduce((a, b) => a + b, 0);
    if (total !== 10000) {
      out.push({
        code: 'WEIGHTS_NOT_100',
        path: 'criteriaWeightsBp',
        article: '87号令 第五十五条',
        message: `评分因素权重合计为 ${pct(total)}，应为 100%`,
      });
    }
  } else if (f.priceWeightBp !== null || f.criteriaWeightsBp.length > 0) {
    // 最低评标价法 ranks by price alone (条例34); the lottery method draws among compliant bids at a fixed price.
    out.push({
      code: 'WEIGHTS_WITHOUT_SCORING',
      path: 'priceWeightBp',
      article: '政府采购法实施条例 第三十四条',
      message: '只有综合评分法设定评分因素和权重',
    });
  }

  if (f.sme.mode === 'deduction') {
    const single = smeDeductionRange(f.category, false);
    if (f.sme.smallMicroRateBp < single.min || f.sme.smallMicroRateBp > single.max) {
      out.push({
        code: 'SME_DEDUCTION_OUT_OF_RANGE',
        path: 'sme.smallMicroRateBp',
        article: '财库〔2020〕46号 第九条；财库〔2022〕19号',
        message: `小微企业价格扣除比例为 ${pct(f.sme.smallMicroRateBp)}，应在 ${pct(single.min)} 至 ${pct(single.max)} 之间`,
      });
    }
    const rate = f.sme.consortiumRateBp;
    const joint = smeDeductionRange(f.category, true);
    if (rate !== null && (rate < joint.min || rate > joint.max)) {
      out.push({
        code: 'CONSORTIUM_DEDUCTION_OUT_OF_RANGE',
        path: 'sme.consortiumRateBp',
        article: '财库〔2020〕46号 第九条；财库〔2022〕19号',
        message: `联合体或分包的价格扣除比例为 ${pct(rate)}，应在 ${pct(joint.min)} 至 ${pct(joint.max)} 之间`,
      });
    }
  }

  // 条例33: the bid deposit may not exceed 2 % of the budget (integer comparison: deposit × 50 ≤ budget).
  if (f.depositFen !== null && f.depositFen * 50n > f.budgetFen) {
    out.push({
      code: 'DEPOSIT_OVER_2_PERCENT',
      path: 'depositFen',
      article: '政府采购法实施条例 第三十三条',
      message: '投标保证金不得超过采购项目预算金额的 2%',
    });
  }
  if (f.bondBp !== null && f.bondBp > 1000) {
    out.push({
      code: 'BOND_OVER_10_PERCENT',
      path: 'bondBp',
      article: '政府采购法实施条例 第四十八条',
      message: `履约保证金为合同金额的 ${pct(f.bondBp)}，不得超过 10%`,
    });
  }
  return out;
}
