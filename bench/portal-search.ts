/**
 * `npm run bench:portal` (npx tsx bench/portal-search.ts): issue 8's portal search at 100,000 notices.
 *
 * Setup, not timed: a fresh database on the PostgreSQL server (created, migrated, dropped afterwards), and then
 * the same on embedded PGlite in memory. Into each, in bulk, from a fixed seed: purchaser units of a county
 * (bureaus, townships, schools, clinics, villages), suppliers, plan lines, projects with 1–3 lots of catalogue
 * items and 1–2 purchasers, and their notices — tender/invitation, some corrections, results or failures,
 * contracts, acceptances — until there are N notices over eight years. Each notice's search vector is computed by
 * the portal's own code (noticeVector: title, project name and code, purchasers, suppliers from the result on,
 * items and lots), exactly as publication does.
 *
 * Timed: Q searches through the portal's real query function (searchNotices: the count, one page of 20 newest
 * first, the purchasers of that page), sequentially, after W warm-up searches; queries drawn from the same word
 * lists: purchaser names and fragments, items, supplier fragments, single characters, project codes, two-word
 * queries, and filters (kind, category, method, purchaser, date range) with and without text, on pages 1–5.
 *
 *   --notices N          notices to insert (default 100000)
 *   --queries Q          timed searches per database (default 1000)
 *   --skip-pglite        PostgreSQL only
 *   --keep-database      leave the PostgreSQL database for inspection (its name is printed; drop it yourself)
 *   --database-url URL   PostgreSQL server (default BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres)
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { z } from 'zod';
import type { portalNoticeQuery } from '../src/modules/disclosure/portal/contract.ts';
import { searchNotices } from '../src/modules/disclosure/portal/notices.ts';
import { noticeVector } from '../src/modules/disclosure/portal/search-index.ts';
import { purchasers } from '../src/modules/orgs/tables.ts';
import { planLines } from '../src/modules/planning/tables.ts';
import { requirements } from '../src/modules/tendering/contract.ts';
import { lots, notices, projects, projectShares } from '../src/modules/tendering/tables.ts';
import { openDatabase, type Database } from '../src/platform/db/client.ts';
import { runMigrations } from '../src/platform/db/migrations.ts';
import { rawRows } from '../src/platform/db/raw.ts';

const { values } = parseArgs({
  options: {
    notices: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '1000' },
    'skip-pglite': { type: 'boolean', default: false },
    'keep-database': { type: 'boolean', default: false },
    'database-url': { type: 'string' },
  },
});
const N = Number(values.notices);
const Q = Number(values.queries);
const WARMUP = 50;
const serverUrl =
  values['database-url'] ?? process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
if (!(N > 0 && Q > 0)) throw new Error('--notices and --queries must be positive');

// ── a fixed-seed generator ────────────────────────────────────────────────────────────────────────────

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = mulberry32(20261123);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
const chance = (p: number): boolean => rnd() < p;
const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
function weighted<T>(xs: readonly (readonly [T, number])[]): T {
  const total = xs.reduce((s, [, w]) => s + w, 0);
  let r = rnd() * total;
  for (const [x, w] of xs) if ((r -= w) < 0) return x;
  return (xs.at(-1) as readonly [T, number])[0];
}
const uuid = (): string => {
  const b = Array.from({ length: 16 }, () => Math.floor(rnd() * 256));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = b.map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

// ── word lists ────────────────────────────────────────────────────────────────────────────────────────

const COUNTY = '云岭县';
const TOWNS = [
  '城关镇',
  '新惠镇',
  '四家子镇',
  '长胜镇',
  '宝国吐乡',
  '贝子府镇',
  '金厂沟梁镇',
  '古鲁板蒿乡',
  '萨力巴乡',
  '丰收乡',
  '木头营子乡',
  '玛尼罕乡',
  '牛古吐乡',
  '双井店乡',
  '下洼镇',
  '兴隆洼镇',
  '敖润苏莫苏木',
  '北井子镇',
  '南塔乡',
  '白音乡',
];
const BUREAUS = [
  '教育局',
  '卫生健康委员会',
  '交通运输局',
  '住房和城乡建设局',
  '农业农村局',
  '水利局',
  '公安局',
  '民政局',
  '财政局',
  '自然资源局',
  '生态环境局',
  '文化旅游体育局',
  '应急管理局',
  '市场监督管理局',
  '人力资源和社会保障局',
  '林业和草原局',
  '医疗保障局',
  '退役军人事务局',
  '审计局',
  '统计局',
  '人民医院',
  '中医医院',
  '妇幼保健院',
  '疾病预防控制中心',
  '第一中学',
  '第二中学',
  '第三中学',
  '实验小学',
  '职业教育中心',
  '图书馆',
  '融媒体中心',
  '人民法院',
  '人民检察院',
];
const VILLAGES = [
  '东村',
  '西村',
  '南营子村',
  '北沟村',
  '前进村',
  '红旗村',
  '太平村',
  '新发村',
  '富裕村',
  '兴隆村',
];

type Category = 'goods' | 'works' | 'services';
/** 品目: name, category, typical lot budget in 万元. */
const ITEMS: readonly (readonly [string, Category, number])[] = [
  ['台式计算机', 'goods', 60],
  ['便携式计算机', 'goods', 40],
  ['激光打印机', 'goods', 10],
  ['多功能一体机', 'goods', 15],
  ['复印机', 'goods', 12],
  ['服务器', 'goods', 80],
  ['网络交换机', 'goods', 30],
  ['投影仪', 'goods', 20],
  ['交互式智能平板', 'goods', 90],
  ['多媒体教学设备', 'goods', 120],
  ['学生课桌椅', 'goods', 50],
  ['办公家具', 'goods', 40],
  ['图书', 'goods', 30],
  ['实验室仪器设备', 'goods', 70],
  ['体育器材', 'goods', 25],
  ['空调', 'goods', 35],
  ['彩色超声诊断仪', 'goods', 150],
  ['全自动生化分析仪', 'goods', 120],
  ['数字化X射线摄影系统', 'goods', 200],
  ['救护车', 'goods', 60],
  ['公务用车', 'goods', 30],
  ['消防器材', 'goods', 20],
  ['监控摄像设备', 'goods', 45],
  ['食堂厨房设备', 'goods', 40],
  ['学生床铺及被褥', 'goods', 35],
  ['农机具', 'goods', 80],
  ['种子化肥', 'goods', 60],
  ['路灯及照明设备', 'goods', 50],
  ['垃圾分类收集设施', 'goods', 30],
  ['办公用纸', 'goods', 8],
  ['校舍维修改造工程', 'works', 180],
  ['乡村道路硬化工程', 'works', 300],
  ['农田水利灌溉工程', 'works', 260],
  ['危房改造工程', 'works', 150],
  ['供暖管网改造工程', 'works', 220],
  ['污水处理设施建设工程', 'works', 400],
  ['卫生院业务用房改造工程', 'works', 200],
  ['运动场塑胶跑道工程', 'works', 120],
  ['绿化工程', 'works', 80],
  ['物业管理服务', 'services', 60],
  ['保洁服务', 'services', 30],
  ['安保服务', 'services', 40],
  ['食材配送服务', 'services', 80],
  ['印刷服务', 'services', 10],
  ['车辆维修和保养服务', 'services', 15],
  ['会议服务', 'services', 8],
  ['信息系统运维服务', 'services', 35],
  ['审计服务', 'services', 20],
  ['法律顾问服务', 'services', 10],
  ['工程监理服务', 'services', 25],
  ['工程造价咨询服务', 'services', 15],
  ['测绘服务', 'services', 30],
  ['医疗设备维修和保养服务', 'services', 20],
  ['校车租赁服务', 'services', 45],
  ['网络接入服务', 'services', 12],
];
const SUPPLIER_PLACES = [
  '赤峰',
  '呼和浩特',
  '通辽',
  '沈阳',
  '北京',
  '天津',
  '锦州',
  '朝阳',
  '包头',
  '承德',
  COUNTY,
];
const SUPPLIER_NAMES = [
  '华信',
  '恒达',
  '博远',
  '鑫源',
  '天成',
  '中科',
  '宏图',
  '瑞丰',
  '金桥',
  '东方',
  '创新',
  '联合',
  '盛世',
  '德润',
  '众诚',
  '泰和',
  '佳禾',
  '长城',
  '启明',
  '正大',
  '万通',
  '嘉华',
  '永安',
  '海川',
  '绿源',
  '康健',
  '益民',
  '同创',
  '新锐',
  '蓝天',
];
const SUPPLIER_TRADES = [
  '科技',
  '电子',
  '信息技术',
  '办公设备',
  '医疗器械',
  '建筑工程',
  '建设',
  '物业服务',
  '商贸',
  '教学设备',
  '家具制造',
  '汽车销售',
  '环保科技',
  '水利工程',
  '农业发展',
  '餐饮管理',
  '安防技术',
];
const SUPPLIER_FORMS = ['有限公司', '有限责任公司', '股份有限公司'];

