/**
 * Writes a rendered procurement document as Word (.docx), the format centres edit and stamp. Layout follows
 * common practice for Chinese government documents: A4, 宋体 小四 body with two-character first-line indent,
 * 黑体 headings, a cover page, page numbers in the footer.
 */
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
} from 'docx';
import type { Block, RenderedDocument } from './model.ts';

const BODY_FONT = { ascii: 'Times New Roman', eastAsia: '宋体', hAnsi: 'Times New Roman' };
const HEADING_FONT = { ascii: 'Times New Roman', eastAsia: '黑体', hAnsi: 'Times New Roman' };

/** Half-points: 小四 12pt, 四号 14pt, 三号 16pt, 二号 22pt, 小初 36pt. */
const SIZE = { body: 24, h3: 24, h2: 28, h1: 32, cover: 44, coverTitle: 72 } as const;

/** A4 in twips, margins 2.54 cm top/bottom and 3.17 cm left/right (Word's Chinese default). */
const PAGE = {
  size: { width: 11906, height: 16838 },
  margin: { top: 1440, bottom: 1440, left: 1800, right: 1800 },
} as const;

const HEADING = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

function cell(text: string, header: boolean): TableCell {
  return new TableCell({
    children: [
      new Paragraph({
        alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: [new TextRun({ text, bold: header })],
      }),
    ],
    ...(header ? { shading: { fill: 'E7E6E6' } } : {}),
  });
}

function blockToDocx(block: Block, index: number): FileChild {
  switch (block.kind) {
    case 'heading':
      return new Paragraph({
        heading: HEADING[block.level],
        // Each chapter starts on a new page, as printed tender documents do; the first already does (section).
        pageBreakBefore: block.level === 1 && index > 0,
        alignment: block.level === 1 ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: [new TextRun(block.text)],
      });
    case 'paragraph':
      return new Paragraph({ indent: { firstLineChars: 200 }, children: [new TextRun(block.text)] });
    case 'table': {
      const width = Math.max(block.header.length, ...block.rows.map((r) => r.length));
      const pad = (row: string[]): string[] => [...row, ...Array<string>(width - row.length).fill('')];
      return new Table({
        width: { size: '100%', type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({ tableHeader: true, children: pad(block.header).map((t) => cell(t, true)) }),
          ...block.rows.map((r) => new TableRow({ children: pad(r).map((t) => cell(t, false)) })),
        ],
      });
    }
  }
}

function coverPage(doc: RenderedDocument): Paragraph[] {
  const line = (text: string, size: number, bold = false, before = 0): Paragraph =>
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before, after: 240 },
      children: [new TextRun({ text, size, bold, font: HEADING_FONT })],
    });
  const cover = doc.cover;
  return [
    line(doc.title, SIZE.cover, true, 2400),
    line(doc.subtitle, SIZE.coverTitle, true, 1200),
    ...(cover
      ? [
          line(`项目编号：${cover.projectCode}`, SIZE.h2, false, 2400),
          line(`采购人：${cover.purchasers}`, SIZE.h2),
          line(`采购代理机构：${cover.centreName}`, SIZE.h2),
          line(cover.date, SIZE.h2, false, 1200),
        ]
      : []),
  ];
}

export async function toDocx(doc: RenderedDocument): Promise<Buffer> {
  const heading = (size: number) => ({
    run: { font: HEADING_FONT, size, bold: false },
    paragraph: { spacing: { before: 240, after: 240 } },
  });
  const document = new Document({
    title: doc.title,
    description: doc.subtitle,
    styles: {
      default: {
        document: {
          run: { font: BODY_FONT, size: SIZE.body },
          paragraph: { spacing: { line: 360 } },
        },
        heading1: heading(SIZE.h1),
        heading2: heading(SIZE.h2),
        heading3: heading(SIZE.h3),
      },
    },
    sections: [
      { properties: { page: PAGE }, children: coverPage(doc) },
      {
        properties: { page: PAGE },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['第 ', PageNumber.CURRENT, ' 页'] })],
              }),
            ],
          }),
        },
        children: doc.blocks.map((b, i) => blockToDocx(b, i)),
      },
    ],
  });
  return Packer.toBuffer(document);
}
