import { describe, expect, it } from 'vitest';
import { dayEnd, dayStart, yuanNumber, yuanText } from './values.ts';

describe('amounts from fen', () => {
  it('are exact decimals, made with integer arithmetic', () => {
    expect(yuanText(0n)).toBe('0');
    expect(yuanText(5n)).toBe('0.05');
    expect(yuanText(50n)).toBe('0.5');
    expect(yuanText(41234567n)).toBe('412345.67');
    expect(yuanText(40000000n)).toBe('400000');
    expect(yuanText(-1234567n)).toBe('-12345.67');
    expect(yuanText(123456789012345678n)).toBe('1234567890123456.78');
  });

  it('become JSON numbers that print back as the same decimal', () => {
    expect(yuanNumber(41234567n)).toBe(412345.67);
    expect(JSON.stringify({ amount: yuanNumber(10n) })).toBe('{"amount":0.1}');
    // 15 significant digits: 1 234 567 890 123.45 元 is still exact.
    expect(String(yuanNumber(123456789012345n))).toBe('1234567890123.45');
    // 0.1 + 0.2 is not 0.3 in floating point; 10 + 20 fen is.
    expect(yuanNumber(10n + 20n)).toBe(0.3);
  });

  it('refuses an amount a JSON number cannot hold exactly', () => {
    expect(() => yuanNumber(123456789012345678n)).toThrow(RangeError);
  });
});

describe('dates', () => {
  it('reads a Shanghai day as its start, and a fact of that day as public at its end', () => {
    expect(dayStart('2026-04-10')).toBe('2026-04-10T00:00:00+08:00');
    expect(dayEnd('2026-04-10').toISOString()).toBe('2026-04-10T15:59:59.999Z');
  });
});
