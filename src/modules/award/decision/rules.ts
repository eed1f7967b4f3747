/**
 * Pure rules of the award decision (no db, no clock).
 *
 * 政府采购法实施条例 第四十三条 (✅P): 采购人应当…在评审报告推荐的中标或者成交候选人中按顺序确定中标或者成交供应商.
 * 87号令 第六十八条 (✅S): 采购人…应当确定排名第一的中标候选人为中标人 — a later candidate only when every one
 * ranked before it is out for a lawful reason (放弃中标、因不可抗力不能履行合同、不按要求提交履约保证金, or found
 * to have broken the law), which the purchaser must record.
 */
import type { AwardCandidate, PassedOver } from '../tables.ts';

export interface OrderProblem {
  code: 'NOT_A_CANDIDATE' | 'ORDER_NOT_FOLLOWED' | 'PASSED_OVER_NOT_BEFORE' | 'ALREADY_PASSED_OVER';
  path: string;
  message: string;
}

/**
 * What is wrong with confirming `chosen` given the candidates in the report's order, those passed over before
 * (`earlier`, e.g. a winner removed after a challenge) and the reasons given now (`reasons`).
 */
export function confirmationProblems(
  candidates: readonly AwardCandidate[],
  chosen: string,
  reasons: readonly PassedOver[],
  earlier: readonly PassedOver[] = [],
): OrderProblem[] {
  const order = [...candidates].sort((a, b) => a.rank - b.rank);
  const at = order.findIndex((c) => c.bidId === chosen);
  if (at < 0) {
    return [
      {
        code: 'NOT_A_CANDIDATE',
        path: 'body.bidId',
        message: '只能在评审报告推荐的中标（成交）候选人中确定（政府采购法实施条例第四十三条）',
      },
    ];
  }
  const out = new Set([...earlier, ...reasons].map((p) => p.bidId));
  if (earlier.some((p) => p.bidId === chosen)) {
    return [
      {
        code: 'ALREADY_PASSED_OVER',
        path: 'body.bidId',
        message: `${order[at]?.supplierName ?? ''}已因法定事由被排除，不能确定为中标（成交）供应商`,
      },
    ];
  }
  const problems: OrderProblem[] = [];
  for (const [i, p] of reasons.entries()) {
    const idx = order.findIndex((c) => c.bidId === p.bidId);
    if (idx < 0 || idx >= at) {
      problems.push({
        code: 'PASSED_OVER_NOT_BEFORE',
        path: `body.passedOver.${i}.bidId`,
        message: '只需对排名在所确定供应商之前的候选人说明理由',
      });
    }
  }
  for (const c of order.slice(0, at)) {
    if (!out.has(c.bidId)) {
      problems.push({
        code: 'ORDER_NOT_FOLLOWED',
        path: 'body.passedOver',
        message: `应当按评审报告推荐的顺序确定：排名第${c.rank}的${c.supplierName}在前，须说明其不能确定为中标（成交）供应商的法定理由（政府采购法实施条例第四十三条；87号令第六十八条）`,
      });
    }
  }
  return problems;
}

/** The first candidate, in the report's order, not passed over: whom the deeming rule confirms (87号令68). */
export function firstStanding(
  candidates: readonly AwardCandidate[],
  passedOver: readonly PassedOver[],
): AwardCandidate | null {
  const out = new Set(passedOver.map((p) => p.bidId));
  return [...candidates].sort((a, b) => a.rank - b.rank).find((c) => !out.has(c.bidId)) ?? null;
}

/** 节约资金 at award: budget − awarded amount, never below zero (a bid over budget is void, 87号令63). */
export function awardSavingsFen(budgetFen: bigint, amountFen: bigint): bigint {
  return budgetFen > amountFen ? budgetFen - amountFen : 0n;
}
