import { describe, expect, it } from 'vitest';
import { numberText, parseDay, parseLotNo, parseYuan, textOf, yuanText } from './values.ts';

const fen = (cell: string | number) => {
  const p = parseYuan(cell);
  return p.ok ? p.value : p.message;
};
const day = (cell: string | number | Date) => {
  const p = parseDay(cell);
  return p.ok ? p.value : p.message;
};

describe('amounts in 元 to fen, exactly', () => {
  it.each([
    ['2865000', 286_500_000n],
    ['2563400.5', 256_340_050n],
    ['2563400.50', 256_340_050n],
    ['0.01', 1n],
    ['1,234,567.89', 123_456_789n],
    ['１２．５', 1_250n],
    ['¥ 1,000', 100_000n],
    ['1000元', 100_000n],
    ['12.300', 1_230n],
    ['100000000000000', 10_000_000_000_000_000n],
  ] as const)('text %s', (cell, expected) => {
    expect(fen(cell)).toEqual(expected);
  });

  it.each([
    [1234.56, 123_456n],
    [0.1 + 0.2, 30n], // a formula's 0.30000000000000004: Excel shows 0.3
    [2563400.5, 256_340_050n],
    [99_999_999.99, 9_999_999_999n],
    [1e-7, '“0.0000001”超过两位小数：金额以元为单位，精确到分'],
  ] as const)('number %s', (cell, expected) => {
    expect(fen(cell)).toEqual(expected);
  });

  it('never goes through float: every cent of a large amount survives', () => {
    for (let i = 0; i < 1000; i++) {
      const yuan = 12_345_678 + i * 7;
      const cents = (i * 37) % 100;
      const text = `${yuan}.${String(cents).padStart(2, '0')}`;
      expect(fen(text)).toBe(BigInt(yuan) * 100n + BigInt(cents));
      expect(fen(Number(text))).toBe(BigInt(yuan) * 100n + BigInt(cents));
    }
  });

  it('refuses more than two decimals, negatives, 万元, words and absurd sizes', () => {
    expect(fen('12.345')).toBe('“12.345”超过两位小数：金额以元为单位，精确到分');
    expect(fen(12.345)).toBe('“12.345”超过两位小数：金额以元为单位，精确到分');
    expect(fen('-5')).toBe('“-5”为负数，金额不能为负');
    expect(fen(-5)).toBe('“-5”为负数，金额不能为负');
    expect(fen('12.5万')).toContain('请把万元换算为元');
    expect(fen('壹万元')).toContain('请把万元换算为元');
    expect(fen('约100')).toBe('“约100”不是有效的金额，应为数字，如 1234567.89');
    expect(fen('1,23')).toContain('不是有效的金额');
    expect(fen('100000000000000.01')).toContain('超过 100 万亿元');
    expect(fen(1e21)).toContain('超过 100 万亿元');
    expect(parseYuan(new Date()).ok).toBe(false);
  });

  it('writes the decimal Excel shows for a number', () => {
    expect(numberText(1234.56)).toBe('1234.56');
    expect(numberText(0.1 + 0.2)).toBe('0.3');
    expect(numberText(Number.NaN)).toBeNull();
    expect(yuanText(256_340_050n)).toBe('2563400.50元');
    expect(yuanText(5n)).toBe('0.05元');
  });
});

describe('dates to the calendar day written', () => {
  it('reads an Excel date (UTC midnight from exceljs) as its own day, whatever the zone', () => {
    expect(day(new Date(Date.UTC(2025, 0, 1)))).toBe('2025-01-01');
    expect(day(new Date(Date.UTC(2025, 11, 31, 23, 59, 59)))).toBe('2025-12-31');
    expect(day(new Date(Number.NaN))).toBe('不是有效的日期');
  });

  it.each([
    ['2025-03-01', '2025-03-01'],
    ['2025/3/1', '2025-03-01'],
    ['2025.3.1', '2025-03-01'],
    ['2025年3月1日', '2025-03-01'],
    ['2025 年 3 月 1 日', '2025-03-01'],
    ['20250301', '2025-03-01'],
    ['２０２５／３／１', '2025-03-01'],
    ['2025-03-01 00:00:00', '2025-03-01'],
    ['2024-02-29', '2024-02-29'],
  ])('text %s', (cell, expected) => {
    expect(day(cell)).toBe(expected);
  });

  it('reads serials and yyyymmdd numbers', () => {
    expect(day(45658)).toBe('2025-01-01');
    expect(day(45658.75)).toBe('2025-01-01');
    expect(day(20250301)).toBe('2025-03-01');
  });

  it('refuses impossible and implausible days', () => {
    expect(day('2025-02-29')).toBe('“2025-02-29”不是实际存在的日期');
    expect(day('2025-13-01')).toBe('“2025-13-01”不是实际存在的日期');
    expect(day('1899-12-31')).toContain('年份不在');
    expect(day('3/1/2025')).toContain('不是可识别的日期');
    expect(day('下月')).toContain('不是可识别的日期');
    expect(day(12)).toContain('不是日期');
  });
});

describe('other cells', () => {
  it('reads lot numbers and codes typed as numbers', () => {
    expect(parseLotNo(2)).toEqual({ ok: true, value: 2 });
    expect(parseLotNo('第3包')).toEqual({ ok: true, value: 3 });
    expect(parseLotNo('2标段')).toEqual({ ok: true, value: 2 });
    expect(parseLotNo(0).ok).toBe(false);
    expect(parseLotNo(1.5).ok).toBe(false);
    expect(textOf(2025001)).toEqual({ ok: true, value: '2025001' });
    expect(textOf(new Date()).ok).toBe(false);
  });
});
