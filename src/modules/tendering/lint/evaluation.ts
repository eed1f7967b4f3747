/**
 * Precision and recall of the linter over the labelled set. Per clause: a true positive when every expected
 * rule id is found; a false positive when a rule fires on a clean clause or fires an id not in the label.
 */
import { LABELLED_CLAUSES, type LabelledClause } from './labelled-clauses.ts';
import { lintDocument } from './lint.ts';

export interface RuleCounts {
  tp: number;
  fp: number;
  fn: number;
}

export interface ClauseMiss {
  id: string;
  text: string;
  expected: readonly string[];
  found: readonly string[];
}

export interface Evaluation {
  precision: number;
  recall: number;
  /** Clauses labelled with at least one rule whose every expected id fired. */
  truePositives: number;
  /** Clauses where some rule fired that the label does not list. */
  falsePositives: number;
  /** Offending clauses where some expected id did not fire. */
  falseNegatives: number;
  perRule: Record<string, RuleCounts>;
  misses: ClauseMiss[];
}

/** Rule ids the linter finds on the labelled clause (ignoring its context clauses). */
export function foundRuleIds(lc: LabelledClause): string[] {
  const id = `target-${lc.id}`;
  const findings = lintDocument({
    category: lc.category,
    method: lc.method,
    budgetFen: 100_000_000n,
    importedGoods: lc.importedGoods,
    clauses: [...lc.context, { id, field: lc.field, text: lc.text }],
  });
  return [...new Set(findings.filter((f) => f.clauseId === id).map((f) => f.ruleId))].sort();
}

export function evaluate(set: readonly LabelledClause[] = LABELLED_CLAUSES): Evaluation {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const perRule: Record<string, RuleCounts> = {};
  const bump = (rule: string, key: keyof RuleCounts): void => {
    const counts = perRule[rule] ?? { tp: 0, fp: 0, fn: 0 };
    counts[key] += 1;
    perRule[rule] = counts;
  };
  const misses: ClauseMiss[] = [];
  for (const lc of set) {
    const found = foundRuleIds(lc);
    const extra = found.filter((r) => !lc.expected.includes(r));
    const missing = lc.expected.filter((r) => !found.includes(r));
    for (const r of found) bump(r, lc.expected.includes(r) ? 'tp' : 'fp');
    for (const r of missing) bump(r, 'fn');
    if (lc.expected.length > 0 && missing.length === 0) tp += 1;
    if (missing.length > 0) fn += 1;
    if (extra.length > 0) fp += 1;
    if (extra.length > 0 || missing.length > 0) {
      misses.push({ id: lc.id, text: lc.text, expected: lc.expected, found });
    }
  }
  return {
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    perRule,
    misses,
  };
}
