import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.ts';
import type { Block, RenderInput, TemplateKind } from './model.ts';
import {
  PENDING,
  formatInstant,
  percent,
  renderDocument,
  templatePlaceholders,
  templateProblems,
  unknownPlaceholders,
  yuan,
  yuanInWords,
} from './render.ts';
import { STANDARD_TEMPLATES } from './standard-templates.ts';
import { sampleInput } from './test-fixtures.ts';

const KINDS: TemplateKind[] = ['goods', 'propertyServices', 'communityServices', 'medicalEquipment', 'works'];

function allText(blocks: Block[]): string {
  return blocks
    .map((b) => (b.kind === 'table' ? [...b.header, ...b.rows.flat()].join('\n') : b.text))
    .join('\n');
}

function withSections(input: RenderInput, sections: { heading: string; body: string }[]): RenderInput {
  return { ...input, template: { ...input.template, sections } };
}

function renderBody(input: RenderInput, body: string): Block[] {
  return renderDocument(withSections(input, [{ heading: '测试', body }])).blocks.slice(1);
}

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('yuan', () => {
  it.each([
    [0n, '0.00'],
    [5n, '0.05'],
    [100n, '1.00'],
    [99999n, '999.99'],
    [100000n, '1,000.00'],
    [1000001n, '10,000.01'],
    [100000000n, '1,000,000.00'],
    [123456789n, '1,234,567.89'],
    [1234567890123456n, '12,345,678,901,234.56'],
    [-150n, '-1.50'],
  ])('%s fen → %s', (fen, text) => {
    expect(yuan(fen)).toBe(text);
  });
});

describe('yuanInWords', () => {
  it.each([
    [0n, '零元整'],
    [5n, '伍分'],
    [50n, '伍角'],
    [55n, '伍角伍分'],
    [100n, '壹元整'],
    [101n, '壹元零壹分'],
    [110n, '壹元壹角'],
    [1000n, '壹拾元整'],
    [1050n, '壹拾元伍角'],
    [100001n, '壹仟元零壹分'],
    [100500n, '壹仟零伍元整'],
    [101000n, '壹仟零壹拾元整'],
    [1000000n, '壹万元整'],
    [1000001n, '壹万元零壹分'],
    [1000010n, '壹万元壹角'],
    [10000100n, '壹拾万零壹元整'],
    [10100000n, '壹拾万壹仟元整'],
    [30000000n, '叁拾万元整'],
    [100000000n, '壹佰万元整'],
    [123456789n, '壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分'],
    [10000000000n, '壹亿元整'],
    [10000010000n, '壹亿零壹佰元整'],
    [10001000000n, '壹亿零壹万元整'],
    [10100000000n, '壹亿零壹佰万元整'],
    [11000000000n, '壹亿壹仟万元整'],
    [100000000000000n, '壹万亿元整'],
    [1000000000000000n, '壹拾万亿元整'],
    [1234567890123456n, '壹拾贰万叁仟肆佰伍拾陆亿柒仟捌佰玖拾万壹仟贰佰叁拾肆元伍角陆分'],
    [-5n, '负伍分'],
  ])('%s fen → %s', (fen, words) => {
    expect(yuanInWords(fen)).toBe(words);
  });
});

describe('percent and dates', () => {
  it.each([
    [3000, '30%'],
    [250, '2.5%'],
    [1234, '12.34%'],
    [5, '0.05%'],
    [10000, '100%'],
  ])('%s bp → %s', (bp, text) => {
    expect(percent(bp)).toBe(text);
  });

  it('formats instants in Beijing time, across the day boundary', () => {
    expect(formatInstant(new Date('2026-04-02T01:30:00Z'))).toBe('2026年4月2日 09:30 北京时间');
    expect(formatInstant(new Date('2026-12-31T16:05:00Z'))).toBe('2027年1月1日 00:05 北京时间');
  });
});

