/**
 * The demo centre's ledgers of the two years before the platform (台账, ~140 and ~150 procurements), imported through
 * the historical import itself by the demo's agent, and the centre's annual targets for those years and this one
 * (完成采购预算1亿元，资金节约率10%以上, as seed 000's centre set itself). The projects are of the kind seed 000's
 * 敖汉旗 reports: goods for the county's units (some bundled for several units, 打包采购), county works, a 校安工程
 * programme of several lots, township and village works (一事一议, 退耕还林, 库区移民, 节水灌溉), services (some
 * 预选), a few of ¥10 million and more. Deterministic: the same seed and year give the same file, byte for byte.
 */
import type { RequestContext, UserActor } from '../../platform/auth/actor.ts';
import { shanghaiDay, type Clock } from '../../platform/clock.ts';
import type { Tx } from '../../platform/db/client.ts';
import { seededRng, type Rng } from '../../platform/rng.ts';
import { HISTORY_COLUMNS, importHistory } from '../../modules/statistics/history/index.ts';
import { setTarget } from '../../modules/statistics/targets.ts';
import { addDays, type DemoData, type DemoPurchaser } from './data.ts';

/** The demo's annual target, every year: 1亿元 of budget and a savings rate of 10%. */
const TARGET = { budgetFen: '10000000000', savingsRateBp: 1000 } as const;
const FEN_PER_WAN = 1_000_000n;

/**
 * Splits `total` into parts proportional to `weights`, exactly: each part is a multiple of `unit`, and the parts
 * sum to `total` (largest remainders get the leftover units; ties go to the earlier part). `total` must be a
 * multiple of `unit`.
 */
export function apportion(total: bigint, weights: readonly number[], unit = 1n): bigint[] {
  if (total % unit !== 0n) throw new RangeError('total is not a multiple of the unit');
  const ws = weights.map((w) => BigInt(Math.round(w * 1_000_000)));
  const sum = ws.reduce((a, b) => a + b, 0n);
  if (sum <= 0n) throw new RangeError('weights must be positive');
  const units = total / unit;
  const base = ws.map((w) => (units * w) / sum);
  const rest = ws.map((w, i) => ({ i, r: (units * w) % sum }));
  let left = units - base.reduce((a, b) => a + b, 0n);
  rest.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of rest) {
    if (left === 0n) break;
    base[i] = (base[i] ?? 0n) + 1n;
    left -= 1n;
  }
  return base.map((b) => b * unit);
}

