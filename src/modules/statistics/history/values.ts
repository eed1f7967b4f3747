/**
 * Cell values of a ledger, read exactly: amounts in 元 to integer fen through decimal text (never float
 * arithmetic), dates to the calendar day written in the cell. Pure: no database, no clock.
 */

/** A non-empty cell as the sheet reader hands it over: CSV gives text only, Excel also numbers and dates. */
export type Cell = string | number | boolean | Date;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
/** Full-width digits and punctuation as a Chinese input method types them (１２．５ → 12.5). */
const halfWidth = (s: string): string =>
  s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
const bad = <T>(message: string): Parsed<T> => ({ ok: false, message });

/** 10^14 元: far above any procurement; a larger figure is a typing error (or 分 written as 元). */
export const MAX_YUAN = 100_000_000_000_000n;

/**
 * A number cell as the decimal Excel shows: the shortest text that reads back to the same double (1234.56 →
 * "1234.56"), or, when that has more than two decimals, Excel's own 15 significant digits (a formula's
 * 0.30000000000000004 → "0.3"). Null for a non-finite number.
 */
export function numberText(v: number): string | null {
  if (!Number.isFinite(v)) return null;
  const plain = (x: number): string => {
    const s = String(x);
    if (!/e/i.test(s)) return s;
    // Exponent form: tiny or huge values; toFixed spells small ones out, huge ones stay out of range anyway.
    return Math.abs(x) < 1 ? x.toFixed(20).replace(/0+$/, '') : BigInt(Math.round(x)).toString();
  };
  const s = plain(v);
  const decimals = s.split('.')[1]?.length ?? 0;
  if (decimals <= 2) return s;
  return plain(Number(v.toPrecision(15)));
}

/** "1234.5" → 123450n: the integer part and up to two decimals as digits, no float in between. */
function decimalToFen(text: string): Parsed<bigint> {
  const m = /^(-)?(\d+)(?:\.(\d*))?$/.exec(text);
  if (!m) return bad('不是有效的金额');
  const [, minus, int = '0', frac = ''] = m;
  const fracDigits = frac.replace(/0+$/, '');
  if (fracDigits.length > 2) return bad(`“${text}”超过两位小数：金额以元为单位，精确到分`);
  const fen = BigInt(int) * 100n + BigInt((fracDigits + '00').slice(0, 2));
  if (minus && fen !== 0n) return bad(`“${text}”为负数，金额不能为负`);
  if (fen > MAX_YUAN * 100n) return bad(`“${text}”超过 100 万亿元，请核对金额（是否把“分”当作了“元”）`);
  return ok(fen);
}

/**
 * An amount in 元 to fen. Text may carry thousands separators, a ¥ sign or a trailing 元; 万元 figures are
 * refused, because the column is in 元 and a silent ×10,000 would ruin every total.
 */
export function parseYuan(cell: Cell): Parsed<bigint> {
  if (typeof cell === 'number') {
    const s = numberText(cell);
    return s === null ? bad('不是有效的金额') : decimalToFen(s);
  }
  if (typeof cell !== 'string') return bad('应为金额（元），不是日期或是非值');
  const s = halfWidth(cell).replace(/[\s\u3000]/g, '');
  if (/万/.test(s)) return bad(`“${cell}”：本列以元为单位，请把万元换算为元后填写（如 12.5万 填 125000）`);
  const stripped = s
    .replace(/^[¥￥]/, '')
    .replace(/(人民币)?元$/, '')
    .replace(/(?<=\d)[,，](?=\d{3}(?:\D|$))/g, '');
  if (/^-?\d+(\.\d*)?$/.test(stripped)) return decimalToFen(stripped);
  return bad(`“${cell}”不是有效的金额，应为数字，如 1234567.89`);
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Years outside this range are typing errors in a ledger of procurements before the platform. */
const FIRST_YEAR = 1990;
const LAST_YEAR = 2100;

function calendarDay(y: number, m: number, d: number, raw: string): Parsed<string> {
  if (y < FIRST_YEAR || y > LAST_YEAR) return bad(`“${raw}”的年份不在 ${FIRST_YEAR}–${LAST_YEAR} 年之间`);
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) {
    return bad(`“${raw}”不是实际存在的日期`);
  }
  return ok(`${y}-${pad(m)}-${pad(d)}`);
}

