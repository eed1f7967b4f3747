/**
 * 居民身份证号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence (odd for men,
 * even for women), 1 check character computed with ISO 7064 MOD 11-2.
 * Pure; the expert register validates ID numbers on entry with it, the demo generator makes valid ones.
 */

/** Wi = 2^(17−i) mod 11 for positions 1…17. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** Σ mod 11 → check character; 10 is written as X. */
const CHECK_CHARS = '10X98765432';

/** Check character for the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  if (!/^[0-9]{17}$/.test(first17)) throw new RangeError('需要 17 位数字');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}

/** What is wrong with an ID number, in Chinese, or null when it is valid. */
export function idNumberProblem(id: string): string | null {
  if (!/^[0-9]{17}[0-9X]$/.test(id)) return '身份证号应为 18 位：17 位数字加 1 位校验码（数字或大写 X）';
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return '身份证号中的出生日期不存在';
  }
  const expected = idNumberCheckChar(id.slice(0, 17));
  return id[17] === expected ? null : `身份证号校验码应为“${expected}”，实际为“${id[17]}”`;
}

/** True when the number has the right shape, a real calendar birth date and the right check character. */
export function idNumberValid(id: string): boolean {
  return idNumberProblem(id) === null;
}
