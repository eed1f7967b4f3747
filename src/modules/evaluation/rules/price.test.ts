import { describe, expect, it } from 'vitest';
import {
  correctPrice,
  evaluatedPrice,
  parseChineseAmount,
  priceScores,
  totalScore,
  weightedScore,
  type CorrectionInput,
  type PolicyBidder,
} from './price.ts';
import { cmp, fractionText, ratio } from './ratio.ts';
import type { Category, SmePolicy } from './types.ts';

describe('parseChineseAmount (大写金额 → 分)', () => {
  it.each<[string, bigint]>([
    ['人民币壹拾贰万叁仟肆佰伍拾陆元柒角捌分', 12_345_678n],
    ['壹拾贰万叁仟肆佰伍拾陆元整', 12_345_600n],
    ['人民币（大写）：壹万零伍元整', 1_000_500n], // 零 inside the 万 group
    ['大写：人民币壹佰万零叁拾元', 100_003_000n],
    ['贰拾万零陆佰元整', 20_060_000n],
    ['壹仟零捌万元', 1_008_000_000n],
    ['壹亿零伍拾万元整', 10_050_000_000n],
    ['壹万亿元', 100_000_000_000_000n],
    ['拾万元整', 10_000_000n], // a bare 拾 at the head means 壹拾
    ['伍仟圆整', 500_000n], // 圆 = 元
    ['玖角伍分', 95n],
    ['伍元零伍分', 505n],
    ['壹佰元伍角整', 10_050n],
    ['人民币 叁 万 元 整', 3_000_000n],
  ])('%s → %s fen', (words, fen) => {
    expect(parseChineseAmount(words)).toBe(fen);
  });

  it.each([
    ['', 'empty'],
    ['人民币', 'prefix only'],
    ['壹贰元', 'two digits in a row'],
    ['伍拾佰元', 'units out of order'],
    ['伍零元', 'a digit before 零 with no unit'],
    ['伍', 'no 元, 角 or 分'],
    ['伍角伍角', '角 twice'],
    ['壹万元整abc', 'trailing junk'],
    ['12345元', 'Arabic figures are not 大写'],
    ['伍元伍', 'trailing digit after 元'],
    ['伍万万元', '万 twice'],
    ['伍万叁万元', 'two 万 groups'],
    ['壹亿贰亿元', 'two 亿'],
    ['万元', '万 with nothing before it'],
  ])('%s → null (%s)', (words) => {
    expect(parseChineseAmount(words)).toBeNull();
  });
});

