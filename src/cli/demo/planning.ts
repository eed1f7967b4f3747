/**
 * The demo's plan: a year of plan lines of the demo units at every stage from draft to accepted, and the
 * thresholds configuration. Its own random stream (seed + ':planning'), so earlier demo records stay as
 * they were.
 */
import { seededRng } from '../../platform/rng.ts';
import { addDays, Gen, type DemoData } from './data.ts';
import { tenderingPlanLines } from './tendering.ts';

export interface DemoPlanLine {
  purchaserName: string;
  year: number;
  budgetItem: string;
  itemCode: string;
  itemName: string;
  category: 'goods' | 'works' | 'services';
  quantity: string | null;
  amountFen: bigint;
  plannedMonth: number;
  status: 'draft' | 'intentionPublished' | 'commissioned' | 'accepted' | 'returned';
  intention: { summary: string; expectedStartOn: string; publishedOn: string } | null;
  returnNote: string | null;
  /** Names the line for the demo's tendering projects (tendering.ts); null for the rest of the plan. */
  ref: string | null;
}

export interface DemoThreshold {
  jurisdiction: string;
  level: 'central' | 'provincial' | 'municipal' | 'county';
  category: 'goods' | 'works' | 'services';
  kind: 'openTender' | 'procurementLimit' | 'worksMandatoryTender';
  amountFen: bigint;
  effectiveFrom: string;
  effectiveTo: string | null;
  source: string;
}

const wan = (n: number): bigint => BigInt(Math.round(n * 100)) * 10_000n;

/** What county units buy, by 品目: name, code, category, a budget range in 万元 and a budget item. */
const ITEMS: readonly [string, string, 'goods' | 'works' | 'services', number, number, string][] = [
  ['台式计算机', 'A02010104', 'goods', 20, 90, '办公设备购置'],
  ['便携式计算机', 'A02010105', 'goods', 10, 40, '办公设备购置'],
  ['复印机', 'A02020400', 'goods', 5, 20, '办公设备购置'],
  ['课桌椅', 'A05010100', 'goods', 30, 120, '教学设施购置'],
  ['多媒体教学设备', 'A02100000', 'goods', 40, 180, '教育信息化'],
  ['医用超声诊断仪器', 'A02320000', 'goods', 80, 350, '医疗设备购置'],
  ['公务用车', 'A02030500', 'goods', 15, 30, '车辆购置'],
  ['校舍维修改造工程', 'B07000000', 'works', 60, 480, '校安工程'],
  ['乡村道路硬化工程', 'B05010000', 'works', 80, 600, '一事一议财政奖补'],
  ['农田水利设施工程', 'B05030000', 'works', 50, 300, '农田水利建设'],
  ['物业管理服务', 'C21040000', 'services', 20, 90, '机关运行保障'],
  ['工程造价咨询服务', 'C23090000', 'services', 5, 30, '项目前期工作'],
  ['审计服务', 'C23100000', 'services', 5, 25, '财务审计'],
  ['保安服务', 'C21040200', 'services', 15, 60, '机关运行保障'],
];

const STAGES: readonly DemoPlanLine['status'][] = [
  'draft',
  'intentionPublished',
  'intentionPublished',
  'commissioned',
  'commissioned',
  'returned',
  'accepted',
  'accepted',
  'accepted',
];

