import { createHash } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatisticsReport } from '../src/modules/statistics/contract.ts';
import { historicalImports, historicalProcurements } from '../src/modules/statistics/tables.ts';
import { projects } from '../src/modules/tendering/tables.ts';
import type { Requirements } from '../src/modules/tendering/contract.ts';
import { auditEvents } from '../src/platform/audit/tables.ts';
import { startHarness, type TestHarness } from './support/harness.ts';
import { ledgerCsv, ledgerXlsx, multipart, uploadLedger, type LedgerRow } from './support/ledger.ts';
import type { Client } from './support/projects.ts';

/**
 * The import of a centre's ledgers from before the platform, through HTTP: a ledger imported whole, every refusal
 * with nothing written and a row-level report a clerk can work from, the list, the withdrawal, the template.
 * (Seed 000's figures reproduced from an imported ledger: test/seed-ledgers.int.test.ts.)
 */
let h: TestHarness;
let agent: Client;
let director: Client;
let finance: Client;
let purchaser: Client;

beforeAll(async () => {
  h = await startHarness(); // the clock stands at 2026-03-02 09:00 in Shanghai
  [agent, director, finance, purchaser] = await Promise.all([
    h.signedIn('agent'),
    h.signedIn('director'),
    h.signedIn('financeSupervisor'),
    h.signedIn('purchaser'),
  ]);
});
afterAll(async () => {
  await h?.close();
});

let serial = 0;
/** A valid works share with a project code of its own. */
function share(over: LedgerRow = {}): LedgerRow {
  serial += 1;
  return {
    projectCode: `T-${serial}`,
    projectName: `测试工程${serial}`,
    lotNo: 1,
    purchaserName: '云岭县教育局',
    purchaserLevel: '县直单位',
    category: '工程',
    method: '公开招标',
    budget: 1_000_000,
    contract: 900_000.5,
    paid: '900,000.50',
    commissionedOn: new Date(Date.UTC(2025, 2, 1)),
    contractedOn: '2025年4月18日',
    supplierName: '赤峰市恒达建筑工程有限公司',
    ...over,
  };
}

async function rowsInDb(): Promise<number> {
  const [r] = await h.db.select({ n: count() }).from(historicalProcurements);
  return r?.n ?? 0;
}
async function importsInDb(): Promise<number> {
  const [r] = await h.db.select({ n: count() }).from(historicalImports);
  return r?.n ?? 0;
}

interface Refusal {
  code: string;
  message: string;
  path?: string;
  sheet?: string | null;
  errors: { row: number; column: string; message: string }[];
  errorCount: number;
  truncated: boolean;
}

/** Uploads a ledger that must be refused, and checks nothing at all was written. */
async function refused(name: string, bytes: Buffer, status: number) {
  const [rows, imports] = [await rowsInDb(), await importsInDb()];
  const res = await uploadLedger(agent, name, bytes, status);
  expect(await rowsInDb()).toBe(rows);
  expect(await importsInDb()).toBe(imports);
  return res.json<Refusal>();
}

