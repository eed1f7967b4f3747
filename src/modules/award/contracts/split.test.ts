import { describe, expect, it } from 'vitest';
import { splitByShares } from './split.ts';

describe('splitByShares (largest remainder, exact in fen)', () => {
  const cases: { name: string; total: bigint; weights: bigint[]; parts: bigint[] }[] = [
    {
      name: 'one purchaser takes the whole amount',
      total: 98_765_43n,
      weights: [100_000_00n],
      parts: [98_765_43n],
    },
    { name: 'equal shares, even total', total: 100n, weights: [5n, 5n], parts: [50n, 50n] },
    {
      name: 'equal shares, odd total: the earlier share gets the extra fen',
      total: 101n,
      weights: [7n, 7n],
      parts: [51n, 50n],
    },
    { name: 'three equal shares of 100 fen', total: 100n, weights: [1n, 1n, 1n], parts: [34n, 33n, 33n] },
    {
      name: 'proportional without remainder',
      total: 90_000_00n,
      weights: [60_000_00n, 30_000_00n, 10_000_00n],
      parts: [54_000_00n, 27_000_00n, 9_000_00n],
    },
    {
      name: 'largest remainder wins, not the largest share',
      total: 10n,
      weights: [3n, 3n, 1n],
      parts: [4n, 4n, 2n],
    },
    {
      name: 'two leftover fen go to the two largest remainders',
      total: 200n,
      weights: [1n, 1n, 1n],
      parts: [67n, 67n, 66n],
    },
    { name: 'zero total', total: 0n, weights: [2n, 3n], parts: [0n, 0n] },
    {
      name: 'bundle of 8 purchasers, award below budget',
      total: 1_234_567n,
      weights: [10n, 20n, 30n, 40n, 50n, 60n, 70n, 80n],
      parts: [34_293n, 68_587n, 102_881n, 137_174n, 171_468n, 205_761n, 240_055n, 274_348n],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const parts = splitByShares(c.total, c.weights);
      expect(parts).toEqual(c.parts);
      expect(parts.reduce((a, b) => a + b, 0n)).toBe(c.total);
    });
  }

  it('refuses no shares, a non-positive share and a negative total', () => {
    expect(() => splitByShares(1n, [])).toThrow(RangeError);
    expect(() => splitByShares(1n, [1n, 0n])).toThrow(RangeError);
    expect(() => splitByShares(-1n, [1n])).toThrow(RangeError);
  });
});
