import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { toDocx } from './docx.ts';
import { renderDocument, yuan } from './render.ts';
import { sampleInput } from './test-fixtures.ts';

async function partOf(buffer: Buffer, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(buffer);
  const part = zip.file(name);
  if (!part) throw new Error(`${name} missing from the .docx`);
  return part.async('string');
}

const textOf = (xml: string): string => xml.replace(/<[^>]+>/g, '');

describe('toDocx', () => {
  it('writes the project, every lot, the ★ clauses and the scoring weights into word/document.xml', async () => {
    const input = sampleInput('goods');
    const buffer = await toDocx(renderDocument(input));
    expect(buffer.subarray(0, 2).toString('latin1')).toBe('PK');
    const xml = await partOf(buffer, 'word/document.xml');
    const text = textOf(xml);
    expect(text).toContain(input.project.name);
    expect(text).toContain('项目编号：YLZC-2026-015');
    expect(text).toContain('采购代理机构：云岭县政府采购中心');
    for (const lot of input.lots) {
      expect(text).toContain(lot.name);
      expect(text).toContain(yuan(lot.budgetFen));
    }
    expect(text).toContain('★课桌椅甲醛释放量应符合GB 28007-2024的要求');
    // The scoring table's cells follow one another: factor, points, standard.
    expect(text).toContain('价格30满足招标文件全部实质性要求');
    expect(text).toContain('技术参数响应40全部满足得40分');
    expect(text).toContain('合计100');
    expect(xml).toContain('<w:tblHeader');
    // A4 portrait in twips.
    expect(xml).toContain('w:w="11906"');
    expect(xml).toContain('w:h="16838"');
  });

  it('sets 宋体 for the body and 黑体 for headings', async () => {
    const styles = await partOf(await toDocx(renderDocument(sampleInput('works'))), 'word/styles.xml');
    expect(styles).toMatch(/<w:docDefaults>[\s\S]*w:eastAsia="宋体"[\s\S]*<\/w:docDefaults>/);
    expect(styles).toMatch(/w:styleId="Heading1"[\s\S]*?w:eastAsia="黑体"/);
  });

  it('lays out a document without a cover', async () => {
    const buffer = await toDocx({
      title: '测试文件',
      subtitle: '说明',
      blocks: [{ kind: 'table', header: ['甲', '乙'], rows: [['1']] }],
    });
    const text = textOf(await partOf(buffer, 'word/document.xml'));
    expect(text).toContain('测试文件');
    expect(text).toContain('甲乙1');
  });
});
