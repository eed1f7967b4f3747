import { describe, expect, it } from 'vitest';
import {
  abnormalLowTriggers,
  DEFAULT_RATES,
  MIN_EXPLANATION_MINUTES,
  validateRates,
  type AbnormalRates,
} from './abnormal.ts';

const bids = (...fen: bigint[]): { bidId: string; rawPriceFen: bigint }[] =>
  fen.map((f, i) => ({ bidId: String.fromCharCode(65 + i), rawPriceFen: f }));

describe('abnormalLowTriggers (财库〔2026〕2号)', () => {
  it.each<{
    what: string;
    day?: string;
    prices: bigint[];
    ceilingFen: bigint | null;
    budgetFen: bigint;
    rates?: AbnormalRates;
    want: Record<string, string[]>;
  }>([
    {
      what: 'one bid trips all three',
      prices: [400_000n, 1_000_000n, 1_100_000n, 1_500_000n],
      ceilingFen: 2_000_000n,
      budgetFen: 2_000_000n,
      want: { A: ['average', 'secondLowest', 'ceiling'] },
    },
    {
      what: 'exactly at 50% of the average and of the second-lowest: strict "<", not tripped; no ceiling → budget',
      prices: [500_000n, 1_000_000n, 1_000_000n, 1_500_000n],
      ceilingFen: null,
      budgetFen: 1_200_000n,
      want: { A: ['ceiling'] },
    },
    {
      what: 'one fen below 50% of the average trips',
      prices: [499_999n, 1_000_000n, 1_000_000n, 1_500_001n],
      ceilingFen: null,
      budgetFen: 1_000_000n,
      want: { A: ['average', 'secondLowest'] },
    },
    {
      what: 'exact comparison: 12.83 元 < 55% × 23.33 元 = 12.8315 元 (rounding to the fen would miss it)',
      prices: [1_283n, 2_333n, 2_400n],
      ceilingFen: 2_800n,
      budgetFen: 3_000n,
      rates: { averageBp: 5000, secondLowestBp: 5500, ceilingBp: 4500 },
      want: { A: ['secondLowest'] },
    },
    {
      what: 'two equal lowest: the second-lowest is that same price',
      prices: [100n, 100n, 1_000n],
      ceilingFen: null,
      budgetFen: 1_000n,
      want: { A: ['average', 'ceiling'], B: ['average', 'ceiling'] },
    },
    {
      what: 'a single bid: no second-lowest, only the ceiling can trip',
      prices: [400n],
      ceilingFen: 1_000n,
      budgetFen: 1_000n,
      want: { A: ['ceiling'] },
    },
    {
      what: 'the day before 2026-02-01: no numeric triggers at all',
      day: '2026-01-31',
      prices: [1n, 1_000_000n, 1_000_000n],
      ceilingFen: 1_000_000n,
      budgetFen: 1_000_000n,
      want: {},
    },
    {
      what: 'from 2026-02-01 on',
      day: '2026-02-01',
      prices: [1n, 1_000_000n, 1_000_000n],
      ceilingFen: 1_000_000n,
      budgetFen: 1_000_000n,
      want: { A: ['average', 'secondLowest', 'ceiling'] },
    },
    {
      what: 'raised rates catch more (65% of the average)',
      prices: [550_000n, 1_000_000n, 1_100_000n], // 65% × 2650000/3 = 574166.67 fen; 50% would be 441666.67
      ceilingFen: null,
      budgetFen: 1_000_000n,
      rates: { averageBp: 6500, secondLowestBp: 5000, ceilingBp: 4500 },
      want: { A: ['average'] },
    },
    {
      what: 'the same bids at the default rates trip nothing',
      prices: [550_000n, 1_000_000n, 1_100_000n],
      ceilingFen: null,
      budgetFen: 1_000_000n,
      want: {},
    },
  ])('$what', ({ day, prices, ceilingFen, budgetFen, rates, want }) => {
    const out = abnormalLowTriggers({
      day: day ?? '2026-03-02',
      bids: bids(...prices),
      ceilingFen,
      budgetFen,
      ...(rates ? { rates } : {}),
    });
    expect(Object.fromEntries(out.map((b) => [b.bidId, b.triggers.map((t) => t.kind)]))).toEqual(want);
  });

  it('gives the thresholds exactly and for display', () => {
    const [a] = abnormalLowTriggers({
      day: '2026-03-02',
      bids: bids(100n, 333n, 334n),
      ceilingFen: null,
      budgetFen: 600n,
    });
    expect(a?.triggers.map((t) => [t.kind, t.thresholdExact, t.thresholdFen])).toEqual([
      ['average', '767/6', '127.83'], // 50% × (100 + 333 + 334) / 3
      ['secondLowest', '333/2', '166.50'],
      ['ceiling', '270', '270.00'], // 45% of the budget
    ]);
    expect(a?.triggers[2]?.message).toContain('采购预算');
    expect(a?.triggers[0]?.message).toContain(`${MIN_EXPLANATION_MINUTES} 分钟`);
  });

  it('refuses rates the documents could not lawfully set', () => {
    expect(() =>
      abnormalLowTriggers({
        day: '2026-03-02',
        bids: bids(1n, 2n),
        ceilingFen: null,
        budgetFen: 10n,
        rates: { ...DEFAULT_RATES, ceilingBp: 7000 },
      }),
    ).toThrow(RangeError);
  });
});

describe('validateRates', () => {
  it.each<{ what: string; rates: AbnormalRates; codes: string[] }>([
    { what: 'the defaults', rates: DEFAULT_RATES, codes: [] },
    {
      what: 'all at the 65% cap',
      rates: { averageBp: 6500, secondLowestBp: 6500, ceilingBp: 6500 },
      codes: [],
    },
    {
      what: 'above the cap',
      rates: { averageBp: 6501, secondLowestBp: 5000, ceilingBp: 4500 },
      codes: ['RATE_ABOVE_CAP'],
    },
    {
      what: 'lowered below the default',
      rates: { averageBp: 4999, secondLowestBp: 5000, ceilingBp: 4400 },
      codes: ['RATE_BELOW_DEFAULT', 'RATE_BELOW_DEFAULT'],
    },
    {
      what: 'not an integer',
      rates: { averageBp: 5000.5, secondLowestBp: 5000, ceilingBp: 4500 },
      codes: ['RATE_NOT_INTEGER'],
    },
  ])('$what', ({ rates, codes }) => {
    expect(validateRates(rates).map((p) => p.code)).toEqual(codes);
  });

  it('asks for at least 30 minutes of explanation', () => {
    expect(MIN_EXPLANATION_MINUTES).toBe(30);
  });
});