/** Fen as the decimal 元 a ledger writes ("1234567.89"). */
const yuan = (fen: bigint): string => `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;
const pad = (n: number): string => String(n).padStart(2, '0');

interface LedgerShare {
  code: string;
  name: string;
  lotNo: number;
  purchaser: DemoPurchaser;
  category: '货物' | '工程' | '服务';
  serviceKind: '预选' | '非预选' | null;
  method: string;
  programme: string | null;
  budgetFen: bigint;
  contractFen: bigint;
  paidFen: bigint | null;
  commissionedOn: string;
  contractedOn: string;
  supplier: string;
}

const LEVEL_TEXT = { county: '县直单位', township: '乡镇', village: '村级' } as const;

function pick<T>(rng: Rng, xs: readonly T[]): T {
  const x = xs[rng.int(xs.length)];
  if (x === undefined) throw new Error('pick from an empty list');
  return x;
}
/** A uniform amount in [lo, hi] 万元, to the hundred 元. */
const wan = (rng: Rng, lo: number, hi: number): bigint =>
  BigInt(Math.round((lo + (rng.int(1_000_001) / 1_000_000) * (hi - lo)) * 100)) * 10_000n;

/** What is bought, its range in 万元, which units buy it (any county unit when empty) and who sells it. */
type Kind = readonly [what: string, lo: number, hi: number, units: readonly string[], sellers: RegExp];
const HOSPITALS = ['人民医院', '蒙医中医医院', '妇幼保健院', '疾病预防控制中心'];
const SCHOOLS = ['第一中学', '第二中学', '实验小学', '职业教育中心'];
const GOODS: readonly Kind[] = [
  ['办公设备采购', 5, 60, [], /办公|电脑|数码|信息/],
  ['计算机及打印机采购', 10, 90, [], /电脑|数码|信息|电子/],
  ['办公家具采购', 5, 50, [], /木业|办公/],
  ['公务用车采购', 20, 80, ['公安局', '人民政府办公室', '自然资源局', '城市管理综合执法局'], /汽车/],
  ['学生课桌椅采购', 20, 150, SCHOOLS, /木业|教学/],
  ['班班通交互式一体机采购', 60, 400, SCHOOLS, /教学|电子|数码/],
  ['图书采购', 10, 80, SCHOOLS, /文化|文体/],
  ['医疗设备采购', 80, 1200, HOSPITALS, /医疗/],
  ['药品及防疫物资采购', 10, 120, HOSPITALS, /医药|医疗/],
  ['视频监控设备采购', 30, 200, ['公安局', '城市管理综合执法局'], /安防|电子/],
  ['农机具采购', 40, 300, ['农牧局'], /农机|农资/],
];
const COUNTY_WORKS: readonly Kind[] = [
  ['办公楼维修改造工程', 50, 500, [], /建筑|装饰|防水/],
  ['院内道路硬化工程', 30, 300, [], /建筑|市政|土石方/],
  ['供热管网改造工程', 150, 1200, ['住房和城乡建设局'], /市政|建设/],
  ['污水管网建设工程', 200, 1500, ['住房和城乡建设局'], /市政|建设/],
  ['水库除险加固工程', 150, 900, ['水利局'], /水利/],
  ['城区园林绿化工程', 80, 600, ['城市管理综合执法局', '林业和草原局'], /园林|生态/],
  ['农村公路建设工程', 200, 1300, ['交通运输局'], /路桥|市政/],
  ['高标准农田建设工程', 150, 900, ['农牧局'], /水利|土石方|生态/],
];
const TOWN_WORKS: readonly (readonly [string, number, number, 'township' | 'village', RegExp])[] = [
  ['“一事一议”财政奖补村内道路硬化工程', 20, 150, 'village', /^云岭县.*(建筑|土石方)/],
  ['“一事一议”财政奖补文化活动室建设工程', 15, 80, 'village', /^云岭县.*建筑/],
  ['巩固退耕还林成果工程', 40, 200, 'township', /生态|园林/],
  ['库区移民后期扶持项目', 20, 120, 'village', /^云岭县.*(建筑|土石方)/],
  ['高效节水灌溉工程', 60, 300, 'township', /水利/],
  ['小流域综合治理工程', 50, 250, 'township', /水利|生态/],
];
const SERVICES: readonly (readonly [string, number, number, '预选' | '非预选', RegExp])[] = [
  ['物业管理服务', 30, 300, '非预选', /物业/],
  ['保洁服务', 10, 80, '非预选', /保洁/],
  ['财务审计服务', 5, 40, '非预选', /会计师/],
  ['工程造价咨询服务', 10, 60, '非预选', /造价/],
  ['工程监理服务', 20, 150, '非预选', /监理/],
  ['保安服务', 20, 120, '非预选', /保安/],
  ['公务用车定点维修服务', 10, 60, '预选', /修理/],
  ['印刷服务', 5, 40, '预选', /印刷/],
  ['劳务派遣服务', 20, 150, '预选', /劳务派遣/],
];

/**
 * One year's ledger: goods, county works, a 校安工程 programme, township and village works and services, as
 * purchaser shares. Methods follow the amounts (公开招标 from 400万元 on, as the thresholds have it).
 */
export function demoLedger(
  seed: string,
  data: DemoData,
  year: number,
  size: number,
  latest: boolean,
): LedgerShare[] {
  const rng = seededRng(`${seed}:history:${year}`);
  const county = data.purchasers.filter((p) => p.level === 'county');
  const townships = data.purchasers.filter((p) => p.level === 'township');
  const villages = data.purchasers.filter((p) => p.level === 'village');
  const named = (suffix: string) => county.find((p) => p.name.endsWith(suffix)) ?? pick(rng, county);
  const education = named('教育局');
  const approved = data.suppliers.filter((s) => s.status === 'approved').map((s) => s.name);
  const seller = (pattern: RegExp): string => {
    const fitting = approved.filter((n) => pattern.test(n));
    return pick(rng, fitting.length ? fitting : approved);
  };
  const unitFor = (units: readonly string[]): DemoPurchaser =>
    units.length ? named(pick(rng, units)) : pick(rng, county);
  const out: LedgerShare[] = [];
  let serial = 0;
  const code = () => `LS${year}-${String(++serial).padStart(3, '0')}`;

  /** One procurement: its contract day, commission day, savings and settlement, then its shares. */
  const procurement = (p: {
    name: string;
    category: LedgerShare['category'];
    serviceKind?: LedgerShare['serviceKind'];
    programme?: string | null;
    budgets: { lotNo: number; purchaser: DemoPurchaser; budgetFen: bigint }[];
    method?: string;
    savingsBp: [number, number];
    months?: [number, number];
    sellers: RegExp;
  }) => {
    const total = p.budgets.reduce((a, b) => a + b.budgetFen, 0n);
    const method =
      p.method ??
      (total >= 4n * FEN_PER_WAN * 100n
        ? '公开招标'
        : p.category === '货物'
          ? pick(rng, ['询价', '询价', '竞争性谈判', '竞争性磋商'])
          : pick(rng, ['竞争性磋商', '竞争性磋商', '邀请招标', '竞争性谈判']));
    const [m0, m1] = p.months ?? [1, 12];
    const month = m0 + rng.int(m1 - m0 + 1);
    const contractedOn = addDays(`${year}-${pad(month)}-01`, rng.int(28));
    const cycle =
      method === '公开招标' ? 40 + rng.int(45) : method === '询价' ? 12 + rng.int(20) : 20 + rng.int(35);
    const c = code();
    const supplier = seller(p.sellers);
    // The last quarter of the latest year is not all paid yet: its savings are measured against the contract.
    const unpaid = latest && contractedOn.slice(5) >= '10-01' && rng.int(2) === 0;
    for (const b of p.budgets) {
      const bp = BigInt(p.savingsBp[0] + rng.int(p.savingsBp[1] - p.savingsBp[0] + 1));
      const contractFen = (b.budgetFen * (10_000n - bp)) / 10_000n - BigInt(rng.int(100));
      out.push({
        code: c,
        name: p.name,
        lotNo: b.lotNo,
        purchaser: b.purchaser,
        category: p.category,
        serviceKind: p.serviceKind ?? null,
        method,
        programme: p.programme ?? null,
        budgetFen: b.budgetFen,
        contractFen,
        paidFen: unpaid ? null : contractFen,
        commissionedOn: addDays(contractedOn, -cycle),
        contractedOn,
        supplier,
      });
    }
  };

  const goodsCount = Math.round(size * 0.28);
  const servicesCount = Math.round(size * 0.1);
  const townCount = Math.round(size * 0.2);
  const schoolProjects = 4;
  const countyWorksCount = size - goodsCount - servicesCount - townCount - schoolProjects;

  for (let i = 0; i < goodsCount; i++) {
    if (i % 15 === 0) {
      // 打包采购: the county's units' office supplies bought together, one share each.
      const units = [pick(rng, county), pick(rng, county), pick(rng, county)].filter(
        (u, k, xs) => xs.findIndex((v) => v.name === u.name) === k,
      );
      const parts = apportion(
        wan(rng, 20, 120),
        units.map(() => 1 + rng.int(3)),
        10_000n,
      );
      procurement({
        name: '县直机关办公用品及耗材采购（打包采购）',
        category: '货物',
        budgets: units.map((u, k) => ({ lotNo: 1, purchaser: u, budgetFen: parts[k] ?? 0n })),
        savingsBp: [500, 2500],
        sellers: /办公|文化/,
      });
      continue;
    }
    const [what, lo, hi, units, sellers] = pick(rng, GOODS);
    const unit = unitFor(units);
    procurement({
      name: `${unit.name.replace(/^云岭县/, '')}${what}`,
      category: '货物',
      budgets: [{ lotNo: 1, purchaser: unit, budgetFen: wan(rng, lo, hi) }],
      savingsBp: [500, 2500],
      sellers,
    });
  }
  // 校安工程: four schools' buildings, each let in two or three lots, contracted by the end of August.
  for (let i = 0; i < schoolProjects; i++) {
    const school = SCHOOLS[i] ?? '第一中学';
    const lots = 2 + (i % 2);
    procurement({
      name: `${year}年校安工程${school}教学楼及宿舍楼加固改造`,
      category: '工程',
      programme: '校安工程',
      method: '公开招标',
      budgets: Array.from({ length: lots }, (_, k) => ({
        lotNo: k + 1,
        purchaser: education,
        budgetFen: wan(rng, 300, 900),
      })),
      savingsBp: [800, 1400],
      months: [4, 8],
      sellers: /建筑|建设/,
    });
  }
  for (let i = 0; i < countyWorksCount; i++) {
    const [what, lo, hi, units, sellers] = pick(rng, COUNTY_WORKS);
    const unit = unitFor(units);
    procurement({
      name: `${unit.name.replace(/^云岭县/, '')}${what}`,
      category: '工程',
      budgets: [{ lotNo: 1, purchaser: unit, budgetFen: wan(rng, lo, hi) }],
      savingsBp: [400, 1700],
      sellers,
    });
  }
  for (let i = 0; i < townCount; i++) {
    const [what, lo, hi, level, sellers] = pick(rng, TOWN_WORKS);
    const unit = level === 'village' ? pick(rng, villages) : pick(rng, townships);
    procurement({
      name: `${unit.name.replace(/^云岭县/, '').replace(/人民政府|村民委员会/, '')}${what}`,
      category: '工程',
      budgets: [{ lotNo: 1, purchaser: unit, budgetFen: wan(rng, lo, hi) }],
      savingsBp: [300, 1200],
      sellers,
    });
  }
  for (let i = 0; i < servicesCount; i++) {
    const [what, lo, hi, kind, sellers] = pick(rng, SERVICES);
    const unit = pick(rng, county);
    procurement({
      name: `${unit.name.replace(/^云岭县/, '')}${year}年度${what}`,
      category: '服务',
      serviceKind: kind,
      budgets: [{ lotNo: 1, purchaser: unit, budgetFen: wan(rng, lo, hi) }],
      savingsBp: [500, 3000],
      sellers,
    });
  }
  return out;
}

/** The ledger as the UTF-8 CSV a clerk saves from Excel (“CSV UTF-8”, with its BOM), in the template's columns. */
export function ledgerCsv(shares: readonly LedgerShare[]): Buffer {
  const field = (v: string | number | null): string => {
    const s = v === null ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const columns = Object.keys(HISTORY_COLUMNS) as (keyof typeof HISTORY_COLUMNS)[];
  const lines = [
    columns.map((k) => field(HISTORY_COLUMNS[k].title)).join(','),
    ...shares.map((s) => {
      const row: Record<keyof typeof HISTORY_COLUMNS, string | number | null> = {
        projectCode: s.code,
        projectName: s.name,
        lotNo: s.lotNo,
        purchaserName: s.purchaser.name,
        purchaserLevel: LEVEL_TEXT[s.purchaser.level],
        category: s.category,
        serviceKind: s.serviceKind,
        method: s.method,
        programme: s.programme,
        budget: yuan(s.budgetFen),
        contract: yuan(s.contractFen),
        paid: s.paidFen === null ? null : yuan(s.paidFen),
        commissionedOn: s.commissionedOn,
        contractedOn: s.contractedOn,
        supplierName: s.supplier,
      };
      return columns.map((k) => field(row[k])).join(',');
    }),
  ];
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`)]);
}

