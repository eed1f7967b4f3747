import { eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../platform/db/client.ts';
import { rawRows } from '../../platform/db/raw.ts';
import { notFound } from '../../platform/errors.ts';
import { PURCHASER_LEVEL_LABELS } from '../orgs/contract.ts';
import { purchasers } from '../orgs/index.ts';
import { METHOD_LABELS } from '../tendering/index.ts';
import { serviceKindLabels, type Figures, type StatisticsQuery, type StatisticsReport } from './contract.ts';
import { factsCte, figureColumns } from './facts.ts';
import { amountText, categorySentence, headline, percentText, rateBp, roundDiv } from './rules.ts';
import { annualTargets } from './tables.ts';

export const CATEGORY_LABELS = { goods: '货物', works: '工程', services: '服务' } as const;
const CATEGORIES = ['goods', 'works', 'services'] as const;
const LEVELS = ['county', 'township', 'village'] as const;
const SERVICE_KINDS = ['preselected', 'nonPreselected', 'ppp'] as const;

/** 重大采购项目: 一千万元以上 (seed 004: "一千万元以上的重大采购项目13个"); 以上 includes the amount itself. */
export const MAJOR_PROJECT_FEN = 1_000_000_000n;
/** Cycle-time histogram bucket width in days. */
const BUCKET_DAYS = 10;
/** The major-project list is a table for a report, not an export: the largest ones. */
const MAJOR_LIST_LIMIT = 200;

const figureRow = z.object({
  procurements: z.coerce.number().int(),
  lots: z.coerce.number().int(),
  contracts: z.coerce.number().int(),
  budget_fen: z.string(),
  contract_fen: z.string(),
  paid_fen: z.string(),
  actual_fen: z.string(),
  all_settled: z.boolean(),
});
type FigureRow = z.infer<typeof figureRow>;

export function toFigures(r: FigureRow): Figures {
  const budget = BigInt(r.budget_fen);
  const actual = BigInt(r.actual_fen);
  const savingsFen = budget - actual;
  const bp = rateBp(savingsFen, budget);
  return {
    procurements: r.procurements,
    lots: r.lots,
    contracts: r.contracts,
    budgetFen: r.budget_fen,
    contractFen: r.contract_fen,
    paidFen: r.paid_fen,
    actualFen: r.actual_fen,
    savingsFen: savingsFen.toString(),
    savingsRateBp: bp ?? 0,
    savingsRateText: percentText(bp),
    allSettled: r.procurements > 0 && r.all_settled,
    budgetText: amountText(budget),
    actualText: amountText(actual),
    savingsText: amountText(savingsFen),
  };
}

const EMPTY: FigureRow = {
  procurements: 0,
  lots: 0,
  contracts: 0,
  budget_fen: '0',
  contract_fen: '0',
  paid_fen: '0',
  actual_fen: '0',
  all_settled: false,
};

const groupedRow = figureRow.extend({
  dim: z.string(),
  key: z.string().nullable(),
});

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

function withFacts(q: StatisticsQuery, ids: string[] | null, body: SQL): SQL {
  return sql`with ${factsCte(q, ids)} ${body}`;
}

/**
 * The centre's report for a period and scope: the tables of seeds 000 and 004 (by category, service kind, purchaser
 * level, method, programme, month), major projects, cycle times, the year's target and the expert pool, in a handful
 * of aggregate statements over the facts (never a row per procurement to Node).
 */
export async function buildReport(db: Db | Tx, q: StatisticsQuery, now: Date): Promise<StatisticsReport> {
  const scope = q.purchaserId ? await purchaserSubtree(db, q.purchaserId) : null;
  const ids = scope?.ids ?? null;

  // One scan for the total and every breakdown (GROUPING SETS); `dim` names the breakdown of a row.
  const grouped = await rawRows(
    db,
    withFacts(
      q,
      ids,
      sql`select
          case grouping(category, service_kind, level, method, programme, to_char(contracted_on, 'YYYY-MM'))
            when 63 then 'total' when 31 then 'category' when 47 then 'serviceKind' when 55 then 'level'
            when 59 then 'method' when 61 then 'programme' else 'month' end as dim,
          coalesce(category, service_kind, level, method, programme, to_char(contracted_on, 'YYYY-MM')) as key,
          ${figureColumns}
        from facts
        group by grouping sets ((), (category), (service_kind), (level), (method), (programme),
          (to_char(contracted_on, 'YYYY-MM')))`,
    ),
    groupedRow,
  );
  const of = (dim: string) => grouped.filter((r) => r.dim === dim);
  const find = (dim: string, key: string) => of(dim).find((r) => r.key === key) ?? EMPTY;
  const total = toFigures(of('total')[0] ?? EMPTY);

  const majorWhere = sql`(source, code) in (select source, code from facts group by source, code
    having sum(budget_fen) >= ${MAJOR_PROJECT_FEN.toString()}::bigint)`;
  const [majorFigures] = await rawRows(
    db,
    withFacts(q, ids, sql`select ${figureColumns} from facts where ${majorWhere}`),
    figureRow,
  );
  const majorProjects = await rawRows(
    db,
    withFacts(
      q,
      ids,
      sql`select source, min(project_id::text) as project_id, code, min(project_name) as name,
          min(category) as category, min(method) as method, sum(budget_fen)::text as budget_fen,
          sum(actual_fen)::text as actual_fen, to_char(max(contracted_on), 'YYYY-MM-DD') as contracted_on
        from facts group by source, code
        having sum(budget_fen) >= ${MAJOR_PROJECT_FEN.toString()}::bigint
        order by sum(budget_fen) desc, code limit ${MAJOR_LIST_LIMIT}`,
    ),
    z.object({
      source: z.enum(['platform', 'historical']),
      project_id: z.string().nullable(),
      code: z.string(),
      name: z.string(),
      category: z.enum(CATEGORIES),
      method: z.enum(Object.keys(METHOD_LABELS) as [keyof typeof METHOD_LABELS]),
      budget_fen: z.string(),
      actual_fen: z.string(),
      contracted_on: z.string(),
    }),
  );

  // 办结期限: per project, from its first commission to its last contract, in calendar days.
  const cycleProjects = sql`cycle as (select min(method) as method, max(contracted_on) - min(commissioned_on) as days
    from facts where commissioned_on is not null group by source, code)`;
  const byMethod = await rawRows(
    db,
    sql`with ${factsCte(q, ids)}, ${cycleProjects}
      select method, count(*)::int as n, avg(days)::float8 as mean,
        percentile_cont(0.5) within group (order by days)::float8 as median,
        percentile_cont(0.9) within group (order by days)::float8 as p90
      from cycle group by method order by method`,
    z.object({
      method: z.enum(Object.keys(METHOD_LABELS) as [keyof typeof METHOD_LABELS]),
      n: z.coerce.number().int(),
      mean: z.coerce.number(),
      median: z.coerce.number(),
      p90: z.coerce.number(),
    }),
  );
  const histogram = await rawRows(
    db,
    sql`with ${factsCte(q, ids)}, ${cycleProjects}
      select (days / ${BUCKET_DAYS})::int as bucket, count(*)::int as n from cycle group by 1 order by 1`,
    z.object({ bucket: z.coerce.number().int(), n: z.coerce.number().int() }),
  );

  const experts = await expertFigures(db, q);
  const target = await targetProgress(db, q, ids === null && isWholeCentre(q) ? total : null);

  const categories = CATEGORIES.map((c) => ({
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
    serviceKinds: SERVICE_KINDS.filter((k) => of('serviceKind').some((r) => r.key === k)).map((k) => ({
      serviceKind: k,
      label: serviceKindLabels[k],
      ...toFigures(find('serviceKind', k)),
    })),
    levels: LEVELS.filter((l) => of('level').some((r) => r.key === l)).map((l) => ({
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
      figures: toFigures(majorFigures ?? EMPTY),
      projects: majorProjects.map((p) => {
        const budget = BigInt(p.budget_fen);
        const savingsFen = budget - BigInt(p.actual_fen);
        return {
          source: p.source,
          projectId: p.project_id,
          code: p.code,
          name: p.name,
          category: p.category,
          method: p.method,
          budgetFen: p.budget_fen,
          actualFen: p.actual_fen,
          savingsFen: savingsFen.toString(),
          savingsRateText: percentText(rateBp(savingsFen, budget)),
          contractedOn: p.contracted_on,
        };
      }),
    },
    cycleTimes: {
      byMethod: byMethod.map((r) => ({
        method: r.method,
        label: METHOD_LABELS[r.method],
        procurements: r.n,
        meanDays: Math.round(r.mean * 10) / 10,
        medianDays: Math.round(r.median * 10) / 10,
        p90Days: Math.round(r.p90 * 10) / 10,
      })),
      histogram: histogram.map((h) => ({
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

/** The centre's target applies to the whole centre's year: no scope filter, the period inside one calendar year. */
function isWholeCentre(q: StatisticsQuery): boolean {
  return (
    !q.level &&
    !q.category &&
    !q.serviceKind &&
    !q.method &&
    !q.programme &&
    q.source === 'all' &&
    q.from.slice(0, 4) === q.to.slice(0, 4)
  );
}

async function targetProgress(
  db: Db | Tx,
  q: StatisticsQuery,
  total: Figures | null,
): Promise<StatisticsReport['target']> {
  if (!total) return null;
  const year = Number(q.from.slice(0, 4));
  const [t] = await db.select().from(annualTargets).where(eq(annualTargets.year, year));
  if (!t) return null;
  const budget = BigInt(total.budgetFen);
  return {
    year,
    budgetFen: t.budgetFen.toString(),
    budgetText: amountText(t.budgetFen),
    savingsRateBp: t.savingsRateBp,
    budgetProgressBp: Number(roundDiv(budget * 10_000n, t.budgetFen)),
    budgetMet: budget >= t.budgetFen,
    savingsRateMet: total.procurements > 0 && total.savingsRateBp >= t.savingsRateBp,
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
