import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluation.ts';
import {
  HELD_OUT_B_CLAUSES,
  HELD_OUT_C_CLAUSES,
  HELD_OUT_CLAUSES,
  HELD_OUT_D_CLAUSES,
  HELD_OUT_E_CLAUSES,
} from './held-out-clauses.ts';
import { LABELLED_CLAUSES } from './labelled-clauses.ts';
import { lintDocument, publicationBlocked } from './lint.ts';
import { parseCount, RULES } from './rules.ts';
import type { Clause, RequirementField, TenderDocument } from './types.ts';

function doc(over: Partial<TenderDocument> = {}): TenderDocument {
  return { category: 'goods', method: 'openTender', budgetFen: 100_000_000n, clauses: [], ...over };
}

function ruleIds(field: RequirementField, text: string, over: Partial<TenderDocument> = {}): string[] {
  const clause: Clause = { id: 'c1', field, text };
  return lintDocument(doc({ ...over, clauses: [...(over.clauses ?? []), clause] }))
    .filter((f) => f.clauseId === 'c1')
    .map((f) => f.ruleId);
}

type Case = readonly [string, RequirementField, string, boolean];

/** [rule, field, text, should fire]. */
const cases: readonly Case[] = [
  ['D01', 'qualification', '投标人须为本县注册的企业。', true],
  ['D01', 'substantive', '中标人接到报修后2小时内到达现场。', false],
  ['D02', 'scoring', '近三年获得湖南省优质工程奖的每项得2分。', true],
  ['D02', 'scoring', '类似项目业绩不分地区，每个得1分。', false],
  ['D03', 'scoring', '具有医疗卫生系统信息化项目业绩的每个得2分。', true],
  ['D03', 'specification', '产品须符合国家及行业标准。', false],
  ['D04', 'qualification', '营业执照经营范围须包含医疗器械销售。', true],
  ['D04', 'qualification', '经营范围不作为资格审查条件。', false],
  ['D05', 'qualification', '投标人注册资本不得低于1000万元。', true],
  ['D05', 'specification', '投标人应提供公司简介，含注册资本等。', false],
  ['D05', 'scoring', '中小企业划型按从业人员、营业收入确定，依工信部联企业〔2011〕300号执行。', false],
  ['D06', 'qualification', '须具有单项合同金额不低于500万元的类似业绩。', true],
  ['D06', 'qualification', '须具有类似项目业绩1个。', false],
  ['D07', 'scoring', '投标人为中国企业500强的得3分。', true],
  ['D08', 'qualification', '自有仓库面积不少于1000平方米。', true],
  ['D08', 'specification', '本工程建筑面积约5000平方米。', false],
  ['D09', 'qualification', '投标人须为国有企业。', true],
  ['D09', 'qualification', '投标人可以是法人、其他组织或者自然人。', false],
  ['D10', 'qualification', '外资企业不得参加本项目投标。', true],
  ['D11', 'specification', '所投设备须与原有设备为同一品牌。', true],
  ['D11', 'substantive', '提供相同品牌产品的不同投标人按一家投标人计算。', false],
  ['D12', 'specification', '空调须为国内知名品牌。', true],
  ['D12', 'specification', '采购需求不得指定品牌。', false],
  ['D12', 'specification', '投标人应注明所投产品的品牌、型号。', false],
  ['D14', 'qualification', '须具有计算机信息系统集成三级及以上资质。', true],
  ['D14', 'qualification', '须具有市政公用工程施工总承包三级资质。', false],
  ['D15', 'scoring', '具有AAA级信用等级证书的得3分。', true],
  ['D15', 'qualification', '未被列入失信被执行人名单。', false],
  ['D16', 'qualification', '须提供制造商针对本项目的授权书。', true],
  ['D17', 'qualification', '投标人须已进入县住建局名录库。', true],
  ['D17', 'qualification', '是否入库不作为参加条件。', false],
  ['D18', 'qualification', '须先到县住建局登记备案后方可投标。', true],
  ['D18', 'qualification', '供应商应在政府采购云平台注册并办理CA证书。', false],
  ['D19', 'qualification', '获取采购文件时须提供营业执照原件。', true],
  ['D20', 'specification', '检测报告须由国家级检测中心出具。', true],
  ['D20', 'specification', '检测报告须由具有CMA资质的检测机构出具。', false],
  ['D21', 'qualification', '投标人须为定点供应商。', true],
  ['D22', 'qualification', '投标人近三年无任何不良记录。', true],
  ['D22', 'qualification', '未被列入政府采购严重违法失信行为记录名单。', false],
  ['L-FOREIGN-CERT', 'specification', '显示器须通过CE认证。', true],
  ['L-PERF-COUNT', 'qualification', '须具有5个及以上类似工程业绩。', true],
  ['L-PERF-COUNT', 'qualification', '须具有2个同类项目业绩。', false],
  ['L-QUAL-AS-SCORE', 'scoring', '完全满足资格条件的得5分。', true],
  ['L-PRICE-AVG', 'scoring', '以有效报价的算术平均值作为评标基准价。', true],
  ['L-PRICE-AVG', 'scoring', '评标基准价为满足要求的最低投标报价。', false],
  ['L-PRICE-AVG', 'substantive', '报价低于有效报价平均值50%的，应提供书面说明。', false],
  ['L-SCORE-UNQUANTIFIED', 'scoring', '服务方案由评委酌情打分。', true],
  ['L-SAMPLE', 'specification', '投标人须提交样品一套。', true],
  ['L-SAMPLE', 'specification', '须提交样品，样品评审标准见评分标准。', false],
];

