import { describe, expect, it } from 'vitest';
import {
  addOnHeadroomFen,
  addOnProblems,
  maxPerformanceBondFen,
  performanceBondProblems,
  savings,
  yuanText,
} from './contract-terms.ts';

/** 万元 in fen: the seeds report in units of ten thousand yuan. */
const wan = (n: bigint): bigint => n * 1_000_000n;

describe('performance bond ≤ 10% of the contract amount (条例48)', () => {
  it.each<{ what: string; bond: bigint; contract: bigint; codes: string[] }>([
    { what: 'exactly 10%', bond: 100_000n, contract: 1_000_000n, codes: [] },
    { what: '10% + 1 fen', bond: 100_001n, contract: 1_000_000n, codes: ['BOND_OVER_10_PERCENT'] },
    { what: 'no bond', bond: 0n, contract: 1_000_000n, codes: [] },
    { what: 'under 10% of an amount not divisible by 10', bond: 100_000n, contract: 1_000_005n, codes: [] },
    {
      what: 'one fen over 10% of an amount not divisible by 10',
      bond: 100_001n,
      contract: 1_000_005n,
      codes: ['BOND_OVER_10_PERCENT'],
    },
    {
      what: 'a round 10% of 9999.99 yuan is still over (exact, not rounded)',
      bond: 100_000n,
      contract: 999_999n,
      codes: ['BOND_OVER_10_PERCENT'],
    },
  ])('$what → $codes', ({ bond, contract, codes }) => {
    expect(performanceBondProblems(bond, contract).map((p) => p.code)).toEqual(codes);
  });

  it('names the amounts, the cap and the article', () => {
    const [p] = performanceBondProblems(100_001n, 1_000_000n);
    expect(p?.message).toBe(
      '履约保证金 1000.01 元超过政府采购合同金额 10000.00 元的10%（上限 1000.00 元）（政府采购法实施条例第四十八条）',
    );
  });

  it('gives the cap rounded down to the fen', () => {
    expect(maxPerformanceBondFen(999_999n)).toBe(99_999n);
    expect(maxPerformanceBondFen(1_000_000n)).toBe(100_000n);
  });

  it.each<{ bond: bigint; contract: bigint }>([
    { bond: -1n, contract: 1_000_000n },
    { bond: 1n, contract: 0n },
  ])('refuses bond $bond on contract $contract', ({ bond, contract }) => {
    expect(() => performanceBondProblems(bond, contract)).toThrow(RangeError);
  });
});

describe('supplementary contracts ≤ 10% of the original, cumulatively (法49)', () => {
  it.each<{ what: string; addOns: bigint[]; problem: boolean; from?: number }>([
    { what: 'none', addOns: [], problem: false },
    { what: 'one of exactly 10%', addOns: [100_000n], problem: false },
    { what: 'one of 10% + 1 fen', addOns: [100_001n], problem: true, from: 1 },
    { what: 'two reaching exactly 10%', addOns: [50_000n, 50_000n], problem: false },
    { what: 'two reaching 10% + 1 fen', addOns: [50_000n, 50_001n], problem: true, from: 2 },
    {
      what: 'three, the third crossing by 1 fen',
      addOns: [60_000n, 30_000n, 10_001n],
      problem: true,
      from: 3,
    },
    {
      what: 'the second crosses, the third adds more',
      addOns: [40_000n, 70_000n, 1n],
      problem: true,
      from: 2,
    },
  ])('$what', ({ addOns, problem, from }) => {
    const problems = addOnProblems(1_000_000n, addOns);
    expect(problems.map((p) => p.code)).toEqual(problem ? ['ADD_ON_OVER_10_PERCENT'] : []);
    if (from !== undefined) {
      expect(problems[0]?.message).toContain(`自第 ${from} 份补充合同起超出`);
      expect(problems[0]?.message).toContain('政府采购法第四十九条');
    }
  });

  it('reports the cumulative total against the cap', () => {
    expect(addOnProblems(1_000_000n, [50_000n, 50_001n])[0]?.message).toBe(
      '补充合同累计金额 1000.01 元超过原合同金额 10000.00 元的10%（上限 1000.00 元），自第 2 份补充合同起超出（政府采购法第四十九条）',
    );
  });

  it.each<{ addOns: bigint[]; headroom: bigint }>([
    { addOns: [], headroom: 100_000n },
    { addOns: [30_000n], headroom: 70_000n },
    { addOns: [30_000n, 70_000n], headroom: 0n },
    { addOns: [100_001n], headroom: -1n },
  ])('headroom after $addOns is $headroom', ({ addOns, headroom }) => {
    expect(addOnHeadroomFen(1_000_000n, addOns)).toBe(headroom);
  });

  it.each<{ original: bigint; addOns: bigint[] }>([
    { original: 0n, addOns: [1n] },
    { original: 1_000_000n, addOns: [0n] },
    { original: 1_000_000n, addOns: [-5n] },
  ])('refuses original $original with $addOns', ({ original, addOns }) => {
    expect(() => addOnProblems(original, addOns)).toThrow(RangeError);
  });
});

