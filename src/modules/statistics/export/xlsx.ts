/**
 * The report as a workbook: the seeds' table on 总表 (goods, works, services, total, with the headline above), and a
 * sheet per breakdown. Amounts are numbers in 万元 with six decimals, exact from fen (text.ts), formatted to two.
 */
import ExcelJS from 'exceljs';
import { METHOD_LABELS } from '../../tendering/index.ts';
import type { Figures, StatisticsReport } from '../contract.ts';
import { CATEGORY_LABELS } from '../report.ts';
import { percentText, rateBp } from '../rules.ts';
import {
  meanCycleDays,
  periodText,
  rateFraction,
  scopeText,
  SOURCE_LABELS,
  targetRateText,
  wanNumber,
} from './text.ts';

const WAN_FORMAT = '#,##0.00';
const RATE_FORMAT = '0.00%';
const COUNT_FORMAT = '#,##0';
const DAYS_FORMAT = '0.0';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
const TOTAL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const FONT = 'SimSun';

/** The seeds' columns after the first (类别, 层级, 方式 …). */
export const FIGURE_HEADERS = [
  '采购次数',
  '标段数',
  '采购预算(万元)',
  '合同金额(万元)',
  '实际支付(万元)',
  '实际采购金额(万元)',
  '节约资金(万元)',
  '资金节约率',
] as const;

interface Column {
  header: string;
  width: number;
  format?: string;
}

const figureColumns = (first: string, firstWidth = 16): Column[] => [
  { header: first, width: firstWidth },
  { header: '采购次数', width: 11, format: COUNT_FORMAT },
  { header: '标段数', width: 9, format: COUNT_FORMAT },
  { header: '采购预算(万元)', width: 17, format: WAN_FORMAT },
  { header: '合同金额(万元)', width: 17, format: WAN_FORMAT },
  { header: '实际支付(万元)', width: 17, format: WAN_FORMAT },
  { header: '实际采购金额(万元)', width: 19, format: WAN_FORMAT },
  { header: '节约资金(万元)', width: 17, format: WAN_FORMAT },
  { header: '资金节约率', width: 12, format: RATE_FORMAT },
];

/** A rate cell: the fraction when there is a budget, "—" otherwise (as the JSON's savingsRateText). */
const rateCell = (f: { budgetFen: string; savingsRateBp: number }): number | string =>
  BigInt(f.budgetFen) > 0n ? rateFraction(f.savingsRateBp) : '—';

function figureValues(label: string, f: Figures): (string | number)[] {
  return [
    label,
    f.procurements,
    f.lots,
    wanNumber(f.budgetFen),
    wanNumber(f.contractFen),
    wanNumber(f.paidFen),
    wanNumber(f.actualFen),
    wanNumber(f.savingsFen),
    rateCell(f),
  ];
}

/** Header row of a sheet's table; the rows above it (title, headline, period) stay frozen with it. */
const HEADER_ROW = 4;

class SheetWriter {
  readonly ws: ExcelJS.Worksheet;
  private readonly columns: Column[];

  constructor(wb: ExcelJS.Workbook, name: string, columns: Column[], title: string, lines: [string, string]) {
    this.columns = columns;
    this.ws = wb.addWorksheet(name, {
      views: [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 1 }],
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    this.ws.properties.defaultRowHeight = 18;
    columns.forEach((c, i) => {
      const col = this.ws.getColumn(i + 1);
      col.width = c.width;
    });
    const last = columns.length;
    this.line(1, title, { bold: true, size: 14 }, 24);
    this.line(2, lines[0], { size: 11 }, lines[0].length > 60 ? 36 : 20);
    this.line(3, lines[1], { size: 10, color: { argb: 'FF595959' } }, 18);
    const header = this.ws.getRow(HEADER_ROW);
    header.values = columns.map((c) => c.header);
    header.height = 22;
    for (let i = 1; i <= last; i += 1) {
      const cell = header.getCell(i);
      cell.font = { name: FONT, bold: true };
      cell.fill = HEADER_FILL;
      cell.border = THIN;
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    }
  }

  private line(row: number, text: string, font: Partial<ExcelJS.Font>, height: number): void {
    const r = this.ws.getRow(row);
    r.getCell(1).value = text;
    r.getCell(1).font = { name: FONT, ...font };
    r.getCell(1).alignment = { vertical: 'middle', wrapText: true };
    r.height = height;
    this.ws.mergeCells(row, 1, row, this.columns.length);
  }

  /** A data row with the columns' number formats; `total` marks a 合计 row. */
  add(values: (string | number | null)[], total = false): ExcelJS.Row {
    const row = this.ws.addRow(values);
    this.columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.border = THIN;
      cell.font = { name: FONT, bold: total };
      if (c.format && typeof cell.value === 'number') cell.numFmt = c.format;
      if (typeof cell.value === 'number' || cell.value === '—') cell.alignment = { horizontal: 'right' };
      if (total) cell.fill = TOTAL_FILL;
    });
    return row;
  }

  /** A note below the table, across its width. */
  note(text: string, bold = false): void {
    const row = this.ws.addRow([text]);
    row.getCell(1).font = { name: FONT, bold, size: 10 };
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    row.height = text.length > 70 ? 32 : 18;
    this.ws.mergeCells(row.number, 1, row.number, this.columns.length);
  }

  blank(): void {
    this.ws.addRow([]);
  }
}