/** Excel's day 0 of the 1900 date system (which counts the non-existent 1900-02-29, hence the 30th). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * A date cell to 'YYYY-MM-DD'. Excel stores a calendar day without a time zone, and exceljs hands it over as a
 * Date at that day's UTC midnight: the day is read from the UTC fields, never through the server's or Shanghai's
 * zone (which would move 2025-01-01 00:00 UTC to the right day only by luck). Text: 2025-03-01, 2025/3/1,
 * 2025.3.1, 2025年3月1日, 20250301; a bare number: an Excel date serial, or 20250301.
 */
export function parseDay(cell: Cell): Parsed<string> {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return bad('不是有效的日期');
    const raw = cell.toISOString().slice(0, 10);
    return calendarDay(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate(), raw);
  }
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= 19_000_101 && cell <= 21_001_231) {
      const v = String(cell);
      return calendarDay(Number(v.slice(0, 4)), Number(v.slice(4, 6)), Number(v.slice(6, 8)), v);
    }
    // A date that lost its format shows as its serial (45658 = 2025-01-01); a time of day is dropped.
    if (cell >= 32_874 && cell < 73_051) {
      const t = new Date(EXCEL_EPOCH_MS + Math.floor(cell) * 86_400_000);
      return calendarDay(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), String(cell));
    }
    return bad(`“${cell}”不是日期，应为 2025-03-01 这样的日期`);
  }
  if (typeof cell !== 'string') return bad('不是日期，应为 2025-03-01 这样的日期');
  const s = halfWidth(cell).trim();
  const m =
    /^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?:[ T]0{1,2}:00(?::00(?:\.0+)?)?)?$/.exec(s) ??
    /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$/.exec(s) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return bad(`“${cell}”不是可识别的日期，应写作 2025-03-01、2025/3/1 或 2025年3月1日`);
  return calendarDay(Number(m[1]), Number(m[2]), Number(m[3]), s);
}

/** A text column's value: text as is, a whole number as its digits (项目编号 typed as 2025001). */
export function textOf(cell: Cell): Parsed<string> {
  if (typeof cell === 'string') return ok(cell);
  if (typeof cell === 'number' && Number.isSafeInteger(cell)) return ok(String(cell));
  if (typeof cell === 'number') {
    const s = numberText(cell);
    return s === null ? bad('不是有效的文本') : ok(s);
  }
  if (cell instanceof Date) return bad('单元格是日期，应为文本（请把单元格格式设为“文本”后重新填写）');
  return bad('单元格是是非值，应为文本');
}

/** 标段(包)号: a whole number 1–999. */
export function parseLotNo(cell: Cell): Parsed<number> {
  const raw =
    typeof cell === 'number' ? String(cell) : typeof cell === 'string' ? halfWidth(cell).trim() : '';
  // 第2包 / 2标段 are written often enough to accept.
  const m = /^(?:第)?(\d{1,3})(?:\.0+)?(?:标段|包|标)?$/.exec(raw);
  const n = m ? Number(m[1]) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 999) return bad(`“${raw}”应为 1–999 的整数`);
  return ok(n);
}

/** Fen as 元 with two decimals, for messages ("2563400.50元"). */
export function yuanText(fen: bigint): string {
  const neg = fen < 0n;
  const a = neg ? -fen : fen;
  return `${neg ? '-' : ''}${(a / 100n).toString()}.${(a % 100n).toString().padStart(2, '0')}元`;
}
