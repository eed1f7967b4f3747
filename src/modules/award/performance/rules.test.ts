import { describe, expect, it } from 'vitest';
import {
  acceptanceProblems,
  canonicalJson,
  conclusionOf,
  deriveChecklist,
  issueResponseDue,
  joinOpinion,
  lateness,
  overpayment,
  paidTotals,
  paymentLateness,
  planProblems,
  splitOpinion,
  type AcceptanceInput,
  type ChecklistInput,
} from './rules.ts';

describe('lateness: the due day itself is in time', () => {
  it.each<{ what: string; due: string; done: string | null; today: string; late: boolean; days: number }>([
    {
      what: 'done before due',
      due: '2026-04-10',
      done: '2026-04-09',
      today: '2026-05-01',
      late: false,
      days: 0,
    },
    {
      what: 'done on the due day',
      due: '2026-04-10',
      done: '2026-04-10',
      today: '2026-05-01',
      late: false,
      days: 0,
    },
    {
      what: 'done a day after',
      due: '2026-04-10',
      done: '2026-04-11',
      today: '2026-05-01',
      late: true,
      days: 1,
    },
    { what: 'not done, due today', due: '2026-04-10', done: null, today: '2026-04-10', late: false, days: 0 },
    {
      what: 'not done, due yesterday',
      due: '2026-04-10',
      done: null,
      today: '2026-04-11',
      late: true,
      days: 1,
    },
    {
      what: 'not done, across a month',
      due: '2026-03-31',
      done: null,
      today: '2026-05-01',
      late: true,
      days: 31,
    },
    {
      what: 'done late: today does not matter',
      due: '2026-04-10',
      done: '2026-04-12',
      today: '2026-04-30',
      late: true,
      days: 2,
    },
  ])('$what', ({ due, done, today, late, days }) => {
    expect(lateness(due, done, today)).toEqual({ late, daysLate: days });
  });
});

describe('issue response: working days from the day raised (raising day not counted)', () => {
  it.each<{ what: string; raised: string; days?: number; due: string }>([
    { what: 'default 3 WD, Tuesday → Friday', raised: '2026-03-24', due: '2026-03-27' },
    { what: '3 WD over a weekend', raised: '2026-03-26', due: '2026-03-31' },
    { what: '3 WD over 清明 (2026-04-04…06)', raised: '2026-04-02', due: '2026-04-08' },
    { what: '1 WD', raised: '2026-03-27', days: 1, due: '2026-03-30' },
    { what: '15 WD', raised: '2026-03-02', days: 15, due: '2026-03-23' },
  ])('$what', ({ raised, days, due }) => {
    expect(issueResponseDue(raised, days)).toBe(due);
  });
  it.each([0, 16, 2.5])('refuses %s days', (n) => {
    expect(() => issueResponseDue('2026-03-24', n)).toThrow(RangeError);
  });
});

describe('milestone plan', () => {
  it.each<{ what: string; plan: Parameters<typeof planProblems>[0]; codes: string[] }>([
    {
      what: 'a lawful plan',
      plan: [
        { kind: 'delivery', title: '到货', dueOn: '2026-05-01', periodEndsOn: null },
        { kind: 'service', title: '运维', dueOn: '2026-05-02', periodEndsOn: '2027-05-01' },
      ],
      codes: [],
    },
    {
      what: 'a service period without its end',
      plan: [{ kind: 'service', title: '运维', dueOn: '2026-05-02', periodEndsOn: null }],
      codes: ['SERVICE_PERIOD_END'],
    },
    {
      what: 'a period ending before it starts',
      plan: [{ kind: 'service', title: '运维', dueOn: '2026-05-02', periodEndsOn: '2026-05-01' }],
      codes: ['PERIOD_BEFORE_START'],
    },
    {
      what: 'a milestone before signing',
      plan: [{ kind: 'delivery', title: '到货', dueOn: '2026-04-01', periodEndsOn: null }],
      codes: ['DUE_BEFORE_SIGNING'],
    },
  ])('$what → $codes', ({ plan, codes }) => {
    expect(planProblems(plan, '2026-04-20').map((p) => p.code)).toEqual(codes);
  });
});

