import { describe, expect, it } from 'vitest';
import { addWorkingDays, LAST_COVERED_YEAR } from '../../../platform/calendar.ts';
import { AppError } from '../../../platform/errors.ts';
import {
  committeeProblems,
  earliestDrawDay,
  requiredCommitteeSize,
  type CommitteeRequirement,
  type CommitteeSeat,
} from './committee.ts';
import type { Category, Method } from './types.ts';

const wan = (n: number): bigint => BigInt(Math.round(n * 100)) * 10_000n;
const THRESHOLD = wan(200);

describe('requiredCommitteeSize (87号令47; 法38/40; 74号令7; 214号14; 招标法37)', () => {
  it.each<{
    what: string;
    method: Method;
    category: Category;
    budgetWan: number;
    complex?: boolean;
    impact?: boolean;
    mandatory?: boolean;
    min: number;
    legal: boolean;
    basis: string;
  }>([
    {
      what: 'goods tender of 500万',
      method: 'openTender',
      category: 'goods',
      budgetWan: 500,
      min: 5,
      legal: false,
      basis: '第四十七条',
    },
    {
      what: 'tender just under 1000万',
      method: 'openTender',
      category: 'goods',
      budgetWan: 999.99,
      min: 5,
      legal: false,
      basis: '5人以上',
    },
    {
      what: 'tender at exactly 1000万 (以上 includes it)',
      method: 'openTender',
      category: 'services',
      budgetWan: 1000,
      min: 7,
      legal: false,
      basis: '1000万元以上',
    },
    {
      what: 'complex tender of 300万',
      method: 'openTender',
      category: 'services',
      budgetWan: 300,
      complex: true,
      min: 7,
      legal: false,
      basis: '技术复杂',
    },
    {
      what: 'invited tender of high social impact',
      method: 'invitedTender',
      category: 'goods',
      budgetWan: 100,
      impact: true,
      min: 7,
      legal: false,
      basis: '社会影响较大',
    },
    {
      what: 'works tender of 2000万 under 招标法',
      method: 'openTender',
      category: 'works',
      budgetWan: 2000,
      min: 5,
      legal: false,
      basis: '招标投标法第三十七条',
    },
    {
      what: 'mandatory tender of works goods',
      method: 'openTender',
      category: 'goods',
      budgetWan: 2000,
      mandatory: true,
      min: 5,
      legal: false,
      basis: '招标投标法第三十七条',
    },
    {
      what: 'negotiation below the threshold',
      method: 'negotiation',
      category: 'goods',
      budgetWan: 199.99,
      min: 3,
      legal: false,
      basis: '第三十八条',
    },
    {
      what: 'negotiation at the threshold',
      method: 'negotiation',
      category: 'goods',
      budgetWan: 200,
      min: 5,
      legal: false,
      basis: '74号令第七条',
    },
    {
      what: 'complex negotiation needs a legal expert',
      method: 'negotiation',
      category: 'services',
      budgetWan: 50,
      complex: true,
      min: 3,
      legal: true,
      basis: '法律专家',
    },
    {
      what: 'rfq below the threshold',
      method: 'rfq',
      category: 'goods',
      budgetWan: 80,
      complex: true,
      min: 3,
      legal: false,
      basis: '第四十条',
    },
    {
      what: 'rfq above the threshold',
      method: 'rfq',
      category: 'goods',
      budgetWan: 250,
      min: 5,
      legal: false,
      basis: '询价小组应为5人以上单数',
    },
    {
      what: 'consultation, any size',
      method: 'consultation',
      category: 'services',
      budgetWan: 5000,
      complex: true,
      min: 3,
      legal: false,
      basis: '214号第十四条',
    },
    {
      what: 'single source: no committee',
      method: 'singleSource',
      category: 'goods',
      budgetWan: 500,
      min: 0,
      legal: false,
      basis: '第四十一条',
    },
  ])('$what → ≥$min', ({ method, category, budgetWan, complex, impact, mandatory, min, legal, basis }) => {
    const r = requiredCommitteeSize({
      method,
      category,
      budgetFen: wan(budgetWan),
      openTenderThresholdFen: THRESHOLD,
      complex: complex ?? false,
      highSocialImpact: impact ?? false,
      mandatoryTender: mandatory ?? false,
    });
    expect(r.min).toBe(min);
    expect(r.odd).toBe(true);
    expect(r.legalExpertRequired).toBe(legal);
    expect(r.basis).toContain(basis);
  });
});

