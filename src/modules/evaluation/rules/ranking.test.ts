import { describe, expect, it } from 'vitest';
import { ratio } from './ratio.ts';
import { normalizeBrand, rankBids, recommendation, recommendedCount, type RankEntry } from './ranking.ts';
import type { Method } from './types.ts';

const e = (bidId: string, fen: bigint, score?: number, brand?: string): RankEntry => ({
  bidId,
  evaluatedFen: fen,
  ...(score === undefined ? {} : { score: ratio(BigInt(score)) }),
  ...(brand === undefined ? {} : { brand }),
});
const ranks = (r: ReturnType<typeof rankBids>): [string, number][] => r.order.map((o) => [o.bidId, o.rank]);

describe('rankBids (87号令56/57; ties; 87号令31 same brand)', () => {
  it.each<{
    what: string;
    method: 'lowestPrice' | 'bestValue';
    entries: RankEntry[];
    order: [string, number][];
    ties: string[][];
  }>([
    {
      what: 'lowest price ascending, equal prices tie (competition ranks 1,1,3,4)',
      method: 'lowestPrice',
      entries: [e('A', 900n), e('B', 800n), e('C', 800n), e('D', 1000n)],
      order: [
        ['B', 1],
        ['C', 1],
        ['A', 3],
        ['D', 4],
      ],
      ties: [['B', 'C']],
    },
    {
      what: 'best value: score descending, then lower price, then tie',
      method: 'bestValue',
      entries: [e('A', 1000n, 90), e('B', 900n, 90), e('C', 1200n, 95), e('D', 900n, 90)],
      order: [
        ['C', 1],
        ['B', 2],
        ['D', 2],
        ['A', 4],
      ],
      ties: [['B', 'D']],
    },
    {
      what: 'best value: a higher score beats a lower price',
      method: 'bestValue',
      entries: [e('A', 500n, 80), e('B', 5000n, 81)],
      order: [
        ['B', 1],
        ['A', 2],
      ],
      ties: [],
    },
  ])('$what', ({ method, entries, order, ties }) => {
    const r = rankBids({ method, entries });
    expect(ranks(r)).toEqual(order);
    expect(r.tieGroups).toEqual(ties);
    expect(r.sameBrand).toEqual([]);
  });

  it('ranks on exact scores: 27.345 and 27.35 do not tie even though both show as 27.35', () => {
    const r = rankBids({
      method: 'bestValue',
      entries: [
        { bidId: 'A', evaluatedFen: 100n, score: ratio(27345n, 1000n) },
        { bidId: 'B', evaluatedFen: 100n, score: ratio(2735n, 100n) },
      ],
    });
    expect(ranks(r)).toEqual([
      ['B', 1],
      ['A', 2],
    ]);
  });

  it('uses the exact evaluated price when given', () => {
    const r = rankBids({
      method: 'lowestPrice',
      entries: [
        { bidId: 'A', evaluatedFen: 11_111n },
        { bidId: 'B', evaluatedFen: 11_111n, evaluated: ratio(22_221n, 2n) },
      ],
    });
    expect(ranks(r)).toEqual([
      ['B', 1],
      ['A', 2],
    ]);
  });

  it('same brand under best value: only the highest-scoring one is ranked (brands normalised)', () => {
    const r = rankBids({
      method: 'bestValue',
      entries: [e('A', 1000n, 90, 'Huawei'), e('B', 900n, 85, ' ＨＵＡＷＥＩ '), e('C', 800n, 80, 'Lenovo')],
    });
    expect(ranks(r)).toEqual([
      ['A', 1],
      ['C', 2],
    ]);
    expect(r.sameBrand).toEqual([
      { brand: 'Huawei', key: 'huawei', kept: 'A', others: ['B'], drawAmong: [] },
    ]);
  });

  it('same brand under lowest price: only the lowest-priced one takes part', () => {
    const r = rankBids({
      method: 'lowestPrice',
      entries: [e('A', 1000n, undefined, 'Dell'), e('B', 900n, undefined, 'dell'), e('C', 950n)],
    });
    expect(ranks(r)).toEqual([
      ['B', 1],
      ['C', 2],
    ]);
    expect(r.sameBrand[0]).toMatchObject({ kept: 'B', others: ['A'], drawAmong: [] });
  });

  it('same brand tied at the top: marked for the documents’ rule or a draw', () => {
    const r = rankBids({
      method: 'bestValue',
      entries: [
        e('A', 900n, 88, 'Lenovo'),
        e('B', 900n, 88, 'LENOVO'),
        e('C', 900n, 70, 'lenovo'),
        e('D', 1n, 60),
      ],
    });
    expect(r.sameBrand).toEqual([
      { brand: 'Lenovo', key: 'lenovo', kept: 'A', others: ['B', 'C'], drawAmong: ['A', 'B'] },
    ]);
    expect(ranks(r)).toEqual([
      ['A', 1],
      ['D', 2],
    ]);
  });

  it('bids without a brand never group', () => {
    const r = rankBids({
      method: 'lowestPrice',
      entries: [e('A', 1n, undefined, ' '), e('B', 2n, undefined, '')],
    });
    expect(r.sameBrand).toEqual([]);
    expect(r.order).toHaveLength(2);
  });

  it('lists tie partners on each bid', () => {
    const r = rankBids({ method: 'lowestPrice', entries: [e('A', 5n), e('B', 5n), e('C', 5n)] });
    expect(r.order.map((o) => o.tiedWith)).toEqual([
      ['B', 'C'],
      ['A', 'C'],
      ['A', 'B'],
    ]);
  });

  it('refuses a bid without a score under best value, and a bid listed twice', () => {
    expect(() => rankBids({ method: 'bestValue', entries: [e('A', 1n)] })).toThrow(RangeError);
    expect(() => rankBids({ method: 'lowestPrice', entries: [e('A', 1n), e('A', 2n)] })).toThrow(RangeError);
  });
});

describe('normalizeBrand', () => {
  it.each([
    ['  Ｄｅｌｌ™ ', 'dell'],
    ['HUAWEI', 'huawei'],
    ['Tong  Fang', 'tong fang'],
    ['联想（Lenovo）', '联想(lenovo)'],
  ])('%s → %s', (brand, key) => {
    expect(normalizeBrand(brand)).toBe(key);
  });
});

describe('recommendedCount', () => {
  it.each<[Method, number, boolean]>([
    ['openTender', 3, false],
    ['invitedTender', 3, false],
    ['negotiation', 3, true],
    ['rfq', 3, true],
    ['consultation', 3, true],
    ['singleSource', 1, false],
  ])('%s → %i', (method, count, atLeast) => {
    expect(recommendedCount(method)).toBe(count);
    expect(recommendation(method).atLeast).toBe(atLeast);
  });
});