const METHODS = [
  ['openTender', 45],
  ['consultation', 22],
  ['rfq', 15],
  ['negotiation', 10],
  ['singleSource', 5],
  ['invitedTender', 3],
] as const;

// ── the generated centre ──────────────────────────────────────────────────────────────────────────────

interface Unit {
  id: string;
  name: string;
  level: 'county' | 'township' | 'village';
}

function makeUnits(): Unit[] {
  const out: Unit[] = BUREAUS.map((b) => ({ id: uuid(), name: `${COUNTY}${b}`, level: 'county' as const }));
  for (const t of TOWNS) {
    out.push({ id: uuid(), name: `${COUNTY}${t}人民政府`, level: 'township' });
    out.push({ id: uuid(), name: `${COUNTY}${t}中心小学`, level: 'township' });
    out.push({ id: uuid(), name: `${COUNTY}${t}卫生院`, level: 'township' });
    for (const v of VILLAGES.slice(0, 5))
      out.push({ id: uuid(), name: `${COUNTY}${t}${v}村民委员会`.replace('村村', '村'), level: 'village' });
  }
  return out;
}

function makeSuppliers(n: number): string[] {
  const names = new Set<string>();
  while (names.size < n)
    names.add(
      `${pick(SUPPLIER_PLACES)}${pick(SUPPLIER_NAMES)}${pick(SUPPLIER_TRADES)}${pick(SUPPLIER_FORMS)}`,
    );
  return [...names];
}