describe('correctPrice (87号令59, rules applied in order)', () => {
  it.each<{ what: string; input: CorrectionInput; price: bigint; rules: number[] }>([
    {
      what: 'everything agrees: no correction',
      input: { summaryFen: 1_000_000n, bodyFen: 1_000_000n, wordsFen: 1_000_000n },
      price: 1_000_000n,
      rules: [],
    },
    {
      what: 'rule 1: the 开标一览表 beats the body',
      input: { summaryFen: 1_000_000n, bodyFen: 1_100_000n },
      price: 1_000_000n,
      rules: [1],
    },
    {
      what: 'rule 2: 大写 beats 小写',
      input: { summaryFen: 12_345_678n, wordsFen: 12_345_687n },
      price: 12_345_687n,
      rules: [2],
    },
    {
      what: 'rules 1 and 2 together: the summary’s words win',
      input: { summaryFen: 1_000_000n, bodyFen: 9_000_000n, wordsFen: 1_200_000n },
      price: 1_200_000n,
      rules: [1, 2],
    },
    {
      what: 'rule 3: unit price 120.00 元 written for 1200.00 元 (×10 slip); the total stands',
      input: {
        summaryFen: 1_300_000n,
        lines: [
          { unitFen: 12_000n, quantity: 10n, totalFen: 1_200_000n },
          { unitFen: 50_000n, quantity: 2n, totalFen: 100_000n },
        ],
      },
      price: 1_300_000n,
      rules: [3],
    },
    {
      what: 'rule 3 the other way: unit 12000.00 元 written for 1200.00 元',
      input: { summaryFen: 240_000n, lines: [{ unitFen: 1_200_000n, quantity: 2n, totalFen: 240_000n }] },
      price: 240_000n,
      rules: [3],
    },
    {
      what: 'rule 4: total ≠ Σ unit × quantity (not a decimal slip) → unit prices prevail',
      input: { summaryFen: 31_000n, lines: [{ unitFen: 10_000n, quantity: 3n, totalFen: 31_000n }] },
      price: 30_000n,
      rules: [4],
    },
    {
      what: 'rule 3 then rule 4',
      input: {
        summaryFen: 1_310_000n,
        lines: [
          { unitFen: 12_000n, quantity: 10n, totalFen: 1_200_000n },
          { unitFen: 50_000n, quantity: 2n, totalFen: 110_000n },
        ],
      },
      price: 1_300_000n,
      rules: [3, 4],
    },
    {
      what: 'rule 4 with a decimal quantity: 3.33 元 × 1.5 = 4.995 元 → 5.00 元 (half-up)',
      input: { summaryFen: 499n, lines: [{ unitFen: 333n, quantity: '1.5', totalFen: 499n }] },
      price: 500n,
      rules: [4],
    },
    {
      what: 'a fraction that rounds to the stated total is no correction',
      input: { summaryFen: 833n, lines: [{ unitFen: 333n, quantity: '2.5', totalFen: 833n }] },
      price: 833n,
      rules: [],
    },
    {
      what: 'no summary sheet: the body stands',
      input: { summaryFen: null, bodyFen: 777n },
      price: 777n,
      rules: [],
    },
  ])('$what', ({ input, price, rules }) => {
    const r = correctPrice(input);
    expect(r.priceFen).toBe(price);
    expect(r.steps.map((s) => s.rule)).toEqual(rules);
    expect(r.needsBidderConfirmation).toBe(rules.length > 0);
  });

  it('records the corrected unit price of a decimal slip', () => {
    const r = correctPrice({
      summaryFen: 1_200_000n,
      lines: [{ unitFen: 12_000n, quantity: 10n, totalFen: 1_200_000n }],
    });
    expect(r.steps[0]).toMatchObject({ rule: 3, fromFen: 12_000n, toFen: 120_000n, line: 0 });
    expect(r.steps[0]?.message).toContain('小数点');
  });

  it('states the exact fraction when rule 4 rounds', () => {
    const r = correctPrice({ summaryFen: 499n, lines: [{ unitFen: 333n, quantity: '1.5', totalFen: 499n }] });
    expect(r.steps[0]).toMatchObject({ fromFen: 499n, toFen: 500n });
    expect(r.steps[0]?.message).toContain('999/2');
  });

  it('refuses when there is no price at all', () => {
    expect(() => correctPrice({ summaryFen: null })).toThrow(RangeError);
  });
});

const SME: SmePolicy = { mode: 'deduction', smallMicroRateBp: 1000, consortiumRateBp: 500 };
const SME20: SmePolicy = { mode: 'deduction', smallMicroRateBp: 2000, consortiumRateBp: 600 };
const bidder = (over: Partial<PolicyBidder> = {}): PolicyBidder => ({
  smallMicro: false,
  consortiumSmallMicroShareBp: null,
  domesticProduct: null,
  ...over,
});

