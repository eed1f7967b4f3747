import { describe, expect, it } from 'vitest';
import {
  amountText,
  categorySentence,
  daysBetween,
  expertPoolUse,
  headline,
  measuredAgainstTarget,
  monthsBetween,
  percentile,
  percentText,
  rateBp,
  roundDiv,
  targetProgress,
  wanText,
  yiText,
} from './rules.ts';

const wan = (w: number) => BigInt(Math.round(w * 10)) * 100_000n; // 万元 with one decimal → fen

describe('amounts as the seeds write them', () => {
  it.each([
    // seed 000: 亿元 to four decimals from 1亿 up
    [wan(43171.6), '4.3172亿元'],
    [wan(37459.3), '3.7459亿元'],
    [wan(38268.2), '3.8268亿元'],
    [wan(19900), '1.99亿元'],
    [10_000_000_000n, '1亿元'],
    // whole 万元 below
    [wan(3743.0), '3743万元'],
    [wan(5712.3), '5712万元'],
    [wan(285.7), '286万元'],
    [wan(739.5), '740万元'], // half-up
    [wan(9999.4), '9999万元'],
    [wan(9999.5), '1亿元'], // rounds to 10000万 → written in 亿
    // under 1万元: 元 with its fen
    [123_456n, '1234.56元'],
    [500_000n, '5000元'],
    [0n, '0元'],
    [-wan(12), '-12万元'],
  ])('%s fen → %s', (fen, text) => {
    expect(amountText(fen)).toBe(text);
  });

  it('writes 万元 and 亿元 to the digits asked, exactly', () => {
    expect(wanText(296_576_000_000n)).toBe('296576万元'); // seed 004's total budget
    expect(wanText(123_456_789n, 2)).toBe('123.46万元');
    expect(wanText(123_455_000n, 2)).toBe('123.46万元');
    expect(yiText(296_576_000_000n)).toBe('29.6576亿元');
    // far beyond a float's exact range
    expect(yiText(123_456_789_012_345_678n)).toBe('12345678.9012亿元');
  });
});

describe('rates', () => {
  it.each([
    [wan(5712.3), wan(43171.6), 1323, '13.23%'], // seed 000 total
    [wan(739.7), wan(3743.0), 1976, '19.76%'], // seed 000 goods ("20%")
    [wan(4686.9), wan(38268.2), 1225, '12.25%'],
    [wan(285.7), wan(1160.4), 2462, '24.62%'],
    [wan(2200), wan(19900), 1106, '11.06%'], // 校安工程: the seed's "11.6%" does not follow from its amounts
    [wan(52100), wan(296576), 1757, '17.57%'], // seed 004 ("17.6%")
    [wan(14101), wan(119972), 1175, '11.75%'], // seed 004 major projects: the seed's "11.6%" does not follow
    [1n, 3n, 3333, '33.33%'],
    [-wan(1), wan(100), -100, '-1.00%'],
  ])('%s of %s → %s bp', (savings, budget, bp, text) => {
    expect(rateBp(savings, budget)).toBe(bp);
    expect(percentText(rateBp(savings, budget))).toBe(text);
  });

  it('has no rate without a budget', () => {
    expect(rateBp(0n, 0n)).toBeNull();
    expect(percentText(null)).toBe('—');
  });

  it('rounds half away from zero', () => {
    expect(roundDiv(5n, 2n)).toBe(3n);
    expect(roundDiv(-5n, 2n)).toBe(-3n);
    expect(roundDiv(4n, 3n)).toBe(1n);
    expect(() => roundDiv(1n, 0n)).toThrow(RangeError);
  });
});