describe('clause rules', () => {
  it.each(cases)('%s on %s「%s」fires: %s', (rule, field, text, fires) => {
    expect(ruleIds(field, text).includes(rule)).toBe(fires);
  });

  it('manufacturer authorisation is allowed for approved imported goods (87号令17)', () => {
    const text = '投标人须提供制造商授权书。';
    expect(ruleIds('qualification', text)).toContain('D16');
    expect(ruleIds('qualification', text, { importedGoods: true })).not.toContain('D16');
  });

  it('a scoring item reusing a qualification certificate is flagged only when it is a qualification', () => {
    const iso: Clause = { id: 'q', field: 'qualification', text: '投标人须具有ISO9001认证证书。' };
    expect(ruleIds('scoring', '具有ISO9001认证的得2分。', { clauses: [iso] })).toContain('L-QUAL-AS-SCORE');
    expect(ruleIds('scoring', '具有ISO9001认证的得2分。')).not.toContain('L-QUAL-AS-SCORE');
  });

  it('being in the pool is not flagged in a framework agreement (110号令)', () => {
    expect(ruleIds('qualification', '须为入围供应商。', { method: 'framework' })).not.toContain('D21');
    expect(ruleIds('qualification', '须为入围供应商。')).toContain('D21');
  });

  it('a finding quotes the exact matched text and cites the article', () => {
    const [f] = lintDocument(
      doc({ clauses: [{ id: 'x', field: 'qualification', text: '投标人注册资本不低于500万元。' }] }),
    );
    expect(f?.ruleId).toBe('D05');
    expect(f?.quote).toBe('注册资本');
    expect(f?.article).toBe('87号令17；财库〔2019〕38号；附件9 D05');
    expect(f?.message).toContain('注册资本');
    expect(f?.severity).toBe('block');
  });

  it('every rule has a unique id and a Chinese title', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) expect(r.title).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('parses counts', () => {
    expect(parseCount('3')).toBe(3);
    expect(parseCount('三')).toBe(3);
    expect(parseCount('十二')).toBe(12);
    expect(parseCount('二十')).toBe(20);
    expect(parseCount('亿')).toBeNull();
  });
});

describe('numeric rules', () => {
  const has = (d: TenderDocument, id: string): boolean => lintDocument(d).some((f) => f.ruleId === id);

  it.each([
    ['goods', 'openTender', 29, true],
    ['goods', 'openTender', 30, false],
    ['goods', 'openTender', 70, false],
    ['services', 'openTender', 9, true],
    ['services', 'openTender', 10, false],
    ['goods', 'consultation', 61, true],
    ['goods', 'consultation', 60, false],
    ['services', 'consultation', 31, true],
    ['services', 'consultation', 10, false],
    ['works', 'openTender', 5, false],
  ] as const)('price weight %s %s %d%% flagged: %s', (category, method, w, flagged) => {
    expect(has(doc({ category, method, priceWeight: w }), 'L-PRICE-WEIGHT')).toBe(flagged);
  });

  it('deposit cap is 2% of budget (条例33)', () => {
    expect(has(doc({ depositFen: 2_000_000n }), 'L-DEPOSIT')).toBe(false);
    expect(has(doc({ depositFen: 2_000_001n }), 'L-DEPOSIT')).toBe(true);
  });

  it('performance bond cap is 10% (条例48)', () => {
    expect(has(doc({ bondFen: 10_000_000n }), 'L-BOND')).toBe(false);
    expect(has(doc({ bondFen: 10_000_001n }), 'L-BOND')).toBe(true);
  });
});

