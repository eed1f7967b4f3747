/**
 * What both exports write besides the report's own texts: exact 万元 figures from fen, the period and the scope in
 * words, the files' names.
 */
import { PURCHASER_LEVEL_LABELS } from '../../orgs/contract.ts';
import { METHOD_LABELS } from '../../tendering/index.ts';
import { serviceKindLabels, type StatisticsReport } from '../contract.ts';
import { CATEGORY_LABELS } from '../report.ts';
import { roundDiv } from '../rules.ts';

/**
 * Fen as 万元 with six decimals, by decimal-string arithmetic (1万元 = 1,000,000 分, so six decimals are exact):
 * "4317200000000" → "43172.000000". Never a float division.
 */
function fenToWan(fen: string | bigint): string {
  const v = typeof fen === 'bigint' ? fen : BigInt(fen);
  const neg = v < 0n;
  const digits = (neg ? -v : v).toString().padStart(7, '0');
  return `${neg ? '-' : ''}${digits.slice(0, -6)}.${digits.slice(-6)}`;
}

/** The 万元 figure as the number a spreadsheet cell holds: the double nearest the exact decimal. */
export function wanNumber(fen: string | bigint): number {
  return Number(fenToWan(fen));
}

/** 资金节约率 as the fraction a percent-formatted cell holds (1323 bp → 0.1323). */
export function rateFraction(bp: number): number {
  return Number(`${bp < 0 ? '-' : ''}0.${String(Math.abs(bp)).padStart(4, '0')}`);
}

/** A rate target as the seeds write it: 1000 bp → "10%", 1250 → "12.5%". */
export function targetRateText(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const frac = String(bp % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${whole}${frac ? `.${frac}` : ''}%`;
}

const lastDayOfMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * The period in words: "2025年度", "2026年1—6月", "2026年1月1日至11月23日", "2024年3月1日至2025年2月28日".
 */
export function periodText(from: string, to: string): string {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  const wholeMonths = fd === 1 && td === lastDayOfMonth(ty, tm);
  if (fy === ty && wholeMonths) {
    if (fm === 1 && tm === 12) return `${fy}年度`;
    return fm === tm ? `${fy}年${fm}月` : `${fy}年${fm}—${tm}月`;
  }
  if (wholeMonths) return `${fy}年${fm}月至${ty}年${tm}月`;
  return fy === ty ? `${fy}年${fm}月${fd}日至${tm}月${td}日` : `${fy}年${fm}月${fd}日至${ty}年${tm}月${td}日`;
}

export const SOURCE_LABELS = { platform: '平台采购', historical: '历史导入' } as const;

/** The report's scope as "采购类别：工程；采购人层级：乡镇", or null for the whole centre. */
export function scopeText(q: StatisticsReport['query']): string | null {
  const parts: string[] = [];
  if (q.purchaserName) parts.push(`采购人：${q.purchaserName}`);
  if (q.level) parts.push(`采购人层级：${PURCHASER_LEVEL_LABELS[q.level]}`);
  if (q.category) parts.push(`采购类别：${CATEGORY_LABELS[q.category]}`);
  if (q.serviceKind) parts.push(`服务细分：${serviceKindLabels[q.serviceKind]}`);
  if (q.method) parts.push(`采购方式：${METHOD_LABELS[q.method]}`);
  if (q.programme) parts.push(`专项：${q.programme}`);
  if (q.source !== 'all') parts.push(`数据来源：${SOURCE_LABELS[q.source]}`);
  return parts.length ? parts.join('；') : null;
}

/** The download's name: "政府采购统计表（2025-01-01至2025-12-31）.xlsx". */
export function exportFileName(kind: 'xlsx' | 'docx', q: StatisticsReport['query']): string {
  const what = kind === 'xlsx' ? '政府采购统计表' : '政府采购统计报告';
  return `${what}（${q.from}至${q.to}）.${kind}`;
}

/**
 * Content-Disposition for a Chinese file name (RFC 6266 with RFC 5987's filename*), with an ASCII fallback for
 * clients that ignore filename*.
 */
export function attachment(fileName: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encoded}`;
}

/** 万元 to two decimals, half-up, grouped, for a printed table: 4_317_249_999 fen → "4,317.25". */
export function wanTable(fen: string | bigint): string {
  const v = roundDiv(typeof fen === 'bigint' ? fen : BigInt(fen), 10_000n);
  const neg = v < 0n;
  const digits = (neg ? -v : v).toString().padStart(3, '0');
  const int = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${int}.${digits.slice(-2)}`;
}

const DIGITS = '零一二三四五六七八九';

/** A count in Chinese numerals as reports write it: 27 → "二十七", 10 → "十", 105 → "一百零五" (below 100,000). */
export function chineseCount(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 100_000) return String(n);
  if (n === 0) return '零';
  const units = ['', '十', '百', '千', '万'];
  const ds = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  ds.forEach((d, i) => {
    const unit = units[ds.length - 1 - i] ?? '';
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) out += '零';
    zero = false;
    out += `${DIGITS[d]}${unit}`;
  });
  return out.startsWith('一十') ? out.slice(1) : out;
}

/** The mean of the per-method means weighted by their projects, whole days; null without projects. */
export function meanCycleDays(r: StatisticsReport): number | null {
  const n = r.cycleTimes.byMethod.reduce((a, m) => a + m.procurements, 0);
  if (n === 0) return null;
  return Math.round(r.cycleTimes.byMethod.reduce((a, m) => a + m.meanDays * m.procurements, 0) / n);
}
