/**
 * Reading an uploaded list into rows, and writing the .xlsx template. The file's kind is decided from its bytes
 * (file-type and the platform's classifyUpload, as the file store does), never from the name the sender gave.
 * Both formats are read by exceljs: .xlsx natively, CSV through its fast-csv reader after the bytes have been
 * decoded, because exceljs reads CSV as UTF-8 only and Excel on Chinese Windows saves CSV in GB18030.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { fileTypeFromBuffer } from 'file-type';
import { AppError, badRequest } from '../../../platform/errors.ts';
import { classifyUpload } from '../../../platform/files/sniff.ts';
import { COLUMNS, KIND_LABELS, type ImportKind } from './columns.ts';
import type { SheetRow } from './validate.ts';

/** Centres' lists run to a few thousand rows; the cap keeps one upload from holding the server for minutes. */
export const MAX_ROWS = 20_000;
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface ParsedSheet {
  format: 'xlsx' | 'csv';
  headers: string[];
  rows: SheetRow[];
}

const unsupported = (message: string): AppError => new AppError(415, 'IMPORT_FILE_TYPE', message, 'file');

export async function readUpload(bytes: Buffer, fileName: string): Promise<ParsedSheet> {
  if (bytes.length === 0) throw badRequest('IMPORT_FILE_EMPTY', '上传的文件为空', 'file');
  const sniffed = (await fileTypeFromBuffer(bytes))?.mime;
  // A damaged .xlsx may still sniff as a plain zip: let exceljs try it and report it as broken.
  if (sniffed === XLSX_MIME || sniffed === 'application/zip') return readXlsx(bytes);
  if (sniffed === 'application/x-cfb') {
    throw unsupported('不支持 Excel 97–2003（.xls）格式，请在 Excel 中另存为 .xlsx 或 CSV 后再导入');
  }
  const kind = classifyUpload(sniffed, bytes.subarray(0, 64 * 1024), fileName);
  if (!kind.ok || !kind.mime.startsWith('text/')) {
    throw unsupported(
      `只能导入 .xlsx 或 CSV 文件${kind.ok ? `（收到的是 ${kind.mime}）` : `：${kind.message}`}`,
    );
  }
  return readCsv(decodeText(bytes));
}

/** UTF-8 (a BOM is dropped by the decoder) when the bytes are valid UTF-8, GB18030 otherwise. */
export function decodeText(bytes: Uint8Array): string {
  for (const charset of ['utf-8', 'gb18030'] as const) {
    try {
      return new TextDecoder(charset, { fatal: true }).decode(bytes);
    } catch {
      // try the next charset
    }
  }
  throw unsupported('CSV 文件的编码既不是 UTF-8 也不是 GB18030');
}

async function readXlsx(bytes: Buffer): Promise<ParsedSheet> {
  const wb = new ExcelJS.Workbook();
  try {
    // A fresh ArrayBuffer copy: exceljs types its input as an ArrayBuffer, and JSZip reads that as well.
    await wb.xlsx.load(new Uint8Array(bytes).buffer);
  } catch {
    throw badRequest('IMPORT_FILE_BROKEN', '无法读取该 Excel 文件：文件已损坏或不是 .xlsx 格式', 'file');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw badRequest('IMPORT_FILE_BROKEN', 'Excel 文件中没有工作表', 'file');
  // rowCount counts formatted blank rows too, so it is only a cheap upper bound before the real count.
  if (ws.actualRowCount > MAX_ROWS + 1) throw tooMany(ws.actualRowCount - 1);
  return { format: 'xlsx', ...gridOf(ws) };
}

async function readCsv(text: string): Promise<ParsedSheet> {
  const wb = new ExcelJS.Workbook();
  // The identity map keeps every value as text: exceljs would otherwise turn ID numbers into floats and
  // 2024-01-02 into dates.
  const ws = await wb.csv.read(Readable.from([Buffer.from(text, 'utf8')]), {
    map: (value: unknown) => value,
    parserOptions: { ignoreEmpty: true },
  });
  return { format: 'csv', ...gridOf(ws) };
}

const tooMany = (n: number): AppError =>
  badRequest('IMPORT_TOO_MANY_ROWS', `一次最多导入 ${MAX_ROWS} 行，文件有 ${n} 行，请分批导入`, 'file');

/** Header titles of row 1, then every non-blank row as cells by title, trimmed (full-width spaces included). */
function gridOf(ws: ExcelJS.Worksheet): { headers: string[]; rows: SheetRow[] } {
  const width = ws.columnCount;
  const headerRow = ws.getRow(1);
  const headers: string[] = [];
  for (let i = 1; i <= width; i++) headers.push(headerRow.getCell(i).text.trim());
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1) return;
    const cells = new Map<string, string>();
    let blank = true;
    headers.forEach((title, i) => {
      if (!title) return;
      const text = row.getCell(i + 1).text.trim();
      if (text) blank = false;
      if (!cells.has(title)) cells.set(title, text);
    });
    if (!blank) rows.push({ row: number, cells });
  });
  if (rows.length > MAX_ROWS) throw tooMany(rows.length);
  if (rows.length === 0)
    throw badRequest('IMPORT_NO_ROWS', '文件中没有数据行（第 1 行为表头，数据从第 2 行开始）', 'file');
  return { headers, rows };
}

export interface TemplateInput {
  kind: ImportKind;
  /** One valid record, by column title. */
  example: Readonly<Record<string, string>>;
  /** For experts: the specialty classification, listed on its own sheet. */
  specialties?: readonly { code: string; name: string }[];
}

/** The template: the list sheet (header + one example row), a 说明 sheet, and for experts the specialty codes. */
export async function buildTemplate(input: TemplateInput): Promise<Buffer> {
  const columns = Object.values(COLUMNS[input.kind]);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'zhengcai';
  const ws = wb.addWorksheet(`${KIND_LABELS[input.kind]}名单`, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: c.title,
    width: c.width,
    // Text format keeps 18-digit codes and leading zeros as typed instead of Excel's 1.50102E+17.
    ...(c.text ? { style: { numFmt: '@' } } : {}),
  }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  columns.forEach((c, i) => {
    if (c.required) header.getCell(i + 1).font = { bold: true, color: { argb: 'FFC00000' } };
  });
  ws.addRow(columns.map((c) => input.example[c.title] ?? ''));

  const help = wb.addWorksheet('说明');
  help.columns = [
    { header: '列名', width: 20 },
    { header: '是否必填', width: 10 },
    { header: '格式', width: 60 },
    { header: '可选值', width: 28 },
    { header: '示例', width: 28 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of columns) {
    help.addRow([
      c.title,
      c.required ? '必填' : '选填',
      c.format,
      (c.allowed ?? []).join('、'),
      input.example[c.title] ?? '',
    ]);
  }
  help.addRow([]);
  help.addRow([
    '说明',
    '',
    '第 1 行为表头，请勿修改；数据从第 2 行开始，示例行可删除或改写。红色表头为必填列。',
  ]);
  help.addRow([
    '',
    '',
    '任何一行有错时整批不导入，系统会列出每处错误所在的行、列和原因，改正后重新上传即可。',
  ]);
  help.addRow(['', '', `一次最多 ${MAX_ROWS} 行；也可另存为 CSV（UTF-8 或 GB18030 编码）上传。`]);

  if (input.specialties) {
    const sp = wb.addWorksheet('专业代码');
    sp.columns = [
      { header: '专业代码', width: 14 },
      { header: '专业名称', width: 32 },
    ];
    sp.getRow(1).font = { bold: true };
    for (const s of input.specialties) sp.addRow([s.code, s.name]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
