/**
 * The report as the annual summary the centres write (seeds 000 and 004): a title, 一、工作目标完成情况 with the
 * headline and category sentences and the target, 二、分类统计 with the tables and their sentences, 三、专家库.
 * A4, 宋体 body with a two-character first-line indent, 黑体 headings, page numbers in the footer.
 */
import {
  AlignmentType,
  Document,
  Footer,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type FileChild,
} from 'docx';
import { METHOD_LABELS } from '../../tendering/index.ts';
import type { Figures, StatisticsReport } from '../contract.ts';
import { CATEGORY_LABELS } from '../report.ts';
import { percentText } from '../rules.ts';
import { shanghaiDay } from '../../../platform/clock.ts';
import { chineseCount, meanCycleDays, periodText, scopeText, targetRateText, wanTable } from './text.ts';

const BODY_FONT = { ascii: 'Times New Roman', eastAsia: '宋体', hAnsi: 'Times New Roman' };
const HEADING_FONT = { ascii: 'Times New Roman', eastAsia: '黑体', hAnsi: 'Times New Roman' };
const KAITI = { ascii: 'Times New Roman', eastAsia: '楷体', hAnsi: 'Times New Roman' };
/** Half-points: 二号 22pt, 三号 16pt, 四号 14pt, 小四 12pt, 五号 10.5pt. */
const SIZE = { title: 44, h1: 32, h2: 28, body: 28, table: 21 } as const;
const PAGE = {
  size: { width: 11906, height: 16838 },
  margin: { top: 1440, bottom: 1440, left: 1588, right: 1474 },
} as const;

const para = (text: string): Paragraph =>
  new Paragraph({ indent: { firstLineChars: 200 }, spacing: { line: 560 }, children: [new TextRun(text)] });

const h1 = (text: string): Paragraph =>
  new Paragraph({
    spacing: { before: 240, after: 120, line: 560 },
    indent: { firstLineChars: 200 },
    children: [new TextRun({ text, font: HEADING_FONT, size: SIZE.h1 })],
  });

const h2 = (text: string): Paragraph =>
  new Paragraph({
    spacing: { before: 120, after: 60, line: 560 },
    indent: { firstLineChars: 200 },
    children: [new TextRun({ text, font: KAITI, size: SIZE.h2, bold: true })],
  });

function cell(text: string, header: boolean, right: boolean): TableCell {
  return new TableCell({
    verticalAlign: VerticalAlign.CENTER,
    margins: { left: 60, right: 60, top: 30, bottom: 30 },
    children: [
      new Paragraph({
        alignment: header ? AlignmentType.CENTER : right ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [new TextRun({ text, bold: header, size: SIZE.table })],
      }),
    ],
    ...(header ? { shading: { fill: 'E7E6E6' } } : {}),
  });
}

/** A table; columns after the first are right-aligned figures. */
function table(header: string[], rows: string[][], totalRows = 0): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((t) => cell(t, true, false)) }),
      ...rows.map(
        (r, i) =>
          new TableRow({
            children: r.map((t, j) =>
              i >= rows.length - totalRows ? cell(t, true, j > 0) : cell(t, false, j > 0),
            ),
          }),
      ),
    ],
  });
}

const caption = (text: string): Paragraph =>
  new Paragraph({
    alignment: AlignmentType.RIGHT,
    spacing: { before: 60, after: 60 },
    children: [new TextRun({ text, size: SIZE.table })],
  });

const FIGURE_HEADER = ['采购次数', '标段数', '采购预算', '合同金额', '实际采购金额', '节约资金', '节约率'];
const figureCells = (f: Figures): string[] => [
  String(f.procurements),
  String(f.lots),
  wanTable(f.budgetFen),
  wanTable(f.contractFen),
  wanTable(f.actualFen),
  wanTable(f.savingsFen),
  f.savingsRateText,
];