describe('the seeds’ sentences', () => {
  const seed000 = {
    procurements: 137,
    budgetFen: wan(43171.6),
    actualFen: wan(37459.3),
    savingsFen: wan(5712.3),
    allSettled: true,
  };

  it('writes seed 000’s first sentence', () => {
    expect(headline(seed000)).toBe(
      '共组织集中采购137次，完成采购预算4.3172亿元，实际支付采购金额3.7459亿元，节约资金5712万元，资金节约率13.23%',
    );
  });

  it('says 实际采购金额 when not everything was paid', () => {
    expect(headline({ ...seed000, allSettled: false })).toContain('实际采购金额3.7459亿元');
  });

  it('writes a category sentence and an empty period', () => {
    expect(
      categorySentence('工程', {
        procurements: 99,
        budgetFen: wan(38268.2),
        actualFen: wan(33581.3),
        savingsFen: wan(4686.9),
        allSettled: true,
      }),
    ).toBe(
      '工程类采购99次，完成采购预算3.8268亿元，实际支付采购金额3.3581亿元，节约资金4687万元，资金节约率12.25%',
    );
    expect(headline({ ...seed000, procurements: 0 })).toBe('本期间内没有完成的集中采购。');
  });
});

describe('cycle times', () => {
  it('counts calendar days', () => {
    expect(daysBetween('2025-12-01', '2026-02-10')).toBe(71);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2); // leap year
    expect(daysBetween('2026-03-29', '2026-03-30')).toBe(1);
  });

  it('interpolates percentiles as percentile_cont does', () => {
    expect(percentile([], 0.5)).toBe(0);
    expect(percentile([10], 0.9)).toBe(10);
    expect(percentile([10, 20, 30, 40], 0.5)).toBe(25);
    expect(percentile([10, 20, 30, 40, 50], 0.9)).toBe(46);
  });
});

describe('the centre’s annual target', () => {
  const year = { from: '2025-01-01', to: '2025-11-30', source: 'all' } as const;

  it.each([
    [{}, true],
    [{ to: '2026-01-31' }, false], // across two years
    [{ category: 'works' }, false],
    [{ level: 'village' }, false],
    [{ purchaserId: '00000000-0000-4000-8000-000000000001' }, false],
    [{ programme: '校安工程' }, false],
    [{ source: 'historical' }, false],
  ] as const)('%j measured: %s', (over, measured) => {
    expect(measuredAgainstTarget({ ...year, ...over })).toBe(measured);
  });

  it('measures seed 000 against its own target of 1亿元 and 10%', () => {
    const target = { budgetFen: 10_000_000_000n, savingsRateBp: 1000 };
    expect(
      targetProgress(target, { procurements: 141, budgetFen: wan(43171.6), savingsRateBp: 1323 }),
    ).toEqual({
      budgetProgressBp: 43172,
      budgetMet: true,
      savingsRateMet: true,
    });
    expect(targetProgress(target, { procurements: 3, budgetFen: wan(1555), savingsRateBp: 999 })).toEqual({
      budgetProgressBp: 1555,
      budgetMet: false,
      savingsRateMet: false,
    });
    // Nothing done yet: no rate to meet the target with.
    expect(targetProgress(target, { procurements: 0, budgetFen: 0n, savingsRateBp: 0 }).savingsRateMet).toBe(
      false,
    );
  });
});

describe('months of a period', () => {
  it('lists every month touched, across a year end', () => {
    expect(monthsBetween('2025-11-15', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-03-01', '2026-03-31')).toEqual(['2026-03']);
  });
});

describe('the expert pool against the demand', () => {
  it.each([
    [145, 0, 0, '0.00%', false],
    [100, 79, 7900, '79.00%', false],
    [100, 80, 8000, '80.00%', true], // four in five drawn: short
    [3, 3, 10000, '100.00%', true],
    [0, 0, null, '—', false], // no pool to speak of
  ])('%i in the pool, %i served → %s bp', (pool, served, bp, text, short) => {
    expect(expertPoolUse(pool, served)).toEqual({
      servedShareBp: bp,
      servedShareText: text,
      poolShort: short,
    });
  });
});