const seat = (personId: string, over: Partial<CommitteeSeat> = {}): CommitteeSeat => ({
  personId,
  kind: 'expert',
  chair: false,
  agencyStaff: false,
  financeSupervisor: false,
  purchaserStaff: false,
  legalExpert: false,
  ...over,
});
const rep = (id: string, over: Partial<CommitteeSeat> = {}): CommitteeSeat =>
  seat(id, { kind: 'purchaserRep', purchaserStaff: true, ...over });
const FIVE: CommitteeRequirement = {
  min: 5,
  odd: true,
  legalExpertRequired: false,
  basis: '87号令第四十七条',
};
const SEVEN: CommitteeRequirement = { ...FIVE, min: 7 };
const THREE: CommitteeRequirement = { ...FIVE, min: 3 };
const LEGAL3: CommitteeRequirement = { ...THREE, legalExpertRequired: true };
const NONE: CommitteeRequirement = { ...FIVE, min: 0 };

describe('committeeProblems', () => {
  it.each<{ what: string; req: CommitteeRequirement; seats: CommitteeSeat[]; codes: string[] }>([
    {
      what: 'lawful: 1 purchaser rep + 4 experts, an expert chairs',
      req: FIVE,
      seats: [rep('r1'), seat('e1', { chair: true }), seat('e2'), seat('e3'), seat('e4')],
      codes: [],
    },
    {
      what: 'four members: too small and even',
      req: FIVE,
      seats: [rep('r1'), seat('e1', { chair: true }), seat('e2'), seat('e3')],
      codes: ['COMMITTEE_TOO_SMALL', 'COMMITTEE_EVEN'],
    },
    {
      what: '2 reps + 3 experts of 5: 3·3 = 9 < 10',
      req: FIVE,
      seats: [rep('r1'), rep('r2'), seat('e1', { chair: true }), seat('e2'), seat('e3')],
      codes: ['EXPERTS_UNDER_TWO_THIRDS'],
    },
    {
      what: '1 rep + 2 experts of 3: exactly two thirds is enough',
      req: THREE,
      seats: [rep('r1'), seat('e1', { chair: true }), seat('e2')],
      codes: [],
    },
    {
      what: '2 reps + 5 experts of 7: 15 ≥ 14',
      req: SEVEN,
      seats: [
        rep('r1'),
        rep('r2'),
        seat('e1', { chair: true }),
        seat('e2'),
        seat('e3'),
        seat('e4'),
        seat('e5'),
      ],
      codes: [],
    },
    {
      what: '3 reps + 4 experts of 7: 12 < 14',
      req: SEVEN,
      seats: [
        rep('r1'),
        rep('r2'),
        rep('r3'),
        seat('e1', { chair: true }),
        seat('e2'),
        seat('e3'),
        seat('e4'),
      ],
      codes: ['EXPERTS_UNDER_TWO_THIRDS'],
    },
    {
      what: 'purchaser rep in the chair',
      req: THREE,
      seats: [rep('r1', { chair: true }), seat('e1'), seat('e2')],
      codes: ['PURCHASER_REP_CHAIR'],
    },
    {
      what: 'no chair',
      req: THREE,
      seats: [rep('r1'), seat('e1'), seat('e2')],
      codes: ['NO_CHAIR'],
    },
    {
      what: 'two chairs',
      req: THREE,
      seats: [rep('r1'), seat('e1', { chair: true }), seat('e2', { chair: true })],
      codes: ['SEVERAL_CHAIRS'],
    },
    {
      what: 'agency staff sitting',
      req: THREE,
      seats: [rep('r1'), seat('e1', { chair: true }), seat('e2', { agencyStaff: true })],
      codes: ['AGENCY_STAFF_SEATED'],
    },
    {
      what: 'finance supervisor sitting',
      req: THREE,
      seats: [rep('r1'), seat('e1', { chair: true }), seat('e2', { financeSupervisor: true })],
      codes: ['FINANCE_SUPERVISOR_SEATED'],
    },
    {
      what: 'purchaser staff sitting as an expert',
      req: THREE,
      seats: [rep('r1'), seat('e1', { chair: true }), seat('e2', { purchaserStaff: true })],
      codes: ['PURCHASER_STAFF_AS_EXPERT'],
    },
    {
      what: 'complex negotiation without a legal expert',
      req: LEGAL3,
      seats: [rep('r1'), seat('e1', { chair: true }), seat('e2')],
      codes: ['LEGAL_EXPERT_MISSING'],
    },
    {
      what: 'complex negotiation with a legal expert',
      req: LEGAL3,
      seats: [rep('r1'), seat('e1', { chair: true }), seat('e2', { legalExpert: true })],
      codes: [],
    },
    {
      what: 'a purchaser rep flagged legal expert does not count',
      req: LEGAL3,
      seats: [rep('r1', { legalExpert: true }), seat('e1', { chair: true }), seat('e2')],
      codes: ['LEGAL_EXPERT_MISSING'],
    },
    {
      what: 'the same person twice',
      req: THREE,
      seats: [rep('r1'), seat('e1', { chair: true }), seat('e1')],
      codes: ['DUPLICATE_PERSON'],
    },
    { what: 'single source: nothing to check', req: NONE, seats: [], codes: [] },
  ])('$what', ({ req, seats, codes }) => {
    const problems = committeeProblems(req, seats);
    expect(problems.map((p) => p.code)).toEqual(codes);
    for (const p of problems) expect(p.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('names the seat at fault', () => {
    const [p] = committeeProblems(THREE, [
      rep('r1'),
      seat('e1', { chair: true }),
      seat('x9', { agencyStaff: true }),
    ]);
    expect(p?.seat).toBe('x9');
  });
});

describe('earliestDrawDay (198号: not earlier than 2 WD before the review)', () => {
  it.each<{ what: string; review: string; method: Method; earliest: string }>([
    {
      what: 'plain week: Wed review → Mon',
      review: '2026-03-11',
      method: 'openTender',
      earliest: '2026-03-09',
    },
    { what: 'Mon review → the Thursday before', review: '2026-03-09', method: 'rfq', earliest: '2026-03-05' },
    {
      what: 'Thu 10-08 after 国庆 (10-01…10-07 off) → Tue 09-29',
      review: '2026-10-08',
      method: 'openTender',
      earliest: '2026-09-29',
    },
    {
      what: 'Mon 10-12: the 调休 Saturday 10-10 counts → Fri 10-09',
      review: '2026-10-12',
      method: 'invitedTender',
      earliest: '2026-10-09',
    },
    {
      what: 'Tue 09-22: the 调休 Sunday 09-20 counts',
      review: '2026-09-22',
      method: 'openTender',
      earliest: '2026-09-20',
    },
    {
      what: 'Mon 09-28 after 中秋 (09-25…09-27 off) → Wed 09-23',
      review: '2026-09-28',
      method: 'openTender',
      earliest: '2026-09-23',
    },
  ])('$what', ({ review, method, earliest }) => {
    const got = earliestDrawDay({ reviewDay: review, method, remote: false });
    expect(got).toBe(earliest);
    // Cross-check with the forward engine: the review is the 2nd working day after the earliest draw day.
    expect(addWorkingDays(earliest, 2)).toBe(review);
  });

  it.each<{ what: string; method: Method; remote: boolean }>([
    { what: 'negotiation', method: 'negotiation', remote: false },
    { what: 'consultation', method: 'consultation', remote: false },
    { what: 'remote review of a tender', method: 'openTender', remote: true },
    { what: 'single source draws no experts', method: 'singleSource', remote: false },
  ])('no limit: $what', ({ method, remote }) => {
    expect(earliestDrawDay({ reviewDay: '2026-10-08', method, remote })).toBeNull();
  });

  it('refuses a review day the calendar does not cover', () => {
    const day = `${LAST_COVERED_YEAR + 1}-03-10`;
    expect(() => earliestDrawDay({ reviewDay: day, method: 'openTender', remote: false })).toThrow(AppError);
  });
});