const FIRST_YEAR = 2019;
const YEARS = 8;
const DAY_MS = 86_400_000;
const dayOf = (d: Date): string => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

const KIND_TITLE: Record<string, (method: string) => string> = {
  tender: () => '公开招标公告',
  prequalification: () => '资格预审公告',
  invitation: (m) =>
    m === 'consultation'
      ? '竞争性磋商公告'
      : m === 'negotiation'
        ? '竞争性谈判公告'
        : m === 'rfq'
          ? '询价公告'
          : '单一来源采购公示',
  correction: () => '更正公告',
  termination: () => '终止公告',
  failure: () => '废标公告',
  result: (m) => (m === 'openTender' || m === 'invitedTender' ? '中标结果公告' : '成交结果公告'),
  contract: () => '合同公告',
  acceptance: () => '验收结果公告',
};

interface Generated {
  units: Unit[];
  planLineRows: (typeof planLines.$inferInsert)[];
  projectRows: (typeof projects.$inferInsert)[];
  lotRows: (typeof lots.$inferInsert)[];
  shareRows: (typeof projectShares.$inferInsert)[];
  noticeRows: (typeof notices.$inferInsert)[];
  suppliers: string[];
  codes: string[];
}

function generate(target: number): Generated {
  const units = makeUnits();
  const supplierNames = makeSuppliers(3000);
  const req = requirements.parse({});
  const g: Generated = {
    units,
    planLineRows: [],
    projectRows: [],
    lotRows: [],
    shareRows: [],
    noticeRows: [],
    suppliers: supplierNames,
    codes: [],
  };
  const serial = new Map<number, number>();
  const start = Date.parse(`${FIRST_YEAR}-01-02T00:00:00+08:00`);
  const span = YEARS * 365 * DAY_MS;
  while (g.noticeRows.length < target) {
    const opened = new Date(start + Math.floor(rnd() * (span - 120 * DAY_MS)) + int(8, 17) * 3600_000);
    const year = Number(dayOf(opened).slice(0, 4));
    const seq = (serial.get(year) ?? 0) + 1;
    serial.set(year, seq);
    const code = `ZC${year}-${String(seq).padStart(4, '0')}`;
    g.codes.push(code);
    const [item, category, wan] = pick(ITEMS);
    const sameCategory = ITEMS.filter((i) => i[1] === category);
    const lotItems = [
      item,
      ...Array.from(
        {
          length: weighted([
            [0, 6],
            [1, 3],
            [2, 1],
          ] as const),
        },
        () => pick(sameCategory)[0],
      ),
    ];
    const method = category === 'works' && chance(0.7) ? 'openTender' : weighted(METHODS);
    const buyers = chance(0.85) ? [pick(units)] : [pick(units), pick(units)];
    const uniqueBuyers = [...new Map(buyers.map((b) => [b.id, b])).values()];
    const name = `${uniqueBuyers[0]?.name ?? COUNTY}${uniqueBuyers.length > 1 ? '等单位' : ''}${item}采购项目`;
    const projectId = uuid();
    const outcome = weighted([
      ['contracted', 70],
      ['awarded', 10],
      ['failed', 8],
      ['terminated', 3],
      ['open', 9],
    ] as const);
    const status = outcome === 'open' ? 'published' : outcome === 'contracted' ? 'contracted' : outcome;
    g.projectRows.push({
      id: projectId,
      code,
      name,
      year,
      category,
      method,
      status,
      requirements: req,
      noticePublishedOn: dayOf(opened),
      createdAt: opened,
      updatedAt: opened,
    });
    const lotNames = lotItems.map((li, k) => `${li}（第${k + 1}包）`);
    lotNames.forEach((lotName, k) => {
      const budgetFen = BigInt(Math.round(wan * (0.5 + rnd()) * 100)) * 10_000n;
      g.lotRows.push({ id: uuid(), projectId, no: k + 1, name: lotName, budgetFen });
    });
    for (const b of uniqueBuyers) {
      const planLineId = uuid();
      g.planLineRows.push({
        id: planLineId,
        purchaserId: b.id,
        year,
        budgetItem: '项目支出',
        itemCode: 'A00000000',
        itemName: item,
        category,
        amountFen: BigInt(Math.round(wan * 100)) * 10_000n,
        plannedMonth: Number(dayOf(opened).slice(5, 7)),
        status: 'accepted',
        createdAt: opened,
      });
      g.shareRows.push({ projectId, planLineId, purchaserId: b.id, amountFen: 10_000_00n, live: true });
    }
    const winners = lotItems.map(() => pick(supplierNames));
    const first =
      method === 'openTender' ? 'tender' : method === 'invitedTender' ? 'prequalification' : 'invitation';
    const kinds: [string, number][] = [[first, 0]];
    if (chance(0.15)) kinds.push(['correction', int(2, 8)]);
    if (outcome === 'terminated') kinds.push(['termination', int(5, 15)]);
    if (outcome === 'failed') kinds.push(['failure', int(20, 30)]);
    if (outcome === 'awarded' || outcome === 'contracted') kinds.push(['result', int(20, 35)]);
    if (outcome === 'contracted') kinds.push(['contract', int(36, 60)]);
    if (outcome === 'contracted' && chance(0.12)) kinds.push(['acceptance', int(90, 120)]);
    for (const [kind, days] of kinds) {
      const at = new Date(opened.getTime() + days * DAY_MS + int(0, 3600) * 1000);
      const names = ['result', 'contract', 'acceptance'].includes(kind) ? [...new Set(winners)] : [];
      const title = `${name}${KIND_TITLE[kind]?.(method) ?? '公告'}`;
      g.noticeRows.push({
        id: uuid(),
        projectId,
        kind,
        title,
        body: [
          `一、项目编号：${code}`,
          `二、项目名称：${name}`,
          `三、采购人：${uniqueBuyers.map((b) => b.name).join('、')}`,
          `四、采购内容：${lotItems.join('、')}`,
          names.length ? `五、中标（成交）供应商：${names.join('、')}` : '五、采购方式及程序详见采购文件',
          `六、采购代理机构：${COUNTY}政府采购中心；地址：${COUNTY}新惠镇政务服务中心三楼；联系电话：0476-4321000`,
          '七、本公告期限为法定期限，有关供应商对公告内容有异议的，可在法定期限内以书面形式提出质疑。',
        ].join('\n'),
        publishedOn: dayOf(at),
        publishedAt: at,
        search: noticeVector({
          title,
          projectName: name,
          projectCode: code,
          purchaserNames: uniqueBuyers.map((b) => b.name),
          supplierNames: names,
          itemNames: [item, ...lotNames],
        }),
      });
    }
  }
  g.noticeRows.length = target;
  return g;
}

