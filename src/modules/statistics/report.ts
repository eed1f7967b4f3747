import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../platform/db/client.ts';
import { rawRows } from '../../platform/db/raw.ts';
import { notFound } from '../../platform/errors.ts';
import { PURCHASER_LEVEL_LABELS, purchaserLevel } from '../orgs/contract.ts';
import { CATEGORY_LABELS, category as categoryEnum } from '../planning/contract.ts';
import { purchasers } from '../orgs/index.ts';
import { METHOD_LABELS } from '../tendering/index.ts';
import {
  serviceKind,
  serviceKindLabels,
  type Figures,
  type StatisticsQuery,
  type StatisticsReport,
} from './contract.ts';
import { reportSql } from './facts.ts';
import {
  amountText,
  categorySentence,
  expertPoolUse,
  headline,
  measuredAgainstTarget,
  monthsBetween,
  percentText,
  rateBp,
  targetProgress,
} from './rules.ts';
import { annualTargets } from './tables.ts';

/** Kept for the exports, which name categories as the report does. */
export { CATEGORY_LABELS };

/** 重大采购项目: 一千万元以上 (seed 004: "一千万元以上的重大采购项目13个"); 以上 includes the amount itself. */
export const MAJOR_PROJECT_FEN = 1_000_000_000n;
/** Cycle-time histogram bucket width in days. */
const BUCKET_DAYS = 10;
/** The major-project list is a table for a report, not an export: the largest ones. */
const MAJOR_LIST_LIMIT = 200;
/** Memory for the report's sorts and hash tables, for its own transaction only. */
const REPORT_WORK_MEM = '128MB';

const count = z.coerce.number().int();
const figureRow = z.object({
  procurements: count,
  lots: count,
  contracts: count,
  budget: z.string(),
  contract: z.string(),
  paid: z.string(),
  actual: z.string(),
  settled: z.boolean().nullable(),
});
type FigureRow = z.infer<typeof figureRow>;

const methodKey = z.enum(Object.keys(METHOD_LABELS) as [keyof typeof METHOD_LABELS]);
const reportRow = z.object({
  groups: z.array(figureRow.extend({ dim: z.string(), key: z.string().nullable() })),
  major: figureRow,
  major_projects: z.array(
    z.object({
      source: z.enum(['platform', 'historical']),
      projectId: z.string().nullable(),
      code: z.string(),
      name: z.string(),
      category: categoryEnum,
      method: methodKey,
      budget: z.string(),
      actual: z.string(),
      contractedOn: z.string(),
    }),
  ),
  by_method: z.array(
    z.object({
      method: methodKey,
      n: count,
      mean: z.coerce.number(),
      median: z.coerce.number(),
      p90: z.coerce.number(),
    }),
  ),
  histogram: z.array(z.object({ bucket: count, n: count })),
});

export function toFigures(r: FigureRow): Figures {
  const budget = BigInt(r.budget);
  const actual = BigInt(r.actual);
  const savingsFen = budget - actual;
  const bp = rateBp(savingsFen, budget);
  return {
    procurements: r.procurements,
    lots: r.lots,
    contracts: r.contracts,
    budgetFen: r.budget,
    contractFen: r.contract,
    paidFen: r.paid,
    actualFen: r.actual,
    savingsFen: savingsFen.toString(),
    savingsRateBp: bp ?? 0,
    savingsRateText: percentText(bp),
    allSettled: r.procurements > 0 && r.settled === true,
    budgetText: amountText(budget),
    actualText: amountText(actual),
    savingsText: amountText(savingsFen),
  };
}

const EMPTY: FigureRow = {
  procurements: 0,
  lots: 0,
  contracts: 0,
  budget: '0',
  contract: '0',
  paid: '0',
  actual: '0',
  settled: null,
};

