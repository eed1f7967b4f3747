/**
 * 半年公告 (seed 000: 每半年…做一个专版，将所有采购项目的信息刊登公布): every project whose first notice went out in
 * January–June or July–December of a year, with its purchasers, category, method, budget and status, and what
 * is public of its outcome — winners and award amounts once the result notice is out, contract amounts once the
 * contract notice is. Sums are exact, in fen.
 */
import { and, asc, count, eq, gte, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../platform/db/client.ts';
import { awards, contracts } from '../../award/tables.ts';
import { categoryOf, METHOD_LABELS, methodOf, stateOf } from '../../tendering/index.ts';
import { lots, projects } from '../../tendering/tables.ts';
import {
  CATEGORY_LABELS,
  PROJECT_STATUS_LABELS,
  type halfYearListing,
  type halfYearQuery,
} from './contract.ts';
import { contractAmountsOf, winnersOf } from './projects.ts';
import { purchaserNamesOf } from './summaries.ts';

function halfYearBounds(year: number, half: number): { from: string; to: string } {
  return half === 1
    ? { from: `${year}-01-01`, to: `${year}-06-30` }
    : { from: `${year}-07-01`, to: `${year}-12-31` };
}

/** The budget of each project (its lots' sum), in one query. */
async function budgetsOf(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ projectId: lots.projectId, fen: sql<string>`sum(${lots.budgetFen})::text` })
    .from(lots)
    .where(inArray(lots.projectId, [...ids]))
    .groupBy(lots.projectId);
  return new Map(rows.map((b) => [b.projectId, b.fen]));
}

export async function readHalfYear(
  db: Db,
  q: z.infer<typeof halfYearQuery>,
): Promise<z.infer<typeof halfYearListing>> {
  const { from, to } = halfYearBounds(q.year, q.half);
  const where = and(
    isNotNull(projects.noticePublishedOn),
    gte(projects.noticePublishedOn, from),
    lte(projects.noticePublishedOn, to),
  );
  const inHalf = db.select({ id: projects.id }).from(projects).where(where);
  const [head] = await db.select({ n: count() }).from(projects).where(where);
  const [sums] = await db
    .select({
      budget: sql<string>`coalesce(sum(${lots.budgetFen}), 0)::text`,
    })
    .from(lots)
    .where(inArray(lots.projectId, inHalf));
  const [awarded] = await db
    .select({ fen: sql<string>`coalesce(sum(${awards.amountFen}), 0)::text` })
    .from(awards)
    .where(and(eq(awards.status, 'noticed'), inArray(awards.projectId, inHalf)));
  const [contracted] = await db
    .select({ fen: sql<string>`coalesce(sum(${contracts.amountFen}), 0)::text` })
    .from(contracts)
    .where(and(isNotNull(contracts.noticeId), inArray(contracts.projectId, inHalf)));
  const rows = await db
    .select({
      id: projects.id,
      code: projects.code,
      name: projects.name,
      category: projects.category,
      method: projects.method,
      status: projects.status,
      noticePublishedOn: projects.noticePublishedOn,
    })
    .from(projects)
    .where(where)
    .orderBy(asc(projects.noticePublishedOn), asc(projects.code))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const ids = rows.map((r) => r.id);
  const budgets = await budgetsOf(db, ids);
  const names = await purchaserNamesOf(db, ids);
  const winners = await winnersOf(db, ids);
  const contractFen = await contractAmountsOf(db, ids);
  return {
    year: q.year,
    half: q.half,
    from,
    to,
    items: rows.map((r) => {
      const category = categoryOf(r.category);
      const method = methodOf(r.method);
      const status = stateOf(r.status);
      const won = winners.get(r.id) ?? [];
      const c = contractFen.get(r.id);
      return {
        projectId: r.id,
        code: r.code,
        name: r.name,
        purchaserNames: names.get(r.id) ?? [],
        category,
        categoryLabel: CATEGORY_LABELS[category],
        method,
        methodLabel: METHOD_LABELS[method],
        budgetFen: budgets.get(r.id) ?? '0',
        status,
        statusLabel: PROJECT_STATUS_LABELS[status],
        noticePublishedOn: r.noticePublishedOn ?? from,
        winners: won,
        awardAmountFen: won.length ? won.reduce((s, w) => s + BigInt(w.amountFen), 0n).toString() : null,
        contractAmountFen: c === undefined ? null : c.toString(),
      };
    }),
    total: head?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
    totals: {
      projects: head?.n ?? 0,
      budgetFen: sums?.budget ?? '0',
      awardAmountFen: awarded?.fen ?? '0',
      contractAmountFen: contracted?.fen ?? '0',
    },
  };
}
