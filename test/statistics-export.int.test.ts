import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centres, purchasers } from '../src/modules/orgs/tables.ts';
import type { Figures, StatisticsReport } from '../src/modules/statistics/contract.ts';
import { historicalImports, historicalProcurements } from '../src/modules/statistics/tables.ts';
import { startHarness, type TestHarness } from './support/harness.ts';
import type { Client } from './support/projects.ts';

/**
 * The report's exports: the workbook's tables and the summary's sentences are the JSON report's figures for the same
 * query, exact to the fen; a bad query is refused as the JSON route refuses it; a purchaser exports its own unit.
 */
let h: TestHarness;
let agent: Client;
let director: Client;
let rep: Client & { user: { purchaserId: string | null } };
let other: Client & { user: { purchaserId: string | null } };
let supplier: Client;
let repUnit: string;

const YEAR = 'from=2025-01-01&to=2025-12-31';

beforeAll(async () => {
  h = await startHarness();
  agent = await h.signedIn('agent');
  director = await h.signedIn('director');
  supplier = await h.signedIn('supplier');
  rep = await h.signedIn('purchaser');
  other = await h.signedIn('purchaser');
  const [unit] = await h.db
    .select()
    .from(purchasers)
    .where(eq(purchasers.id, rep.user.purchaserId ?? ''));
  repUnit = unit?.name ?? '';
  await h.db.insert(centres).values({
    name: '云岭县公共资源交易中心',
    regionCode: '150102',
    regionName: '云岭县',
    createdAt: h.clock.now(),
  });
  const [imp] = await h.db
    .insert(historicalImports)
    .values({ fileName: '2025台账.xlsx', fileSha256: 'b'.repeat(64), rowCount: 6, importedAt: h.clock.now() })
    .returning();
  const base = { importId: imp?.id ?? '', purchaserLevel: 'county', method: 'openTender', lotNo: 1 } as const;
  await h.db.insert(historicalProcurements).values([
    // Goods of the purchaser's own unit, paid in full, amounts that are not whole 万元.
    {
      ...base,
      rowNo: 2,
      projectCode: 'YL-2025-001',
      projectName: '教学设备采购',
      purchaserName: repUnit,
      category: 'goods',
      method: 'rfq',
      budgetFen: 123_456_789n,
      contractFen: 110_000_001n,
      paidFen: 110_000_001n,
      commissionedOn: '2025-03-01',
      contractedOn: '2025-03-29',
    },
    // A programme of works in two lots, one of them a major project (≥ 1000万元).
    {
      ...base,
      rowNo: 3,
      projectCode: 'YL-2025-002',
      projectName: '校安工程一标段',
      purchaserName: '云岭县教育局',
      category: 'works',
      programme: '校安工程',
      budgetFen: 1_234_567_891n,
      contractFen: 1_100_000_000n,
      paidFen: null,
      commissionedOn: '2025-04-01',
      contractedOn: '2025-06-10',
    },
    {
      ...base,
      rowNo: 4,
      projectCode: 'YL-2025-002',
      projectName: '校安工程二标段',
      lotNo: 2,
      purchaserName: '云岭县教育局',
      category: 'works',
      programme: '校安工程',
      budgetFen: 300_000_000n,
      contractFen: 270_000_000n,
      paidFen: 260_000_000n,
      commissionedOn: '2025-04-01',
      contractedOn: '2025-06-10',
    },
    // Services: a pre-selected one of a township and a plain one of a village.
    {
      ...base,
      rowNo: 5,
      projectCode: 'YL-2025-003',
      projectName: '工程造价咨询服务',
      purchaserName: '某镇人民政府',
      purchaserLevel: 'township',
      category: 'services',
      serviceKind: 'preselected',
      method: 'consultation',
      budgetFen: 8_000_000n,
      contractFen: 7_200_000n,
      paidFen: 7_200_000n,
      commissionedOn: '2025-09-01',
      contractedOn: '2025-10-08',
    },
    {
      ...base,
      rowNo: 6,
      projectCode: 'YL-2025-004',
      projectName: '村级物业服务',
      purchaserName: '某村村民委员会',
      purchaserLevel: 'village',
      category: 'services',
      method: 'rfq',
      budgetFen: 2_000_000n,
      contractFen: 1_950_000n,
      paidFen: null,
      contractedOn: '2025-11-20',
    },
  ]);
  const target = await director.request({
    method: 'PUT',
    url: '/api/statistics/targets/2025',
    payload: { budgetFen: '1000000000', savingsRateBp: 1000 },
  });
  expect(target.statusCode, target.body).toBe(200);
}, 120_000);