function figureTable(
  first: string,
  rows: { label: string; f: Figures }[],
  total?: Figures,
  totalLabel = '合计',
): FileChild[] {
  return [
    caption('单位：万元'),
    table(
      [first, ...FIGURE_HEADER],
      [
        ...rows.map((r) => [r.label, ...figureCells(r.f)]),
        ...(total ? [[totalLabel, ...figureCells(total)]] : []),
      ],
      total ? 1 : 0,
    ),
  ];
}

/** "实际支付采购金额" when every share was paid, as the headline says it. */
const actualLabel = (f: Figures): string => (f.allSettled ? '实际支付采购金额' : '实际采购金额');

/** The figures as one clause: "采购预算1555万元，实际采购金额1365万元，节约资金190万元，资金节约率12.24%". */
const figuresClause = (f: Figures): string =>
  `采购预算${f.budgetText}，${actualLabel(f)}${f.actualText}，节约资金${f.savingsText}，资金节约率${f.savingsRateText}`;

/** 中心确定的目标是完成采购预算1亿元，资金节约率达10%以上；已超额完成. */
export function targetSentence(r: StatisticsReport): string | null {
  const t = r.target;
  if (!t) return null;
  const goal = `中心确定的目标是完成采购预算${t.budgetText}，资金节约率达${targetRateText(t.savingsRateBp)}以上`;
  if (t.budgetMet && t.savingsRateMet) {
    const over = t.budgetProgressBp > 10_000 || r.total.savingsRateBp > t.savingsRateBp;
    return `${goal}；${over ? '已超额完成' : '已完成'}。`;
  }
  return (
    `${goal}；截至${r.query.to}，完成采购预算目标的${percentText(t.budgetProgressBp)}，` +
    `${t.budgetMet ? '采购预算目标已完成' : '采购预算目标尚未完成'}，资金节约率${r.total.savingsRateText}，` +
    `${t.savingsRateMet ? '达到目标' : '未达到目标'}。`
  );
}

/** "校安工程共完成二十七个标段（三个项目），采购预算…". */
export function programmeSentence(p: StatisticsReport['programmes'][number]): string {
  return `${p.programme}共完成${chineseCount(p.lots)}个标段（${chineseCount(p.procurements)}个项目），${figuresClause(p)}。`;
}

export function expertSentence(r: StatisticsReport, period: string): string {
  const e = r.experts;
  let s = `中心专家库现有在库专家${e.poolSize}人。`;
  if (e.committees === 0) return `${s}${period}没有组建评标委员会。`;
  s +=
    `${period}共组建评标委员会${e.committees}个，发出专家邀请${e.invitations}人次，确认参加评审${e.seatsFilled}人次` +
    `（${e.distinctExperts}名专家），谢绝${e.declined}人次`;
  if (e.servedShareBp !== null) {
    s += `；参加评审的专家占在库专家的${e.servedShareText}`;
    if (e.poolShort) s += '，专家库人数跟不上项目评审的需求';
  }
  return `${s}。`;
}

/** '2026-11-23' → '2026年11月23日'. */
const chineseDate = (day: string): string => {
  const [y, m, dd] = day.split('-').map(Number);
  return `${y}年${m}月${dd}日`;
};

export interface SummaryInput {
  report: StatisticsReport;
  centreName: string;
}

export function summaryTitle(r: StatisticsReport, centreName: string): string {
  return `${centreName}政府采购统计报告（${periodText(r.query.from, r.query.to)}）`;
}