describe('节约资金 and 资金节约率', () => {
  it.each<{
    what: string;
    budget: bigint;
    contract: bigint;
    paid: bigint | null;
    savingsFen: bigint;
    against: 'paid' | 'contract';
    exact: { num: bigint; den: bigint };
    bp: bigint;
    text: string;
  }>([
    {
      // seed 000: 完成采购预算4.3172亿元，实际支付采购金额3.7459亿元 … 资金节约率13.23% (the report's 5712万 is rounded)
      what: 'seed 000 total, against the actual payment',
      budget: wan(43172n),
      contract: wan(38000n),
      paid: wan(37459n),
      savingsFen: wan(5713n),
      against: 'paid',
      exact: { num: 14_282_500n, den: 10_793n },
      bp: 1323n,
      text: '13.23%',
    },
    {
      // seed 000 works: 完成采购预算3.8268亿元，实际支付采购金额3.3581亿元，节约资金4687万元，资金节约率12.25%
      what: 'seed 000 works',
      budget: wan(38268n),
      contract: wan(33581n),
      paid: wan(33581n),
      savingsFen: wan(4687n),
      against: 'paid',
      exact: { num: 11_717_500n, den: 9567n },
      bp: 1225n,
      text: '12.25%',
    },
    {
      // seed 004: 总预算金额296576万元，实际采购总金额244476万元，节约资金52100万元，资金节约率17.6% (one decimal)
      what: 'seed 004 total, against the contract amount',
      budget: wan(296576n),
      contract: wan(244476n),
      paid: null,
      savingsFen: wan(52100n),
      against: 'contract',
      exact: { num: 8_140_625n, den: 4634n },
      bp: 1757n,
      text: '17.57%',
    },
    {
      what: 'half a basis point rounds up',
      budget: 20_000n,
      contract: 19_999n,
      paid: null,
      savingsFen: 1n,
      against: 'contract',
      exact: { num: 1n, den: 2n },
      bp: 1n,
      text: '0.01%',
    },
    {
      what: 'a third of a basis point rounds down',
      budget: 30_000n,
      contract: 29_999n,
      paid: null,
      savingsFen: 1n,
      against: 'contract',
      exact: { num: 1n, den: 3n },
      bp: 0n,
      text: '0.00%',
    },
    {
      what: 'over budget: negative, half away from zero',
      budget: 20_000n,
      contract: 20_001n,
      paid: null,
      savingsFen: -1n,
      against: 'contract',
      exact: { num: -1n, den: 2n },
      bp: -1n,
      text: '-0.01%',
    },
    {
      what: 'paid more than the contract (an add-on): the payment counts',
      budget: 1_000_000n,
      contract: 900_000n,
      paid: 950_000n,
      savingsFen: 50_000n,
      against: 'paid',
      exact: { num: 500n, den: 1n },
      bp: 500n,
      text: '5.00%',
    },
  ])('$what → $text', ({ budget, contract, paid, savingsFen, against, exact, bp, text }) => {
    const s = savings({ budgetFen: budget, contractFen: contract, paidFen: paid });
    expect(s).toEqual({
      savingsFen,
      measuredAgainst: against,
      savingsRateBpExact: exact,
      savingsRateBp: bp,
      savingsRateText: text,
    });
  });

  it('refuses a zero budget', () => {
    expect(() => savings({ budgetFen: 0n, contractFen: 0n, paidFen: null })).toThrow(RangeError);
  });
});

describe('yuanText', () => {
  it.each<{ fen: bigint; text: string }>([
    { fen: 0n, text: '0.00' },
    { fen: 5n, text: '0.05' },
    { fen: 123_456n, text: '1234.56' },
    { fen: -1n, text: '-0.01' },
  ])('$fen fen → $text', ({ fen, text }) => {
    expect(yuanText(fen)).toBe(text);
  });
});