describe('standard templates', () => {
  it('has the five kinds, each with the six chapters', () => {
    expect(STANDARD_TEMPLATES.map((t) => t.kind).sort()).toEqual([...KINDS].sort());
    for (const t of STANDARD_TEMPLATES) {
      expect(t.sections.map((s) => s.heading.slice(0, 3))).toEqual([
        '第一章',
        '第二章',
        '第三章',
        '第四章',
        '第五章',
        '第六章',
      ]);
      expect(templateProblems(t.sections)).toEqual([]);
      const lineCount = t.sections.reduce((n, s) => n + s.body.split('\n').length + 1, 0);
      expect(lineCount).toBeLessThan(250);
    }
  });

  it.each(KINDS)('%s renders a realistic project completely', (kind) => {
    const input = sampleInput(kind);
    const doc = renderDocument(input);
    const text = allText(doc.blocks);
    expect(text).not.toMatch(/\{\{|\}\}/);
    expect(text).not.toContain(PENDING);
    expect(doc.title).toBe(input.project.name);
    expect(doc.subtitle).toBe('招标文件');
    expect(doc.cover?.projectCode).toBe('YLZC-2026-015');
    expect(doc.cover?.date).toBe('2026年3月10日');
    expect(doc.blocks.filter((b) => b.kind === 'heading' && b.level === 1)).toHaveLength(6);
    expect(text).toContain(input.project.name);
    expect(text).toContain('2026年4月2日 09:30 北京时间');
    expect(text).toContain('云岭县教育体育局、云岭县第一中学');
    for (const lot of input.lots) expect(text).toContain(yuan(lot.budgetFen));
    for (const c of input.requirements.substantive) expect(text).toContain(`★${c.text}`);
    const lotTables = doc.blocks.filter((b) => b.kind === 'table' && b.header[0] === '包号');
    expect(lotTables.length).toBeGreaterThanOrEqual(2);
  });

  it('writes works, medical and goods specific clauses where they belong', () => {
    const works = allText(renderDocument(sampleInput('works')).blocks);
    expect(works).toContain('工程量清单');
    expect(works).toContain('安全文明施工费');
    expect(works).toContain('异议');
    expect(works).not.toContain('进口产品');
    const medical = allText(renderDocument(sampleInput('medicalEquipment')).blocks);
    expect(medical).toContain('医疗器械注册证');
    expect(medical).toContain('允许采购进口产品');
    const goods = allText(renderDocument(sampleInput('goods')).blocks);
    expect(goods).toContain('不接受进口产品');
    expect(goods).toContain('节能产品');
    const property = allText(renderDocument(sampleInput('propertyServices')).blocks);
    expect(property).not.toContain('进口产品');
    expect(property).toContain('专门面向中小企业采购');
  });
});

describe('placeholders', () => {
  it('lists every placeholder the brief names', () => {
    const names = templatePlaceholders();
    for (const n of [
      'project.name',
      'project.code',
      'purchasers',
      'centre.name',
      'budget',
      'method',
      'schedule.bidDeadline',
      'schedule.openingPlace',
      'schedule.documentsIssuedOn',
      'schedule.documentsAvailableUntil',
      'deposit',
      'bond',
      'evaluationMethod',
      'priceWeight',
      'sme',
      'deliveryPeriod',
      'deliveryPlace',
      'paymentTerms',
      'lots',
      'qualification',
      'substantive',
      'specifications',
      'scoring',
    ]) {
      expect(names).toContain(n);
    }
  });

  it('substitutes inline values', () => {
    const input = sampleInput('goods');
    const [p] = renderBody(
      input,
      '{{project.code}}|{{method}}|{{budget}}|{{deposit}}|{{bond}}|{{priceWeight}}|{{evaluationMethod}}|{{consortium}}',
    );
    expect(p).toEqual({
      kind: 'paragraph',
      text: 'YLZC-2026-015|公开招标|2,394,567.89元（人民币贰佰叁拾玖万肆仟伍佰陆拾柒元捌角玖分）|20,000.00元（人民币贰万元整）|合同金额的5%|30%|综合评分法|接受',
    });
  });

  it('says what is not yet fixed instead of inventing a date, and what is not charged', () => {
    const input = sampleInput('works');
    const [p] = renderBody(
      {
        ...input,
        requirements: { ...input.requirements, depositFen: null, bondBp: null },
        schedule: { ...input.schedule, bidDeadlineAt: null, documentsIssuedOn: null },
      },
      '{{schedule.bidDeadline}}/{{schedule.documentsIssuedOn}}/{{deposit}}/{{bond}}/{{priceWeight}}/{{consortium}}',
    );
    expect(p).toEqual({ kind: 'paragraph', text: `${PENDING}/${PENDING}/不收取/不收取/不适用/接受` });
  });

  it('refuses an unknown placeholder, naming it and its section', () => {
    const input = sampleInput('goods');
    const sections = [
      { heading: '第一章 招标公告', body: '项目名称：{{project.name}}' },
      { heading: '第二章 投标人须知', body: '投标截止：{{schedule.deadline}}\n{{ project.nmae }}' },
    ];
    const err = thrown(() => renderDocument(withSections(input, sections)));
    expect(err.statusCode).toBe(422);
    expect(err.code).toBe('TEMPLATE_PLACEHOLDER_UNKNOWN');
    expect(err.message).toContain('{{schedule.deadline}}');
    expect(err.message).toContain('第二章 投标人须知');
    expect(unknownPlaceholders(sections)).toEqual([
      { section: '第二章 投标人须知', placeholder: 'schedule.deadline' },
      { section: '第二章 投标人须知', placeholder: 'project.nmae' },
    ]);
  });

  it('refuses a half-open placeholder and a block placeholder inside a sentence', () => {
    expect(unknownPlaceholders([{ heading: 'A', body: '预算：{{budget' }])).toEqual([
      { section: 'A', placeholder: '{{budget' },
    ]);
    const err = thrown(() => renderBody(sampleInput('goods'), '分包情况见{{lots}}。'));
    expect(err.code).toBe('TEMPLATE_BLOCK_NOT_ALONE');
    expect(err.message).toContain('{{lots}}');
    expect(unknownPlaceholders([{ heading: 'A', body: '分包情况见{{lots}}。' }])).toEqual([]);
  });
});