describe('publicationBlocked', () => {
  const findings = lintDocument(
    doc({
      clauses: [{ id: 'a', field: 'scoring', text: '服务方案由评委酌情打分。' }],
    }),
  );

  it('a justify finding blocks until a reason is recorded', () => {
    expect(findings.map((f) => f.severity)).toEqual(['justify']);
    expect(publicationBlocked(findings, [])).toBe(true);
    expect(
      publicationBlocked(findings, [{ ruleId: 'L-SCORE-UNQUANTIFIED', clauseId: 'a', reason: ' ' }]),
    ).toBe(true);
    expect(
      publicationBlocked(findings, [
        { ruleId: 'L-SCORE-UNQUANTIFIED', clauseId: 'a', reason: '专家论证后保留' },
      ]),
    ).toBe(false);
  });

  it('a block finding cannot be justified away', () => {
    const blocked = lintDocument(doc({ depositFen: 5_000_000n }));
    expect(publicationBlocked(blocked, [{ ruleId: 'L-DEPOSIT', reason: '上级要求' }])).toBe(true);
  });

  it('a clean document publishes', () => {
    expect(publicationBlocked(lintDocument(doc({ priceWeight: 30 })), [])).toBe(false);
  });
});

describe('labelled set', () => {
  it('has at least 150 clauses, offending and clean in roughly equal numbers', () => {
    const offending = LABELLED_CLAUSES.filter((c) => c.expected.length > 0).length;
    expect(LABELLED_CLAUSES.length).toBeGreaterThanOrEqual(150);
    expect(offending / LABELLED_CLAUSES.length).toBeGreaterThan(0.35);
    expect(offending / LABELLED_CLAUSES.length).toBeLessThan(0.65);
  });

  it('precision and recall stay near the measured 1.000 / 1.000', () => {
    const e = evaluate();
    expect(e.precision).toBeGreaterThanOrEqual(0.97);
    expect(e.recall).toBeGreaterThanOrEqual(0.97);
  });
});

/**
 * Regression floors on the held-out sets: the measured scores (evaluate.ts) minus a small margin. Sets A–D were
 * each seen (their misses analysed) in a later round, so their scores are optimistic; E was scored once after
 * the last change and is the honest figure. Never edit a held-out clause or label to make this pass.
 */
describe('held-out sets', () => {
  it('set A has at least 80 clauses, offending and clean in roughly equal numbers', () => {
    const offending = HELD_OUT_CLAUSES.filter((c) => c.expected.length > 0).length;
    expect(HELD_OUT_CLAUSES.length).toBeGreaterThanOrEqual(80);
    expect(offending / HELD_OUT_CLAUSES.length).toBeGreaterThan(0.35);
    expect(offending / HELD_OUT_CLAUSES.length).toBeLessThan(0.65);
  });

  it.each([
    ['A', 1.0, 1.0, HELD_OUT_CLAUSES],
    ['B', 1.0, 1.0, HELD_OUT_B_CLAUSES],
    ['C', 1.0, 0.979, HELD_OUT_C_CLAUSES],
    ['D', 1.0, 1.0, HELD_OUT_D_CLAUSES],
    ['E', 0.978, 0.88, HELD_OUT_E_CLAUSES],
  ] as const)('set %s: precision ≥ %f − 0.03 and recall ≥ %f − 0.03', (_name, precision, recall, set) => {
    const margin = 0.03;
    const e = evaluate(set);
    expect(e.precision).toBeGreaterThanOrEqual(precision - margin);
    expect(e.recall).toBeGreaterThanOrEqual(recall - margin);
  });
});
