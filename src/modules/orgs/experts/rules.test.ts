import { describe, expect, it } from 'vitest';
import {
  addMonths,
  employedWithinRecusalPeriod,
  idNumberProblem,
  maskEmail,
  poolCoverage,
  titleQualificationProblem,
  transitionProblem,
  yearlyCounts,
  type CoverageExpert,
  type CoverageSpecialty,
  type TitleLevel,
} from './rules.ts';

describe('titleQualificationProblem (财库〔2016〕198号 第六条(二))', () => {
  it.each<{ level: TitleLevel; years: number; ok: boolean }>([
    { level: 'senior', years: 0, ok: true }, // a senior title qualifies on its own
    { level: 'senior', years: 3, ok: true },
    { level: 'intermediate', years: 8, ok: true }, // exactly 8 years is enough
    { level: 'intermediate', years: 20, ok: true },
    { level: 'intermediate', years: 7, ok: false },
    { level: 'intermediate', years: 0, ok: false },
    { level: 'senior', years: -1, ok: false },
  ])('$level with $years years → $ok', ({ level, years, ok }) => {
    expect(titleQualificationProblem(level, years) === null).toBe(ok);
  });

  it('says why in Chinese', () => {
    expect(titleQualificationProblem('intermediate', 5)).toContain('满 8 年');
  });
});

describe('idNumberProblem (GB 11643-1999)', () => {
  it.each([
    { id: '11010519491231002X', ok: true },
    { id: '440524188001010014', ok: true }, // GB 11643 sets no earliest birth year; age limits are another rule
    { id: '110105194912310021', ok: false },
    { id: '110105194902300020', ok: false },
    { id: '11010519491231002x', ok: false },
  ])('$id → $ok', ({ id, ok }) => {
    expect(idNumberProblem(id) === null).toBe(ok);
  });
});

describe('transitionProblem', () => {
  it.each([
    { from: 'pending', kind: 'review', to: 'active', ok: true },
    { from: 'pending', kind: 'review', to: 'rejected', ok: true },
    { from: 'active', kind: 'review', to: 'active', ok: false },
    { from: 'rejected', kind: 'review', to: 'active', ok: false },
    { from: 'active', kind: 'status', to: 'suspended', ok: true },
    { from: 'suspended', kind: 'status', to: 'active', ok: true },
    { from: 'suspended', kind: 'status', to: 'removed', ok: true },
    { from: 'removed', kind: 'status', to: 'active', ok: false },
    { from: 'pending', kind: 'status', to: 'active', ok: false }, // approval goes through review
    { from: 'active', kind: 'resubmit', to: 'pending', ok: true },
    { from: 'rejected', kind: 'resubmit', to: 'pending', ok: true },
    { from: 'suspended', kind: 'resubmit', to: 'pending', ok: false },
  ] as const)('$from —$kind→ $to: $ok', ({ from, kind, to, ok }) => {
    expect(transitionProblem(from, kind, to) === null).toBe(ok);
  });
});

describe('addMonths and the 3-year recusal window (条例9)', () => {
  it.each([
    { day: '2026-03-02', n: -12, out: '2025-03-02' },
    { day: '2026-03-31', n: -1, out: '2026-02-28' },
    { day: '2024-02-29', n: -12, out: '2023-02-28' },
    { day: '2026-03-02', n: -36, out: '2023-03-02' },
  ])('$day + $n months = $out', ({ day, n, out }) => {
    expect(addMonths(day, n)).toBe(out);
  });

  it.each([
    { startedOn: '2010-01-01', endedOn: null, ok: true }, // still employed
    { startedOn: '2010-01-01', endedOn: '2023-03-02', ok: true }, // left exactly 3 years ago
    { startedOn: '2010-01-01', endedOn: '2023-03-01', ok: false }, // left 3 years and a day ago
    { startedOn: '2026-04-01', endedOn: null, ok: false }, // starts after the day
  ])('$startedOn…$endedOn on 2026-03-02 → $ok', ({ startedOn, endedOn, ok }) => {
    expect(employedWithinRecusalPeriod({ startedOn, endedOn }, '2026-03-02')).toBe(ok);
  });
});

const TREE: CoverageSpecialty[] = [
  { code: 'A', name: '货物', parentCode: null },
  { code: 'A01', name: '计算机', parentCode: 'A' },
  { code: 'A02', name: '网络', parentCode: 'A' },
];
const AS_OF = '2026-03-02';
const expert = (id: string, codes: string[], extra: Partial<CoverageExpert> = {}): CoverageExpert => ({
  id,
  status: 'active',
  specialtyCodes: codes,
  leaves: [],
  employments: [],
  ...extra,
});
const job = (partyKey: string, endedOn: string | null = null) => ({
  partyKey,
  startedOn: '2015-01-01',
  endedOn,
});
const row = (rows: ReturnType<typeof poolCoverage>, code: string) => rows.find((r) => r.code === code);