describe('block placeholders', () => {
  it('{{lots}} is one row per lot with yuan figures and 不设 for no ceiling', () => {
    const [table] = renderBody(sampleInput('goods'), '{{lots}}');
    expect(table).toEqual({
      kind: 'table',
      header: ['包号', '包名称', '数量', '预算金额（元）', '最高限价（元）'],
      rows: [
        ['1', '学生课桌椅', '3000套', '1,234,567.89', '1,200,000.00'],
        ['2', '多媒体教学一体机', '120台', '860,000.00', '不设'],
        ['3', '实验室仪器', '1批', '300,000.00', '298,000.00'],
      ],
    });
  });

  it('{{substantive}} prefixes ★ and names the lot; {{qualification}} numbers the clauses', () => {
    const input = sampleInput('goods');
    expect(renderBody(input, '{{substantive}}')).toEqual([
      { kind: 'paragraph', text: '★课桌椅甲醛释放量应符合GB 28007-2024的要求（适用于第1包（学生课桌椅））' },
      { kind: 'paragraph', text: '★交货期不超过合同签订后30日' },
    ]);
    expect(renderBody(input, '{{qualification}}')).toEqual([
      { kind: 'paragraph', text: '（1）投标人须具有有效的家具产品质量认证证书（适用于第1包（学生课桌椅））' },
    ]);
    const none = { ...input, requirements: { ...input.requirements, qualification: [] } };
    expect(renderBody(none, '{{qualification}}')).toEqual([
      { kind: 'paragraph', text: '本项目无其他特定资格要求。' },
    ]);
  });

  it('{{specifications}} groups clauses by lot under level-3 headings', () => {
    expect(renderBody(sampleInput('goods'), '{{specifications}}')).toEqual([
      { kind: 'heading', level: 3, text: '各包通用要求' },
      { kind: 'paragraph', text: '1. 所有产品提供不少于3年的免费保修' },
      { kind: 'heading', level: 3, text: '第1包（学生课桌椅）' },
      { kind: 'paragraph', text: '1. 桌面采用E1级以上环保板材，厚度不小于18mm' },
      { kind: 'heading', level: 3, text: '第2包（多媒体教学一体机）' },
      { kind: 'paragraph', text: '1. 显示屏尺寸不小于86英寸，4K分辨率' },
    ]);
    expect(renderBody(sampleInput('communityServices'), '{{specifications}}')).toEqual([
      { kind: 'paragraph', text: '1. 提供助浴、助洁、助医、精神慰藉等服务' },
    ]);
  });

  it('{{scoring}} under 综合评分法 is a table with the price row computed from the weight', () => {
    const [table, ...rest] = renderBody(sampleInput('goods'), '{{scoring}}');
    expect(rest).toEqual([]);
    if (table?.kind !== 'table') throw new Error('expected a table');
    expect(table.header).toEqual(['评分因素', '分值', '评分标准']);
    expect(table.rows.map((r) => [r[0], r[1]])).toEqual([
      ['价格', '30'],
      ['技术参数响应', '40'],
      ['售后服务方案', '20'],
      ['业绩', '10'],
      ['合计', '100'],
    ]);
    expect(table.rows[0]?.[2]).toContain('（评标基准价／投标报价）×30');
    expect(table.rows[0]?.[2]).toContain('扣除后的价格');
  });

  it('{{scoring}} under 最低评标价法 and 合理定价评审抽签法 describes the method instead', () => {
    const lowest = renderBody(sampleInput('works'), '{{scoring}}');
    expect(lowest.every((b) => b.kind === 'paragraph')).toBe(true);
    expect(allText(lowest)).toContain('最低评标价法');
    const lottery = renderBody(sampleInput('communityServices'), '{{scoring}}');
    expect(lottery.every((b) => b.kind === 'paragraph')).toBe(true);
    const text = allText(lottery);
    expect(text).toContain('合理定价评审抽签法');
    expect(text).toContain('“通过”或“不通过”');
    expect(text).toContain('可验证的随机方法');
    expect(text).toContain('各包预算金额');
  });

  it('turns ## lines into level-2 headings and | lines into tables', () => {
    const blocks = renderBody(
      sampleInput('goods'),
      '## 一、{{project.code}}\n### 小节\n| 条款 | 内容 |\n| 项目名称 | {{project.name}} |\n正文',
    );
    expect(blocks).toEqual([
      { kind: 'heading', level: 2, text: '一、YLZC-2026-015' },
      { kind: 'heading', level: 3, text: '小节' },
      {
        kind: 'table',
        header: ['条款', '内容'],
        rows: [['项目名称', '云岭县2026年中小学课桌椅及教学设备采购项目']],
      },
      { kind: 'paragraph', text: '正文' },
    ]);
  });

  it('names the document after the method', () => {
    expect(renderDocument(sampleInput('goods', 'consultation')).subtitle).toBe('竞争性磋商文件');
    expect(renderDocument(sampleInput('goods', 'rfq')).subtitle).toBe('询价通知书');
  });
});
