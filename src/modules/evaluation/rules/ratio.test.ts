import { describe, expect, it } from 'vitest';
import {
  add,
  cmp,
  exactText,
  fractionText,
  fromNumber,
  parseDecimal,
  ratio,
  roundedText,
  roundScaled,
  scaledText,
} from './ratio.ts';

describe('exact rationals', () => {
  it('keeps lowest terms with a positive denominator', () => {
    expect(ratio(6n, -4n)).toEqual({ num: -3n, den: 2n });
    expect(ratio(0n, 7n)).toEqual({ num: 0n, den: 1n });
    expect(() => ratio(1n, 0n)).toThrow(RangeError);
  });

  it('adds decimals exactly where floating point does not (0.1 + 0.2 = 0.3)', () => {
    expect(cmp(add(fromNumber(0.1), fromNumber(0.2)), fromNumber(0.3))).toBe(0);
    expect(0.1 + 0.2 === 0.3).toBe(false);
  });

  it.each<{ num: bigint; den: bigint; decimals: number; want: string }>([
    { num: 27345n, den: 1000n, decimals: 2, want: '27.35' }, // exactly .5 at the third place goes up
    { num: 273449n, den: 10000n, decimals: 2, want: '27.34' },
    { num: 10n, den: 3n, decimals: 2, want: '3.33' },
    { num: 20n, den: 3n, decimals: 2, want: '6.67' },
    { num: 1n, den: 2n, decimals: 0, want: '1' },
    { num: -5n, den: 2n, decimals: 0, want: '-3' }, // half away from zero
    { num: 1n, den: 200n, decimals: 2, want: '0.01' },
    { num: 7n, den: 1n, decimals: 3, want: '7.000' },
  ])('rounds $num/$den half-up to $decimals places → $want', ({ num, den, decimals, want }) => {
    expect(roundedText(ratio(num, den), decimals)).toBe(want);
  });

  it('gives the scaled integer and its text', () => {
    expect(roundScaled(ratio(27345n, 1000n), 2)).toBe(2735n);
    expect(scaledText(5n, 2)).toBe('0.05');
    expect(scaledText(-123n, 1)).toBe('-12.3');
  });

  it('prints exact decimals only when finite, fractions otherwise', () => {
    expect(exactText(ratio(25n, 4n))).toBe('6.25');
    expect(exactText(ratio(20n, 3n))).toBe('20/3');
    expect(exactText(ratio(-3n, 8n))).toBe('-0.375');
    expect(fractionText(ratio(22221n, 2n))).toBe('22221/2');
    expect(fractionText(ratio(12n, 4n))).toBe('3');
  });

  it('parses plain decimals and refuses the rest', () => {
    expect(parseDecimal('2.50')).toEqual({ num: 5n, den: 2n });
    expect(parseDecimal('-0.125')).toEqual({ num: -1n, den: 8n });
    expect(parseDecimal('1e3')).toBeNull();
    expect(parseDecimal('abc')).toBeNull();
    expect(() => fromNumber(Number.NaN)).toThrow(RangeError);
  });
});
