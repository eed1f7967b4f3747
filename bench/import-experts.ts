/**
 * `npm run bench:import` (npx tsx bench/import-experts.ts): imports 10,000 valid experts from one .xlsx through
 * the import use case on a fresh in-memory PGlite and prints where the time goes. The list is generated from a
 * fixed seed, so every run imports the same bytes.
 *
 *   --rows N             how many experts (default 10000, at most the import's 20,000-row cap)
 *   --database-url URL   run on PostgreSQL instead: a new database is created on that server and dropped after
 *                        (BENCH_DATABASE_URL works too)
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { Presets, SingleBar } from 'cli-progress';
import { idNumberCheckChar } from '../src/modules/orgs/id-number.ts';
import { importRegistry, type ImportPhase } from '../src/modules/orgs/import/commands.ts';
import { EXPERT_COLUMNS } from '../src/modules/orgs/import/columns.ts';
import { specialties } from '../src/modules/orgs/tables.ts';
import { systemActor } from '../src/platform/auth/actor.ts';
import { systemClock } from '../src/platform/clock.ts';
import { openDatabase, type Database } from '../src/platform/db/client.ts';
import { runMigrations } from '../src/platform/db/migrations.ts';
import { seededRng, type Rng } from '../src/platform/rng.ts';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '10000' }, 'database-url': { type: 'string' } },
});
const ROWS = Number(values.rows);
const databaseUrl = values['database-url'] ?? process.env.BENCH_DATABASE_URL;

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红文辉玉兰海燕';
const SPECIALTIES = [
  ['A', '货物', null],
  ['A01', '信息技术设备', 'A'],
  ['A0101', '计算机', 'A01'],
  ['A0102', '网络设备', 'A01'],
  ['B', '工程', null],
  ['B01', '房屋建筑', 'B'],
  ['B0101', '房屋建筑施工', 'B01'],
  ['B0102', '装饰装修', 'B01'],
  ['C', '服务', null],
  ['C01', '物业管理', 'C'],
] as const;
const LEAVES = SPECIALTIES.filter(([code]) => code.length === 5).map(([code]) => code);

const pick = (rng: Rng, s: string): string => s[rng.int(s.length)] ?? '';

/** One valid expert row per index, in column order; ID numbers are unique by construction of the set. */
function generateRows(rng: Rng, n: number): string[][] {
  const seen = new Set<string>();
  const rows: string[][] = [];
  while (rows.length < n) {
    const birth = new Date(Date.UTC(1960, 0, 1) + rng.int(35 * 365) * 86_400_000);
    const first17 = `150430${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(rng.int(1000)).padStart(3, '0')}`;
    const id = first17 + idNumberCheckChar(first17);
    if (seen.has(id)) continue;
    seen.add(id);
    const senior = rng.int(100) < 60;
    const codes = new Set(
      Array.from({ length: 1 + rng.int(3) }, () => LEAVES[rng.int(LEAVES.length)] ?? 'A0101'),
    );
    rows.push([
      pick(rng, SURNAMES) + pick(rng, GIVEN) + (rng.int(2) ? pick(rng, GIVEN) : ''),
      id,
      `1${3 + rng.int(7)}${String(rng.int(1e9)).padStart(9, '0')}`,
      senior ? '高级' : '中级',
      senior ? '高级工程师' : '工程师',
      String(senior ? 5 + rng.int(25) : 8 + rng.int(20)),
      `示例单位${rng.int(200)}`,
      '150430',
      [...codes].join('、'),
    ]);
  }
  return rows;
}

async function toXlsx(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('评审专家名单');
  const c = EXPERT_COLUMNS;
  ws.addRow(
    [
      c.name,
      c.idNumber,
      c.phone,
      c.titleLevel,
      c.titleName,
      c.years,
      c.employer,
      c.regionCode,
      c.specialties,
    ].map((x) => x.title),
  );
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A fresh database: in-memory PGlite, or a new database on the given PostgreSQL server, dropped on close. */
async function freshDatabase(): Promise<Database> {
  if (!databaseUrl) return openDatabase({ dataDir: 'memory' });
  const name = `zc_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: 'unused', poolSize: 2 });
  return {
    ...database,
    close: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: databaseUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

const ms = (a: number, b: number): string => `${((b - a) / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  let t = performance.now();
  const rows = generateRows(seededRng('bench:import-experts'), ROWS);
  const file = await toXlsx(rows);
  console.log(
    `generated ${ROWS} experts: ${(file.length / 1024).toFixed(0)} KiB .xlsx in ${ms(t, performance.now())}`,
  );

  const database = await freshDatabase();
  await runMigrations(database);
  await database.db
    .insert(specialties)
    .values(SPECIALTIES.map(([code, name, parentCode]) => ({ code, name, parentCode })));

  const bar = new SingleBar({ format: 'import [{bar}] {value}/{total} {phase}' }, Presets.shades_classic);
  const marks = new Map<ImportPhase, number>();
  bar.start(ROWS, 0, { phase: '读取' });
  const start = performance.now();
  const outcome = await importRegistry(
    database.db,
    { actor: systemActor('bench:import'), requestId: null, clock: systemClock },
    'experts',
    { bytes: file, name: 'experts.xlsx' },
    {
      dryRun: false,
      onProgress: (phase, done) => {
        if (!marks.has(phase)) marks.set(phase, performance.now());
        bar.update(phase === 'parsed' || phase === 'validated' ? 0 : done, { phase });
      },
    },
  );
  const end = performance.now();
  bar.stop();
  await database.close();
  if (!outcome.ok) throw new Error(`import refused: ${JSON.stringify(outcome.errors.slice(0, 5))}`);

  t = start;
  const parsed = marks.get('parsed') ?? t;
  const validated = marks.get('validated') ?? parsed;
  console.log(`\ndatabase: ${databaseUrl ? 'PostgreSQL' : 'PGlite (in memory)'}, Node ${process.version}`);
  console.log('| phase | time |');
  console.log('| --- | --- |');
  console.log(`| parse .xlsx (exceljs) | ${ms(start, parsed)} |`);
  console.log(`| validate (lookups + pure rules) | ${ms(parsed, validated)} |`);
  console.log(`| insert (${outcome.created} experts + specialties, audit, commit) | ${ms(validated, end)} |`);
  console.log(`| total | ${ms(start, end)} |`);
  console.log(`| rows/s | ${Math.round(outcome.created / ((end - start) / 1000))} |`);
}

await main();
