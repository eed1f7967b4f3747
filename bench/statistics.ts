/**
 * The centre's report over a million procurements on PostgreSQL (`npm run bench:statistics`).
 *
 * A new database on the local server (DATABASE_URL's server, default postgres://postgres@127.0.0.1:5432/test),
 * migrated, then filled in bulk with SQL (generate_series, fixed seed): `--platform` procurements run on the platform
 * (project, lot share, plan line, commission, contract signed by both parties; every second one paid in full) and
 * `--historical` procurements of an imported ledger (two lots each, so twice as many rows), spread over ten years 2017–2026 across 60 purchaser units of three
 * levels, the three categories, six methods and a programme. Then, in the same run and on the same data:
 *
 *   - `buildReport` (what GET /api/statistics/report runs) for one year and for all ten years;
 *   - one hand-written SQL aggregate of the same category totals straight over the base tables;
 *
 * each three times (median reported), and the category totals of both compared to the fen. The database is dropped
 * afterwards.
 */
import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { Presets, SingleBar } from 'cli-progress';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { z } from 'zod';
import { buildReport } from '../src/modules/statistics/index.ts';
import { statisticsQuery } from '../src/modules/statistics/contract.ts';
import { openDatabase, type Database } from '../src/platform/db/client.ts';
import { runMigrations } from '../src/platform/db/migrations.ts';
import { rawRows } from '../src/platform/db/raw.ts';

const { values: args } = parseArgs({
  options: {
    platform: { type: 'string', default: '200000' },
    historical: { type: 'string', default: '800000' },
    runs: { type: 'string', default: '3' },
    /** Keep the filled database (its name is printed) / run on one kept before instead of filling a new one. */
    keep: { type: 'boolean', default: false },
    reuse: { type: 'string' },
  },
});
const PLATFORM = Number(args.platform);
const HISTORICAL = Number(args.historical);
const RUNS = Number(args.runs);
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const BATCH = 50_000;