const checklistInput: ChecklistInput = {
  lotNo: 1,
  requirements: {
    substantive: [
      { id: 'S1', text: '★全新未使用产品，质保期不少于三年', lotNo: null },
      { id: 'S2', text: '★第二包专用要求', lotNo: 2 },
    ],
    specifications: [{ id: 'T1', text: '处理器不低于 8 核', lotNo: 1 }],
    deliveryPeriod: '合同签订后 30 日内',
    deliveryPlace: '采购人指定地点',
  },
  commitments: { 质保期: '三年', 交货期: '20 日' },
  contract: {
    amountFen: 40_000_000n,
    amendmentsFen: 0n,
    performancePeriod: null,
    deliveryPlace: '云岭县第一中学',
  },
  milestones: [
    { seq: 2, title: '培训', dueOn: '2026-05-10', periodEndsOn: null },
    { seq: 1, title: '到货验收', dueOn: '2026-05-01', periodEndsOn: null },
  ],
};

describe('acceptance checklist derivation (条例45: every technical, service and safety standard)', () => {
  it('takes the lot’s ★ and specification clauses, the winner’s read-out items and the contract’s terms', () => {
    expect(deriveChecklist(checklistInput)).toEqual([
      {
        id: 'req:S1',
        source: 'requirement',
        item: '实质性要求 S1',
        expected: '★全新未使用产品，质保期不少于三年',
      },
      { id: 'spec:T1', source: 'requirement', item: '技术/服务要求 T1', expected: '处理器不低于 8 核' },
      { id: 'bid:交货期', source: 'commitment', item: '投标承诺：交货期', expected: '20 日' },
      { id: 'bid:质保期', source: 'commitment', item: '投标承诺：质保期', expected: '三年' },
      {
        id: 'contract:amount',
        source: 'contract',
        item: '合同标的及金额',
        expected: '按合同约定的标的、数量交付，合同金额 400000.00 元',
      },
      // The contract sets no period: the tender's applies; the contract's own place wins over the tender's.
      { id: 'contract:period', source: 'contract', item: '履约期限', expected: '合同签订后 30 日内' },
      { id: 'contract:place', source: 'contract', item: '交付（服务）地点', expected: '云岭县第一中学' },
      { id: 'milestone:1', source: 'contract', item: '履约节点：到货验收', expected: '不迟于 2026-05-01' },
      { id: 'milestone:2', source: 'contract', item: '履约节点：培训', expected: '不迟于 2026-05-10' },
    ]);
  });

  it.each<{ what: string; patch: Partial<ChecklistInput>; ids: string[] }>([
    {
      what: 'nothing but the amount when the tender and contract say nothing else',
      patch: {
        requirements: { substantive: [], specifications: [], deliveryPeriod: null, deliveryPlace: null },
        commitments: {},
        contract: { amountFen: 100n, amendmentsFen: 0n, performancePeriod: null, deliveryPlace: null },
        milestones: [],
      },
      ids: ['contract:amount'],
    },
    {
      what: 'lot 2 gets the lot-less and its own clauses only',
      patch: { lotNo: 2, commitments: {}, milestones: [] },
      ids: ['req:S1', 'req:S2', 'contract:amount', 'contract:period', 'contract:place'],
    },
    {
      what: 'a service period reads as a range',
      patch: {
        commitments: {},
        milestones: [{ seq: 1, title: '运维', dueOn: '2026-05-01', periodEndsOn: '2027-04-30' }],
      },
      ids: ['req:S1', 'spec:T1', 'contract:amount', 'contract:period', 'contract:place', 'milestone:1'],
    },
  ])('$what', ({ patch, ids }) => {
    expect(deriveChecklist({ ...checklistInput, ...patch }).map((l) => l.id)).toEqual(ids);
  });

  it('states add-ons in the amount line (法49)', () => {
    const [amount] = deriveChecklist({
      ...checklistInput,
      requirements: { substantive: [], specifications: [], deliveryPeriod: null, deliveryPlace: null },
      commitments: {},
      contract: { ...checklistInput.contract, amendmentsFen: 2_000_000n },
    });
    expect(amount?.expected).toBe(
      '按合同及补充合同约定的标的、数量交付，合同金额 420000.00 元（含变更/补充 20000.00 元）',
    );
  });
});