/** Plan lines dated around `today` (YYYY-MM-DD): the year's plan, intentions published ≥ 30 days ahead. */
export function demoPlanning(
  seed: string,
  data: DemoData,
  today: string,
): { lines: DemoPlanLine[]; thresholds: DemoThreshold[] } {
  const g = new Gen(seededRng(`${seed}:planning`));
  const year = Number(today.slice(0, 4));
  const units = data.purchasers.filter((p) => p.level !== 'village' || g.chance(40));
  const lines: DemoPlanLine[] = [];
  for (let i = 0; i < 36; i++) {
    const [itemName, itemCode, category, lo, hi, budgetItem] = g.pick(ITEMS);
    const unit = g.pick(units);
    const status = g.pick(STAGES);
    const amount = wan(g.int(lo * 10, hi * 10) / 10);
    const publishedOn = addDays(today, -g.int(5, 60));
    const expectedStartOn = addDays(publishedOn, g.int(30, 75));
    const plannedMonth = Number(expectedStartOn.slice(5, 7));
    lines.push({
      purchaserName: unit.name,
      year,
      budgetItem,
      itemCode,
      itemName,
      category,
      quantity:
        category === 'goods'
          ? `${g.int(1, 120)} ${itemName.endsWith('机') || itemName.endsWith('车') ? '台' : '套'}`
          : null,
      amountFen: amount,
      plannedMonth: Number(expectedStartOn.slice(0, 4)) === year ? plannedMonth : 12,
      status,
      intention:
        status === 'draft'
          ? null
          : {
              summary: `${unit.name}采购${itemName}，预算 ${(Number(amount) / 1_000_000).toFixed(2)} 万元`,
              expectedStartOn,
              publishedOn,
            },
      returnNote: status === 'returned' ? '请补充采购需求和技术参数，明确服务期限' : null,
      ref: null,
    });
  }
  // Accepted lines the demo's projects are made from, and a few left open for bundle suggestions; from a
  // stream of their own, so the lines above stay as they were.
  lines.push(...tenderingPlanLines(seed, today));
  // Thresholds are configuration; these rows are the demo's, labelled as such — a centre enters its own
  // province's published figures (RULES.md §1.1: never literals in code).
  const thresholds: DemoThreshold[] = [
    {
      jurisdiction: '000000',
      level: 'central',
      category: 'goods',
      kind: 'openTender',
      amountFen: wan(200),
      effectiveFrom: '2020-01-01',
      effectiveTo: null,
      source: '国办发〔2019〕41号（中央预算单位）',
    },
    {
      jurisdiction: '000000',
      level: 'central',
      category: 'services',
      kind: 'openTender',
      amountFen: wan(200),
      effectiveFrom: '2020-01-01',
      effectiveTo: null,
      source: '国办发〔2019〕41号（中央预算单位）',
    },
    ...(['goods', 'services'] as const).map((category) => ({
      jurisdiction: '150000',
      level: 'county' as const,
      category,
      kind: 'openTender' as const,
      amountFen: wan(400),
      effectiveFrom: '2021-01-01',
      effectiveTo: null,
      source: '演示配置：自治区政府集中采购目录及标准（以本地区公布文件为准）',
    })),
    ...(['goods', 'services'] as const).map((category) => ({
      jurisdiction: '150000',
      level: 'county' as const,
      category,
      kind: 'procurementLimit' as const,
      amountFen: wan(30),
      effectiveFrom: '2021-01-01',
      effectiveTo: null,
      source: '演示配置：自治区政府集中采购目录及标准（以本地区公布文件为准）',
    })),
    {
      jurisdiction: '150000',
      level: 'county',
      category: 'works',
      kind: 'procurementLimit',
      amountFen: wan(60),
      effectiveFrom: '2021-01-01',
      effectiveTo: null,
      source: '演示配置：自治区政府集中采购目录及标准（以本地区公布文件为准）',
    },
    {
      jurisdiction: '000000',
      level: 'county',
      category: 'works',
      kind: 'worksMandatoryTender',
      amountFen: wan(400),
      effectiveFrom: '2018-06-01',
      effectiveTo: null,
      source: '必须招标的工程项目规定（发改委令第16号）第五条',
    },
    // Thresholds resolve through the division chain (county → city → region), never to 000000 for county
    // budgets: the region's row carries the national works figure as the region applies it.
    {
      jurisdiction: '150000',
      level: 'county',
      category: 'works',
      kind: 'worksMandatoryTender',
      amountFen: wan(400),
      effectiveFrom: '2018-06-01',
      effectiveTo: null,
      source: '必须招标的工程项目规定（发改委令第16号）第五条（自治区执行）',
    },
  ];
  return { lines, thresholds };
}
