import { sql, type SQL } from 'drizzle-orm';
import type { StatisticsQuery } from './contract.ts';

/**
 * The statistics' one source of rows: every purchaser share of a completed procurement, whether run on the platform
 * (a contract signed by both parties and not terminated) or imported from the centre's earlier ledger. Columns:
 *
 *   source, code, project_id, project_name, lot_no, purchaser_name, level, category, service_kind, method, programme,
 *   budget_fen, contract_fen, paid_fen, actual_fen, settled, commissioned_on, contracted_on
 *
 * `actual_fen` is what savings are measured against (award/rules `savings`): the payment once the contract is paid in
 * full (completed), else the contract amount. A platform share's commission day is the day its plan line was
 * commissioned to the centre (委托), in Asia/Shanghai.
 */
export function factsCte(q: StatisticsQuery, purchaserIds: readonly string[] | null): SQL {
  const platform = q.source !== 'historical';
  const historical = q.source !== 'platform';
  const parts: SQL[] = [];
  if (platform) parts.push(platformFacts(q, purchaserIds));
  if (historical) parts.push(historicalFacts(q, purchaserIds));
  return sql`facts as (${sql.join(parts, sql` union all `)})`;
}

function platformFacts(q: StatisticsQuery, purchaserIds: readonly string[] | null): SQL {
  const where: SQL[] = [
    sql`c.status in ('signed', 'accepted', 'completed')`,
    sql`c.signed_on between ${q.from}::date and ${q.to}::date`,
  ];
  if (q.level) where.push(sql`pu.level = ${q.level}`);
  if (purchaserIds)
    where.push(
      sql`c.purchaser_id in (${sql.join(
        purchaserIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    );
  if (q.category) where.push(sql`p.category = ${q.category}`);
  if (q.serviceKind) {
    where.push(
      sql`p.category = 'services' and coalesce(p.service_kind, 'nonPreselected') = ${q.serviceKind}`,
    );
  }
  if (q.method) where.push(sql`p.method = ${q.method}`);
  if (q.programme) where.push(sql`pg.name = ${q.programme}`);
  return sql`
    select 'platform'::text as source, p.code, p.id as project_id, p.name as project_name, c.lot_no,
      pu.name as purchaser_name, pu.level, p.category,
      case when p.category = 'services' then coalesce(p.service_kind, 'nonPreselected') end as service_kind,
      p.method, pg.name as programme,
      c.budget_fen, c.amount_fen as contract_fen, coalesce(pay.paid, 0)::bigint as paid_fen,
      case when c.status = 'completed' then coalesce(pay.paid, 0)::bigint else c.amount_fen end as actual_fen,
      c.status = 'completed' as settled,
      (cm.submitted_at at time zone 'Asia/Shanghai')::date as commissioned_on,
      c.signed_on as contracted_on
    from contracts c
      join projects p on p.id = c.project_id
      join purchasers pu on pu.id = c.purchaser_id
      left join programmes pg on pg.id = p.programme_id
      left join commissions cm on cm.plan_line_id = c.plan_line_id
      left join lateral (select sum(y.amount_fen) as paid from payments y where y.contract_id = c.id) pay on true
    where ${sql.join(where, sql` and `)}`;
}

function historicalFacts(q: StatisticsQuery, purchaserIds: readonly string[] | null): SQL {
  const where: SQL[] = [sql`h.contracted_on between ${q.from}::date and ${q.to}::date`];
  if (q.level) where.push(sql`h.purchaser_level = ${q.level}`);
  if (purchaserIds) {
    where.push(
      sql`h.purchaser_name in (select name from purchasers where id in (${sql.join(
        purchaserIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}))`,
    );
  }
  if (q.category) where.push(sql`h.category = ${q.category}`);
  if (q.serviceKind) {
    where.push(
      sql`h.category = 'services' and coalesce(h.service_kind, 'nonPreselected') = ${q.serviceKind}`,
    );
  }
  if (q.method) where.push(sql`h.method = ${q.method}`);
  if (q.programme) where.push(sql`h.programme = ${q.programme}`);
  return sql`
    select 'historical'::text as source, h.project_code as code, null::uuid as project_id, h.project_name, h.lot_no,
      h.purchaser_name, h.purchaser_level as level, h.category,
      case when h.category = 'services' then coalesce(h.service_kind, 'nonPreselected') end as service_kind,
      h.method, h.programme,
      h.budget_fen, h.contract_fen, coalesce(h.paid_fen, 0) as paid_fen,
      coalesce(h.paid_fen, h.contract_fen) as actual_fen,
      h.paid_fen is not null as settled,
      h.commissioned_on, h.contracted_on
    from historical_procurements h
    where ${sql.join(where, sql` and `)}`;
}

/** The sums of a report row over `rows` (lot, project or group level), fen as text: JSON numbers lose digits. */
const sums = sql`coalesce(sum(contracts)::bigint, 0) as contracts, coalesce(sum(budget)::bigint, 0) as budget,
  coalesce(sum(contract)::bigint, 0) as contract, coalesce(sum(paid)::bigint, 0) as paid, coalesce(sum(actual)::bigint, 0) as actual,
  bool_and(settled) as settled`;
const figureJson = sql`'procurements', procurements, 'lots', lots, 'contracts', contracts, 'budget', budget::text,
  'contract', contract::text, 'paid', paid::text, 'actual', actual::text, 'settled', settled`;

/**
 * The whole report in one statement, as one JSON row. Every count is exact without a DISTINCT aggregate (which
 * would force a sort per breakdown): shares are summed into lots, lots into procurements, and procurements (or, for
 * the purchaser level and the month, which may differ between the shares of one procurement, the procurement's
 * shares at that level or in that month) into each breakdown, all hash aggregates. A procurement's category,
 * service kind, method and programme are the same on all its shares (the platform's by construction, an import's by
 * validation); `min` picks that value.
 */
export function reportSql(
  q: StatisticsQuery,
  purchaserIds: readonly string[] | null,
  majorFen: bigint,
  bucketDays: number,
  majorLimit: number,
): SQL {
  return sql`with ${factsCte(q, purchaserIds)},
    lot_rows as (
      select source, code, lot_no, min(category) as category, min(service_kind) as service_kind, min(method) as method,
        min(programme) as programme, count(*)::bigint as contracts, sum(budget_fen)::bigint as budget, sum(contract_fen)::bigint as contract,
        sum(paid_fen)::bigint as paid, sum(actual_fen)::bigint as actual, bool_and(settled) as settled,
        min(commissioned_on) as commissioned_on, max(contracted_on) as contracted_on
      from facts group by source, code, lot_no),
    project_rows as (
      select source, code, min(category) as category,
        min(service_kind) as service_kind, min(method) as method, min(programme) as programme,
        count(*)::bigint as lots, ${sums}, min(commissioned_on) as commissioned_on, max(contracted_on) as contracted_on
      from lot_rows group by source, code),
    by_project as (
      select case grouping(category, service_kind, method, programme)
          when 15 then 'total' when 7 then 'category' when 11 then 'serviceKind' when 13 then 'method'
          else 'programme' end as dim,
        coalesce(category, service_kind, method, programme) as key,
        count(*) as procurements, coalesce(sum(lots)::bigint, 0) as lots, ${sums}
      from project_rows
      group by grouping sets ((), (category), (service_kind), (method), (programme))),
    share_lots as (
      select grouping(level) as by_month, level, date_trunc('month', contracted_on) as month, source, code, lot_no,
        count(*)::bigint as contracts, sum(budget_fen)::bigint as budget, sum(contract_fen)::bigint as contract, sum(paid_fen)::bigint as paid,
        sum(actual_fen)::bigint as actual, bool_and(settled) as settled
      from facts
      group by grouping sets ((level, source, code, lot_no), (date_trunc('month', contracted_on), source, code, lot_no))),
    share_projects as (
      select by_month, level, month, source, code, count(*)::bigint as lots, ${sums}
      from share_lots group by by_month, level, month, source, code),
    by_share as (
      select case when by_month = 0 then 'level' else 'month' end as dim,
        coalesce(level, to_char(month, 'YYYY-MM')) as key,
        count(*) as procurements, coalesce(sum(lots)::bigint, 0) as lots, ${sums}
      from share_projects group by by_month, level, month),
    grouped as (select * from by_project union all select * from by_share),
    major as (select * from project_rows where budget >= ${majorFen.toString()}::bigint),
    major_total as (select count(*) as procurements, coalesce(sum(lots)::bigint, 0) as lots, coalesce(sum(contracts)::bigint, 0) as contracts,
        coalesce(sum(budget)::bigint, 0) as budget, coalesce(sum(contract)::bigint, 0) as contract, coalesce(sum(paid)::bigint, 0) as paid,
        coalesce(sum(actual)::bigint, 0) as actual, coalesce(bool_and(settled), false) as settled from major),
    cycle as (select method, contracted_on - commissioned_on as days from project_rows where commissioned_on is not null)
  select
    (select coalesce(json_agg(json_build_object('dim', dim, 'key', key, ${figureJson})), '[]'::json) from grouped) as groups,
    (select json_build_object(${figureJson}) from major_total) as major,
    (select coalesce(json_agg(json_build_object('source', m.source, 'projectId', p.id, 'code', m.code,
        'name', coalesce(p.name, (select min(h.project_name) from historical_procurements h where h.project_code = m.code)),
        'category', m.category, 'method', m.method, 'budget', m.budget::text, 'actual', m.actual::text,
        'contractedOn', to_char(m.contracted_on, 'YYYY-MM-DD')) order by m.budget desc, m.code), '[]'::json)
      from (select * from major order by budget desc, code limit ${majorLimit}) m
        left join projects p on m.source = 'platform' and p.code = m.code) as major_projects,
    (select coalesce(json_agg(json_build_object('method', method, 'n', n, 'mean', mean, 'median', median, 'p90', p90)
        order by method), '[]'::json)
      from (select method, count(*) as n, avg(days)::float8 as mean,
          percentile_cont(0.5) within group (order by days) as median,
          percentile_cont(0.9) within group (order by days) as p90
        from cycle group by method) c) as by_method,
    (select coalesce(json_agg(json_build_object('bucket', bucket, 'n', n) order by bucket), '[]'::json)
      from (select days / ${bucketDays}::int as bucket, count(*) as n from cycle group by 1) h) as histogram`;
}