const lines = deriveChecklist({ ...checklistInput, milestones: [] });
const allPass = lines.map((l) => ({ id: l.id, result: 'pass' as const }));
const base: AcceptanceInput = {
  checklist: lines,
  results: allPass,
  members: ['王一', '李二'],
  testingBody: null,
  projectBudgetFen: 50_000_000n,
  complex: false,
  publicService: false,
  recipientsOpinion: null,
  acceptedOn: '2026-05-10',
  signedOn: '2026-04-20',
  today: '2026-05-11',
};

describe('acceptance problems (法41; 条例45; 财库〔2016〕205号)', () => {
  it.each<{ what: string; patch: Partial<AcceptanceInput>; codes: string[] }>([
    { what: 'a complete acceptance', patch: {}, codes: [] },
    { what: 'a line left out', patch: { results: allPass.slice(1) }, codes: ['ITEMS_MISSING'] },
    {
      what: 'an unknown line',
      patch: { results: [...allPass, { id: 'x', result: 'pass' }] },
      codes: ['ITEM_UNKNOWN'],
    },
    {
      what: 'a line answered twice',
      patch: { results: [...allPass, { id: 'req:S1', result: 'pass' }] },
      codes: ['ITEM_TWICE'],
    },
    {
      what: 'a failed line without a note',
      patch: { results: allPass.map((r, i) => (i === 0 ? { ...r, result: 'fail' as const } : r)) },
      codes: ['FAIL_NOTE'],
    },
    { what: 'one member', patch: { members: ['王一'] }, codes: ['MEMBERS_TOO_FEW'] },
    {
      what: 'the same name twice is one member',
      patch: { members: ['王一', ' 王一 '] },
      codes: ['MEMBERS_TOO_FEW'],
    },
    {
      what: '¥10 million exactly: a testing body',
      patch: { projectBudgetFen: 1_000_000_000n },
      codes: ['TESTING_BODY_REQUIRED'],
    },
    { what: 'one fen under ¥10 million: none needed', patch: { projectBudgetFen: 999_999_999n }, codes: [] },
    {
      what: 'large with a testing body',
      patch: { projectBudgetFen: 2_000_000_000n, testingBody: '国家计算机质量检验检测中心' },
      codes: [],
    },
    { what: 'complex: a testing body', patch: { complex: true }, codes: ['TESTING_BODY_REQUIRED'] },
    {
      what: 'public service without recipients',
      patch: { publicService: true },
      codes: ['RECIPIENTS_OPINION_REQUIRED'],
    },
    {
      what: 'public service with recipients',
      patch: { publicService: true, recipientsOpinion: '服务对象满意' },
      codes: [],
    },
    { what: 'accepted tomorrow', patch: { acceptedOn: '2026-05-12' }, codes: ['ACCEPTED_IN_FUTURE'] },
    {
      what: 'accepted before signing',
      patch: { acceptedOn: '2026-04-19' },
      codes: ['ACCEPTED_BEFORE_SIGNING'],
    },
  ])('$what → $codes', ({ patch, codes }) => {
    expect(acceptanceProblems({ ...base, ...patch }).map((p) => p.code)).toEqual(codes);
  });

  it.each<{ results: { result: 'pass' | 'fail' | 'notApplicable' }[]; conclusion: string }>([
    { results: [{ result: 'pass' }, { result: 'notApplicable' }], conclusion: 'passed' },
    { results: [{ result: 'pass' }, { result: 'fail' }], conclusion: 'failed' },
    { results: [], conclusion: 'passed' },
  ])('conclusion of $results → $conclusion', ({ results, conclusion }) => {
    expect(conclusionOf(results)).toBe(conclusion);
  });
});