/** The purchaser and every unit under it (a township's villages). */
async function purchaserSubtree(db: Db | Tx, id: string): Promise<{ ids: string[]; name: string }> {
  const [root] = await db.select({ name: purchasers.name }).from(purchasers).where(eq(purchasers.id, id));
  if (!root) throw notFound('采购人不存在');
  const rows = await rawRows(
    db,
    sql`with recursive t(id) as (select ${id}::uuid union all select p.id from purchasers p join t on p.parent_id = t.id)
        select id::text as id from t`,
    z.object({ id: z.string() }),
  );
  return { ids: rows.map((r) => r.id), name: root.name };
}

/**
 * The centre's report for a period and scope: the tables of seeds 000 and 004 (by category, service kind, purchaser
 * level, method, programme, month), major projects, cycle times, the year's target and the expert pool, in a handful
 * of aggregate statements over the facts (never a row per procurement to Node).
 */
export async function buildReport(db: Db | Tx, q: StatisticsQuery, now: Date): Promise<StatisticsReport> {
  const scope = q.purchaserId ? await purchaserSubtree(db, q.purchaserId) : null;
  const ids = scope?.ids ?? null;

  // One statement, in a read-only transaction of its own that gives its aggregates room to stay in memory
  // (PostgreSQL's default 4 MB work_mem spills them to disk from about 100,000 shares on).
  const [row] = await db.transaction(async (tx) => {
    await tx.execute(sql`set transaction read only`);
    await tx.execute(sql.raw(`set local work_mem = '${REPORT_WORK_MEM}'`));
    return rawRows(tx, reportSql(q, ids, MAJOR_PROJECT_FEN, BUCKET_DAYS, MAJOR_LIST_LIMIT), reportRow);
  });
  if (!row) throw new Error('the report statement returned no row');
  const of = (dim: string) => row.groups.filter((r) => r.dim === dim);
  const find = (dim: string, key: string) => of(dim).find((r) => r.key === key) ?? EMPTY;
  const total = toFigures(of('total')[0] ?? EMPTY);

  const experts = await expertFigures(db, q);
  const target = await targetOf(db, q, total);

  const categories = categoryEnum.options.map((c) => ({
    category: c,
    label: CATEGORY_LABELS[c],
    ...toFigures(find('category', c)),
  }));
  const sentenceOf = (f: Figures) => ({
    procurements: f.procurements,
    budgetFen: BigInt(f.budgetFen),
    actualFen: BigInt(f.actualFen),
    savingsFen: BigInt(f.savingsFen),
    allSettled: f.allSettled,
  });

  return {
    query: {
      from: q.from,
      to: q.to,
      level: q.level ?? null,
      purchaserId: q.purchaserId ?? null,
      purchaserName: scope?.name ?? null,
      category: q.category ?? null,
      serviceKind: q.serviceKind ?? null,
      method: q.method ?? null,
      programme: q.programme ?? null,
      source: q.source,
    },
    generatedAt: now.toISOString(),
    headline: headline(sentenceOf(total)),
    categorySentences: categories
      .filter((c) => c.procurements > 0)
      .map((c) => categorySentence(c.label, sentenceOf(c))),
    total,
    categories,
    serviceKinds: serviceKind.options
      .filter((k) => of('serviceKind').some((r) => r.key === k))
      .map((k) => ({
        serviceKind: k,
        label: serviceKindLabels[k],
        ...toFigures(find('serviceKind', k)),
      })),
    levels: purchaserLevel.options
      .filter((l) => of('level').some((r) => r.key === l))
      .map((l) => ({
        level: l,
        label: PURCHASER_LEVEL_LABELS[l],
        ...toFigures(find('level', l)),
      })),
    methods: (Object.keys(METHOD_LABELS) as (keyof typeof METHOD_LABELS)[])
      .filter((m) => of('method').some((r) => r.key === m))
      .map((m) => ({ method: m, label: METHOD_LABELS[m], ...toFigures(find('method', m)) })),
    programmes: of('programme')
      .filter((r) => r.key !== null)
      .map((r) => ({ programme: r.key ?? '', ...toFigures(r) }))
      .sort((a, b) => a.programme.localeCompare(b.programme, 'zh-CN')),
    monthly: monthsBetween(q.from, q.to).map((m) => ({ month: m, ...toFigures(find('month', m)) })),
    major: {
      thresholdFen: MAJOR_PROJECT_FEN.toString(),
      figures: toFigures(row.major),
      projects: row.major_projects.map((p) => {
        const budget = BigInt(p.budget);
        const savingsFen = budget - BigInt(p.actual);
        return {
          source: p.source,
          projectId: p.projectId,
          code: p.code,
          name: p.name,
          category: p.category,
          method: p.method,
          budgetFen: p.budget,
          actualFen: p.actual,
          savingsFen: savingsFen.toString(),
          savingsRateText: percentText(rateBp(savingsFen, budget)),
          contractedOn: p.contractedOn,
        };
      }),
    },
    cycleTimes: {
      byMethod: row.by_method.map((r) => ({
        method: r.method,
        label: METHOD_LABELS[r.method],
        procurements: r.n,
        meanDays: Math.round(r.mean * 10) / 10,
        medianDays: Math.round(r.median * 10) / 10,
        p90Days: Math.round(r.p90 * 10) / 10,
      })),
      histogram: row.histogram.map((h) => ({
        fromDays: h.bucket * BUCKET_DAYS,
        toDays: (h.bucket + 1) * BUCKET_DAYS - 1,
        count: h.n,
      })),
      bucketDays: BUCKET_DAYS,
    },
    target,
    experts,
  };
}

