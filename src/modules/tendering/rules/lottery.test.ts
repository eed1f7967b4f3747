import { describe, expect, it } from 'vitest';
import { lotteryPrice, type LotteryRounding } from './lottery.ts';

describe('lotteryPrice (定标价 = 财政评审价 × (1 − 下浮比例))', () => {
  it.each<{
    reviewed: bigint;
    bp: number;
    rounding: LotteryRounding;
    mode?: 'halfUp' | 'down';
    price: bigint;
    exact: string;
  }>([
    // 100万元 less 8% = 92万元 exactly
    { reviewed: 100_000_000n, bp: 800, rounding: 'yuan', price: 92_000_000n, exact: '92000000' },
    // 1234567.89 元 less 7.5% = 1141975.29825 元 = 114197529.825 fen
    { reviewed: 123_456_789n, bp: 750, rounding: 'fen', price: 114_197_530n, exact: '4567901193/40' },
    {
      reviewed: 123_456_789n,
      bp: 750,
      rounding: 'fen',
      mode: 'down',
      price: 114_197_529n,
      exact: '4567901193/40',
    },
    { reviewed: 123_456_789n, bp: 750, rounding: 'jiao', price: 114_197_530n, exact: '4567901193/40' },
    {
      reviewed: 123_456_789n,
      bp: 750,
      rounding: 'jiao',
      mode: 'down',
      price: 114_197_520n,
      exact: '4567901193/40',
    },
    { reviewed: 123_456_789n, bp: 750, rounding: 'yuan', price: 114_197_500n, exact: '4567901193/40' },
    { reviewed: 123_456_789n, bp: 750, rounding: 'hundredYuan', price: 114_200_000n, exact: '4567901193/40' },
    {
      reviewed: 123_456_789n,
      bp: 750,
      rounding: 'thousandYuan',
      price: 114_200_000n,
      exact: '4567901193/40',
    },
    {
      reviewed: 123_456_789n,
      bp: 750,
      rounding: 'thousandYuan',
      mode: 'down',
      price: 114_100_000n,
      exact: '4567901193/40',
    },
    // exactly half a yuan: 10000.50 元 → 10001 元 half-up, 10000 元 down
    { reviewed: 1_000_050n, bp: 0, rounding: 'yuan', price: 1_000_100n, exact: '1000050' },
    { reviewed: 1_000_050n, bp: 0, rounding: 'yuan', mode: 'down', price: 1_000_000n, exact: '1000050' },
    { reviewed: 1_000_050n, bp: 10000, rounding: 'fen', price: 0n, exact: '0' },
  ])(
    '$reviewed fen less $bp bp, $rounding $mode → $price',
    ({ reviewed, bp, rounding, mode, price, exact }) => {
      const r = lotteryPrice({ reviewedFen: reviewed, floatDownBp: bp, rounding, ...(mode ? { mode } : {}) });
      expect(r.priceFen).toBe(price);
      expect(r.exact).toBe(exact);
    },
  );

  it.each([-1, 10001, 1.5])('refuses a rate of %s bp', (bp) => {
    expect(() => lotteryPrice({ reviewedFen: 100n, floatDownBp: bp, rounding: 'fen' })).toThrow(RangeError);
  });

  it('refuses a non-positive reviewed price', () => {
    expect(() => lotteryPrice({ reviewedFen: 0n, floatDownBp: 100, rounding: 'fen' })).toThrow(RangeError);
  });
});
