/**
 * Reading an uploaded ledger into rows of typed cells, and writing the .xlsx template. The orgs import's reader
 * turns every cell into its displayed text; a ledger needs the cell's value (a number is read as the decimal
 * Excel holds, a date as its calendar day), so this is a small reader of its own.
 *
 * The file's kind comes from its bytes, never from its name: .xlsx (a zip), or CSV — UTF-8 only, with or without
 * a BOM. GBK/GB18030 CSV is refused with a clear message rather than guessed: a wrong guess would turn names into
 * mojibake that pass every check and land in the statistics.
 */
import ExcelJS from 'exceljs';
import { fileTypeFromBuffer } from 'file-type';
import { AppError, badRequest } from '../../../platform/errors.ts';
import { COLUMN_KEYS, HISTORY_COLUMNS, columnOf, type ColumnKey, type ColumnSpec } from './columns.ts';
import type { Cell } from './values.ts';

/** A county centre's ledger has a few hundred rows a year; 50,000 is decades of a large district's. */
export const MAX_ROWS = 50_000;
/** The header may sit under a title line or two ("云岭县政府采购中心2024年采购台账"). */
const HEADER_SEARCH_ROWS = 10;
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface SheetRow {
  /** The row number Excel shows (or the line of the CSV record). */
  row: number;
  cells: ReadonlyMap<ColumnKey, Cell>;
}

export interface ParsedSheet {
  format: 'xlsx' | 'csv';
  /** The worksheet read (an .xlsx may hold several); null for CSV. */
  sheet: string | null;
  /** The row the header was found in. */
  headerRow: number;
  /** The header cells as typed, left to right. */
  headers: string[];
  rows: SheetRow[];
}

const unsupported = (code: string, message: string): AppError => new AppError(415, code, message, 'file');
const broken = (message: string): AppError => badRequest('HISTORY_FILE_BROKEN', message, 'file');
const tooMany = (n: number): AppError =>
  badRequest(
    'HISTORY_TOO_MANY_ROWS',
    `一次最多导入 ${MAX_ROWS} 行，文件有 ${n} 行，请按年度分成几个文件导入`,
    'file',
  );

export async function readLedger(bytes: Buffer): Promise<ParsedSheet> {
  if (bytes.length === 0) throw badRequest('HISTORY_FILE_EMPTY', '上传的文件为空', 'file');
  const sniffed = (await fileTypeFromBuffer(bytes))?.mime;
  // A damaged .xlsx may still sniff as a plain zip: let exceljs try it and report it as broken.
  if (sniffed === XLSX_MIME || sniffed === 'application/zip') return readXlsx(bytes);
  if (sniffed === 'application/x-cfb') {
    throw unsupported(
      'HISTORY_FILE_TYPE',
      '不支持 Excel 97–2003（.xls）格式，请在 Excel 中“另存为”Excel 工作簿（.xlsx）后再导入',
    );
  }
  if (sniffed !== undefined) {
    throw unsupported('HISTORY_FILE_TYPE', `只能导入 .xlsx 或 CSV 文件（收到的是 ${sniffed}）`);
  }
  if (bytes.subarray(0, 64 * 1024).includes(0)) {
    throw unsupported('HISTORY_FILE_TYPE', '只能导入 .xlsx 或 CSV 文件（收到的是无法识别的二进制文件）');
  }
  return readCsv(decodeUtf8(bytes));
}

/** UTF-8 only (the decoder drops a BOM); anything else is refused with how to save the file properly. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw unsupported(
      'HISTORY_CSV_ENCODING',
      'CSV 文件不是 UTF-8 编码（可能是 GBK/GB18030）：请在 Excel 中“另存为”选择“CSV UTF-8（逗号分隔）”，或直接上传 .xlsx 文件',
    );
  }
}

/* ------------------------------------------------------------------------------------------------------------ */
/* .xlsx                                                                                                        */
/* ------------------------------------------------------------------------------------------------------------ */

/** An exceljs cell value as a cell of ours: formulas by their result, rich text and links by their text. */
export function cellOf(value: ExcelJS.CellValue): Cell | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') {
    const t = value.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
    return t === '' ? undefined : t;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('richText' in value) return cellOf(value.richText.map((r) => r.text).join(''));
  if ('error' in value) return String(value.error);
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined || result === null) return undefined;
    if (typeof result === 'object' && !(result instanceof Date) && 'error' in result) {
      return String(result.error);
    }
    return cellOf(result as ExcelJS.CellValue);
  }
  if ('text' in value) return cellOf(typeof value.text === 'string' ? value.text : '');
  return undefined;
}