describe('importing a ledger', () => {
  it('imports every row exactly in fen, with one audit event, and lists the import', async () => {
    const rows = [
      share({ projectCode: 'YL-2025-001', programme: '校安工程', lotNo: 1 }),
      share({
        projectCode: 'YL-2025-001',
        programme: '校安工程',
        lotNo: 2,
        budget: '2,000,000.00',
        contract: 1_800_000,
        paid: 1_790_000.01,
      }),
      share({
        projectCode: 'YL-2025-002',
        category: '服务',
        serviceKind: '预选',
        method: '竞争性磋商',
        purchaserName: '云岭县新城镇人民政府',
        purchaserLevel: '乡镇',
        budget: '350000',
        contract: '300000',
        paid: null, // not settled: savings against the contract
        commissionedOn: null,
        contractedOn: new Date(Date.UTC(2025, 10, 30)),
      }),
    ];
    const file = await ledgerXlsx(rows);
    const res = await uploadLedger(agent, '2025年台账.xlsx', file, 200);
    const body = res.json();
    expect(body).toEqual({
      importId: expect.any(String),
      dryRun: false,
      fileName: '2025年台账.xlsx',
      fileSha256: createHash('sha256').update(file).digest('hex'),
      format: 'xlsx',
      sheet: '采购台账',
      rows: 3,
      procurements: 2,
      lots: 3,
      budgetFen: String(100_000_000n + 200_000_000n + 35_000_000n),
      contractFen: String(90_000_050n + 180_000_000n + 30_000_000n),
      paidFen: String(90_000_050n + 179_000_001n),
      from: '2025-04-18',
      to: '2025-11-30',
    });
    const stored = await h.db
      .select()
      .from(historicalProcurements)
      .where(eq(historicalProcurements.importId, body.importId))
      .orderBy(historicalProcurements.rowNo);
    expect(
      stored.map((r) => [r.rowNo, r.projectCode, r.lotNo, r.budgetFen, r.contractFen, r.paidFen]),
    ).toEqual([
      [2, 'YL-2025-001', 1, 100_000_000n, 90_000_050n, 90_000_050n],
      [3, 'YL-2025-001', 2, 200_000_000n, 180_000_000n, 179_000_001n],
      [4, 'YL-2025-002', 1, 35_000_000n, 30_000_000n, null],
    ]);
    expect(stored[0]).toMatchObject({
      purchaserLevel: 'county',
      category: 'works',
      method: 'openTender',
      programme: '校安工程',
      commissionedOn: '2025-03-01',
      contractedOn: '2025-04-18',
      supplierName: '赤峰市恒达建筑工程有限公司',
    });
    expect(stored[2]).toMatchObject({
      purchaserLevel: 'township',
      category: 'services',
      serviceKind: 'preselected',
      method: 'consultation',
      commissionedOn: null,
      contractedOn: '2025-11-30',
    });
    const events = await h.db.select().from(auditEvents).where(eq(auditEvents.entityId, body.importId));
    expect(events.map((e) => [e.action, e.entityType])).toEqual([
      ['statistics.historyImported', 'historicalImport'],
    ]);
    expect(events[0]?.after).toMatchObject({ fileSha256: body.fileSha256, rows: 3, budgetFen: '335000000' });

    const list = await director.request({ method: 'GET', url: '/api/statistics/history' });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toContainEqual({
      id: body.importId,
      fileName: '2025年台账.xlsx',
      fileSha256: body.fileSha256,
      rowCount: 3,
      importedAt: '2026-03-02T01:00:00.000Z',
      importedByName: '测试agent',
      procurements: 2,
      budgetFen: '335000000',
      from: '2025-04-18',
      to: '2025-11-30',
    });

    // The statistics count it: 2 procurements, the unsettled one at its contract amount.
    const rep = await agent.request({
      method: 'GET',
      url: '/api/statistics/report?from=2025-01-01&to=2025-12-31&source=historical',
    });
    const r = rep.json<StatisticsReport>();
    expect(r.total).toMatchObject({ procurements: 2, lots: 3, budgetFen: '335000000', allSettled: false });
    expect(r.total.actualFen).toBe(String(90_000_050n + 179_000_001n + 30_000_000n));
    expect(r.serviceKinds.map((k) => [k.serviceKind, k.procurements])).toEqual([['preselected', 1]]);
  });

  it('reads UTF-8 CSV (with a BOM), and validates without writing on dryRun', async () => {
    const rows = [
      share({ category: '货物', method: '询价' }),
      share({ category: '货物', method: '询价', lotNo: '第2包' }),
    ];
    const csv = ledgerCsv(rows);
    const before = await rowsInDb();
    const dry = await uploadLedger(agent, '货物.csv', csv, 200, '?dryRun=true');
    expect(dry.json()).toMatchObject({
      importId: null,
      dryRun: true,
      format: 'csv',
      sheet: null,
      rows: 2,
      lots: 2,
    });
    expect(await rowsInDb()).toBe(before);
    const real = await uploadLedger(agent, '货物.csv', csv, 200);
    expect(real.json()).toMatchObject({ dryRun: false, rows: 2, procurements: 2, budgetFen: '200000000' });
    expect(await rowsInDb()).toBe(before + 2);
    // Without a BOM too.
    await uploadLedger(agent, '货物2.csv', ledgerCsv([share()], false), 200);
  });

  it('finds the header under a title line and ignores columns it does not read', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('2025年');
    ws.addRow(['云岭县政府采购中心2025年采购台账']);
    ws.addRow([
      '序号',
      '项目编号',
      '项目名称',
      '采购单位',
      '采购人层级',
      '采购类别',
      '采购方式',
      '预算金额（元）',
      '中标金额（元）',
      '合同签订日期',
      '备注',
    ]);
    ws.addRow([
      1,
      'TT-1',
      '办公桌椅',
      '云岭县财政局',
      '县直',
      '货物类',
      '询价',
      52_000,
      49_800,
      '2025/6/3',
      '已验收',
    ]);
    const res = await uploadLedger(agent, 'title.xlsx', Buffer.from(await wb.xlsx.writeBuffer()), 200);
    expect(res.json()).toMatchObject({ sheet: '2025年', rows: 1, budgetFen: '5200000' });
  });
});

