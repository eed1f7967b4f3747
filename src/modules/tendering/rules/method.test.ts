import { describe, expect, it } from 'vitest';
import type { Category, Method } from '../requirements.ts';
import { checkMethod, lotProblems, splittingWarning, type SplittingPurchase } from './method.ts';

const wan = (n: number): bigint => BigInt(n) * 1_000_000n;
const OPEN = { amountFen: wan(200), source: '测试省公开招标数额标准' };
const WORKS = { amountFen: wan(400), source: '发改委令16号' };

describe('checkMethod (法26/27/32; 条例7/23/25)', () => {
  const cases: [string, Method, Category, number, { approval: boolean; problems: string[] }][] = [
    ['open tender above the threshold', 'openTender', 'goods', 300, { approval: false, problems: [] }],
    ['negotiation below the threshold', 'negotiation', 'goods', 199, { approval: false, problems: [] }],
    [
      'negotiation exactly at the threshold (以上 includes it)',
      'negotiation',
      'goods',
      200,
      { approval: true, problems: [] },
    ],
    ['consultation for services above', 'consultation', 'services', 250, { approval: true, problems: [] }],
    ['single source above', 'singleSource', 'goods', 500, { approval: true, problems: [] }],
    ['rfq for goods below', 'rfq', 'goods', 50, { approval: false, problems: [] }],
    ['rfq for services is refused', 'rfq', 'services', 50, { approval: false, problems: ['RFQ_GOODS_ONLY'] }],
    ['rfq for works is refused', 'rfq', 'works', 50, { approval: false, problems: ['RFQ_GOODS_ONLY'] }],
    [
      'works below the tender figure by consultation',
      'consultation',
      'works',
      399,
      { approval: false, problems: [] },
    ],
    [
      'works at the tender figure by consultation',
      'consultation',
      'works',
      400,
      { approval: false, problems: ['WORKS_MUST_TENDER'] },
    ],
    [
      'works at the tender figure by open tender',
      'openTender',
      'works',
      400,
      { approval: false, problems: [] },
    ],
    [
      'works at the tender figure by invited tender',
      'invitedTender',
      'works',
      900,
      { approval: false, problems: [] },
    ],
  ];
  for (const [name, method, category, budget, want] of cases) {
    it(name, () => {
      const out = checkMethod({
        method,
        category,
        budgetFen: wan(budget),
        openTender: OPEN,
        worksMandatoryTender: WORKS,
        methodReason: '符合法定情形：技术复杂',
      });
      expect(out.requiresApproval).toBe(want.approval);
      expect(out.problems.map((p) => p.code)).toEqual(want.problems);
    });
  }

  it('refuses to decide when no threshold is configured', () => {
    const out = checkMethod({
      method: 'openTender',
      category: 'goods',
      budgetFen: wan(10),
      openTender: null,
      worksMandatoryTender: null,
      methodReason: null,
    });
    expect(out.problems.map((p) => p.code)).toEqual(['THRESHOLD_NOT_CONFIGURED']);
  });

  it('asks for the legal ground of a non-open method, not of open tender', () => {
    const base = {
      category: 'goods',
      budgetFen: wan(10),
      openTender: OPEN,
      worksMandatoryTender: WORKS,
    } as const;
    expect(checkMethod({ ...base, method: 'negotiation', methodReason: null }).problems[0]?.code).toBe(
      'METHOD_REASON_MISSING',
    );
    expect(checkMethod({ ...base, method: 'openTender', methodReason: null }).problems).toEqual([]);
  });
});

describe('splittingWarning (条例28)', () => {
  const p = (code: string, method: Method, budget: number): SplittingPurchase => ({
    code,
    name: code,
    method,
    budgetFen: wan(budget),
  });
  it('warns when non-open purchases of one item this year exceed the threshold together', () => {
    const w = splittingWarning(
      'A02010104',
      p('C', 'rfq', 90),
      [p('A', 'rfq', 80), p('B', 'negotiation', 40)],
      OPEN,
    );
    expect(w?.totalFen).toBe(wan(210));
    expect(w?.purchases.map((x) => x.code)).toEqual(['A', 'B', 'C']);
    expect(w?.message).toContain('第二十八条');
  });
  it('is silent at exactly the threshold (超过 is strict)', () => {
    expect(splittingWarning('A', p('C', 'rfq', 100), [p('A', 'rfq', 100)], OPEN)).toBeNull();
  });
  it('ignores open-tendered purchases and an open-tendered current one', () => {
    expect(splittingWarning('A', p('C', 'rfq', 150), [p('A', 'openTender', 500)], OPEN)).toBeNull();
    expect(splittingWarning('A', p('C', 'openTender', 150), [p('A', 'rfq', 150)], OPEN)).toBeNull();
  });
  it('is silent for a first purchase, however large', () => {
    expect(splittingWarning('A', p('C', 'negotiation', 900), [], OPEN)).toBeNull();
  });
});

describe('lotProblems', () => {
  it('accepts lots funded by their shares with ceilings within budget', () => {
    const lots = [
      { no: 1, budgetFen: 100n, ceilingFen: 100n },
      { no: 2, budgetFen: 50n, ceilingFen: null },
    ];
    expect(
      lotProblems(lots, [
        { lotNo: 1, amountFen: 100n },
        { lotNo: 2, amountFen: 60n },
      ]),
    ).toEqual([]);
  });
  it('lets untied shares fund every lot, up to their total', () => {
    const lots = [
      { no: 1, budgetFen: 40n, ceilingFen: null },
      { no: 2, budgetFen: 30n, ceilingFen: null },
      { no: 3, budgetFen: 20n, ceilingFen: null },
    ];
    expect(lotProblems(lots, [{ lotNo: null, amountFen: 90n }])).toEqual([]);
    expect(lotProblems(lots, [{ lotNo: null, amountFen: 89n }]).map((p) => p.code)).toEqual([
      'LOT_OVER_PLAN',
    ]);
  });
  it('refuses a ceiling over budget, a lot over its shares, an unfunded lot and a share in no lot', () => {
    const codes = lotProblems(
      [
        { no: 1, budgetFen: 100n, ceilingFen: 101n },
        { no: 2, budgetFen: 70n, ceilingFen: null },
        { no: 3, budgetFen: 10n, ceilingFen: null },
      ],
      [
        { lotNo: 1, amountFen: 100n },
        { lotNo: 2, amountFen: 60n },
        { lotNo: 4, amountFen: 5n },
      ],
    ).map((p) => `${p.code}@${p.path}`);
    expect(codes).toEqual([
      'CEILING_OVER_BUDGET@lots.0.ceilingFen',
      'LOT_OVER_PLAN@lots.1.budgetFen',
      'LOT_WITHOUT_SHARE@lots.2',
      'SHARE_LOT_UNKNOWN@shares.2.lotNo',
    ]);
  });
});
