/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters —
 *   1 registration-authority code, 1 organisation-type code, 6 administrative-division code,
 *   9 organisation code (GB 11714), 1 check character.
 * Characters come from 0-9 and the capitals without I, O, S, V, Z (31 symbols, values 0–30).
 * Check character: C18 = 31 − (Σ Ci·Wi mod 31), Wi = 3^(i−1) mod 31; 31 maps to 0.
 */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Registration authority → allowed organisation-type codes (GB 32100-2015 表 1). */
const AUTHORITY_TYPES: Record<string, string> = {
  '1': '1239', // 机构编制: 机关, 事业单位, 中央编办直接管理机构编制的群众团体, 其他
  '2': '19', // 外交
  '3': '19', // 司法行政
  '4': '19', // 文化
  '5': '1239', // 民政: 社会团体, 民办非企业单位, 基金会, 其他
  '6': '129', // 旅游
  '7': '129', // 宗教
  '8': '129', // 工会
  '9': '123', // 工商: 企业, 个体工商户, 农民专业合作社
  A: '19', // 中央军委改革和编制办公室
  N: '1239', // 农业
  Y: '1', // 其他
};

export type CreditCodeProblem =
  | { code: 'LENGTH'; message: string }
  | { code: 'CHARACTER'; position: number; message: string }
  | { code: 'AUTHORITY'; message: string }
  | { code: 'TYPE'; message: string }
  | { code: 'DIVISION'; message: string }
  | { code: 'CHECK'; expected: string; message: string };

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_ALPHABET.indexOf(first17[i] ?? '');
    if (v < 0) throw new RangeError(`invalid character at ${i + 1}`);
    sum += v * (WEIGHTS[i] ?? 0);
  }
  const c = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_ALPHABET[c] ?? '0';
}

/** Validates a code; returns what is wrong (in Chinese) or null when it is valid. Lower case is not accepted. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) {
    return { code: 'LENGTH', message: `统一社会信用代码应为 18 位，实际为 ${code.length} 位` };
  }
  for (let i = 0; i < 18; i++) {
    const ch = code[i] ?? '';
    if (!CREDIT_CODE_ALPHABET.includes(ch)) {
      return {
        code: 'CHARACTER',
        position: i + 1,
        message: `第 ${i + 1} 位“${ch}”不是合法字符（只能是数字或除 I、O、S、V、Z 外的大写字母）`,
      };
    }
  }
  const authority = code[0] ?? '';
  const types = AUTHORITY_TYPES[authority];
  if (!types) return { code: 'AUTHORITY', message: `第 1 位登记管理部门代码“${authority}”不存在` };
  const type = code[1] ?? '';
  if (!types.includes(type)) {
    return { code: 'TYPE', message: `第 2 位机构类别代码“${type}”与登记管理部门“${authority}”不匹配` };
  }
  if (!/^[0-9]{6}$/.test(code.slice(2, 8))) {
    return { code: 'DIVISION', message: '第 3–8 位应为 6 位数字的行政区划码' };
  }
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (code[17] !== expected) {
    return { code: 'CHECK', expected, message: `第 18 位校验码应为“${expected}”，实际为“${code[17]}”` };
  }
  return null;
}

export const PURCHASER_LEVELS = ['county', 'township', 'village'] as const;
export type PurchaserLevel = (typeof PURCHASER_LEVELS)[number];
export const PURCHASER_LEVEL_LABELS: Record<PurchaserLevel, string> = {
  county: '县直单位',
  township: '乡镇',
  village: '村级',
};

export const SUPPLIER_SIZES = ['large', 'medium', 'small', 'micro'] as const;
export type SupplierSize = (typeof SUPPLIER_SIZES)[number];
export const SUPPLIER_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const SUPPLIER_SIZE_LABELS: Record<SupplierSize, string> = {
  large: '大型企业',
  medium: '中型企业',
  small: '小型企业',
  micro: '微型企业',
};

/** 138****5678: enough to recognise a number, not enough to use it. */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/** 150102********123X: region and check digits kept, birth date and sequence hidden. */
export function maskIdNumber(id: string): string {
  return id.length === 18 ? `${id.slice(0, 6)}********${id.slice(-4)}` : '****';
}