export interface WorkbookInput {
  report: StatisticsReport;
  centreName: string;
}

export async function reportWorkbook({ report: r, centreName }: WorkbookInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = centreName;
  wb.created = new Date(r.generatedAt);
  const period = periodText(r.query.from, r.query.to);
  const scope = scopeText(r.query);
  const about = `统计期间：${r.query.from}至${r.query.to}（${period}）；统计范围：${scope ?? '全中心'}；金额单位：万元；生成时间：${r.generatedAt}`;
  const title = (what: string) => `${centreName}政府采购${what}（${period}）`;
  const sheet = (name: string, columns: Column[], what: string, line2 = about) =>
    new SheetWriter(wb, name, columns, title(what), [line2, line2 === about ? '' : about]);

  // 总表: the seeds' table.
  const main = new SheetWriter(wb, '总表', figureColumns('类别'), title('统计表'), [r.headline, about]);
  for (const c of r.categories) main.add(figureValues(c.label, c));
  main.add(figureValues('合计', r.total), true);
  main.blank();
  if (r.categorySentences.length) main.note(`其中${r.categorySentences.join('；')}。`);
  if (r.target) {
    main.note(
      `年度目标：完成采购预算${r.target.budgetText}，资金节约率达${targetRateText(r.target.savingsRateBp)}以上；` +
        `预算完成进度${percentText(r.target.budgetProgressBp)}（${r.target.budgetMet ? '已完成' : '未完成'}），` +
        `资金节约率${r.total.savingsRateText}（${r.target.savingsRateMet ? '已达到' : '未达到'}）。`,
    );
  }
  main.note(
    '说明：采购次数按项目计，标段数按标段（包）计；实际支付为已支付金额；实际采购金额已结清的按实际支付、其余按合同金额计；节约资金＝采购预算－实际采购金额；资金节约率＝节约资金÷采购预算。',
  );

  // Every share has one level and one method, and every service share one kind: the 合计 rows are the report's.
  const services = r.categories.find((c) => c.category === 'services');
  const breakdown = (
    name: string,
    first: string,
    rows: { label: string; f: Figures }[],
    total: Figures | undefined,
    empty: string,
  ) => {
    const s = sheet(name, figureColumns(first, 22), `${name}统计表`);
    for (const row of rows) s.add(figureValues(row.label, row.f));
    if (rows.length && total) s.add(figureValues(name === '服务细分' ? '服务类合计' : '合计', total), true);
    if (!rows.length) s.note(empty);
  };
  breakdown(
    '服务细分',
    '服务类别',
    r.serviceKinds.map((k) => ({ label: k.label, f: k })),
    services,
    '本期间内没有服务类采购。',
  );
  breakdown(
    '采购人层级',
    '采购人层级',
    r.levels.map((l) => ({ label: l.label, f: l })),
    r.total,
    '本期间内没有完成的采购。',
  );
  breakdown(
    '采购方式',
    '采购方式',
    r.methods.map((m) => ({ label: m.label, f: m })),
    r.total,
    '本期间内没有完成的采购。',
  );
  const programmes = sheet('专项', figureColumns('专项', 28), '专项统计表');
  for (const p of r.programmes) programmes.add(figureValues(p.programme, p));
  if (!r.programmes.length) programmes.note('本期间内没有专项采购。');

  const major = sheet(
    '重大项目',
    [
      { header: '项目编号', width: 20 },
      { header: '项目名称', width: 36 },
      { header: '类别', width: 8 },
      { header: '采购方式', width: 12 },
      { header: '来源', width: 10 },
      { header: '合同签订日', width: 12 },
      { header: '采购预算(万元)', width: 17, format: WAN_FORMAT },
      { header: '实际采购金额(万元)', width: 19, format: WAN_FORMAT },
      { header: '节约资金(万元)', width: 17, format: WAN_FORMAT },
      { header: '资金节约率', width: 12, format: RATE_FORMAT },
    ],
    '重大项目统计表',
    `重大采购项目：采购预算一千万元以上（含）。共${r.major.figures.procurements}个，${r.major.figures.procurements ? `采购预算${r.major.figures.budgetText}，实际采购金额${r.major.figures.actualText}，节约资金${r.major.figures.savingsText}，资金节约率${r.major.figures.savingsRateText}` : '无'}。`,
  );
  for (const p of r.major.projects) {
    major.add([
      p.code,
      p.name,
      CATEGORY_LABELS[p.category],
      METHOD_LABELS[p.method],
      SOURCE_LABELS[p.source],
      p.contractedOn,
      wanNumber(p.budgetFen),
      wanNumber(p.actualFen),
      wanNumber(p.savingsFen),
      rateCell({
        budgetFen: p.budgetFen,
        savingsRateBp: rateBp(BigInt(p.savingsFen), BigInt(p.budgetFen)) ?? 0,
      }),
    ]);
  }
  if (r.major.figures.procurements) {
    const f = r.major.figures;
    major.add(
      [
        `合计（${f.procurements}个）`,
        '',
        '',
        '',
        '',
        '',
        wanNumber(f.budgetFen),
        wanNumber(f.actualFen),
        wanNumber(f.savingsFen),
        rateCell(f),
      ],
      true,
    );
    if (r.major.projects.length < f.procurements)
      major.note(`列出预算最大的${r.major.projects.length}个项目。`);
  } else {
    major.note('本期间内没有一千万元以上的重大采购项目。');
  }

  const monthly = sheet('月度', figureColumns('月份', 12), '月度统计表');
  for (const m of r.monthly) monthly.add(figureValues(m.month, m));
  monthly.add(figureValues('合计', r.total), true);

  const cycle = sheet(
    '办结期限',
    [
      { header: '采购方式', width: 16 },
      { header: '项目数', width: 10, format: COUNT_FORMAT },
      { header: '平均办结天数', width: 14, format: DAYS_FORMAT },
      { header: '中位数(日)', width: 12, format: DAYS_FORMAT },
      { header: '90%分位(日)', width: 12, format: DAYS_FORMAT },
    ],
    '办结期限统计表',
    `办结期限：自委托之日至合同签订之日的自然日数${meanCycleDays(r) === null ? '' : `；全部项目平均${meanCycleDays(r)}日`}。`,
  );
  for (const m of r.cycleTimes.byMethod)
    cycle.add([m.label, m.procurements, m.meanDays, m.medianDays, m.p90Days]);
  if (!r.cycleTimes.byMethod.length) cycle.note('本期间内没有可计算办结期限的项目（缺少委托日期）。');
  cycle.blank();
  const hist = cycle.ws.addRow(['办结天数', '项目数']);
  [1, 2].forEach((i) => {
    const c = hist.getCell(i);
    c.font = { name: FONT, bold: true };
    c.fill = HEADER_FILL;
    c.border = THIN;
    c.alignment = { horizontal: 'center' };
  });
  for (const b of r.cycleTimes.histogram) {
    const row = cycle.ws.addRow([`${b.fromDays}–${b.toDays}日`, b.count]);
    [1, 2].forEach((i) => {
      row.getCell(i).border = THIN;
      row.getCell(i).font = { name: FONT };
    });
  }

  const experts = sheet(
    '专家库',
    [
      { header: '指标', width: 30 },
      { header: '数值', width: 12, format: COUNT_FORMAT },
    ],
    '专家库统计表',
  );
  const e = r.experts;
  experts.add(['在库专家（人）', e.poolSize]);
  experts.add(['期间内评标委员会（个）', e.committees]);
  experts.add(['发出专家邀请（人次）', e.invitations]);
  experts.add(['确认参加评审（人次）', e.seatsFilled]);
  experts.add(['谢绝邀请（人次）', e.declined]);
  experts.add(['参加评审的不同专家（人）', e.distinctExperts]);

  const bytes = await wb.xlsx.writeBuffer();
  return Buffer.from(bytes);
}