afterAll(async () => {
  await h?.close();
});

async function json(c: Client, query: string): Promise<StatisticsReport> {
  const res = await c.request({ method: 'GET', url: `/api/statistics/report?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<StatisticsReport>();
}

async function download(c: Client, kind: 'xlsx' | 'docx', query: string) {
  const res = await c.request({ method: 'GET', url: `/api/statistics/report.${kind}?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res;
}

async function workbook(c: Client, query: string): Promise<ExcelJS.Workbook> {
  const res = await download(c, 'xlsx', query);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(res.rawPayload).buffer);
  return wb;
}

/** The document's text, one string per paragraph. */
async function paragraphs(c: Client, query: string): Promise<string[]> {
  const res = await download(c, 'docx', query);
  const zip = await JSZip.loadAsync(res.rawPayload);
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  const unescape = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => unescape(t[1] ?? '')).join(''),
  );
}

/** 万元 with six decimals from fen by string arithmetic: what a cell must hold, exactly. */
function wan(fen: string): number {
  const neg = fen.startsWith('-');
  const digits = (neg ? fen.slice(1) : fen).padStart(7, '0');
  return Number(`${neg ? '-' : ''}${digits.slice(0, -6)}.${digits.slice(-6)}`);
}

/** 万元 to two decimals, half-up, grouped: the printed tables' figures. */
function wan2(fen: string): string {
  const v = BigInt(fen);
  const abs = v < 0n ? -v : v;
  const hundredths = (abs + 5_000n) / 10_000n;
  const int = (hundredths / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${v < 0n ? '-' : ''}${int}.${(hundredths % 100n).toString().padStart(2, '0')}`;
}

function rowOf(ws: ExcelJS.Worksheet, label: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  ws.eachRow((row) => {
    if (!found && row.getCell(1).value === label) found = row;
  });
  if (!found) throw new Error(`${ws.name}: no row ${label}`);
  return found;
}

function expectFigures(row: ExcelJS.Row, f: Figures): void {
  expect(row.getCell(2).value).toBe(f.procurements);
  expect(row.getCell(3).value).toBe(f.lots);
  expect(row.getCell(4).value).toBe(wan(f.budgetFen));
  expect(row.getCell(5).value).toBe(wan(f.contractFen));
  expect(row.getCell(6).value).toBe(wan(f.paidFen));
  expect(row.getCell(7).value).toBe(wan(f.actualFen));
  expect(row.getCell(8).value).toBe(wan(f.savingsFen));
  const rate = row.getCell(9).value;
  if (BigInt(f.budgetFen) === 0n) expect(rate).toBe('—');
  else expect(`${((rate as number) * 100).toFixed(2)}%`).toBe(f.savingsRateText);
}

describe('the .xlsx export', () => {
  it('writes the seeds’ table on 总表 with the headline, exactly as the JSON report', async () => {
    const r = await json(agent, YEAR);
    expect(r.total.procurements).toBe(4);
    const res = await download(agent, 'xlsx', YEAR);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const disposition = String(res.headers['content-disposition']);
    const encoded = /filename\*=UTF-8''(.+)$/.exec(disposition)?.[1] ?? '';
    expect(decodeURIComponent(encoded)).toBe('政府采购统计表（2025-01-01至2025-12-31）.xlsx');
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+";/);

    const wb = await workbook(agent, YEAR);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '总表',
      '服务细分',
      '采购人层级',
      '采购方式',
      '专项',
      '重大项目',
      '月度',
      '办结期限',
      '专家库',
    ]);
    const main = wb.getWorksheet('总表');
    if (!main) throw new Error('总表');
    expect(main.getCell('A1').value).toBe('云岭县公共资源交易中心政府采购统计表（2025年度）');
    expect(main.getCell('A2').value).toBe(r.headline);
    expect(main.getRow(4).values).toEqual([
      undefined,
      '类别',
      '采购次数',
      '标段数',
      '采购预算(万元)',
      '合同金额(万元)',
      '实际支付(万元)',
      '实际采购金额(万元)',
      '节约资金(万元)',
      '资金节约率',
    ]);
    expect(main.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    for (const c of r.categories) expectFigures(rowOf(main, c.label), c);
    expectFigures(rowOf(main, '合计'), r.total);
    // Exact to the fen: 123 456 789 fen is 123.456789 万元.
    expect(rowOf(main, '货物').getCell(4).value).toBe(123.456789);
    expect(rowOf(main, '货物').getCell(4).numFmt).toBe('#,##0.00');
    expect(rowOf(main, '货物').getCell(9).numFmt).toBe('0.00%');
    expect(main.getColumn(4).width).toBeGreaterThan(10);
  });

  it('writes every breakdown as the JSON report has it', async () => {
    const r = await json(agent, YEAR);
    const wb = await workbook(agent, YEAR);
    const sheet = (name: string) => {
      const ws = wb.getWorksheet(name);
      if (!ws) throw new Error(name);
      return ws;
    };
    expect(r.serviceKinds.length).toBe(2);
    for (const k of r.serviceKinds) expectFigures(rowOf(sheet('服务细分'), k.label), k);
    for (const l of r.levels) expectFigures(rowOf(sheet('采购人层级'), l.label), l);
    for (const m of r.methods) expectFigures(rowOf(sheet('采购方式'), m.label), m);
    expect(r.programmes).toHaveLength(1);
    for (const p of r.programmes) expectFigures(rowOf(sheet('专项'), p.programme), p);
    for (const m of r.monthly) expectFigures(rowOf(sheet('月度'), m.month), m);

    expect(r.major.projects.map((p) => p.code)).toEqual(['YL-2025-002']);
    const major = rowOf(sheet('重大项目'), 'YL-2025-002');
    const project = r.major.projects[0];
    expect(major.getCell(2).value).toBe(project?.name);
    expect(major.getCell(7).value).toBe(wan(project?.budgetFen ?? ''));
    expect(major.getCell(8).value).toBe(wan(project?.actualFen ?? ''));
    expect(major.getCell(9).value).toBe(wan(project?.savingsFen ?? ''));
    const majorTotal = rowOf(sheet('重大项目'), `合计（${r.major.figures.procurements}个）`);
    expect(majorTotal.getCell(7).value).toBe(wan(r.major.figures.budgetFen));

    for (const m of r.cycleTimes.byMethod) {
      const row = rowOf(sheet('办结期限'), m.label);
      expect([
        row.getCell(2).value,
        row.getCell(3).value,
        row.getCell(4).value,
        row.getCell(5).value,
      ]).toEqual([m.procurements, m.meanDays, m.medianDays, m.p90Days]);
    }
    expect(rowOf(sheet('专家库'), '在库专家（人）').getCell(2).value).toBe(r.experts.poolSize);
  });

  it('follows the filters of the query', async () => {
    const q = `${YEAR}&category=works`;
    const r = await json(agent, q);
    const wb = await workbook(agent, q);
    const main = wb.getWorksheet('总表');
    if (!main) throw new Error('总表');
    expect(r.total.procurements).toBe(1);
    expectFigures(rowOf(main, '合计'), r.total);
    expect(main.getCell('A3').text).toContain('采购类别：工程');
  });
});

describe('the .docx summary', () => {
  it('writes the headline, category, target, programme and cycle sentences of the JSON report', async () => {
    const r = await json(agent, YEAR);
    const res = await download(agent, 'docx', YEAR);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const encoded = /filename\*=UTF-8''(.+)$/.exec(String(res.headers['content-disposition']))?.[1] ?? '';
    expect(decodeURIComponent(encoded)).toBe('政府采购统计报告（2025-01-01至2025-12-31）.docx');

    const ps = await paragraphs(agent, YEAR);
    expect(ps[0]).toBe('云岭县公共资源交易中心政府采购统计报告（2025年度）');
    for (const heading of ['一、工作目标完成情况', '二、分类统计', '三、专家库'])
      expect(ps).toContain(heading);
    expect(ps).toContain(`2025年度，中心${r.headline}。`);
    expect(r.categorySentences).toHaveLength(3);
    expect(ps).toContain(`其中${r.categorySentences.join('；')}。`);
    // Budget 1 668 024 680 fen ≥ the 1000万元 target, and the savings rate above 10%.
    expect(r.target).toMatchObject({ budgetMet: true, savingsRateMet: true });
    expect(ps).toContain('中心确定的目标是完成采购预算1000万元，资金节约率达10%以上；已超额完成。');
    const prog = r.programmes[0];
    expect(ps).toContain(
      `校安工程共完成二个标段（一个项目），采购预算${prog?.budgetText}，实际采购金额${prog?.actualText}，节约资金${prog?.savingsText}，资金节约率${prog?.savingsRateText}。`,
    );
    const n = r.cycleTimes.byMethod.reduce((a, m) => a + m.procurements, 0);
    const mean = Math.round(r.cycleTimes.byMethod.reduce((a, m) => a + m.meanDays * m.procurements, 0) / n);
    expect(ps).toContain(`项目全流程办结期限（自委托至合同签订）平均${mean}日。`);
    expect(ps).toContain(
      `一千万元以上的重大采购项目1个，采购预算${r.major.figures.budgetText}，实际采购金额${r.major.figures.actualText}，节约资金${r.major.figures.savingsText}，资金节约率${r.major.figures.savingsRateText}。`,
    );
    expect(ps.some((p) => p.startsWith(`中心专家库现有在库专家${r.experts.poolSize}人。`))).toBe(true);
    // The category table, in 万元 to two decimals.
    const goods = r.categories.find((c) => c.category === 'goods');
    expect(ps).toContain(wan2(goods?.budgetFen ?? ''));
    expect(ps).toContain(wan2(r.total.actualFen));
    expect(ps).toContain(r.total.savingsRateText);
  });

  it('says when the target is not met, and names a scope', async () => {
    const raise = await director.request({
      method: 'PUT',
      url: '/api/statistics/targets/2025',
      payload: { budgetFen: '10000000000', savingsRateBp: 1500 },
    });
    expect(raise.statusCode).toBe(200);
    const r = await json(agent, YEAR);
    const ps = await paragraphs(agent, YEAR);
    const t = r.target;
    expect(t?.budgetMet).toBe(false);
    expect(ps).toContain(
      `中心确定的目标是完成采购预算1亿元，资金节约率达15%以上；截至2025-12-31，完成采购预算目标的${(Number(t?.budgetProgressBp) / 100).toFixed(2)}%，采购预算目标尚未完成，资金节约率${r.total.savingsRateText}，${t?.savingsRateMet ? '达到目标' : '未达到目标'}。`,
    );
    const scoped = await paragraphs(agent, `${YEAR}&level=village`);
    expect(scoped).toContain('（统计范围：采购人层级：村级）');
    const empty = await paragraphs(agent, 'from=2024-01-01&to=2024-06-30');
    expect(empty).toContain('2024年1—6月，本期间内没有完成的集中采购。');
  });
});

describe('bad queries and scopes', () => {
  it('refuses a bad query with 400, as the JSON route does', async () => {
    for (const kind of ['xlsx', 'docx']) {
      for (const q of [
        'from=2025-12-31&to=2025-01-01',
        'from=2025-13-01&to=2025-12-31',
        `${YEAR}&category=food`,
        '',
      ]) {
        const res = await agent.request({ method: 'GET', url: `/api/statistics/report.${kind}?${q}` });
        expect(res.statusCode, `${kind} ${q}: ${res.body}`).toBe(400);
        expect(res.json().code).toBeTruthy();
      }
    }
    const late = await agent.request({
      method: 'GET',
      url: '/api/statistics/report.xlsx?from=2025-12-31&to=2025-01-01',
    });
    expect(late.json().message).toContain('起始日不能晚于截止日');
  });

  it('gives a purchaser its own unit only', async () => {
    const own = await json(rep, YEAR);
    expect(own.query.purchaserName).toBe(repUnit);
    expect(own.total.procurements).toBe(1);
    const wb = await workbook(rep, YEAR);
    const main = wb.getWorksheet('总表');
    if (!main) throw new Error('总表');
    expectFigures(rowOf(main, '合计'), own.total);
    expect(main.getCell('A3').text).toContain(`采购人：${repUnit}`);
    const ps = await paragraphs(rep, YEAR);
    expect(ps).toContain(`2025年度，${repUnit}${own.headline}。`);

    // Another unit's report is refused as if the unit did not exist; the other purchaser's own is empty.
    for (const kind of ['xlsx', 'docx']) {
      const res = await other.request({
        method: 'GET',
        url: `/api/statistics/report.${kind}?${YEAR}&purchaserId=${rep.user.purchaserId ?? ''}`,
      });
      expect(res.statusCode).toBe(404);
    }
    const strangers = await workbook(other, YEAR);
    expect(rowOf(strangers.getWorksheet('总表') as ExcelJS.Worksheet, '合计').getCell(2).value).toBe(0);
  });

  it('keeps suppliers and the public out', async () => {
    expect(
      (await supplier.request({ method: 'GET', url: `/api/statistics/report.xlsx?${YEAR}` })).statusCode,
    ).toBe(403);
    const anon = await h.client();
    expect(
      (await anon.request({ method: 'GET', url: `/api/statistics/report.docx?${YEAR}` })).statusCode,
    ).toBe(401);
  });
});