const cellText = (c: Cell | undefined): string => (typeof c === 'string' ? c : '');

/** The row among the first few whose cells name the required columns best: the header. */
function findHeader(rows: readonly (readonly (Cell | undefined)[])[]): number {
  let best = 0;
  let bestScore = 0;
  rows.slice(0, HEADER_SEARCH_ROWS).forEach((cells, i) => {
    const score = cells.filter((c) => columnOf(cellText(c)) !== null).length;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}

async function readXlsx(bytes: Buffer): Promise<ParsedSheet> {
  const wb = new ExcelJS.Workbook();
  try {
    // A fresh ArrayBuffer copy: exceljs types its input as an ArrayBuffer, and JSZip reads that as well.
    await wb.xlsx.load(new Uint8Array(bytes).buffer);
  } catch {
    throw broken('无法读取该 Excel 文件：文件已损坏或不是 .xlsx 格式，请用 Excel 打开后重新保存为 .xlsx');
  }
  if (wb.worksheets.length === 0) throw broken('Excel 文件中没有工作表');
  // The first worksheet whose top rows carry the 项目编号 header (a cover or 说明 sheet may come first).
  const ws =
    wb.worksheets.find((w) => {
      for (let r = 1; r <= HEADER_SEARCH_ROWS; r++) {
        const row = w.getRow(r);
        for (let c = 1; c <= Math.min(w.columnCount, 60); c++) {
          if (columnOf(cellText(cellOf(row.getCell(c).value))) === 'projectCode') return true;
        }
      }
      return false;
    }) ?? wb.worksheets[0];
  if (!ws) throw broken('Excel 文件中没有工作表');
  // actualRowCount counts formatted blank rows too, so it is only a cheap upper bound before the real count.
  if (ws.actualRowCount > MAX_ROWS + HEADER_SEARCH_ROWS) throw tooMany(ws.actualRowCount - 1);
  const width = Math.min(ws.columnCount, 200);
  const grid: { row: number; cells: (Cell | undefined)[] }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: (Cell | undefined)[] = [];
    for (let i = 1; i <= width; i++) cells.push(cellOf(row.getCell(i).value));
    grid.push({ row: number, cells });
  });
  return { format: 'xlsx', sheet: ws.name, ...fromGrid(grid) };
}

/* ------------------------------------------------------------------------------------------------------------ */
/* CSV                                                                                                          */
/* ------------------------------------------------------------------------------------------------------------ */

/**
 * RFC 4180 records: commas, double quotes (a doubled quote inside), line breaks inside quotes, CRLF or LF. Each
 * record carries the line it starts on, so errors point at the line a text editor shows.
 */
export function csvRecords(text: string): { line: number; fields: string[] }[] {
  const out: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    if (fields.some((f) => f !== '')) out.push({ line: startLine, fields });
    fields = [];
    field = '';
  };
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      startLine = line;
    } else field += ch;
    i++;
  }
  if (field !== '' || fields.length) endRecord();
  return out;
}

function readCsv(text: string): ParsedSheet {
  const records = csvRecords(text);
  if (records.length > MAX_ROWS + HEADER_SEARCH_ROWS) throw tooMany(records.length - 1);
  const grid = records.map((r) => ({
    row: r.line,
    cells: r.fields.map((f) => {
      const t = f.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
      return t === '' ? undefined : t;
    }),
  }));
  return { format: 'csv', sheet: null, ...fromGrid(grid) };
}

/* ------------------------------------------------------------------------------------------------------------ */

