import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../src/modules/orgs/rules.ts';
import {
  experts,
  expertSpecialties,
  purchasers,
  specialties,
  suppliers,
} from '../src/modules/orgs/tables.ts';
import { idNumberCheckChar } from '../src/modules/orgs/id-number.ts';
import { auditEvents } from '../src/platform/audit/tables.ts';
import { startHarness, type TestHarness } from './support/harness.ts';

let h: TestHarness;
beforeAll(async () => {
  h = await startHarness();
  await h.db.insert(specialties).values([
    { code: 'B', name: '工程', parentCode: null },
    { code: 'B01', name: '房屋建筑', parentCode: 'B' },
    { code: 'B0101', name: '房屋建筑施工', parentCode: 'B01' },
    { code: 'B0102', name: '装饰装修', parentCode: 'B01' },
  ]);
});
afterAll(async () => {
  await h.close();
});

function multipart(name: string, content: Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----zhengcai-import-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, content, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function xlsx(header: string[], rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

let serial = 0;
/** A unique, valid enterprise credit code per call. */
function firmCode(): string {
  const body = `91150430${String(process.pid % 1000).padStart(3, '0')}${String(++serial).padStart(6, '0')}`;
  return body + creditCodeCheckChar(body);
}
/** A unique, valid resident ID number per call (birth dates walk through 1970). */
function idNumber(): string {
  const day = new Date(Date.UTC(1970, 0, 1) + ++serial * 86_400_000);
  const ymd = day.toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `150430${ymd}${String(serial % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

const SUPPLIER_HEADER = [
  '供应商名称',
  '统一社会信用代码',
  '法定代表人',
  '企业规模',
  '行政区划代码',
  '联系电话',
];
const supplierRow = (i: number, code = firmCode()): string[] => [
  `测试导入供应商${serial}-${i}有限公司`,
  code,
  '李华',
  '小型',
  '150430',
  '13800138000',
];
const EXPERT_HEADER = [
  '姓名',
  '身份证号',
  '手机号',
  '职称级别',
  '职称名称',
  '从业年限',
  '工作单位',
  '行政区划代码',
  '专业代码',
];
const expertRow = (i: number): string[] => [
  `专家${i}`,
  idNumber(),
  '13900139000',
  i % 2 ? '高级' : '中级',
  i % 2 ? '高级工程师' : '工程师',
  i % 2 ? '12' : '9',
  '示例设计院',
  '150430',
  i % 3 ? 'B0101' : 'B0101、B0102',
];

describe('registry import', () => {
  it.each(['purchasers', 'suppliers', 'experts'])(
    '%s: the template downloads and imports cleanly',
    async (kind) => {
      const agent = await h.signedIn('agent');
      const res = await agent.request({ method: 'GET', url: `/api/imports/${kind}/template` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(res.headers['content-disposition']).toContain(encodeURIComponent('导入模板.xlsx'));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(new Uint8Array(res.rawPayload).buffer);
      expect(wb.worksheets.map((w) => w.name)).toContain('说明');
      const sheet = wb.worksheets[0];
      expect(sheet?.actualRowCount).toBe(2);
      const help = wb.getWorksheet('说明');
      expect(help?.getRow(1).getCell(1).text).toBe('列名');
      const imported = await agent.request({
        method: 'POST',
        url: `/api/imports/${kind}`,
        ...multipart('模板.xlsx', res.rawPayload),
      });
      expect(imported.json()).toMatchObject({ kind, created: 1, rowCount: 1, dryRun: false });
    },
  );

  it('imports a valid xlsx of N experts, active, with their specialties, and one audit event', async () => {
    const agent = await h.signedIn('agent');
    const rows = Array.from({ length: 40 }, (_, i) => expertRow(i));
    const file = await xlsx(EXPERT_HEADER, rows);
    const res = await agent.request({
      method: 'POST',
      url: '/api/imports/experts',
      ...multipart('专家.xlsx', file),
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ kind: 'experts', rowCount: 40, created: 40 });
    expect(body.fileHash).toBe(createHash('sha256').update(file).digest('hex'));
    const ids = rows.map((r) => r[1] ?? '');
    const stored = await h.db.select().from(experts).where(inArray(experts.idNumber, ids));
    expect(stored).toHaveLength(40);
    expect(new Set(stored.map((e) => e.status))).toEqual(new Set(['active']));
    const links = await h.db
      .select()
      .from(expertSpecialties)
      .where(
        inArray(
          expertSpecialties.expertId,
          stored.map((e) => e.id),
        ),
      );
    expect(links).toHaveLength(40 + 14);
    const [event] = await h.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'registry.imported'), eq(auditEvents.entityId, body.importId)));
    expect(event?.after).toMatchObject({
      kind: 'experts',
      fileHash: body.fileHash,
      rowCount: 40,
      createdCount: 40,
    });
  });

  it('imports nothing when one row is wrong, and names the row, the column and the reason', async () => {
    const agent = await h.signedIn('agent');
    const rows = Array.from({ length: 10 }, (_, i) => supplierRow(i));
    const good = rows[5]?.[1] ?? '';
    const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    rows[5] = supplierRow(5, wrong); // Excel row 7: header is row 1
    const res = await agent.request({
      method: 'POST',
      url: '/api/imports/suppliers',
      ...multipart('供应商.xlsx', await xlsx(SUPPLIER_HEADER, rows)),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toEqual({
      code: 'IMPORT_INVALID',
      message: '文件中有 1 处错误，未导入任何记录；请按错误清单改正后重新上传',
      errors: [
        {
          row: 7,
          column: '统一社会信用代码',
          message: `第 18 位校验码应为“${good[17]}”，实际为“${wrong[17]}”`,
        },
      ],
      errorCount: 1,
      truncated: false,
    });
    const codes = rows.map((r) => r[1] ?? '');
    expect(await h.db.select().from(suppliers).where(inArray(suppliers.creditCode, codes))).toEqual([]);
  });

  it('validates without writing on dryRun, then imports suppliers as pending; a second upload is a duplicate', async () => {
    const admin = await h.signedIn('admin');
    const rows = Array.from({ length: 5 }, (_, i) => supplierRow(i));
    const file = await xlsx(SUPPLIER_HEADER, rows);
    const codes = rows.map((r) => r[1] ?? '');
    const dry = await admin.request({
      method: 'POST',
      url: '/api/imports/suppliers?dryRun=true',
      ...multipart('s.xlsx', file),
    });
    expect(dry.json()).toMatchObject({ dryRun: true, created: 5, importId: null });
    expect(await h.db.select().from(suppliers).where(inArray(suppliers.creditCode, codes))).toEqual([]);
    const real = await admin.request({
      method: 'POST',
      url: '/api/imports/suppliers',
      ...multipart('s.xlsx', file),
    });
    expect(real.json()).toMatchObject({ dryRun: false, created: 5 });
    const stored = await h.db.select().from(suppliers).where(inArray(suppliers.creditCode, codes));
    expect(stored.map((s) => s.status)).toEqual(['pending', 'pending', 'pending', 'pending', 'pending']);
    const again = await admin.request({
      method: 'POST',
      url: '/api/imports/suppliers',
      ...multipart('s.xlsx', file),
    });
    expect(again.statusCode).toBe(422);
    expect(again.json().errorCount).toBe(5);
    expect(again.json().errors[0]).toEqual({
      row: 2,
      column: '统一社会信用代码',
      message: `统一社会信用代码已被系统中的供应商“${rows[0]?.[0]}”使用`,
    });
  });

  it('reads UTF-8 CSV with a BOM and quoted commas and line breaks; villages find their township in the file or the database', async () => {
    const agent = await h.signedIn('agent');
    const csv = [
      '单位名称,级别,上级乡镇,行政区划代码,地址',
      '"导入测试乡人民政府",乡镇,,150430,"政府街 1 号, 院内"',
      '导入测试一村村民委员会,村级,导入测试乡人民政府,150430,"一村',
      '村部二楼"',
    ].join('\r\n');
    const res = await agent.request({
      method: 'POST',
      url: '/api/imports/purchasers',
      ...multipart('单位.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)])),
    });
    expect(res.json()).toMatchObject({ created: 2, rowCount: 2 });
    const [township] = await h.db.select().from(purchasers).where(eq(purchasers.name, '导入测试乡人民政府'));
    const [village] = await h.db
      .select()
      .from(purchasers)
      .where(eq(purchasers.name, '导入测试一村村民委员会'));
    expect(township?.address).toBe('政府街 1 号, 院内');
    expect(village).toMatchObject({ level: 'village', parentId: township?.id, address: '一村\r\n村部二楼' });

    const second = await agent.request({
      method: 'POST',
      url: '/api/imports/purchasers',
      ...multipart(
        '单位2.csv',
        Buffer.from('单位名称,级别,上级乡镇,行政区划代码\n导入测试二村,村级,导入测试乡人民政府,150430\n'),
      ),
    });
    expect(second.json()).toMatchObject({ created: 1 });
  });

  it('reads CSV saved by Excel on Chinese Windows (GB18030)', async () => {
    const agent = await h.signedIn('agent');
    const rows = [supplierRow(1), supplierRow(2)];
    const text = [SUPPLIER_HEADER, ...rows].map((r) => r.join(',')).join('\r\n');
    const res = await agent.request({
      method: 'POST',
      url: '/api/imports/suppliers',
      ...multipart('供应商.csv', gb18030(text)),
    });
    expect(res.json()).toMatchObject({ created: 2 });
    const [stored] = await h.db
      .select()
      .from(suppliers)
      .where(eq(suppliers.creditCode, rows[0]?.[1] ?? ''));
    expect(stored?.name).toBe(rows[0]?.[0]);
  });

  it('refuses broken, empty, foreign, header-only and oversized files with a stable code', async () => {
    const agent = await h.signedIn('agent');
    const post = (name: string, content: Buffer) =>
      agent.request({ method: 'POST', url: '/api/imports/experts', ...multipart(name, content) });
    const file = await xlsx(EXPERT_HEADER, [expertRow(1)]);
    const broken = await post('坏.xlsx', file.subarray(0, Math.floor(file.length / 2)));
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({ code: 'IMPORT_FILE_BROKEN', path: 'file' });
    expect((await post('空.xlsx', Buffer.alloc(0))).json()).toMatchObject({ code: 'IMPORT_FILE_EMPTY' });
    const pdf = await post('名单.xlsx', Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'));
    expect(pdf.statusCode).toBe(415);
    expect(pdf.json().code).toBe('IMPORT_FILE_TYPE');
    const headerOnly = await post('表头.xlsx', await xlsx(EXPERT_HEADER, []));
    expect(headerOnly.json()).toMatchObject({ code: 'IMPORT_NO_ROWS' });
    const many = `${EXPERT_HEADER.join(',')}\n${'张三,1,1,高级,x,1,x,1,B0101\n'.repeat(20_001)}`;
    const tooMany = await post('多.csv', Buffer.from(many));
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().code).toBe('IMPORT_TOO_MANY_ROWS');
    const missing = await post('缺列.csv', Buffer.from('姓名,身份证号\n张三,1\n'));
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors[0]).toMatchObject({ row: 1, column: '手机号' });
  });

  it('caps the error list at 500 and tells the total', async () => {
    const agent = await h.signedIn('agent');
    // Two errors a row (ID number and phone): 600 in all.
    const csv = `${EXPERT_HEADER.join(',')}\n${'张三,1,1,高级,x,1,x,150430,B0101\n'.repeat(300)}`;
    const res = await agent.request({
      method: 'POST',
      url: '/api/imports/experts',
      ...multipart('e.csv', Buffer.from(csv)),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ errorCount: 600, truncated: true });
    expect(res.json().errors).toHaveLength(500);
  });

  it('is for the centre staff only', async () => {
    const supplier = await h.signedIn('supplier');
    expect(
      (await supplier.request({ method: 'GET', url: '/api/imports/suppliers/template' })).statusCode,
    ).toBe(403);
  });
});

/**
 * Encodes text as GB18030 for the test, built from the platform's own decoder: every two-byte GBK code is
 * decoded once and the table inverted. ASCII passes through.
 */
function gb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`no GBK code for ${ch}`);
      out.push(...bytes);
    }
  }
  return Buffer.from(out);
}
