import { describe, expect, it } from 'vitest';
import {
  objectiveInconsistencies,
  outOfRange,
  outOfRangeScores,
  quantile,
  scoreOutlierReport,
  scoreOutliers,
  scoreSumErrors,
  type ExpertScore,
  type Points,
} from './deviation.ts';
import { exactText, fromNumber, ratio } from './ratio.ts';

const crit = (criterionId: string, points: Points[], bidId?: string): ExpertScore[] =>
  points.map((p, i) => ({ expertId: `e${i + 1}`, criterionId, points: p, ...(bidId ? { bidId } : {}) }));

describe('quantile (type 7, exact)', () => {
  it.each<{ values: number[]; q1: string; q3: string }>([
    { values: [1, 2, 3, 4], q1: '1.75', q3: '3.25' },
    { values: [2, 8, 8.5, 9, 9], q1: '8', q3: '9' },
    { values: [0, 0, 0, 10], q1: '0', q3: '2.5' },
    { values: [1, 2, 4], q1: '1.5', q3: '3' },
    { values: [7], q1: '7', q3: '7' },
  ])('$values → Q1 $q1, Q3 $q3', ({ values, q1, q3 }) => {
    const sorted = values.map(fromNumber);
    expect(exactText(quantile(sorted, ratio(1n, 4n)))).toBe(q1);
    expect(exactText(quantile(sorted, ratio(3n, 4n)))).toBe(q3);
  });
});

describe('scoreOutliers (87号令64 (四) 评分畸高、畸低 — Tukey fences)', () => {
  it.each<{
    what: string;
    points: Points[];
    flagged: { expertId: string; points: string; low: string; high: string }[];
  }>([
    {
      what: 'one expert far below four agreeing ones',
      points: [8, 8.5, 9, 9, 2],
      flagged: [{ expertId: 'e5', points: '2', low: '6.5', high: '10.5' }],
    },
    {
      what: 'four scores are enough: [0,0,0,10], Q3 = 2.5, high fence 6.25',
      points: [0, 0, 0, 10],
      flagged: [{ expertId: 'e4', points: '10', low: '-3.75', high: '6.25' }],
    },
    {
      what: 'a score exactly on the fence is inside ([2,2,3,4,7]: high fence 7)',
      points: [2, 2, 3, 4, 7],
      flagged: [],
    },
    {
      what: 'just past the fence is outside',
      points: [2, 2, 3, 4, 7.5],
      flagged: [{ expertId: 'e5', points: '7.5', low: '-1', high: '7' }],
    },
    {
      what: 'thirds stay exact',
      points: [ratio(1n, 3n), ratio(1n, 3n), ratio(1n, 3n), ratio(1n, 3n), 5],
      flagged: [{ expertId: 'e5', points: '5', low: '1/3', high: '1/3' }],
    },
    { what: 'all agree', points: [6, 6, 6, 6, 6], flagged: [] },
  ])('$what', ({ points, flagged }) => {
    const out = scoreOutliers(crit('tech', points));
    expect(out).toEqual(flagged.map((f) => ({ criterionId: 'tech', ...f })));
  });

  it.each<number[]>([[0, 10, 10], [0, 0, 10], [1, 100], [5]])(
    'fewer than 4 scores (%j): nothing flagged, the criterion is reported as skipped',
    (...points) => {
      const report = scoreOutlierReport(crit('c', points));
      expect(report.outliers).toEqual([]);
      expect(report.skipped).toEqual([{ criterionId: 'c', count: points.length }]);
    },
  );

  it('never compares scores of different bids', () => {
    const scores = [...crit('tech', [8, 8, 8, 8, 8], 'X'), ...crit('tech', [2], 'Y')];
    const report = scoreOutlierReport(scores);
    expect(report.outliers).toEqual([]);
    expect(report.skipped).toEqual([{ criterionId: 'tech', bidId: 'Y', count: 1 }]);
    // Mixed into one group, the 2 would have been flagged.
    expect(scoreOutliers(scores.map(({ bidId: _b, ...s }) => s))).toHaveLength(1);
  });

  it('groups per criterion', () => {
    const out = scoreOutliers([...crit('a', [5, 5, 5, 5, 0]), ...crit('b', [1, 2, 3, 4, 5])]);
    expect(out.map((o) => [o.criterionId, o.expertId])).toEqual([['a', 'e5']]);
  });
});

describe('scoreSumErrors (87号令64 (一))', () => {
  it.each<{ what: string; items: Points[]; stated: Points; error: boolean }>([
    { what: 'correct sum', items: [30, 25.5, 20], stated: 75.5, error: false },
    { what: '0.1 + 0.2 = 0.3 exactly', items: [0.1, 0.2], stated: 0.3, error: false },
    { what: 'off by half a point', items: [30, 25, 20], stated: 75.5, error: true },
    { what: 'thirds', items: [ratio(1n, 3n), ratio(2n, 3n)], stated: 1, error: false },
  ])('$what', ({ items, stated, error }) => {
    const out = scoreSumErrors([
      {
        expertId: 'e1',
        bidId: 'b1',
        items: items.map((points, i) => ({ criterionId: `c${i}`, points })),
        statedTotal: stated,
      },
    ]);
    expect(out.length > 0).toBe(error);
    if (error) expect(out[0]).toMatchObject({ stated: '75.5', computed: '75' });
  });
});

describe('outOfRange (87号令64 (二))', () => {
  it.each<[Points, Points, boolean]>([
    [10, 10, false],
    [10.5, 10, true],
    [0, 10, false],
    [-1, 10, true],
    [ratio(21n, 2n), 10, true],
    [ratio(19n, 2n), 10, false],
  ])('case %#', (points, max, out) => {
    expect(outOfRange(points, max)).toBe(out);
  });

  it('lists out-of-range and unknown criteria', () => {
    const out = outOfRangeScores(
      [
        { expertId: 'e1', criterionId: 'tech', points: 21 },
        { expertId: 'e2', criterionId: 'tech', points: 20 },
        { expertId: 'e3', criterionId: 'ghost', points: 1 },
      ],
      new Map<string, Points>([['tech', 20]]),
    );
    expect(out.map((o) => [o.expertId, o.criterionId])).toEqual([
      ['e1', 'tech'],
      ['e3', 'ghost'],
    ]);
  });
});

describe('objectiveInconsistencies (87号令64 (三))', () => {
  it('flags an objective criterion scored differently for the same bid', () => {
    const scores = [
      ...crit('iso', [5, 5, 5], 'b1'),
      ...crit('iso', [5, 0, 5], 'b2'),
      ...crit('design', [3, 4, 5], 'b1'),
    ];
    expect(objectiveInconsistencies(scores, new Set(['iso']))).toEqual([
      { criterionId: 'iso', bidId: 'b2', values: ['5', '0'] },
    ]);
  });
});