describe('poolCoverage', () => {
  it.each([
    {
      name: '7 free experts: exactly enough',
      experts: Array.from({ length: 7 }, (_, i) => expert(`e${i}`, ['A01'])),
      want: { available: 7, worstCaseRecused: 0, drawable: 7, flagged: false },
    },
    {
      name: '6 free experts: one short',
      experts: Array.from({ length: 6 }, (_, i) => expert(`e${i}`, ['A01'])),
      want: { available: 6, drawable: 6, flagged: true },
    },
    {
      name: '9 experts, 3 of them worked for one supplier: 6 remain',
      experts: Array.from({ length: 9 }, (_, i) =>
        expert(`e${i}`, ['A01'], { employments: i < 3 ? [job('supplier:s1')] : [] }),
      ),
      want: { available: 9, worstCaseRecused: 3, worstCaseParty: 'supplier:s1', drawable: 6, flagged: true },
    },
    {
      name: 'worst single party counts, not the sum of parties',
      experts: Array.from({ length: 9 }, (_, i) =>
        expert(`e${i}`, ['A01'], {
          employments: i < 2 ? [job('supplier:s1')] : i < 4 ? [job('purchaser:p1')] : [],
        }),
      ),
      want: {
        available: 9,
        worstCaseRecused: 2,
        worstCaseParty: 'purchaser:p1',
        drawable: 7,
        flagged: false,
      },
    },
    {
      name: 'an employment that ended more than 3 years ago no longer recuses',
      experts: Array.from({ length: 8 }, (_, i) =>
        expert(`e${i}`, ['A01'], { employments: i < 3 ? [job('supplier:s1', '2022-12-31')] : [] }),
      ),
      want: { available: 8, worstCaseRecused: 0, drawable: 8, flagged: false },
    },
    {
      name: 'leave on the day, suspended experts and employers that are no party do not count',
      experts: [
        ...Array.from({ length: 7 }, (_, i) =>
          expert(`e${i}`, ['A01'], { employments: [{ ...job('x'), partyKey: null }] }),
        ),
        expert('leave', ['A01'], { leaves: [{ startsOn: '2026-03-01', endsOn: '2026-03-02' }] }),
        expert('back', ['A01'], { leaves: [{ startsOn: '2026-02-01', endsOn: '2026-03-01' }] }),
        expert('susp', ['A01'], { status: 'suspended' }),
      ],
      want: { available: 8, worstCaseRecused: 0, drawable: 8, flagged: false },
    },
  ])('$name', ({ experts, want }) => {
    const rows = poolCoverage({ asOf: AS_OF, specialties: TREE, experts, demand: [] });
    expect(row(rows, 'A01')).toMatchObject(want);
  });

  it('aggregates to parents, counts distinct projects in the 12 months, and computes pressure', () => {
    const experts = [
      ...Array.from({ length: 4 }, (_, i) => expert(`c${i}`, ['A01'])),
      ...Array.from({ length: 4 }, (_, i) => expert(`n${i}`, ['A02'])),
      expert('both', ['A01', 'A02']),
    ];
    const demand = [
      { specialtyCode: 'A01', projectRef: 'P1', reviewedOn: '2026-01-10' },
      { specialtyCode: 'A01', projectRef: 'P1', reviewedOn: '2026-01-10' }, // two experts, one project
      { specialtyCode: 'A02', projectRef: 'P1', reviewedOn: '2026-01-10' }, // same project, other lot
      { specialtyCode: 'A02', projectRef: 'P2', reviewedOn: '2025-03-03' }, // first day inside the window
      { specialtyCode: 'A02', projectRef: 'P3', reviewedOn: '2025-03-02' }, // 12 months ago: outside
      { specialtyCode: 'A02', projectRef: 'P4', reviewedOn: '2026-03-03' }, // after the day: outside
    ];
    const rows = poolCoverage({ asOf: AS_OF, specialties: TREE, experts, demand });
    expect(row(rows, 'A01')).toMatchObject({ leaf: true, available: 5, draws: 1, demandPressure: 1 });
    expect(row(rows, 'A02')).toMatchObject({ available: 5, draws: 2, demandPressure: 2 });
    expect(row(rows, 'A')).toMatchObject({ leaf: false, available: 9, draws: 2, flagged: false });
    expect(row(rows, 'A')?.demandPressure).toBe(1.11); // 10 / 9, half-up
    // Flagged first, the tightest first; then the rest by code.
    expect(rows.map((r) => r.code)).toEqual(['A01', 'A02', 'A']);
  });

  it('reports no pressure when nobody is available', () => {
    const rows = poolCoverage({ asOf: AS_OF, specialties: TREE, experts: [], demand: [] });
    expect(row(rows, 'A01')).toMatchObject({
      available: 0,
      drawable: 0,
      flagged: true,
      demandPressure: null,
    });
  });
});

describe('presentation helpers', () => {
  it('masks e-mail and counts reviews per year', () => {
    expect(maskEmail('zhang@example.com')).toBe('z***@example.com');
    expect(yearlyCounts(['2025-05-01', '2026-01-01', '2025-12-31'])).toEqual([
      { year: 2025, count: 2 },
      { year: 2026, count: 1 },
    ]);
  });
});
