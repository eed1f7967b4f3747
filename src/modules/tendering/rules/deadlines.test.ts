import { describe, expect, it } from 'vitest';
import { LAST_COVERED_YEAR } from '../../../platform/calendar.ts';
import { AppError } from '../../../platform/errors.ts';
import {
  awardLetterDeadline,
  challengeDeadline,
  checkSchedule,
  contractFilingDeadline,
  contractPublicationDeadline,
  contractSigningDeadline,
  deadlineAfterCorrection,
  depositRefundDeadline,
  earliestBidDeadline,
  earliestDocumentsAvailableUntil,
  resultChallengeDeadline,
  resultNoticePeriodEnd,
  type TimedMethod,
} from './deadlines.ts';

// 2026 春节: 02-15…02-23 off, 02-14 (Sat) and 02-28 (Sat) worked. 2026 国庆: 10-01…10-07 off, 09-20 (Sun) and
// 10-10 (Sat) worked; 中秋 09-25…09-27 off (RULES.md §11).

describe('earliest lawful response deadline (法35; 招标法24; 214号; 74号令; 94号令 art.42)', () => {
  it.each<{ what: string; method: TimedMethod; issued: string; earliest: string }>([
    {
      what: 'open tender, 20 days on a plain Monday',
      method: 'openTender',
      issued: '2026-03-02',
      earliest: '2026-03-23',
    },
    {
      what: 'open tender, day 20 is 春节 02-15 → 02-24',
      method: 'openTender',
      issued: '2026-01-26',
      earliest: '2026-02-24',
    },
    {
      what: 'invited tender, day 20 is the 调休 Saturday 02-28',
      method: 'invitedTender',
      issued: '2026-02-08',
      earliest: '2026-02-28',
    },
    {
      what: 'open tender, day 20 is 国庆 10-05 → 10-08',
      method: 'openTender',
      issued: '2026-09-15',
      earliest: '2026-10-08',
    },
    {
      what: 'invited tender, day 20 is the 调休 Saturday 10-10',
      method: 'invitedTender',
      issued: '2026-09-20',
      earliest: '2026-10-10',
    },
    {
      what: 'consultation, day 10 is 春节 02-15 → 02-24',
      method: 'consultation',
      issued: '2026-02-05',
      earliest: '2026-02-24',
    },
    {
      what: 'consultation, day 10 is 国庆 10-03 → 10-08',
      method: 'consultation',
      issued: '2026-09-23',
      earliest: '2026-10-08',
    },
    {
      what: 'consultation, plain 10 days',
      method: 'consultation',
      issued: '2026-03-02',
      earliest: '2026-03-12',
    },
    {
      what: 'negotiation, 3 WD counting 调休 02-14, skipping 春节',
      method: 'negotiation',
      issued: '2026-02-12',
      earliest: '2026-02-24',
    },
    { what: 'rfq, 3 WD across 国庆', method: 'rfq', issued: '2026-09-28', earliest: '2026-10-08' },
    { what: 'rfq, 3 WD over a weekend', method: 'rfq', issued: '2026-03-05', earliest: '2026-03-10' },
  ])('$what → $earliest', ({ method, issued, earliest }) => {
    expect(earliestBidDeadline(method, issued)).toBe(earliest);
  });
});

describe('document availability ≥ 5 WD (条例31; 214号)', () => {
  it.each<{ what: string; method: TimedMethod; issued: string; earliest: string | null }>([
    {
      what: 'open tender across 春节, counting 02-14',
      method: 'openTender',
      issued: '2026-02-10',
      earliest: '2026-02-24',
    },
    {
      what: 'invited tender counting 调休 Sunday 09-20',
      method: 'invitedTender',
      issued: '2026-09-15',
      earliest: '2026-09-21',
    },
    {
      what: 'consultation across 国庆, counting 10-10',
      method: 'consultation',
      issued: '2026-09-29',
      earliest: '2026-10-12',
    },
    { what: 'negotiation: no floor', method: 'negotiation', issued: '2026-09-29', earliest: null },
    { what: 'rfq: no floor', method: 'rfq', issued: '2026-09-29', earliest: null },
  ])('$what → $earliest', ({ method, issued, earliest }) => {
    expect(earliestDocumentsAvailableUntil(method, issued)).toBe(earliest);
  });
});

