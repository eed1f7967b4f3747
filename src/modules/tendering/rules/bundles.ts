/**
 * Bundle suggestions (打包采购, seed 000 "对同类采购项目打包采购"): open plan lines of the same 品目 from at
 * least two units whose planned months lie within a window are suggested as one procurement. Pure.
 */
import type { Category } from '../requirements.ts';

export interface OpenLine {
  id: string;
  purchaserId: string;
  itemCode: string;
  category: Category;
  plannedMonth: number;
  amountFen: bigint;
}

export interface Bundle {
  itemCode: string;
  category: Category;
  fromMonth: number;
  toMonth: number;
  totalFen: bigint;
  lineIds: string[];
}

/**
 * Greedy by month within each 品目: a bundle starts at the earliest open line and takes every line planned no
 * more than `windowMonths` later; a group is suggested only when it joins two or more units.
 */
export function suggestBundles(lines: readonly OpenLine[], windowMonths: number): Bundle[] {
  const byItem = new Map<string, OpenLine[]>();
  for (const l of lines) {
    const key = `${l.category}|${l.itemCode}`;
    byItem.set(key, [...(byItem.get(key) ?? []), l]);
  }
  const out: Bundle[] = [];
  for (const group of byItem.values()) {
    const sorted = [...group].sort((a, b) => a.plannedMonth - b.plannedMonth || a.id.localeCompare(b.id));
    let i = 0;
    while (i < sorted.length) {
      const first = sorted[i];
      if (!first) break;
      const members = sorted.slice(i).filter((l) => l.plannedMonth - first.plannedMonth <= windowMonths);
      i += members.length;
      if (new Set(members.map((m) => m.purchaserId)).size < 2) continue;
      out.push({
        itemCode: first.itemCode,
        category: first.category,
        fromMonth: first.plannedMonth,
        toMonth: Math.max(...members.map((m) => m.plannedMonth)),
        totalFen: members.reduce((sum, m) => sum + m.amountFen, 0n),
        lineIds: members.map((m) => m.id),
      });
    }
  }
  return out.sort((a, b) => (a.totalFen > b.totalFen ? -1 : a.totalFen < b.totalFen ? 1 : 0));
}