// ── queries ───────────────────────────────────────────────────────────────────────────────────────────

type Query = z.infer<typeof portalNoticeQuery>;
interface Planned {
  type: string;
  query: Query;
}

function planQueries(g: Generated, n: number): Planned[] {
  const out: Planned[] = [];
  const base = (extra: Partial<Query>): Query => ({ page: 1, pageSize: 20, ...extra });
  const fragment = (s: string): string => {
    const chars = [...s];
    const len = Math.min(chars.length, int(2, 5));
    const at = int(0, chars.length - len);
    return chars.slice(at, at + len).join('');
  };
  const generators: [string, number, () => Query][] = [
    ['purchaser name', 12, () => base({ q: pick(g.units).name })],
    ['purchaser fragment', 12, () => base({ q: fragment(pick(g.units).name.replace(COUNTY, '')) })],
    ['item', 14, () => base({ q: pick(ITEMS)[0] })],
    ['item fragment', 8, () => base({ q: fragment(pick(ITEMS)[0]) })],
    ['supplier fragment', 10, () => base({ q: fragment(pick(g.suppliers)) })],
    ['supplier full name', 5, () => base({ q: pick(g.suppliers) })],
    ['single character', 6, () => base({ q: pick([...'县镇乡村校院局电车路服设']) })],
    ['project code', 5, () => base({ q: pick(g.codes) })],
    ['two words', 8, () => base({ q: `${pick(TOWNS)} ${pick(ITEMS)[0]}` })],
    ['text + kind + page 2–5', 6, () => base({ q: pick(ITEMS)[0], kind: 'result', page: int(2, 5) })],
    [
      'text + category + dates',
      4,
      () => {
        const y = FIRST_YEAR + int(0, YEARS - 1);
        return base({
          q: fragment(pick(g.units).name),
          category: pick(['goods', 'works', 'services'] as const),
          from: `${y}-01-01`,
          to: `${y}-12-31`,
        });
      },
    ],
    ['kind only', 4, () => base({ kind: pick(['tender', 'result', 'contract', 'correction'] as const) })],
    ['purchaser filter', 3, () => base({ purchaserId: pick(g.units).id })],
    ['method + month', 2, () => base({ method: pick(METHODS)[0], from: '2024-03-01', to: '2024-03-31' })],
    ['no filter, page 1–5', 1, () => base({ page: int(1, 5) })],
  ];
  const table = generators.map(([t, w]) => [t, w] as const);
  for (let i = 0; i < n; i++) {
    const type = weighted(table);
    const gen = generators.find(([t]) => t === type)?.[2];
    if (gen) out.push({ type, query: gen() });
  }
  return out;
}