async function targetOf(
  db: Db | Tx,
  q: StatisticsQuery,
  total: Figures,
): Promise<StatisticsReport['target']> {
  if (!measuredAgainstTarget(q)) return null;
  const year = Number(q.from.slice(0, 4));
  const [t] = await db.select().from(annualTargets).where(eq(annualTargets.year, year));
  if (!t) return null;
  return {
    year,
    budgetFen: t.budgetFen.toString(),
    budgetText: amountText(t.budgetFen),
    savingsRateBp: t.savingsRateBp,
    ...targetProgress(t, { ...total, budgetFen: BigInt(total.budgetFen) }),
  };
}

/** The expert pool against the demand of the period's committees (seed 000: "专家库人数跟不上项目评审的需求"). */
async function expertFigures(db: Db | Tx, q: StatisticsQuery): Promise<StatisticsReport['experts']> {
  const [row] = await rawRows(
    db,
    sql`select
        (select count(*) from experts where status = 'active')::int as pool,
        count(distinct c.id)::int as committees,
        count(s.id)::int as invitations,
        count(s.id) filter (where s.status = 'confirmed')::int as filled,
        count(s.id) filter (where s.status = 'declined')::int as declined,
        count(distinct s.expert_id) filter (where s.status = 'confirmed')::int as distinct_experts
      from committees c
        left join committee_seats s on s.committee_id = c.id and s.kind = 'expert'
      where (c.review_at at time zone 'Asia/Shanghai')::date between ${q.from}::date and ${q.to}::date`,
    z.object({
      pool: z.coerce.number().int(),
      committees: z.coerce.number().int(),
      invitations: z.coerce.number().int(),
      filled: z.coerce.number().int(),
      declined: z.coerce.number().int(),
      distinct_experts: z.coerce.number().int(),
    }),
  );
  return {
    poolSize: row?.pool ?? 0,
    committees: row?.committees ?? 0,
    invitations: row?.invitations ?? 0,
    seatsFilled: row?.filled ?? 0,
    declined: row?.declined ?? 0,
    distinctExperts: row?.distinct_experts ?? 0,
    ...expertPoolUse(row?.pool ?? 0, row?.distinct_experts ?? 0),
  };
}
