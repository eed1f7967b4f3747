/**
 * The columns of a historical ledger (台账) sheet: the Chinese title a clerk sees in Excel, whether it must be
 * filled, what it accepts, and an example. One table feeds the template (header row, 说明 sheet, drop-down lists),
 * the header check and the validators, so they cannot drift apart. docs/HISTORICAL-IMPORT.md documents the same.
 */
import type { z } from 'zod';
import type { purchaserLevel } from '../../orgs/contract.ts';

type PurchaserLevel = z.infer<typeof purchaserLevel>;

export type Category = 'goods' | 'works' | 'services';
export type ServiceKind = 'preselected' | 'nonPreselected' | 'ppp';
export type Method = 'openTender' | 'invitedTender' | 'negotiation' | 'consultation' | 'rfq' | 'singleSource';

export interface ColumnSpec {
  title: string;
  required: boolean;
  format: string;
  /** The values shown in the drop-down list and the 说明 sheet (others may be accepted as synonyms). */
  allowed?: readonly string[];
  kind: 'text' | 'amount' | 'date' | 'integer';
  width: number;
  example: string;
  /** Other titles accepted for the column (older ledgers' wording). */
  aliases?: readonly string[];
}

const col = (
  title: string,
  required: boolean,
  kind: ColumnSpec['kind'],
  format: string,
  width: number,
  example: string,
  extra: Partial<ColumnSpec> = {},
): ColumnSpec => ({ title, required, kind, format, width, example, ...extra });

/** Purchaser levels by the names centres use (旗直 in Inner Mongolia, 区直 in a district). */
export const LEVEL_VALUES: Readonly<Record<string, PurchaserLevel>> = {
  县直单位: 'county',
  县直: 'county',
  旗直单位: 'county',
  旗直: 'county',
  区直单位: 'county',
  区直: 'county',
  市直单位: 'county',
  市直: 'county',
  乡镇: 'township',
  乡镇级: 'township',
  乡: 'township',
  镇: 'township',
  苏木: 'township',
  村: 'village',
  村级: 'village',
  嘎查: 'village',
};
export const CATEGORY_VALUES: Readonly<Record<string, Category>> = {
  货物: 'goods',
  货物类: 'goods',
  工程: 'works',
  工程类: 'works',
  服务: 'services',
  服务类: 'services',
};
export const SERVICE_KIND_VALUES: Readonly<Record<string, ServiceKind>> = {
  预选: 'preselected',
  预选类: 'preselected',
  非预选: 'nonPreselected',
  非预选类: 'nonPreselected',
  PPP: 'ppp',
  PPP项目: 'ppp',
};
export const METHOD_VALUES: Readonly<Record<string, Method>> = {
  公开招标: 'openTender',
  邀请招标: 'invitedTender',
  竞争性谈判: 'negotiation',
  竞争性磋商: 'consultation',
  询价: 'rfq',
  单一来源: 'singleSource',
  单一来源采购: 'singleSource',
};

export const HISTORY_COLUMNS = {
  projectCode: col(
    '项目编号',
    true,
    'text',
    '台账中的项目编号（采购编号），最长 100 字；不能与平台中项目的编号相同',
    20,
    'YLZC-2025-017',
  ),
  projectName: col('项目名称', true, 'text', '最长 200 字', 36, '第一中学教学楼维修工程'),
  lotNo: col('标段(包)号', false, 'integer', '1–999 的整数；不分标段（包）的填 1 或不填', 10, '1', {
    aliases: ['标段号', '包号', '标段(包)', '标段'],
  }),
  purchaserName: col(
    '采购人',
    true,
    'text',
    '采购单位全称，最长 200 字；与平台中的采购单位同名时，该单位可在统计中看到自己的历史记录',
    30,
    '云岭县教育局',
    { aliases: ['采购单位'] },
  ),
  purchaserLevel: col(
    '采购人层级',
    true,
    'text',
    '县（旗、区）直单位、乡镇、村级三级；也可写 县直、旗直、区直、乡、镇、苏木、村、嘎查',
    12,
    '县直单位',
    {
      allowed: ['县直单位', '旗直单位', '区直单位', '乡镇', '村级'],
    },
  ),
  category: col('采购类别', true, 'text', '三选一', 10, '工程', { allowed: ['货物', '工程', '服务'] }),
  serviceKind: col('服务细分', false, 'text', '仅服务类填写，三选一；服务类不填的按非预选统计', 10, '', {
    allowed: ['预选', '非预选', 'PPP'],
  }),
  method: col('采购方式', true, 'text', '六选一', 12, '公开招标', {
    allowed: ['公开招标', '邀请招标', '竞争性谈判', '竞争性磋商', '询价', '单一来源'],
  }),
  programme: col(
    '专项',
    false,
    'text',
    '专项名称，如 校安工程；用于按专项汇总，最长 100 字',
    14,
    '校安工程',
    {
      aliases: ['专项名称', '所属专项'],
    },
  ),
  budget: col(
    '预算金额(元)',
    true,
    'amount',
    '以元为单位，大于零，最多两位小数；可为数字或文本（如 1,234,567.89）',
    16,
    '2865000',
    { aliases: ['采购预算(元)', '预算(元)'] },
  ),
  contract: col(
    '合同金额(元)',
    true,
    'amount',
    '以元为单位，最多两位小数；不得超过预算金额',
    16,
    '2563400.5',
    { aliases: ['中标金额(元)', '成交金额(元)', '中标(成交)金额(元)'] },
  ),
  paid: col(
    '实际支付金额(元)',
    false,
    'amount',
    '已结清的填实际支付总额（最多两位小数）；未结清或未记录的不填，节约资金按合同金额计算',
    16,
    '2563400.5',
    { aliases: ['实际支付(元)', '支付金额(元)'] },
  ),
  commissionedOn: col(
    '委托日期',
    false,
    'date',
    '采购人委托中心的日期：Excel 日期，或 2025-03-01、2025/3/1、2025年3月1日；用于统计办结天数',
    14,
    '2025-03-01',
  ),
  contractedOn: col(
    '合同签订日期',
    true,
    'date',
    '格式同上；采购在此日完成，按此日期计入统计期间；不得晚于今天',
    14,
    '2025-04-18',
    { aliases: ['合同签定日期', '签订日期'] },
  ),
  supplierName: col('中标(成交)供应商', false, 'text', '最长 200 字', 30, '赤峰市恒达建筑工程有限公司', {
    aliases: ['中标供应商', '成交供应商', '中标人'],
  }),
} as const satisfies Record<string, ColumnSpec>;

export type ColumnKey = keyof typeof HISTORY_COLUMNS;
export const COLUMN_KEYS = Object.keys(HISTORY_COLUMNS) as ColumnKey[];

/**
 * A header as typed, reduced to compare: no spaces, full-width brackets as ASCII ones. Clerks write “预算金额（元）”
 * with Chinese brackets as often as with ASCII ones.
 */
export function normaliseTitle(title: string): string {
  return title
    .replace(/[\s\u3000]+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')');
}

const BY_TITLE: ReadonlyMap<string, ColumnKey> = new Map(
  COLUMN_KEYS.flatMap((k) => {
    const spec: ColumnSpec = HISTORY_COLUMNS[k];
    return [spec.title, ...(spec.aliases ?? [])].map((t) => [normaliseTitle(t), k] as const);
  }),
);

/** The column a header names, or null for a column the import does not read (备注, 序号 …). */
export function columnOf(header: string): ColumnKey | null {
  return BY_TITLE.get(normaliseTitle(header)) ?? null;
}