describe('checkSchedule', () => {
  it('is empty for a lawful open tender across 春节', () => {
    expect(
      checkSchedule({
        method: 'openTender',
        noticePublishedOn: '2026-01-26',
        documentsIssuedOn: '2026-01-26',
        documentsAvailableUntil: '2026-02-02',
        bidDeadline: '2026-02-24',
      }),
    ).toEqual([]);
  });

  it('accepts a deadline later than the earliest lawful day', () => {
    expect(
      checkSchedule({
        method: 'rfq',
        noticePublishedOn: '2026-09-28',
        documentsIssuedOn: '2026-09-28',
        documentsAvailableUntil: '2026-09-28',
        bidDeadline: '2026-10-09',
      }),
    ).toEqual([]);
  });

  it('names the earliest lawful day for each violation', () => {
    const violations = checkSchedule({
      method: 'openTender',
      noticePublishedOn: '2026-01-27',
      documentsIssuedOn: '2026-01-26',
      documentsAvailableUntil: '2026-01-30',
      bidDeadline: '2026-02-15',
    });
    expect(violations.map((v) => [v.code, v.path])).toEqual([
      ['DOCUMENTS_BEFORE_NOTICE', 'documentsIssuedOn'],
      ['DOCUMENT_PERIOD_TOO_SHORT', 'documentsAvailableUntil'],
      ['BID_DEADLINE_TOO_EARLY', 'bidDeadline'],
    ]);
    expect(violations[0]?.message).toContain('2026-01-27');
    expect(violations[1]?.message).toContain('2026-02-02');
    expect(violations[1]?.message).toContain('实施条例第三十一条');
    expect(violations[2]?.message).toContain('2026-02-24');
    expect(violations[2]?.message).toContain('政府采购法第三十五条');
    expect(violations[2]?.message).toMatch(/^投标截止日不得早于/);
  });

  it('uses 响应文件 wording and 214号 for consultation across 国庆', () => {
    const violations = checkSchedule({
      method: 'consultation',
      noticePublishedOn: '2026-09-23',
      documentsIssuedOn: '2026-09-23',
      documentsAvailableUntil: '2026-09-29',
      bidDeadline: '2026-10-03',
    });
    expect(violations).toHaveLength(2);
    expect(violations[0]?.message).toContain('2026-10-08'); // 5 WD skips 中秋 09-25…09-27
    expect(violations[1]?.message).toMatch(/^响应文件提交截止日不得早于 2026-10-08/);
    expect(violations[1]?.message).toContain('214号');
  });

  it('does not check document availability for negotiation, only the 3 WD response period', () => {
    const violations = checkSchedule({
      method: 'negotiation',
      noticePublishedOn: '2026-02-12',
      documentsIssuedOn: '2026-02-12',
      documentsAvailableUntil: '2026-02-12',
      bidDeadline: '2026-02-14',
    });
    expect(violations.map((v) => v.code)).toEqual(['BID_DEADLINE_TOO_EARLY']);
    expect(violations[0]?.message).toContain('2026-02-24');
    expect(violations[0]?.message).toContain('3 个工作日');
  });
});

describe('deadline after a correction notice (条例31; 214号 art.10; 74号令)', () => {
  it.each<{
    what: string;
    method: TimedMethod;
    correction: string;
    current: string;
    affectsBids: boolean;
    deadline: string;
  }>([
    {
      what: 'open tender, 15 days remain exactly',
      method: 'openTender',
      correction: '2026-03-02',
      current: '2026-03-17',
      affectsBids: true,
      deadline: '2026-03-17',
    },
    {
      what: 'open tender, day 15 in 春节 rolls to 02-24, current is later',
      method: 'openTender',
      correction: '2026-02-05',
      current: '2026-02-25',
      affectsBids: true,
      deadline: '2026-02-25',
    },
    {
      what: 'open tender, too few days remain → moved',
      method: 'openTender',
      correction: '2026-02-12',
      current: '2026-02-25',
      affectsBids: true,
      deadline: '2026-02-27',
    },
    {
      what: 'invited tender, moved into 国庆 → 10-08',
      method: 'invitedTender',
      correction: '2026-09-20',
      current: '2026-09-30',
      affectsBids: true,
      deadline: '2026-10-08',
    },
    {
      what: 'consultation, 5 days land on 国庆 → 10-08',
      method: 'consultation',
      correction: '2026-09-28',
      current: '2026-09-30',
      affectsBids: true,
      deadline: '2026-10-08',
    },
    {
      what: 'consultation, 5 days land on 02-14 (调休 workday)',
      method: 'consultation',
      correction: '2026-02-09',
      current: '2026-02-12',
      affectsBids: true,
      deadline: '2026-02-14',
    },
    {
      what: 'negotiation, 3 WD across 国庆',
      method: 'negotiation',
      correction: '2026-09-29',
      current: '2026-10-08',
      affectsBids: true,
      deadline: '2026-10-09',
    },
    {
      what: 'rfq, 3 WD across 春节',
      method: 'rfq',
      correction: '2026-02-13',
      current: '2026-02-14',
      affectsBids: true,
      deadline: '2026-02-25',
    },
    {
      what: 'correction not affecting bids leaves the deadline',
      method: 'openTender',
      correction: '2026-02-12',
      current: '2026-02-25',
      affectsBids: false,
      deadline: '2026-02-25',
    },
  ])('$what → $deadline', ({ method, correction, current, affectsBids, deadline }) => {
    expect(
      deadlineAfterCorrection({
        method,
        correctionPublishedOn: correction,
        currentDeadline: current,
        affectsBids,
      }),
    ).toBe(deadline);
  });
});