export async function reportSummary({ report: r, centreName }: SummaryInput): Promise<Buffer> {
  const period = periodText(r.query.from, r.query.to);
  const scope = scopeText(r.query);
  const title = summaryTitle(r, centreName);
  const children: FileChild[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: scope ? 120 : 480, line: 640 },
      children: [new TextRun({ text: title, font: BODY_FONT, size: SIZE.title, bold: true })],
    }),
  ];
  if (scope) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 480 },
        children: [new TextRun({ text: `（统计范围：${scope}）`, font: KAITI })],
      }),
    );
  }

  // 一、工作目标完成情况
  children.push(h1('一、工作目标完成情况'));
  const subject = r.query.purchaserName ?? '中心';
  children.push(
    para(r.total.procurements ? `${period}，${subject}${r.headline}。` : `${period}，${r.headline}`),
  );
  if (r.categorySentences.length) children.push(para(`其中${r.categorySentences.join('；')}。`));
  const target = targetSentence(r);
  if (target) children.push(para(target));

  // 二、分类统计
  children.push(h1('二、分类统计'));
  let n = 0;
  const next = (what: string) => {
    n += 1;
    return h2(`（${chineseCount(n)}）${what}`);
  };
  children.push(next('按采购类别'));
  children.push(
    ...figureTable(
      '类别',
      r.categories.map((c) => ({ label: c.label, f: c })),
      r.total,
    ),
  );
  if (r.serviceKinds.length) {
    const services = r.categories.find((c) => c.category === 'services');
    children.push(next('服务类细分'));
    children.push(
      ...figureTable(
        '服务类别',
        r.serviceKinds.map((k) => ({ label: k.label, f: k })),
        services,
        '服务类合计',
      ),
    );
  }
  if (r.levels.length) {
    children.push(next('按采购人层级'));
    children.push(
      ...figureTable(
        '采购人层级',
        r.levels.map((l) => ({ label: l.label, f: l })),
        r.total,
      ),
    );
  }
  if (r.methods.length) {
    children.push(next('按采购方式'));
    children.push(
      ...figureTable(
        '采购方式',
        r.methods.map((m) => ({ label: m.label, f: m })),
        r.total,
      ),
    );
  }
  const mean = meanCycleDays(r);
  children.push(next('办结期限'));
  if (mean === null) {
    children.push(para('本期间内没有可计算办结期限的项目。'));
  } else {
    children.push(para(`项目全流程办结期限（自委托至合同签订）平均${mean}日。`));
    children.push(
      caption('单位：日'),
      table(
        ['采购方式', '项目数', '平均', '中位数', '90%分位'],
        r.cycleTimes.byMethod.map((m) => [
          m.label,
          String(m.procurements),
          m.meanDays.toFixed(1),
          m.medianDays.toFixed(1),
          m.p90Days.toFixed(1),
        ]),
      ),
    );
  }
  const major = r.major.figures;
  children.push(next('重大采购项目'));
  if (major.procurements === 0) {
    children.push(para('本期间内没有一千万元以上的重大采购项目。'));
  } else {
    children.push(para(`一千万元以上的重大采购项目${major.procurements}个，${figuresClause(major)}。`));
    children.push(
      caption('单位：万元'),
      table(
        ['项目编号', '项目名称', '类别', '采购方式', '采购预算', '实际采购金额', '节约率'],
        r.major.projects.map((p) => [
          p.code,
          p.name,
          CATEGORY_LABELS[p.category],
          METHOD_LABELS[p.method],
          wanTable(p.budgetFen),
          wanTable(p.actualFen),
          p.savingsRateText,
        ]),
      ),
    );
  }
  if (r.programmes.length) {
    children.push(next('专项'));
    for (const p of r.programmes) children.push(para(programmeSentence(p)));
    children.push(
      ...figureTable(
        '专项',
        r.programmes.map((p) => ({ label: p.programme, f: p })),
      ),
    );
  }
  if (r.monthly.length > 1 && r.total.procurements > 0) {
    children.push(next('按月份'));
    children.push(
      ...figureTable(
        '月份',
        r.monthly.map((m) => ({ label: m.month, f: m })),
        r.total,
      ),
    );
  }

  // 三、专家库
  children.push(h1('三、专家库'));
  children.push(para(expertSentence(r, period)));

  children.push(
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: { before: 480 },
      children: [new TextRun(centreName)],
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      children: [new TextRun(chineseDate(shanghaiDay(new Date(r.generatedAt))))],
    }),
  );

  const document = new Document({
    title,
    creator: centreName,
    styles: {
      default: {
        document: { run: { font: BODY_FONT, size: SIZE.body } },
      },
    },
    sections: [
      {
        properties: { page: PAGE },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: SIZE.table })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
