import { describe, expect, it } from 'vitest';
import { readLedger } from '../../modules/statistics/history/sheet.ts';
import { validateLedger } from '../../modules/statistics/history/validate.ts';
import { demoData } from './data.ts';
import { apportion, demoLedger, ledgerCsv } from './history.ts';

describe('apportion', () => {
  it('splits exactly, in whole units, in proportion, leftovers to the largest remainders', () => {
    expect(apportion(100n, [1, 1, 1])).toEqual([34n, 33n, 33n]);
    expect(apportion(1_000n, [1, 2, 2], 100n)).toEqual([200n, 400n, 400n]);
    expect(apportion(700n, [1, 1, 1], 100n)).toEqual([300n, 200n, 200n]);
    const parts = apportion(4_317_160_000_000n, [3, 7.5, 11, 0.2, 9], 100n);
    expect(parts.reduce((a, b) => a + b, 0n)).toBe(4_317_160_000_000n);
    expect(parts.every((p) => p % 100n === 0n)).toBe(true);
    expect(() => apportion(101n, [1], 100n)).toThrow(RangeError);
  });
});

describe('the demo ledgers', () => {
  const data = demoData();
  const a = demoLedger('zhengcai-demo', data, 2025, 150, true);

  it('are deterministic', () => {
    expect(ledgerCsv(demoLedger('zhengcai-demo', data, 2025, 150, true))).toEqual(ledgerCsv(a));
    expect(ledgerCsv(demoLedger('other', data, 2025, 150, true))).not.toEqual(ledgerCsv(a));
  });

  it('pass the import’s own checks, with the mix of seed 000', async () => {
    const sheet = await readLedger(ledgerCsv(a));
    const { records, errors } = validateLedger(sheet.rows, {
      today: '2026-03-02',
      platformCodes: new Set(),
      earlier: [],
    });
    expect(errors).toEqual([]);
    expect(new Set(records.map((r) => r.projectCode)).size).toBe(150);
    const projects = (f: (r: (typeof records)[number]) => boolean) =>
      new Set(records.filter(f).map((r) => r.projectCode)).size;
    expect(projects((r) => r.programme === '校安工程')).toBe(4);
    expect(projects((r) => r.purchaserLevel !== 'county')).toBeGreaterThan(20);
    expect(projects((r) => r.category === 'services' && r.serviceKind === 'preselected')).toBeGreaterThan(0);
    const budgets = new Map<string, bigint>();
    for (const r of records) budgets.set(r.projectCode, (budgets.get(r.projectCode) ?? 0n) + r.budgetFen);
    const major = [...budgets.values()].filter((b) => b >= 1_000_000_000n).length;
    expect(major).toBeGreaterThanOrEqual(3);
    expect(records.every((r) => r.contractedOn.startsWith('2025-'))).toBe(true);
  });
});