describe('result-side periods', () => {
  it.each<{ what: string; fn: (day: string) => string; from: string; to: string }>([
    // RULES.md §2.4 vectors
    {
      what: 'result notice period 1 WD (87号令 art.69)',
      fn: resultNoticePeriodEnd,
      from: '2025-12-01',
      to: '2025-12-02',
    },
    {
      what: 'result challenge: notice period then 7 WD (条例53; 法52)',
      fn: resultChallengeDeadline,
      from: '2025-12-01',
      to: '2025-12-11',
    },
    {
      what: 'challenge 7 WD across 国庆 2025 (调休 09-28, 10-11)',
      fn: challengeDeadline,
      from: '2025-09-26',
      to: '2025-10-13',
    },
    // 2026 holidays
    {
      what: 'result notice period from 02-13 lands on 调休 02-14',
      fn: resultNoticePeriodEnd,
      from: '2026-02-13',
      to: '2026-02-14',
    },
    {
      what: 'result challenge across 春节, counting 02-14 and 02-28',
      fn: resultChallengeDeadline,
      from: '2026-02-12',
      to: '2026-03-02',
    },
    {
      what: 'result challenge across 国庆',
      fn: resultChallengeDeadline,
      from: '2026-09-29',
      to: '2026-10-15',
    },
    {
      what: 'award letter ≤ 2 WD (条例43) counting 02-14',
      fn: awardLetterDeadline,
      from: '2026-02-12',
      to: '2026-02-14',
    },
    {
      what: 'award letter ≤ 2 WD across 国庆',
      fn: awardLetterDeadline,
      from: '2026-09-30',
      to: '2026-10-09',
    },
    {
      what: 'contract within 30 days (法46), day 30 in 春节',
      fn: contractSigningDeadline,
      from: '2026-01-16',
      to: '2026-02-24',
    },
    {
      what: 'contract within 30 days, day 30 in 国庆',
      fn: contractSigningDeadline,
      from: '2026-09-05',
      to: '2026-10-08',
    },
    {
      what: 'contract within 30 days, plain',
      fn: contractSigningDeadline,
      from: '2026-03-02',
      to: '2026-04-01',
    },
    {
      what: 'contract publication ≤ 2 WD (条例50) across 国庆',
      fn: contractPublicationDeadline,
      from: '2026-09-29',
      to: '2026-10-08',
    },
    {
      what: 'contract filing ≤ 7 WD (法47) across 春节',
      fn: contractFilingDeadline,
      from: '2026-02-10',
      to: '2026-02-26',
    },
    {
      what: 'deposit refund ≤ 5 WD (条例33) counting 10-10',
      fn: depositRefundDeadline,
      from: '2026-09-28',
      to: '2026-10-10',
    },
    {
      what: 'deposit refund ≤ 5 WD counting 09-20',
      fn: depositRefundDeadline,
      from: '2026-09-15',
      to: '2026-09-21',
    },
  ])('$what: $from → $to', ({ fn, from, to }) => {
    expect(fn(from)).toBe(to);
  });
});

describe('unpublished years', () => {
  const beyond = `${LAST_COVERED_YEAR + 1}-03-01`;

  function codeOf(run: () => unknown): string | undefined {
    try {
      run();
    } catch (e) {
      return e instanceof AppError ? e.code : undefined;
    }
    return undefined;
  }

  it.each<{ what: string; run: () => unknown }>([
    { what: 'bid deadline', run: () => earliestBidDeadline('openTender', beyond) },
    { what: 'working-day bid deadline', run: () => earliestBidDeadline('rfq', beyond) },
    {
      what: 'period running into the next year',
      run: () => earliestBidDeadline('openTender', `${LAST_COVERED_YEAR}-12-20`),
    },
    {
      what: 'schedule check',
      run: () =>
        checkSchedule({
          method: 'openTender',
          noticePublishedOn: beyond,
          documentsIssuedOn: beyond,
          documentsAvailableUntil: beyond,
          bidDeadline: beyond,
        }),
    },
    {
      what: 'correction',
      run: () =>
        deadlineAfterCorrection({
          method: 'consultation',
          correctionPublishedOn: beyond,
          currentDeadline: beyond,
          affectsBids: true,
        }),
    },
    { what: 'contract signing', run: () => contractSigningDeadline(beyond) },
    { what: 'deposit refund', run: () => depositRefundDeadline(beyond) },
  ])('refuses $what with CALENDAR_NOT_COVERED', ({ run }) => {
    expect(codeOf(run)).toBe('CALENDAR_NOT_COVERED');
  });
});
