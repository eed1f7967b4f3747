import { describe, expect, it } from 'vitest';
import { provinceOf, reaches, resolveThreshold, type ThresholdRow } from './thresholds.ts';

const wan = (n: number): bigint => BigInt(n) * 1_000_000n; // 1 万元 = 1,000,000 分

/** A configuration as a province might publish it; the figures are examples, the rule is what is tested. */
const rows: ThresholdRow[] = [
  {
    jurisdiction: '000000',
    level: 'central',
    category: 'goods',
    kind: 'openTender',
    amountFen: wan(200),
    effectiveFrom: '2020-01-01',
    effectiveTo: null,
    source: '国办发〔2019〕41号',
  },
  {
    jurisdiction: '150000',
    level: 'county',
    category: 'goods',
    kind: 'openTender',
    amountFen: wan(200),
    effectiveFrom: '2020-01-01',
    effectiveTo: '2025-12-31',
    source: '示例：自治区 2020 年标准',
  },
  {
    jurisdiction: '150000',
    level: 'county',
    category: 'goods',
    kind: 'openTender',
    amountFen: wan(400),
    effectiveFrom: '2026-01-01',
    effectiveTo: null,
    source: '示例：自治区 2026 年标准',
  },
  {
    jurisdiction: '150400',
    level: 'county',
    category: 'goods',
    kind: 'openTender',
    amountFen: wan(300),
    effectiveFrom: '2026-06-01',
    effectiveTo: null,
    source: '示例：盟市单列标准',
  },
  {
    jurisdiction: '150000',
    level: 'county',
    category: 'services',
    kind: 'procurementLimit',
    amountFen: wan(30),
    effectiveFrom: '2020-01-01',
    effectiveTo: null,
    source: '示例：分散采购限额',
  },
];

describe('resolveThreshold', () => {
  it.each([
    {
      what: 'county goods in 2025 → the 2020 provincial figure',
      division: '150439',
      level: 'county',
      onDay: '2025-06-30',
      amount: 200,
    },
    {
      what: 'county goods on the first day of the 2026 figure',
      division: '150439',
      level: 'county',
      onDay: '2026-01-01',
      amount: 400,
    },
    {
      what: 'a prefecture-specific figure beats the province once in force',
      division: '150439',
      level: 'county',
      onDay: '2026-06-01',
      amount: 300,
    },
    {
      what: 'another prefecture keeps the provincial figure',
      division: '150203',
      level: 'county',
      onDay: '2026-06-01',
      amount: 400,
    },
    {
      what: 'central budgets answer to the State Council',
      division: '150439',
      level: 'central',
      onDay: '2026-06-01',
      amount: 200,
    },
  ] as const)('$what', ({ division, level, onDay, amount }) => {
    const r = resolveThreshold(rows, { division, level, category: 'goods', kind: 'openTender', onDay });
    expect(r?.amountFen).toBe(wan(amount));
  });

  it('answers null when nothing is configured, so no figure is ever assumed', () => {
    expect(
      resolveThreshold(rows, {
        division: '440305',
        level: 'county',
        category: 'goods',
        kind: 'openTender',
        onDay: '2026-06-01',
      }),
    ).toBeNull();
    expect(
      resolveThreshold(rows, {
        division: '150439',
        level: 'county',
        category: 'works',
        kind: 'openTender',
        onDay: '2026-06-01',
      }),
    ).toBeNull();
    expect(
      resolveThreshold(rows, {
        division: '150439',
        level: 'county',
        category: 'goods',
        kind: 'openTender',
        onDay: '2019-12-31',
      }),
    ).toBeNull();
  });

  it('以上 includes the amount itself', () => {
    const t = resolveThreshold(rows, {
      division: '150439',
      level: 'county',
      category: 'services',
      kind: 'procurementLimit',
      onDay: '2026-06-01',
    });
    if (!t) throw new Error('configured above');
    expect(reaches(wan(30), t)).toBe(true);
    expect(reaches(wan(30) - 1n, t)).toBe(false);
  });

  it('finds the province of a division', () => {
    expect(provinceOf('150439', 'county')).toBe('150000');
    expect(provinceOf('150439', 'central')).toBe('000000');
  });
});
