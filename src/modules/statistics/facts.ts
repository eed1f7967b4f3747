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
  // The platform has no pre-selected pools or PPP projects yet: its services are 非预选.
  if (q.serviceKind)
    where.push(q.serviceKind === 'nonPreselected' ? sql`p.category = 'services'` : sql`false`);
  if (q.method) where.push(sql`p.method = ${q.method}`);
  if (q.programme) where.push(sql`pg.name = ${q.programme}`);
  return sql`
    select 'platform'::text as source, p.code, p.id as project_id, p.name as project_name, c.lot_no,
      pu.name as purchaser_name, pu.level, p.category,
      case when p.category = 'services' then 'nonPreselected' end as service_kind,
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
  if (q.serviceKind) where.push(sql`h.service_kind = ${q.serviceKind}`);
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

/** The aggregate columns of every report row, over `facts` (or a subset of it). */
export const figureColumns = sql`
  count(distinct source || ':' || code)::int as procurements,
  count(distinct source || ':' || code || ':' || lot_no)::int as lots,
  count(*)::int as contracts,
  coalesce(sum(budget_fen), 0)::text as budget_fen,
  coalesce(sum(contract_fen), 0)::text as contract_fen,
  coalesce(sum(paid_fen), 0)::text as paid_fen,
  coalesce(sum(actual_fen), 0)::text as actual_fen,
  coalesce(bool_and(settled), false) as all_settled`;