describe('paid totals (法49: the amount with its add-ons is the cap)', () => {
  it.each<{
    what: string;
    amount: bigint;
    amend: bigint[];
    paid: bigint[];
    next: bigint;
    over: bigint;
    full: boolean;
  }>([
    { what: 'nothing paid', amount: 1000n, amend: [], paid: [], next: 1000n, over: 0n, full: false },
    { what: 'exactly the amount', amount: 1000n, amend: [], paid: [400n], next: 600n, over: 0n, full: false },
    { what: 'one fen over', amount: 1000n, amend: [], paid: [400n], next: 601n, over: 1n, full: false },
    {
      what: 'an add-on raises the cap',
      amount: 1000n,
      amend: [100n],
      paid: [1000n],
      next: 100n,
      over: 0n,
      full: false,
    },
    {
      what: 'paid in full with the add-on',
      amount: 1000n,
      amend: [100n],
      paid: [1000n, 100n],
      next: 1n,
      over: 1n,
      full: true,
    },
    {
      what: 'a price cut lowers it',
      amount: 1000n,
      amend: [-50n],
      paid: [900n],
      next: 100n,
      over: 50n,
      full: false,
    },
  ])('$what', ({ amount, amend, paid, next, over, full }) => {
    const t = paidTotals(amount, amend, paid);
    expect(overpayment(t, next)).toBe(over);
    expect(t.fullyPaid).toBe(full);
    expect(t.outstandingFen).toBe(t.payableFen - t.paidFen);
  });
});

describe('payment lateness', () => {
  it.each<{
    what: string;
    due: string | null;
    paid: string[];
    full: boolean;
    today: string;
    late: boolean;
    days: number;
  }>([
    { what: 'no due day yet', due: null, paid: [], full: false, today: '2027-01-01', late: false, days: 0 },
    {
      what: 'unpaid, due today',
      due: '2026-06-10',
      paid: [],
      full: false,
      today: '2026-06-10',
      late: false,
      days: 0,
    },
    {
      what: 'unpaid past due',
      due: '2026-06-10',
      paid: [],
      full: false,
      today: '2026-06-15',
      late: true,
      days: 5,
    },
    {
      what: 'part paid in time, rest outstanding past due',
      due: '2026-06-10',
      paid: ['2026-06-01'],
      full: false,
      today: '2026-06-12',
      late: true,
      days: 2,
    },
    {
      what: 'fully paid on the due day',
      due: '2026-06-10',
      paid: ['2026-06-01', '2026-06-10'],
      full: true,
      today: '2026-07-01',
      late: false,
      days: 0,
    },
    {
      what: 'fully paid late',
      due: '2026-06-10',
      paid: ['2026-06-13', '2026-06-01'],
      full: true,
      today: '2026-07-01',
      late: true,
      days: 3,
    },
  ])('$what', ({ due, paid, full, today, late, days }) => {
    expect(
      paymentLateness(
        due,
        paid.map((paidOn) => ({ paidOn })),
        full,
        today,
      ),
    ).toEqual({ late, daysLate: days });
  });
});

describe('report text', () => {
  it('canonical JSON sorts keys, drops undefined and writes bigint as text', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 2n], c: undefined, d: { z: '中', y: 'x' } })).toBe(
      '{"a":[true,null,"2"],"b":1,"d":{"y":"x","z":"中"}}',
    );
  });
  it.each<[string, string | null]>([
    ['验收合格', null],
    ['验收合格', '居民满意'],
  ])('opinion %s with recipients %s survives storage', (opinion, recipients) => {
    expect(splitOpinion(joinOpinion(opinion, recipients))).toEqual({
      opinion,
      recipientsOpinion: recipients,
    });
  });
});