/** The header row, then every non-blank row below it as cells by column (unknown columns are not read). */
function fromGrid(grid: readonly { row: number; cells: readonly (Cell | undefined)[] }[]): {
  headerRow: number;
  headers: string[];
  rows: SheetRow[];
} {
  if (grid.length === 0) throw badRequest('HISTORY_NO_ROWS', '文件中没有任何内容', 'file');
  const at = findHeader(grid.map((g) => g.cells));
  const header = grid[at] ?? { row: 1, cells: [] };
  const headers = header.cells.map((c) =>
    c instanceof Date ? c.toISOString() : c === undefined ? '' : String(c),
  );
  const keys = headers.map((h) => columnOf(h));
  const rows: SheetRow[] = [];
  for (const g of grid.slice(at + 1)) {
    const cells = new Map<ColumnKey, Cell>();
    keys.forEach((k, i) => {
      const v = g.cells[i];
      if (k !== null && v !== undefined && !cells.has(k)) cells.set(k, v);
    });
    if (cells.size > 0) rows.push({ row: g.row, cells });
  }
  if (rows.length > MAX_ROWS) throw tooMany(rows.length);
  if (rows.length === 0) {
    throw badRequest(
      'HISTORY_NO_ROWS',
      `文件中没有数据行（表头在第 ${header.row} 行，数据应从下一行开始）`,
      'file',
    );
  }
  return { headerRow: header.row, headers, rows };
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Template                                                                                                     */
/* ------------------------------------------------------------------------------------------------------------ */

/** Rows of the template's data sheet given drop-down lists (not whole columns: readers expand every cell). */
const DROPDOWN_ROWS = 3000;

interface DataValidations {
  add(address: string, validation: ExcelJS.DataValidation): void;
}

export const TEMPLATE_FILE_NAME = '历史采购台账导入模板.xlsx';

/**
 * The template: the 采购台账 sheet (header only, so importing it unchanged imports nothing by mistake), with
 * drop-down lists, text-formatted codes, date and amount formats; and a 说明 sheet with every column and its
 * example, and the rules.
 */
export async function buildTemplate(): Promise<Buffer> {
  const columns: ColumnSpec[] = COLUMN_KEYS.map((k) => HISTORY_COLUMNS[k]);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'zhengcai';
  const ws = wb.addWorksheet('采购台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: c.title,
    width: c.width,
    style:
      c.kind === 'amount'
        ? { numFmt: '#,##0.00' }
        : c.kind === 'date'
          ? { numFmt: 'yyyy-mm-dd' }
          : c.kind === 'text'
            ? { numFmt: '@' }
            : {},
  }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  columns.forEach((c, i) => {
    header.getCell(i + 1).font = { bold: true, ...(c.required ? { color: { argb: 'FFC00000' } } : {}) };
    header.getCell(i + 1).numFmt = '@';
    if (c.allowed) {
      const letter = ws.getColumn(i + 1).letter;
      // exceljs has the collection but its typings do not declare it.
      const validations = (ws as unknown as { dataValidations: DataValidations }).dataValidations;
      for (let r = 2; r <= DROPDOWN_ROWS + 1; r++) {
        validations.add(`${letter}${r}`, {
          type: 'list',
          allowBlank: !c.required,
          formulae: [`"${c.allowed.join(',')}"`],
          showErrorMessage: false,
        });
      }
    }
  });

  const help = wb.addWorksheet('说明');
  help.columns = [
    { header: '列名', width: 18 },
    { header: '是否必填', width: 10 },
    { header: '格式', width: 70 },
    { header: '可选值', width: 40 },
    { header: '示例', width: 28 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of columns) {
    help.addRow([c.title, c.required ? '必填' : '选填', c.format, (c.allowed ?? []).join('、'), c.example]);
  }
  help.addRow([]);
  const notes = [
    '“采购台账”表第 1 行为表头，请勿修改；数据从第 2 行开始。红色表头为必填列。表头上方可以有标题行，其他列（如 序号、备注）不读取。',
    '每行是一个项目的一个标段（包）中一个采购人的份额：同一项目编号的各行计为一次采购，各行的采购类别、采购方式应一致；(项目编号, 标段(包)号, 采购人) 不能重复。',
    '金额一律以“元”为单位，最多两位小数；不要合并单元格，合并的单元格在每一行都按同一金额计算。',
    '日期可为 Excel 日期，或写作 2025-03-01、2025/3/1、2025年3月1日。合同签订日期决定采购计入哪个统计期间。',
    '任何一行有错时整批不导入，系统会列出每处错误所在的行、列和原因，改正后重新上传即可。',
    `一次最多 ${MAX_ROWS} 行；同一文件不能导入两次，导入有误时可撤回整批后重新导入。也可另存为 CSV（UTF-8）上传。`,
  ];
  notes.forEach((n, i) => help.addRow([i === 0 ? '说明' : '', '', n]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
