import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, creditCodeProblem, maskIdNumber, maskPhone } from './rules.ts';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it.each([
    ['914403001922038216', '华为技术有限公司'],
    ['91440300708461136T', '深圳市腾讯计算机系统有限公司'],
    ['91330100716105852F', '阿里巴巴（中国）有限公司'],
    ['91110000802100433B', '中国石油天然气股份有限公司'],
    ['91350100M000100Y43', 'GB 32100 示例（福州）'],
  ])('accepts the real code %s (%s)', (code) => {
    expect(creditCodeProblem(code)).toBeNull();
  });

  it.each([
    { code: '914403001922038217', problem: 'CHECK', message: '第 18 位校验码应为“6”，实际为“7”' },
    { code: '91440300708461136', problem: 'LENGTH', message: '统一社会信用代码应为 18 位，实际为 17 位' },
    { code: '91440300708461136TX', problem: 'LENGTH', message: '实际为 19 位' },
    { code: '91440300708461136t', problem: 'CHARACTER', message: '第 18 位“t”不是合法字符' },
    { code: '9144030070846I136T', problem: 'CHARACTER', message: '第 14 位“I”' },
    { code: '9144030070846O136T', problem: 'CHARACTER', message: '第 14 位“O”' },
    { code: 'Z14403001922038216', problem: 'CHARACTER', message: '第 1 位“Z”' },
    { code: 'B14403001922038216', problem: 'AUTHORITY', message: '登记管理部门代码“B”不存在' },
    { code: '954403001922038216', problem: 'TYPE', message: '机构类别代码“5”与登记管理部门“9”不匹配' },
    { code: '9144A3001922038216', problem: 'DIVISION', message: '行政区划码' },
  ])('refuses $code: $problem', ({ code, problem, message }) => {
    const p = creditCodeProblem(code);
    expect(p?.code).toBe(problem);
    expect(p?.message).toContain(message);
  });

  it('computes the check character from the first 17', () => {
    expect(creditCodeCheckChar('91440300708461136')).toBe('T');
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });
});

describe('masking', () => {
  it('keeps enough to recognise, not enough to use', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskIdNumber('15043919800101123X')).toBe('150439********123X');
    expect(maskIdNumber('short')).toBe('****');
  });
});
