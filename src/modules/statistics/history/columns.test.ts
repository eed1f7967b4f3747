import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COLUMN_KEYS, HISTORY_COLUMNS, columnOf, type ColumnSpec } from './columns.ts';

describe('the ledger columns', () => {
  it('are all documented in docs/HISTORICAL-IMPORT.md, with their aliases and values', () => {
    const doc = readFileSync(new URL('../../../../docs/HISTORICAL-IMPORT.md', import.meta.url), 'utf8');
    for (const k of COLUMN_KEYS) {
      const c: ColumnSpec = HISTORY_COLUMNS[k];
      for (const text of [c.title, ...(c.aliases ?? []), ...(c.allowed ?? [])]) expect(doc).toContain(text);
    }
  });

  it('are found by title however the brackets and spaces are typed, and by alias', () => {
    expect(columnOf('预算金额（元）')).toBe('budget');
    expect(columnOf(' 标段（包）号 ')).toBe('lotNo');
    expect(columnOf('中标（成交）金额（元）')).toBe('contract');
    expect(columnOf('备注')).toBeNull();
    expect(columnOf('预算金额(万元)')).toBeNull();
  });
});
