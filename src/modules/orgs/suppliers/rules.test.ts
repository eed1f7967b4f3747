import { describe, expect, it } from 'vitest';
import { shanghaiDay } from '../../../platform/clock.ts';
import {
  countsAsSmallOrMicro,
  nextStatusAfter,
  reviewedFieldsChanged,
  sanctionsInForce,
  type SanctionPeriod,
} from './rules.ts';

describe('countsAsSmallOrMicro (财库〔2020〕46号 第十六条)', () => {
  it.each([
    { size: 'micro', prison: false, disabled: false, expected: true },
    { size: 'small', prison: false, disabled: false, expected: true },
    { size: 'medium', prison: false, disabled: false, expected: false },
    { size: 'large', prison: false, disabled: false, expected: false },
    { size: 'large', prison: true, disabled: false, expected: true },
    { size: 'medium', prison: false, disabled: true, expected: true },
  ] as const)(
    '$size prison=$prison disabled=$disabled → $expected',
    ({ size, prison, disabled, expected }) => {
      expect(countsAsSmallOrMicro({ size, prisonEnterprise: prison, disabledWelfareUnit: disabled })).toBe(
        expected,
      );
    },
  );
});

describe('sanctionsInForce', () => {
  const s: SanctionPeriod[] = [
    { kind: 'debarred', startsOn: '2025-03-01', endsOn: '2026-02-28' },
    { kind: 'dishonest', startsOn: '2026-06-01', endsOn: null },
  ];
  it.each([
    { day: '2025-02-28', expected: [] },
    { day: '2025-03-01', expected: ['debarred'] },
    { day: '2026-02-28', expected: ['debarred'] },
    { day: '2026-03-01', expected: [] },
    { day: '2026-06-01', expected: ['dishonest'] },
    { day: '2030-01-01', expected: ['dishonest'] },
  ])('$day → $expected', ({ day, expected }) => {
    expect(sanctionsInForce(s, day).map((x) => x.kind)).toEqual(expected);
  });
});

describe('reviewedFieldsChanged', () => {
  const before = {
    name: '甲公司',
    legalRepresentative: '张三',
    size: 'small',
    prisonEnterprise: false,
    disabledWelfareUnit: false,
    regionCode: '150439',
    businessScope: '计算机销售',
  };
  it('names the reviewed fields whose value changes, ignoring equal and absent ones', () => {
    expect(reviewedFieldsChanged(before, { name: '甲公司', size: 'micro' })).toEqual(['size']);
    expect(reviewedFieldsChanged(before, {})).toEqual([]);
    expect(reviewedFieldsChanged(before, { legalRepresentative: '李四', businessScope: '软件开发' })).toEqual(
      ['legalRepresentative', 'businessScope'],
    );
  });
});

describe('nextStatusAfter', () => {
  it.each([
    ['pending', 'approve', 'approved'],
    ['pending', 'reject', 'rejected'],
    ['approved', 'approve', null],
    ['rejected', 'approve', null],
    ['approved', 'reject', null],
    ['rejected', 'resubmit', 'pending'],
    ['pending', 'resubmit', null],
    ['approved', 'changeReviewed', 'pending'],
  ] as const)('%s + %s → %s', (status, event, expected) => {
    expect(nextStatusAfter(status, event)).toBe(expected);
  });
});

describe('shanghaiDay', () => {
  it('is the calendar day in Beijing time', () => {
    expect(shanghaiDay(new Date('2026-03-01T16:30:00Z'))).toBe('2026-03-02');
    expect(shanghaiDay(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
  });
});