// ── running ───────────────────────────────────────────────────────────────────────────────────────────

const pct = (xs: readonly number[], p: number): number =>
  xs.length ? (xs[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] ?? 0) : 0;
const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

async function insertAll(database: Database, g: Generated): Promise<number> {
  const t = performance.now();
  const db = database.db;
  const chunk = async <T>(rows: readonly T[], size: number, put: (xs: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += size) await put(rows.slice(i, i + size));
  };
  const now = new Date();
  await chunk(g.units, 500, (xs) =>
    db
      .insert(purchasers)
      .values(
        xs.map((u) => ({ id: u.id, name: u.name, level: u.level, regionCode: '150430', createdAt: now })),
      ),
  );
  await chunk(g.planLineRows, 1000, (xs) => db.insert(planLines).values(xs));
  await chunk(g.projectRows, 1000, (xs) => db.insert(projects).values(xs));
  await chunk(g.lotRows, 1000, (xs) => db.insert(lots).values(xs));
  await chunk(g.shareRows, 1000, (xs) => db.insert(projectShares).values(xs));
  let done = 0;
  await chunk(g.noticeRows, 1000, async (xs) => {
    await db.insert(notices).values(xs);
    done += xs.length;
    if (process.stderr.isTTY) process.stderr.write(`\r  notices ${done}/${g.noticeRows.length}`);
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  await db.execute(sql`analyze`);
  return performance.now() - t;
}

interface Outcome {
  label: string;
  insertMs: number;
  times: number[];
  byType: Map<string, number[]>;
  totals: number[];
  sizes: string;
  plan: string;
}

async function run(
  label: string,
  database: Database,
  g: Generated,
  plan: readonly Planned[],
): Promise<Outcome> {
  console.log(`${label}: inserting ${g.projectRows.length} projects, ${g.noticeRows.length} notices…`);
  const insertMs = await insertAll(database, g);
  console.log(
    `${label}: inserted in ${(insertMs / 1000).toFixed(1)} s; ${WARMUP} warm-up searches, then ${plan.length - WARMUP} timed`,
  );
  for (const p of plan.slice(0, WARMUP)) await searchNotices(database.db, p.query);
  const times: number[] = [];
  const totals: number[] = [];
  const byType = new Map<string, number[]>();
  for (const p of plan.slice(WARMUP)) {
    const t = performance.now();
    const page = await searchNotices(database.db, p.query);
    const dt = performance.now() - t;
    times.push(dt);
    totals.push(page.total);
    byType.set(p.type, [...(byType.get(p.type) ?? []), dt]);
  }
  const [size] = await rawRows(
    database.db,
    sql`select pg_size_pretty(pg_total_relation_size('notices')) as t, pg_size_pretty(pg_relation_size('notices_search_idx')) as i`,
    z.object({ t: z.string(), i: z.string() }),
  );
  const explain = await rawRows(
    database.db,
    sql`explain (analyze, costs off) select count(*) from notices where search @@ ${"('第一' <-> '一中')"}::tsquery`,
    z.object({ 'QUERY PLAN': z.string() }),
  );
  return {
    label,
    insertMs,
    times: times.sort((a, b) => a - b),
    byType,
    totals,
    sizes: `table with indexes ${size?.t ?? '?'}, GIN index ${size?.i ?? '?'}`,
    plan: explain.map((r) => r['QUERY PLAN']).join('\n'),
  };
}

async function cpuModel(): Promise<string> {
  try {
    const info = await readFile('/proc/cpuinfo', 'utf8');
    return /^model name\s*:\s*(.+)$/m.exec(info)?.[1]?.trim() ?? cpus()[0]?.model ?? '?';
  } catch {
    return cpus()[0]?.model ?? '?';
  }
}

async function main(): Promise<void> {
  const load0 = loadavg();
  const t0 = performance.now();
  const g = generate(N);
  console.log(
    `generated ${g.units.length} units, ${g.suppliers.length} suppliers, ${g.projectRows.length} projects, ` +
      `${g.lotRows.length} lots, ${g.noticeRows.length} notices in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const plan = planQueries(g, Q + WARMUP);
  const timed = plan.slice(WARMUP);
  const outcomes: Outcome[] = [];

  const name = `zc_bench_portal_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const pgVersion = String((await admin.query<{ version: string }>('select version()')).rows[0]?.version);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let database: Database | null = null;
  try {
    database = await openDatabase({ databaseUrl: url.toString(), dataDir: 'unused', poolSize: 2 });
    await runMigrations(database);
    outcomes.push(await run('PostgreSQL', database, g, plan));
  } finally {
    await database?.close();
    if (values['keep-database']) console.log(`kept database ${name}`);
    else {
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    }
  }
  if (!values['skip-pglite']) {
    const lite = await openDatabase({ dataDir: 'memory' });
    try {
      await runMigrations(lite);
      outcomes.push(await run('PGlite (in memory)', lite, g, plan));
    } finally {
      await lite.close();
    }
  }

  const load1 = loadavg();
  const loads = (xs: number[]): string => xs.map((x) => x.toFixed(2)).join(' ');
  console.log(
    `\nMachine: ${cpus().length} × ${await cpuModel()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${pgVersion.split(' on ')[0]}`,
  );
  console.log(`Load average (1/5/15 min): before ${loads(load0)}, after ${loads(load1)}`);
  console.log(
    `${g.noticeRows.length} notices of ${g.projectRows.length} projects; ${timed.length} timed searches each\n`,
  );
  console.log('| database | insert (not timed) | p50 | p95 | p99 | max | mean matches |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const o of outcomes) {
    const mean = Math.round(o.totals.reduce((s, x) => s + x, 0) / o.totals.length);
    console.log(
      `| ${o.label} | ${(o.insertMs / 1000).toFixed(0)} s | ${ms(pct(o.times, 50))} ms | ${ms(pct(o.times, 95))} ms | ${ms(pct(o.times, 99))} ms | ${ms(o.times.at(-1) ?? 0)} ms | ${mean} |`,
    );
  }
  console.log(`\n| query type | n | ${outcomes.map((o) => `${o.label} p50 / p99`).join(' | ')} |`);
  console.log(`| --- | --- | ${outcomes.map(() => '---').join(' | ')} |`);
  const types = [...new Set(timed.map((p) => p.type))];
  for (const t of types) {
    const cells = outcomes.map((o) => {
      const xs = [...(o.byType.get(t) ?? [])].sort((a, b) => a - b);
      return `${ms(pct(xs, 50))} / ${ms(pct(xs, 99))} ms`;
    });
    console.log(`| ${t} | ${timed.filter((p) => p.type === t).length} | ${cells.join(' | ')} |`);
  }
  const [a, b] = outcomes;
  if (a && b) {
    const differ = a.totals.filter((t, i) => t !== b.totals[i]).length;
    console.log(
      `\nTotals per search, ${a.label} against ${b.label}: ${differ ? `${differ} of ${a.totals.length} differ` : `identical for all ${a.totals.length}`}`,
    );
    if (differ) process.exitCode = 1;
  }
  for (const o of outcomes) console.log(`\n${o.label}: ${o.sizes}\n${o.plan}`);
}

await main();
