/**
 * A rendered procurement document as one self-contained, print-ready HTML page: the preview in the browser
 * and the input of the PDF printer. Every piece of text is escaped; nothing is loaded from elsewhere.
 */
import type { Block, RenderedDocument } from './model.ts';

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `
@page { size: A4; margin: 25.4mm 31.7mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: 'Noto Serif CJK SC', 'SimSun', serif; font-size: 12pt; line-height: 1.75; color: #000; }
h1, h2, h3, .cover { font-family: 'Noto Sans CJK SC', 'SimHei', 'Noto Serif CJK SC', sans-serif; font-weight: normal; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 1em; break-before: page; }
h2 { font-size: 14pt; margin: 1em 0 0.5em; break-after: avoid; }
h3 { font-size: 12pt; font-weight: bold; margin: 0.8em 0 0.4em; break-after: avoid; }
p { margin: 0 0 0.4em; text-indent: 2em; text-align: justify; }
table { width: 100%; border-collapse: collapse; margin: 0.5em 0 1em; font-size: 10.5pt; }
th, td { border: 1px solid #000; padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: #e7e6e6; text-align: center; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.cover { text-align: center; padding-top: 50mm; break-after: page; }
main > h1:first-child { break-before: auto; }
.cover .title { font-size: 22pt; margin: 0 0 20mm; }
.cover .subtitle { font-size: 36pt; letter-spacing: 0.5em; margin: 0 0 40mm; }
.cover p { text-indent: 0; text-align: center; font-size: 14pt; }
`;

function blockHtml(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return `<h${block.level}>${escapeHtml(block.text)}</h${block.level}>`;
    case 'paragraph':
      return `<p>${escapeHtml(block.text)}</p>`;
    case 'table': {
      const row = (cells: string[], tag: 'th' | 'td'): string =>
        `<tr>${cells.map((c) => `<${tag}>${escapeHtml(c)}</${tag}>`).join('')}</tr>`;
      return `<table><thead>${row(block.header, 'th')}</thead><tbody>${block.rows.map((r) => row(r, 'td')).join('')}</tbody></table>`;
    }
  }
}

export function toHtml(doc: RenderedDocument): string {
  const c = doc.cover;
  const cover = [
    `<div class="title">${escapeHtml(doc.title)}</div>`,
    `<div class="subtitle">${escapeHtml(doc.subtitle)}</div>`,
    ...(c
      ? [
          `<p>项目编号：${escapeHtml(c.projectCode)}</p>`,
          `<p>采购人：${escapeHtml(c.purchasers)}</p>`,
          `<p>采购代理机构：${escapeHtml(c.centreName)}</p>`,
          `<p>${escapeHtml(c.date)}</p>`,
        ]
      : []),
  ].join('\n');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(`${doc.title} ${doc.subtitle}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<section class="cover">
${cover}
</section>
<main>
${doc.blocks.map(blockHtml).join('\n')}
</main>
</body>
</html>
`;
}
