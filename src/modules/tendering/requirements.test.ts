import { describe, expect, it } from 'vitest';
import { requirementProblems, type RequirementFacts } from './requirements.ts';

const wan = (n: number): bigint => BigInt(n) * 1_000_000n;

const lawful: RequirementFacts = {
  method: 'openTender',
  category: 'goods',
  evaluation: 'bestValue',
  budgetFen: wan(300),
  ceilingFen: wan(280),
  priceWeightBp: 3000,
  criteriaWeightsBp: [4000, 3000],
  sme: { mode: 'deduction', smallMicroRateBp: 1000, consortiumRateBp: 400 },
  depositFen: wan(6),
  bondBp: 1000,
};

const codes = (f: Partial<RequirementFacts>): string[] =>
  requirementProblems({ ...lawful, ...f }).map((p) => p.code);

describe('requirementProblems', () => {
  it('accepts a lawful goods tender at the limits (30 % price, 10 % SME, 2 % deposit, 10 % bond)', () => {
    expect(codes({})).toEqual([]);
  });

  it.each([
    { what: 'ceiling above budget', f: { ceilingFen: wan(301) }, code: 'CEILING_OVER_BUDGET' },
    {
      what: 'goods price weight 29.99 %',
      f: { priceWeightBp: 2999, criteriaWeightsBp: [4001, 3000] },
      code: 'PRICE_WEIGHT_OUT_OF_RANGE',
    },
    {
      what: 'services price weight 9 %',
      f: { category: 'services', priceWeightBp: 900, criteriaWeightsBp: [9100], sme: { mode: 'none' } },
      code: 'PRICE_WEIGHT_OUT_OF_RANGE',
    },
    {
      what: '磋商 goods price weight 61 %',
      f: { method: 'consultation', priceWeightBp: 6100, criteriaWeightsBp: [3900] },
      code: 'PRICE_WEIGHT_OUT_OF_RANGE',
    },
    {
      what: '磋商 services price weight 31 %',
      f: {
        method: 'consultation',
        category: 'services',
        priceWeightBp: 3100,
        criteriaWeightsBp: [6900],
        sme: { mode: 'none' },
      },
      code: 'PRICE_WEIGHT_OUT_OF_RANGE',
    },
    { what: 'weights summing to 99 %', f: { criteriaWeightsBp: [4000, 2900] }, code: 'WEIGHTS_NOT_100' },
    {
      what: 'lowest-price method with weights',
      f: { evaluation: 'lowestPrice' },
      code: 'WEIGHTS_WITHOUT_SCORING',
    },
    {
      what: 'SME deduction 6 % (the old 46号 rate)',
      f: { sme: { mode: 'deduction', smallMicroRateBp: 600, consortiumRateBp: null } },
      code: 'SME_DEDUCTION_OUT_OF_RANGE',
    },
    {
      what: 'SME deduction 21 %',
      f: { sme: { mode: 'deduction', smallMicroRateBp: 2100, consortiumRateBp: null } },
      code: 'SME_DEDUCTION_OUT_OF_RANGE',
    },
    {
      what: 'consortium deduction 3 %',
      f: { sme: { mode: 'deduction', smallMicroRateBp: 1000, consortiumRateBp: 300 } },
      code: 'CONSORTIUM_DEDUCTION_OUT_OF_RANGE',
    },
    {
      what: 'works deduction 6 %',
      f: {
        category: 'works',
        method: 'consultation',
        priceWeightBp: 2000,
        criteriaWeightsBp: [8000],
        sme: { mode: 'deduction', smallMicroRateBp: 600, consortiumRateBp: null },
      },
      code: 'SME_DEDUCTION_OUT_OF_RANGE',
    },
    { what: 'deposit one fen over 2 %', f: { depositFen: wan(6) + 1n }, code: 'DEPOSIT_OVER_2_PERCENT' },
    { what: 'bond 10.01 %', f: { bondBp: 1001 }, code: 'BOND_OVER_10_PERCENT' },
  ] as const)('$what → $code', ({ f, code }) => {
    expect(codes(f)).toEqual([code]);
  });

  it('accepts works deductions of 3–5 % and the lowest-price method without weights', () => {
    expect(
      codes({
        category: 'works',
        method: 'consultation',
        priceWeightBp: 2000,
        criteriaWeightsBp: [8000],
        sme: { mode: 'deduction', smallMicroRateBp: 500, consortiumRateBp: 200 },
      }),
    ).toEqual([]);
    expect(codes({ evaluation: 'lowestPrice', priceWeightBp: null, criteriaWeightsBp: [] })).toEqual([]);
  });

  it('names the limit in Chinese', () => {
    const [p] = requirementProblems({
      ...lawful,
      method: 'consultation',
      priceWeightBp: 6100,
      criteriaWeightsBp: [3900],
    });
    expect(p?.message).toBe('价格分权重为 61%，应在 30% 至 60% 之间');
    expect(p?.article).toContain('214号');
  });
});