/** Procurements in each of the two ledgers: the earlier year, then the last year before the platform. */
const SIZES = [140, 150] as const;

/**
 * Imports the two years' ledgers as the demo's agent and sets the director's targets for those years and the
 * current one. Runs inside the seed's transaction; a refused ledger is a bug in this file, not a user error.
 */
export async function seedHistory(
  tx: Tx,
  actors: { agent: UserActor; director: UserActor },
  data: DemoData,
  seed: string,
  clock: Clock,
): Promise<{ imports: number; rows: number }> {
  const year = Number(shanghaiDay(clock.now()).slice(0, 4));
  const agent: RequestContext = { actor: actors.agent, requestId: null, clock };
  const director: RequestContext = { actor: actors.director, requestId: null, clock };
  let rows = 0;
  for (const [i, size] of SIZES.entries()) {
    const y = year - SIZES.length + i;
    const shares = demoLedger(seed, data, y, size, i === SIZES.length - 1);
    const outcome = await importHistory(tx, agent, {
      bytes: ledgerCsv(shares),
      name: `${data.centre.name}${y}年采购台账.csv`,
    });
    if (!outcome.ok) {
      const first = outcome.errors.slice(0, 3).map((e) => `第${e.row}行 ${e.column}：${e.message}`);
      throw new Error(`demo ledger ${y} refused: ${first.join('；')}`);
    }
    rows += outcome.rows;
  }
  for (const y of [year - 2, year - 1, year]) await setTarget(tx, director, y, TARGET);
  return { imports: SIZES.length, rows };
}
