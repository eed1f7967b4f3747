import { describe, expect, it } from 'vitest';
import { lotteryQuorum, MIN_QUALIFIED_FOR_LOTTERY } from './lottery.ts';

describe('lotteryQuorum', () => {
  it.each([
    [2, false],
    [3, true],
    [7, true],
  ])('%i qualified → %s', (n, ok) => {
    expect(MIN_QUALIFIED_FOR_LOTTERY).toBe(3);
    const r = lotteryQuorum(n);
    expect(r.ok).toBe(ok);
    if (!ok) expect(r.message).toContain('不足 3 家');
  });
});
