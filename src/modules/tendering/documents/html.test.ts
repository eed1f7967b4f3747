import { describe, expect, it } from 'vitest';
import { toHtml } from './html.ts';
import { renderDocument } from './render.ts';
import { sampleInput } from './test-fixtures.ts';

describe('toHtml', () => {
  it('is a complete A4 page with a CJK font stack', () => {
    const html = toHtml(renderDocument(sampleInput('medicalEquipment')));
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('@page { size: A4;');
    expect(html).toContain("'Noto Serif CJK SC', 'SimSun', serif");
    expect(html).toContain('<h1>第一章 招标公告</h1>');
    expect(html).toContain('<th>包号</th>');
    expect(html).toContain('<td>6,800,000.00</td>');
  });

  it('escapes every piece of text', () => {
    const html = toHtml({
      title: '<script>alert(1)</script>',
      subtitle: 'A & B',
      blocks: [
        { kind: 'paragraph', text: '"引号" \'单\'' },
        { kind: 'table', header: ['<b>'], rows: [['<i>']] },
      ],
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('A &amp; B');
    expect(html).toContain('&quot;引号&quot; &#39;单&#39;');
    expect(html).toContain('<th>&lt;b&gt;</th>');
    expect(html).toContain('<td>&lt;i&gt;</td>');
  });
});
