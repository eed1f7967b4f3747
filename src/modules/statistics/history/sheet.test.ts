import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildTemplate, cellOf, csvRecords, readLedger } from './sheet.ts';

async function xlsx(build: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('台账'), wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('CSV records', () => {
  it('splits quoted commas, doubled quotes and line breaks, and keeps each record’s first line', () => {
    expect(csvRecords('a,b\r\n"x, y","say ""hi"""\n"two\nlines",z\n\n,\nlast')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 3, fields: ['two\nlines', 'z'] },
      { line: 7, fields: ['last'] },
    ]);
  });
});

describe('reading a ledger', () => {
  it('finds the header under a title line, reads typed cells, skips blank rows and unknown columns', async () => {
    const bytes = await xlsx((ws) => {
      ws.addRow(['云岭县政府采购中心2025年采购台账']);
      ws.addRow(['序号', '项目编号', '预算金额（元）', '合同签订日期', '备注']);
      ws.addRow([1, 'YL-1', 1234.56, new Date(Date.UTC(2025, 0, 1)), '无']);
      ws.addRow([]);
      ws.addRow([
        2,
        { richText: [{ text: 'YL-' }, { text: '2' }] },
        { formula: 'C3*2', result: 2469.12 },
        '2025/1/2',
      ]);
    });
    const sheet = await readLedger(bytes);
    expect(sheet).toMatchObject({ format: 'xlsx', sheet: '台账', headerRow: 2 });
    expect(sheet.rows.map((r) => [r.row, Object.fromEntries(r.cells)])).toEqual([
      [3, { projectCode: 'YL-1', budget: 1234.56, contractedOn: new Date(Date.UTC(2025, 0, 1)) }],
      [5, { projectCode: 'YL-2', budget: 2469.12, contractedOn: '2025/1/2' }],
    ]);
  });

  it('reads the sheet that has the header when a cover sheet comes first', async () => {
    const bytes = await xlsx((ws, wb) => {
      ws.addRow(['封面']);
      const data = wb.addWorksheet('2025年');
      data.addRow(['项目编号', '项目名称']);
      data.addRow(['YL-1', '课桌椅']);
    });
    expect((await readLedger(bytes)).sheet).toBe('2025年');
  });

  it('reads UTF-8 CSV with a BOM, refuses GBK, .xls, other types and broken files with stable codes', async () => {
    const csv = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('项目编号,项目名称\nYL-1,"课桌椅, 讲台"\n'),
    ]);
    const sheet = await readLedger(csv);
    expect(sheet.format).toBe('csv');
    expect(sheet.rows[0]?.cells.get('projectName')).toBe('课桌椅, 讲台');
    // 项目编号 in GBK: C F C E B1 E0 BA C5
    const gbk = Buffer.from([0xcf, 0xee, 0xc4, 0xbf, 0xb1, 0xe0, 0xba, 0xc5, 0x0a, 0x31, 0x0a]);
    await expect(readLedger(gbk)).rejects.toMatchObject({ statusCode: 415, code: 'HISTORY_CSV_ENCODING' });
    const xls = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(1024),
    ]);
    await expect(readLedger(xls)).rejects.toMatchObject({ statusCode: 415, code: 'HISTORY_FILE_TYPE' });
    const pdf = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n');
    await expect(readLedger(pdf)).rejects.toMatchObject({ statusCode: 415, code: 'HISTORY_FILE_TYPE' });
    const good = await xlsx((ws) => ws.addRow(['项目编号']));
    await expect(readLedger(good.subarray(0, good.length - 200))).rejects.toMatchObject({
      statusCode: 400,
      code: 'HISTORY_FILE_BROKEN',
    });
    await expect(readLedger(Buffer.alloc(0))).rejects.toMatchObject({ code: 'HISTORY_FILE_EMPTY' });
    await expect(readLedger(good)).rejects.toMatchObject({ statusCode: 400, code: 'HISTORY_NO_ROWS' });
  });

  it('turns formulas, errors and links into plain cells', () => {
    expect(cellOf({ formula: 'A1', result: 5 })).toBe(5);
    expect(cellOf({ error: '#N/A' })).toBe('#N/A');
    expect(cellOf({ text: ' 链接 ', hyperlink: 'http://x' })).toBe('链接');
    expect(cellOf('\u3000 ')).toBeUndefined();
  });
});

describe('the template', () => {
  it('has the header, drop-downs, and a 说明 sheet listing every column', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(await buildTemplate()).buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['采购台账', '说明']);
    const header = wb.worksheets[0]?.getRow(1).values;
    expect(header).toEqual([
      undefined,
      '项目编号',
      '项目名称',
      '标段(包)号',
      '采购人',
      '采购人层级',
      '采购类别',
      '服务细分',
      '采购方式',
      '专项',
      '预算金额(元)',
      '合同金额(元)',
      '实际支付金额(元)',
      '委托日期',
      '合同签订日期',
      '中标(成交)供应商',
    ]);
    const dropdowns = (wb.worksheets[0] as unknown as { dataValidations: { model: Record<string, unknown> } })
      .dataValidations.model;
    expect(dropdowns.F2).toMatchObject({ type: 'list', formulae: ['"货物,工程,服务"'] });
    const help = wb.getWorksheet('说明');
    expect(help?.getRow(7).getCell(4).text).toBe('货物、工程、服务');
  });
});