describe('evaluatedPrice (46号9; 19号; 国办发〔2025〕34号)', () => {
  it.each<{
    what: string;
    priceFen: bigint;
    sme: SmePolicy;
    who: PolicyBidder;
    domesticPolicy?: boolean;
    day?: string;
    category?: Category;
    kinds: string[];
    amounts: bigint[];
    evaluatedFen: bigint;
    exact: string;
  }>([
    {
      what: 'small/micro, 10%',
      priceFen: 1_000_000n,
      sme: SME,
      who: bidder({ smallMicro: true }),
      kinds: ['sme'],
      amounts: [100_000n],
      evaluatedFen: 900_000n,
      exact: '900000',
    },
    {
      what: 'small/micro 20% + 本国产品 20% stacked on the original price: 60%, not 0.8 × 0.8 = 64%',
      priceFen: 1_000_000n,
      sme: SME20,
      who: bidder({ smallMicro: true, domesticProduct: true }),
      domesticPolicy: true,
      day: '2026-01-01',
      kinds: ['sme', 'domestic'],
      amounts: [200_000n, 200_000n],
      evaluatedFen: 600_000n,
      exact: '600000',
    },
    {
      what: '本国产品 the day before 2026-01-01: no domestic deduction',
      priceFen: 1_000_000n,
      sme: SME20,
      who: bidder({ smallMicro: true, domesticProduct: true }),
      domesticPolicy: true,
      day: '2025-12-31',
      kinds: ['sme'],
      amounts: [200_000n],
      evaluatedFen: 800_000n,
      exact: '800000',
    },
    {
      what: 'domestic declared but the documents do not apply the preference',
      priceFen: 1_000_000n,
      sme: { mode: 'none' },
      who: bidder({ domesticProduct: true }),
      domesticPolicy: false,
      kinds: [],
      amounts: [],
      evaluatedFen: 1_000_000n,
      exact: '1000000',
    },
    {
      what: 'documents apply it but the bidder is silent',
      priceFen: 1_000_000n,
      sme: { mode: 'none' },
      who: bidder({ domesticProduct: null }),
      domesticPolicy: true,
      kinds: [],
      amounts: [],
      evaluatedFen: 1_000_000n,
      exact: '1000000',
    },
    {
      what: 'a package reserved for SMEs: no deduction',
      priceFen: 1_000_000n,
      sme: { mode: 'reserved' },
      who: bidder({ smallMicro: true }),
      kinds: [],
      amounts: [],
      evaluatedFen: 1_000_000n,
      exact: '1000000',
    },
    {
      what: 'consortium with exactly 30% small/micro share: consortium rate',
      priceFen: 1_000_000n,
      sme: SME,
      who: bidder({ consortiumSmallMicroShareBp: 3000 }),
      kinds: ['consortium'],
      amounts: [50_000n],
      evaluatedFen: 950_000n,
      exact: '950000',
    },
    {
      what: 'consortium with 29.99%: nothing',
      priceFen: 1_000_000n,
      sme: SME,
      who: bidder({ consortiumSmallMicroShareBp: 2999 }),
      kinds: [],
      amounts: [],
      evaluatedFen: 1_000_000n,
      exact: '1000000',
    },
    {
      what: 'a small/micro consortium gets the small/micro rate only, never both',
      priceFen: 1_000_000n,
      sme: SME,
      who: bidder({ smallMicro: true, consortiumSmallMicroShareBp: 10000 }),
      kinds: ['sme'],
      amounts: [100_000n],
      evaluatedFen: 900_000n,
      exact: '900000',
    },
    {
      what: 'no consortium rate in the documents',
      priceFen: 1_000_000n,
      sme: { mode: 'deduction', smallMicroRateBp: 1000, consortiumRateBp: null },
      who: bidder({ consortiumSmallMicroShareBp: 5000 }),
      kinds: [],
      amounts: [],
      evaluatedFen: 1_000_000n,
      exact: '1000000',
    },
    {
      what: 'half a fen: 123.45 元 less 10% = 111.105 元, kept exact',
      priceFen: 12_345n,
      sme: SME,
      who: bidder({ smallMicro: true }),
      kinds: ['sme'],
      amounts: [1_235n], // 1234.5 fen shown half-up
      evaluatedFen: 11_111n, // 11110.5 fen shown half-up
      exact: '22221/2',
    },
    {
      what: 'works: 15% + 20% on 12345.67 元 = 8024.6855 元',
      priceFen: 1_234_567n,
      sme: { mode: 'deduction', smallMicroRateBp: 1500, consortiumRateBp: null },
      who: bidder({ smallMicro: true, domesticProduct: true }),
      domesticPolicy: true,
      day: '2026-03-01',
      category: 'works',
      kinds: ['sme', 'domestic'],
      amounts: [185_185n, 246_913n], // 185185.05 and 246913.4 fen
      evaluatedFen: 802_469n, // 802468.55 fen
      exact: '16049371/20',
    },
  ])('$what', (c) => {
    const r = evaluatedPrice({
      priceFen: c.priceFen,
      category: c.category ?? 'goods',
      sme: c.sme,
      bidder: c.who,
      domesticPolicy: c.domesticPolicy ?? false,
      day: c.day ?? '2026-03-01',
    });
    expect(r.deductions.map((d) => d.kind)).toEqual(c.kinds);
    expect(r.deductions.map((d) => d.amountFen)).toEqual(c.amounts);
    expect(r.evaluatedFen).toBe(c.evaluatedFen);
    expect(r.evaluatedExact).toBe(c.exact);
    expect(fractionText(r.evaluated)).toBe(c.exact);
    for (const d of r.deductions) expect(d.basis).toMatch(/[\u4e00-\u9fff]/);
  });

  it('keeps each deduction exact', () => {
    const r = evaluatedPrice({
      priceFen: 12_345n,
      category: 'goods',
      sme: SME,
      bidder: bidder({ smallMicro: true }),
      domesticPolicy: false,
      day: '2026-03-01',
    });
    expect(r.deductions[0]?.amount).toEqual({ num: 2469n, den: 2n });
  });
});