describe('refusals: nothing written, every error by row and column', () => {
  it('reports every problem of every row in one 422, in the row order a clerk fixes them', async () => {
    const platformCode = 'ZC2025-0099';
    await h.db.insert(projects).values({
      code: platformCode,
      name: '平台项目',
      year: 2025,
      category: 'goods',
      method: 'rfq',
      requirements: {} as Requirements,
      createdAt: h.clock.now(),
      updatedAt: h.clock.now(),
    });
    const earlier = share({ projectCode: 'EARLY-1' });
    await uploadLedger(agent, 'earlier.xlsx', await ledgerXlsx([earlier]), 200);

    const rows: LedgerRow[] = [
      share(), // row 2: fine
      share({ projectCode: 'DUP-1' }), // row 3
      share({ projectCode: 'DUP-1' }), // row 4: same code, lot and purchaser as row 3
      share({ projectCode: 'EARLY-1' }), // row 5: already imported
      share({ projectCode: platformCode }), // row 6
      share({ commissionedOn: '2025-05-01', contractedOn: '2025-04-30' }), // row 7
      share({ contractedOn: '2026-03-03' }), // row 8: tomorrow in Shanghai
      share({ serviceKind: 'PPP' }), // row 9: works
      share({ purchaserLevel: '省直', category: '物资', method: '招标' }), // row 10
      share({ budget: 0, contract: 0, paid: 0 }), // row 11
      share({ budget: '-5' }), // row 12
      share({ budget: '12.5万' }), // row 13
      share({ budget: 1000.005 }), // row 14
      share({ projectCode: null, contractedOn: null }), // row 15
    ];
    const body = await refused('bad.xlsx', await ledgerXlsx(rows), 422);
    expect(body.code).toBe('HISTORY_INVALID');
    expect(body.sheet).toBe('采购台账');
    expect(body.truncated).toBe(false);
    expect(body.errorCount).toBe(body.errors.length);
    expect(body.message).toBe(
      `台账中有 ${body.errorCount} 处错误，未导入任何记录；请按错误清单改正后重新上传`,
    );
    const at = (row: number) => body.errors.filter((e) => e.row === row);
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual([]);
    expect(at(4)).toEqual([
      {
        row: 4,
        column: '项目编号',
        message: '与第 3 行重复：项目编号、标段(包)号、采购人都相同（每个采购人在一个标段只填一行）',
      },
    ]);
    expect(at(5)).toEqual([
      {
        row: 5,
        column: '项目编号',
        message:
          '与已导入的“earlier.xlsx”第 2 行重复：项目编号、标段(包)号、采购人都相同；如需更正，请先撤回那一批导入',
      },
    ]);
    expect(at(6)).toEqual([
      {
        row: 6,
        column: '项目编号',
        message: `项目编号“${platformCode}”是平台中已有项目的编号：平台中的项目已计入统计，不能再作为历史记录导入；如确为另一项目，请给台账编号加上前缀以示区别`,
      },
    ]);
    expect(at(7)).toEqual([
      { row: 7, column: '委托日期', message: '委托日期 2025-05-01 晚于合同签订日期 2025-04-30，请核对' },
    ]);
    expect(at(8)).toEqual([
      {
        row: 8,
        column: '合同签订日期',
        message: '合同签订日期 2026-03-03 晚于今天（2026-03-02）：历史台账只导入已经签订的合同',
      },
    ]);
    expect(at(9)).toEqual([
      {
        row: 9,
        column: '服务细分',
        message: '服务细分只用于服务类项目，本行采购类别为“工程”，请清空该单元格',
      },
    ]);
    expect(at(10)).toEqual([
      {
        row: 10,
        column: '采购人层级',
        message: '采购人层级“省直”不在可选值中（县直单位、旗直单位、区直单位、乡镇、村级）',
      },
      { row: 10, column: '采购类别', message: '采购类别“物资”不在可选值中（货物、工程、服务）' },
      {
        row: 10,
        column: '采购方式',
        message: '采购方式“招标”不在可选值中（公开招标、邀请招标、竞争性谈判、竞争性磋商、询价、单一来源）',
      },
    ]);
    expect(at(11)).toEqual([{ row: 11, column: '预算金额(元)', message: '预算金额应大于零' }]);
    expect(at(12)).toEqual([
      { row: 12, column: '预算金额(元)', message: '预算金额(元)“-5”为负数，金额不能为负' },
    ]);
    expect(at(13)[0]).toEqual({
      row: 13,
      column: '预算金额(元)',
      message: '预算金额(元)“12.5万”：本列以元为单位，请把万元换算为元后填写（如 12.5万 填 125000）',
    });
    expect(at(14)[0]).toEqual({
      row: 14,
      column: '预算金额(元)',
      message: '预算金额(元)“1000.005”超过两位小数：金额以元为单位，精确到分',
    });
    expect(at(15)).toEqual([
      { row: 15, column: '项目编号', message: '项目编号不能为空' },
      { row: 15, column: '合同签订日期', message: '合同签订日期不能为空' },
    ]);
    // Rows come in order.
    const order = body.errors.map((e: { row: number }) => e.row);
    expect(order).toEqual([...order].sort((a: number, b: number) => a - b));
  });

  it('caps the list at 1,000 errors and says how many there are', async () => {
    const rows = Array.from({ length: 1200 }, () => share({ budget: 'N/A' }));
    const body = await refused('many.csv', ledgerCsv(rows), 422);
    expect(body.errors).toHaveLength(1000);
    expect(body.errorCount).toBe(1200);
    expect(body.truncated).toBe(true);
  });

  it('names missing columns on the header row', async () => {
    const file = await ledgerXlsx([share()], { keys: ['projectCode', 'projectName', 'budget'] });
    const body = await refused('cols.xlsx', file, 422);
    expect(body.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [1, '采购人'],
      [1, '采购人层级'],
      [1, '采购类别'],
      [1, '采购方式'],
      [1, '合同金额(元)'],
      [1, '合同签订日期'],
    ]);
  });

  it('refuses a file imported before (409), naming when and under what name', async () => {
    const file = await ledgerXlsx([share()]);
    await uploadLedger(agent, 'once.xlsx', file, 200);
    const body = await refused('renamed.xlsx', file, 409);
    expect(body).toEqual({
      code: 'HISTORY_ALREADY_IMPORTED',
      path: 'file',
      message:
        '该文件已于 2026-03-02 导入过（“once.xlsx”），不能重复导入；如需更正，请先撤回该批导入，再上传改正后的文件',
    });
  });

  it('refuses other file types (415), GBK CSV (415), broken .xlsx (400), empty and oversized files', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
    expect((await refused('a.pdf', pdf, 415)).code).toBe('HISTORY_FILE_TYPE');
    const xls = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(2048),
    ]);
    const xlsBody = await refused('old.xls', xls, 415);
    expect(xlsBody.message).toContain('.xls');
    const gbk = Buffer.concat([
      Buffer.from([0xcf, 0xee, 0xc4, 0xbf, 0xb1, 0xe0, 0xba, 0xc5]),
      Buffer.from(',x\r\n1,2\r\n'),
    ]);
    const gbkBody = await refused('gbk.csv', gbk, 415);
    expect(gbkBody).toMatchObject({ code: 'HISTORY_CSV_ENCODING', path: 'file' });
    expect(gbkBody.message).toContain('CSV UTF-8');
    const good = await ledgerXlsx([share()]);
    expect((await refused('cut.xlsx', good.subarray(0, 300), 400)).code).toBe('HISTORY_FILE_BROKEN');
    const zip = Buffer.from(
      'UEsDBAoAAAAAAAAAIQAAAAAAAAAAAAAAAAAFAAAAYS50eHRQSwECFAAKAAAAAAAAACEAAAAAAAAAAAAAAAAABQAAAAAAAAAAAAAAAAAAAAAAYS50eHRQSwUGAAAAAAEAAQAzAAAAIwAAAAAA',
      'base64',
    );
    const zipRes = await uploadLedger(agent, 'a.zip', zip);
    expect([400, 415]).toContain(zipRes.statusCode);
    expect((await refused('empty.csv', Buffer.alloc(0), 400)).code).toBe('HISTORY_FILE_EMPTY');
    expect((await refused('header.csv', ledgerCsv([]), 400)).code).toBe('HISTORY_NO_ROWS');
    const big = Buffer.alloc(32 * 1024 * 1024 + 1, 0x41);
    expect((await refused('big.csv', big, 413)).code).toBe('FILE_TOO_LARGE');
    const noFile = await agent.request({ method: 'POST', url: '/api/statistics/history', payload: {} });
    expect(noFile.statusCode).toBe(415);
  });

  it('refuses more than 50,000 rows', async () => {
    const line = '项目编号,项目名称\r\n' + 'X,Y\r\n'.repeat(50_001);
    const body = await refused('huge.csv', Buffer.from(line), 400);
    expect(body.code).toBe('HISTORY_TOO_MANY_ROWS');
  });
});

