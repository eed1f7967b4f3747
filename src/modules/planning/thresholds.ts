/**
 * Procurement thresholds are configuration, never literals (RULES.md §1.1): the State Council sets them for
 * central budgets and each province for its own, separately for province / city / county budgets
 * (政府采购法 第八条、第二十七条; 条例 第五条), and they change with dated notices. A threshold is resolved
 * from the configured rows by jurisdiction, budget level, object category, kind and the day of procurement.
 */

export type ThresholdKind =
  /** 公开招标数额标准: at or above it, goods and services must be openly tendered (法26/27). */
  | 'openTender'
  /** 采购限额标准: at or above it, an item outside the centralised catalogue is 分散采购 (法8; 条例3). */
  | 'procurementLimit'
  /** 必须招标的工程项目规定 (发改委令16号) 第五条: works that must be tendered under the 招标投标法. */
  | 'worksMandatoryTender';

export type BudgetLevel = 'central' | 'provincial' | 'municipal' | 'county';
export type ObjectCategory = 'goods' | 'works' | 'services';

export interface ThresholdRow {
  /** 行政区划码 of the jurisdiction that set it: '000000' for the State Council, '150000' for 内蒙古 … */
  jurisdiction: string;
  level: BudgetLevel;
  category: ObjectCategory;
  kind: ThresholdKind;
  amountFen: bigint;
  /** First day in force (YYYY-MM-DD) and, when superseded, the last. */
  effectiveFrom: string;
  effectiveTo: string | null;
  /** The notice that set it, e.g. 国办发〔2019〕41号. */
  source: string;
}

export interface ThresholdQuery {
  /** The purchaser's division code (6 digits); its province is the first two digits + '0000'. */
  division: string;
  level: BudgetLevel;
  category: ObjectCategory;
  kind: ThresholdKind;
  onDay: string;
}

/** The province a division belongs to: 150439 → 150000. Central budgets answer to '000000'. */
export function provinceOf(division: string, level: BudgetLevel): string {
  return level === 'central' ? '000000' : `${division.slice(0, 2)}0000`;
}

/**
 * The threshold in force, or null when none is configured (the caller must then refuse to decide rather
 * than assume a figure). The most specific jurisdiction wins (the division itself, then its prefecture, then
 * its province); among rows of one jurisdiction, the latest effectiveFrom not after the day.
 */
export function resolveThreshold(rows: readonly ThresholdRow[], q: ThresholdQuery): ThresholdRow | null {
  const chain =
    q.level === 'central'
      ? ['000000']
      : [q.division, `${q.division.slice(0, 4)}00`, provinceOf(q.division, q.level)];
  for (const jurisdiction of [...new Set(chain)]) {
    const inForce = rows
      .filter(
        (r) =>
          r.jurisdiction === jurisdiction &&
          r.level === q.level &&
          r.category === q.category &&
          r.kind === q.kind &&
          r.effectiveFrom <= q.onDay &&
          (r.effectiveTo === null || r.effectiveTo >= q.onDay),
      )
      .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1));
    if (inForce[0]) return inForce[0];
  }
  return null;
}

/** 以上 includes the number itself (RULES.md §2.1, 87号令 art. 85): a budget equal to the threshold reaches it. */
export function reaches(budgetFen: bigint, threshold: ThresholdRow): boolean {
  return budgetFen >= threshold.amountFen;
}
