/**
 * A bundled lot (打包采购) gives each purchaser its own contract for its share (RULES.md §6; 政府采购法 第四十三条:
 * 采购人与中标、成交供应商 … 签订政府采购合同): the awarded amount is split among the purchasers in proportion to
 * their shares' budgets, exactly in fen, by the largest-remainder (Hamilton) method — each gets the floor of its
 * exact part, and the fen left over go one each to the largest remainders; equal remainders go to the earlier
 * share, so the split is deterministic. The parts always add up to the total.
 */

export function splitByShares(totalFen: bigint, weights: readonly bigint[]): bigint[] {
  if (totalFen < 0n) throw new RangeError(`total must not be negative: ${totalFen}`);
  if (weights.length === 0) throw new RangeError('at least one share is needed');
  for (const w of weights) if (w <= 0n) throw new RangeError(`share amounts must be positive: ${w}`);
  const sum = weights.reduce((a, b) => a + b, 0n);
  const parts = weights.map((w) => (totalFen * w) / sum);
  const remainders = weights.map((w, i) => ({ i, r: (totalFen * w) % sum }));
  let left = totalFen - parts.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    parts[i] = (parts[i] ?? 0n) + 1n;
    left--;
  }
  return parts;
}
