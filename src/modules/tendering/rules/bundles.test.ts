import { describe, expect, it } from 'vitest';
import { suggestBundles, type OpenLine } from './bundles.ts';

const line = (
  id: string,
  purchaserId: string,
  itemCode: string,
  plannedMonth: number,
  yuan: number,
): OpenLine => ({
  id,
  purchaserId,
  itemCode,
  category: 'goods',
  plannedMonth,
  amountFen: BigInt(yuan) * 100n,
});

describe('suggestBundles', () => {
  it('bundles one 品目 across units within the window, largest total first', () => {
    const out = suggestBundles(
      [
        line('a', 'u1', 'A02010104', 3, 100),
        line('b', 'u2', 'A02010104', 4, 200),
        line('c', 'u3', 'A02010104', 9, 300),
        line('d', 'u4', 'A02010104', 10, 300),
        line('e', 'u1', 'A02021001', 3, 50),
      ],
      2,
    );
    expect(out.map((b) => [b.itemCode, b.fromMonth, b.toMonth, b.totalFen, b.lineIds])).toEqual([
      ['A02010104', 9, 10, 60000n, ['c', 'd']],
      ['A02010104', 3, 4, 30000n, ['a', 'b']],
    ]);
  });
  it('does not suggest lines of one unit alone, or lines months apart', () => {
    expect(suggestBundles([line('a', 'u1', 'A1', 3, 1), line('b', 'u1', 'A1', 3, 1)], 2)).toEqual([]);
    expect(suggestBundles([line('a', 'u1', 'A1', 1, 1), line('b', 'u2', 'A1', 6, 1)], 2)).toEqual([]);
  });
  it('keeps categories apart even with the same code text', () => {
    const works = { ...line('b', 'u2', 'X', 3, 1), category: 'works' as const };
    expect(suggestBundles([line('a', 'u1', 'X', 3, 1), works], 2)).toEqual([]);
  });
});