describe('priceScores (低价优先法, 87号令55; 214号24)', () => {
  it.each<{
    what: string;
    prices: bigint[];
    weightBp: number;
    decimals?: number;
    rounded: string[];
    exact: string[];
  }>([
    {
      what: '30-point weight: lowest gets 30',
      prices: [800_000n, 1_000_000n, 1_200_000n],
      weightBp: 3000,
      rounded: ['30.00', '24.00', '20.00'],
      exact: ['30', '24', '20'],
    },
    {
      what: 'exactly .5 at the third decimal rounds up: 30 × 9115/10000 = 27.345',
      prices: [9_115n, 10_000n],
      weightBp: 3000,
      rounded: ['30.00', '27.35'],
      exact: ['30', '5469/200'],
    },
    {
      what: 'just below .5 stays down: 30 × 9115/10001 = 27.3422…',
      prices: [9_115n, 10_001n],
      weightBp: 3000,
      rounded: ['30.00', '27.34'],
      exact: ['30', '273450/10001'],
    },
    {
      what: 'repeating decimals: 10 × 1/3 and 10 × 2/3',
      prices: [100n, 300n, 150n],
      weightBp: 1000,
      rounded: ['10.00', '3.33', '6.67'],
      exact: ['10', '10/3', '20/3'],
    },
    {
      what: 'three decimals when the documents say so',
      prices: [9_115n, 10_000n],
      weightBp: 3000,
      decimals: 3,
      rounded: ['30.000', '27.345'],
      exact: ['30', '5469/200'],
    },
    {
      what: 'a tie at the lowest price: both full marks',
      prices: [500n, 500n, 1_000n],
      weightBp: 6000,
      rounded: ['60.00', '60.00', '30.00'],
      exact: ['60', '60', '30'],
    },
  ])('$what', ({ prices, weightBp, decimals, rounded, exact }) => {
    const r = priceScores({
      bids: prices.map((p, i) => ({ bidId: `b${i}`, evaluatedFen: p })),
      weightBp,
      ...(decimals === undefined ? {} : { decimals }),
    });
    expect(r.benchmarkFen).toBe(prices.reduce((m, p) => (p < m ? p : m)));
    expect(r.scores.map((s) => s.rounded)).toEqual(rounded);
    expect(r.scores.map((s) => s.exactText)).toEqual(exact);
  });

  it('uses the exact evaluated price, not the fen-rounded one', () => {
    // 11110.5 fen (exact, after a 10% deduction of 123.45 元) against 11111 fen: rounded to the fen they would tie.
    const r = priceScores({
      bids: [
        { bidId: 'a', evaluatedFen: 11_111n, evaluated: ratio(22_221n, 2n) },
        { bidId: 'b', evaluatedFen: 11_111n },
      ],
      weightBp: 3000,
    });
    expect(fractionText(r.benchmark)).toBe('22221/2');
    expect(r.scores[0]?.exactText).toBe('30');
    expect(r.scores[1]?.exactText).toBe('333315/11111'); // 29.99865…
    expect(r.scores[1]?.rounded).toBe('30.00');
    expect(r.scores[1]?.roundedScaled).toBe(3000n);
    expect(cmp(r.scores[1]?.exact ?? ratio(0n), r.scores[0]?.exact ?? ratio(0n))).toBe(-1);
  });

  it('refuses no bids, a zero price and a weight over 100%', () => {
    expect(() => priceScores({ bids: [], weightBp: 3000 })).toThrow(RangeError);
    expect(() => priceScores({ bids: [{ bidId: 'a', evaluatedFen: 0n }], weightBp: 3000 })).toThrow(
      RangeError,
    );
    expect(() => priceScores({ bids: [{ bidId: 'a', evaluatedFen: 1n }], weightBp: 10001 })).toThrow(
      RangeError,
    );
  });
});

describe('totalScore (评标总得分 = ΣF×A)', () => {
  it('sums exactly', () => {
    expect(totalScore([ratio(10n, 3n), ratio(20n, 3n), ratio(45n)])).toEqual({ num: 55n, den: 1n });
    expect(totalScore([])).toEqual({ num: 0n, den: 1n });
  });
  it('weights a 100-point factor score', () => {
    expect(weightedScore(ratio(85n), 6000)).toEqual({ num: 51n, den: 1n });
    expect(weightedScore(ratio(91n), 3333)).toEqual({ num: 303303n, den: 10000n });
  });
});