async function fill(db: Database['db']): Promise<void> {
  const total = PLATFORM + HISTORICAL;
  const bar = new SingleBar(
    { format: '填充数据 |{bar}| {percentage}% | {value}/{total} 项采购 | {duration_formatted}' },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  await db.execute(sql`
    insert into purchasers (id, name, level, region_code, created_at)
    select md5('p' || i)::uuid, '基准单位' || i, (array['county','township','village'])[1 + i % 3], '150430', now()
    from generate_series(1, 60) i`);
  await db.execute(sql`
    insert into suppliers (id, name, credit_code, legal_representative, size, region_code, status, created_at)
    select md5('s' || i)::uuid, '基准供应商' || i, '91150430' || lpad(i::text, 10, '0'), '张三', 'small', '150430',
      'approved', now()
    from generate_series(1, 200) i`);
  await db.execute(sql`
    insert into programmes (id, name, kind, year, created_at)
    select md5('g' || y)::uuid, '校安工程', 'schoolSafety', y, now() from generate_series(2017, 2026) y`);
  // Platform procurements, BATCH at a time: plan line → commission → project (+ lot, share) → contract (+ payment).
  for (let from = 1; from <= PLATFORM; from += BATCH) {
    const to = Math.min(PLATFORM, from + BATCH - 1);
    await db.transaction(async (tx) => {
      await tx.execute(sql`
        create temp table b on commit drop as
        select i, md5('pl' || i)::uuid as line, md5('pr' || i)::uuid as project, md5('c' || i)::uuid as contract,
          md5('p' || (1 + i % 60))::uuid as purchaser, md5('s' || (1 + i % 200))::uuid as supplier,
          2017 + i % 10 as year,
          (array['goods','works','services'])[1 + i % 3] as category,
          (array['openTender','invitedTender','negotiation','consultation','rfq','singleSource'])[1 + (i / 3) % 6] as method,
          (10000 + (i::bigint * 7919) % 5000000) * 100 as budget,
          make_date(2017 + i % 10, 1 + (i / 7) % 12, 1 + (i / 11) % 28) as signed_on
        from generate_series(${from}::int, ${to}::int) i`);
      await tx.execute(sql`
        insert into plan_lines (id, purchaser_id, year, budget_item, item_code, item_name, category, amount_fen,
          planned_month, status, created_at)
        select line, purchaser, year, '基准预算项目', 'A02010104', '基准品目', category, budget,
          extract(month from signed_on)::int, 'accepted', now() from b`);
      await tx.execute(sql`
        insert into commissions (plan_line_id, submitted_at)
        select line, (signed_on - (20 + i % 60))::timestamp at time zone 'Asia/Shanghai' from b`);
      await tx.execute(sql`
        insert into projects (id, code, name, year, category, method, status, programme_id, requirements,
          created_at, updated_at)
        select project, 'BM' || year || '-' || i, '基准项目' || i, year, category, method, 'contracted',
          case when category = 'works' and i % 5 = 0 then md5('g' || year)::uuid end, '{}'::jsonb, now(), now()
        from b`);
      await tx.execute(
        sql`insert into lots (project_id, no, name, budget_fen) select project, 1, '第1包', budget from b`,
      );
      await tx.execute(sql`
        insert into project_shares (project_id, plan_line_id, purchaser_id, lot_no, amount_fen)
        select project, line, purchaser, 1, budget from b`);
      await tx.execute(sql`
        insert into contracts (id, code, project_id, lot_no, purchaser_id, plan_line_id, supplier_id, bid_id, status,
          budget_fen, amount_fen, sme, document, document_hash, signing_due_on, signed_on, created_at, updated_at)
        select contract, 'HT' || i, project, 1, purchaser, line, supplier, gen_random_uuid(),
          case when i % 2 = 0 then 'completed' else 'signed' end,
          budget, budget - budget * (5 + i % 20) / 100, true, '{}'::jsonb, md5(i::text), signed_on, signed_on,
          now(), now()
        from b`);
      await tx.execute(sql`
        insert into payments (contract_id, amount_fen, paid_on, reference, recorded_at)
        select contract, budget - budget * (5 + i % 20) / 100, signed_on + 40, 'FK' || i, now() from b
        where i % 2 = 0`);
    });
    bar.update(to);
  }
  await db.execute(sql`
    insert into historical_imports (id, file_name, file_sha256, row_count, imported_at)
    values ('00000000-0000-4000-8000-000000000001', '基准台账.xlsx', repeat('0', 64), ${2 * HISTORICAL}, now())`);
  // Two lots per historical procurement: HISTORICAL procurements are 2 × HISTORICAL rows.
  for (let from = 1; from <= 2 * HISTORICAL; from += BATCH) {
    const to = Math.min(2 * HISTORICAL, from + BATCH - 1);
    await db.execute(sql`
      insert into historical_procurements (import_id, row_no, project_code, project_name, lot_no, purchaser_name,
        purchaser_level, category, service_kind, method, programme, budget_fen, contract_fen, paid_fen,
        commissioned_on, contracted_on, supplier_name)
      select '00000000-0000-4000-8000-000000000001', i + 1, 'LS' || (i / 2), '历史项目' || (i / 2), 1 + i % 2,
        '基准单位' || (1 + i % 60), (array['county','township','village'])[1 + (1 + i % 60) % 3],
        c, case when c = 'services' then (array['preselected','nonPreselected','ppp'])[1 + i % 3] end,
        (array['openTender','invitedTender','negotiation','consultation','rfq','singleSource'])[1 + (i / 3) % 6],
        case when c = 'works' and i % 5 = 0 then '校安工程' end,
        b, b - b * (3 + i % 25) / 100, case when i % 3 <> 0 then b - b * (3 + i % 25) / 100 end,
        d - (15 + i % 90), d, '历史供应商' || (i % 500)
      from (select i, (array['goods','works','services'])[1 + (i / 2) % 3] as c,
              (10000 + (i::bigint * 104729) % 8000000) * 100 as b,
              make_date(2017 + (i / 2) % 10, 1 + (i / 14) % 12, 1 + (i / 22) % 28) as d
            from generate_series(${from - 1}::int, ${to - 1}::int) i) x`);
    bar.update(PLATFORM + Math.floor(to / 2));
  }
  bar.stop();
  await db.execute(sql`analyze`);
}

/** The category totals in plain SQL over the base tables: what one would write by hand for the report's 总表. */
function handWritten(from: string, to: string) {
  return sql`
    select category, count(distinct k)::int as procurements, sum(budget)::text as budget, sum(actual)::text as actual
    from (
      select 'p:' || p.code as k, p.category, c.budget_fen as budget,
        case when c.status = 'completed' then coalesce((select sum(y.amount_fen) from payments y where y.contract_id = c.id), 0)
             else c.amount_fen end as actual
      from contracts c join projects p on p.id = c.project_id
      where c.status in ('signed','accepted','completed') and c.signed_on between ${from}::date and ${to}::date
      union all
      select 'h:' || h.project_code, h.category, h.budget_fen, coalesce(h.paid_fen, h.contract_fen)
      from historical_procurements h where h.contracted_on between ${from}::date and ${to}::date
    ) f group by category order by category`;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function time<T>(f: () => Promise<T>): Promise<{ ms: number[]; value: T }> {
  const ms: number[] = [];
  let value: T | undefined;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    value = await f();
    ms.push(performance.now() - t);
  }
  return { ms, value: value as T };
}

async function main(): Promise<void> {
  const name = args.reuse ?? `zc_bench_stats_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const version = String(
    (await admin.query<{ server_version: string }>('show server_version')).rows[0]?.server_version,
  );
  if (!args.reuse) await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let database: Database | null = null;
  try {
    database = await openDatabase({ databaseUrl: url.toString(), dataDir: 'unused', poolSize: 4 });
    const t0 = performance.now();
    if (!args.reuse) {
      await runMigrations(database);
      await fill(database.db);
    }
    const fillS = (performance.now() - t0) / 1000;
    const db = database.db;
    const [size] = await rawRows(
      db,
      sql`select pg_size_pretty(pg_database_size(current_database())) as size`,
      z.object({ size: z.string() }),
    );
    console.log(`\n${PLATFORM + HISTORICAL} procurements in ${fillS.toFixed(1)} s; database ${size?.size}`);

    const rows: string[] = [];
    for (const [label, from, to] of [
      ['one year (2025)', '2025-01-01', '2025-12-31'],
      ['ten years (2017–2026)', '2017-01-01', '2026-12-31'],
    ] as const) {
      const q = statisticsQuery.parse({ from, to });
      const report = await time(() => buildReport(db, q, new Date()));
      const hand = await time(() =>
        rawRows(
          db,
          handWritten(from, to),
          z.object({
            category: z.string(),
            procurements: z.coerce.number(),
            budget: z.string(),
            actual: z.string(),
          }),
        ),
      );
      for (const h of hand.value) {
        const c = report.value.categories.find((x) => x.category === h.category);
        if (!c || c.procurements !== h.procurements || c.budgetFen !== h.budget || c.actualFen !== h.actual) {
          throw new Error(
            `report and hand-written SQL differ for ${h.category}: ${JSON.stringify({ c, h })}`,
          );
        }
      }
      const n = report.value.total.procurements;
      rows.push(
        `| ${label} | ${n.toLocaleString('en')} | ${median(report.ms).toFixed(0)} ms | ${median(hand.ms).toFixed(0)} ms | ` +
          `${report.ms.map((m) => m.toFixed(0)).join(', ')} / ${hand.ms.map((m) => m.toFixed(0)).join(', ')} |`,
      );
      console.log(`${label}: ${report.value.headline}`);
    }
    console.log(
      `\nPostgreSQL ${version}; ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB`,
    );
    console.log(
      '| period | procurements in it | full report (median) | hand-written category SQL (median) | runs (report / SQL) |',
    );
    console.log('| --- | --- | --- | --- | --- |');
    for (const r of rows) console.log(r);
  } finally {
    await database?.close();
    if (args.keep || args.reuse) console.log(`kept database ${name}`);
    else await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

await main();
