/** Historical ledgers for the import tests: an .xlsx or CSV built from rows by column, and the upload. */
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { HISTORY_COLUMNS } from '../../src/modules/statistics/history/index.ts';
import type { Client } from './projects.ts';

export type LedgerKey = keyof typeof HISTORY_COLUMNS;
export type LedgerRow = Partial<Record<LedgerKey, ExcelJS.CellValue>>;
export const LEDGER_KEYS = Object.keys(HISTORY_COLUMNS) as LedgerKey[];

/** A ledger workbook: the template's header on row 1 (or under title lines), one row per share. */
export async function ledgerXlsx(
  rows: readonly LedgerRow[],
  opts: { sheet?: string; titleLines?: string[]; keys?: readonly LedgerKey[] } = {},
): Promise<Buffer> {
  const keys = opts.keys ?? LEDGER_KEYS;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(opts.sheet ?? '采购台账');
  for (const t of opts.titleLines ?? []) ws.addRow([t]);
  ws.addRow(keys.map((k) => HISTORY_COLUMNS[k].title));
  for (const r of rows) ws.addRow(keys.map((k) => r[k] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const csvField = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'string' && typeof v !== 'number' && !(v instanceof Date)) {
    throw new Error('a CSV ledger holds text, numbers and dates only');
  }
  const s = v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** The same ledger as UTF-8 CSV, optionally with a BOM (Excel's “CSV UTF-8”). */
export function ledgerCsv(rows: readonly LedgerRow[], bom = true): Buffer {
  const lines = [
    LEDGER_KEYS.map((k) => HISTORY_COLUMNS[k].title).join(','),
    ...rows.map((r) => LEDGER_KEYS.map((k) => csvField(r[k] ?? null)).join(',')),
  ];
  const text = Buffer.from(`${lines.join('\r\n')}\r\n`);
  return bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text]) : text;
}

export function multipart(
  name: string,
  content: Buffer,
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----zhengcai-ledger-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, content, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** POST /api/statistics/history; asserts the status when given. */
export async function uploadLedger(c: Client, name: string, bytes: Buffer, status?: number, query = '') {
  const res = await c.request({
    method: 'POST',
    url: `/api/statistics/history${query}`,
    ...multipart(name, bytes),
  });
  if (status !== undefined) expect(res.statusCode, res.body).toBe(status);
  return res;
}