describe('withdrawing an import', () => {
  it('removes the whole batch, audited, after which the file may be imported again', async () => {
    const file = await ledgerXlsx([share(), share(), share()]);
    const first = (await uploadLedger(agent, 'wrong.xlsx', file, 200)).json();
    const before = await rowsInDb();
    const res = await director.request({
      method: 'DELETE',
      url: `/api/statistics/history/${first.importId}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ id: first.importId, fileName: 'wrong.xlsx', rowsRemoved: 3 });
    expect(await rowsInDb()).toBe(before - 3);
    const [event] = await h.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'statistics.historyWithdrawn'));
    expect(event).toMatchObject({ entityType: 'historicalImport', entityId: first.importId });
    expect(event?.before).toMatchObject({
      fileName: 'wrong.xlsx',
      rowCount: 3,
      procurements: 3,
      budgetFen: '300000000',
    });
    const list = (await agent.request({ method: 'GET', url: '/api/statistics/history' })).json();
    expect(list.map((i: { id: string }) => i.id)).not.toContain(first.importId);
    const again = await director.request({
      method: 'DELETE',
      url: `/api/statistics/history/${first.importId}`,
    });
    expect(again.statusCode).toBe(404);
    await uploadLedger(agent, 'wrong.xlsx', file, 200);
  });
});

describe('who may', () => {
  it('lets the supervisors read the list but not import; keeps purchasers out of the centre’s ledgers', async () => {
    expect((await finance.request({ method: 'GET', url: '/api/statistics/history' })).statusCode).toBe(200);
    const file = await ledgerXlsx([share()]);
    const res = await finance.request({
      method: 'POST',
      url: '/api/statistics/history',
      ...multipart('x.xlsx', file),
    });
    expect(res.statusCode).toBe(403);
    expect((await purchaser.request({ method: 'GET', url: '/api/statistics/history' })).statusCode).toBe(404);
    expect(
      (await finance.request({ method: 'GET', url: '/api/statistics/history/template' })).statusCode,
    ).toBe(403);
  });

  it('gives the centre the template, which imports nothing until filled in', async () => {
    const res = await director.request({ method: 'GET', url: '/api/statistics/history/template' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('历史采购台账导入模板.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(res.rawPayload).buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['采购台账', '说明']);
    expect((await refused('模板.xlsx', res.rawPayload, 400)).code).toBe('HISTORY_NO_ROWS');
    // Filled in, it imports.
    const ws = wb.worksheets[0];
    ws?.addRow([
      'TPL-1',
      '课桌椅',
      1,
      '云岭县第一中学',
      '县直单位',
      '货物',
      null,
      '询价',
      null,
      80_000,
      76_500,
      76_500,
      null,
      new Date(Date.UTC(2025, 8, 1)),
      '某家具厂',
    ]);
    await uploadLedger(agent, '模板已填.xlsx', Buffer.from(await wb.xlsx.writeBuffer()), 200);
  });
});
