import { describe, expect, it } from 'vitest';
import { LAST_COVERED_YEAR } from '../../../platform/calendar.ts';
import { AppError } from '../../../platform/errors.ts';
import {
  challengeReplyDue,
  challengeWindow,
  complaintDecisionDue,
  complaintWindow,
  confirmationState,
  contractFilingDue,
  contractPublicationDue,
  contractSigningDue,
  depositRefundDue,
  explain,
  isLate,
  paymentDue,
  resultNoticeDue,
  resultNoticePeriodEnds,
  shanghaiDayOf,
  suspensionEndsAtLatest,
  winnerConfirmationDue,
  type ChallengeInput,
  type Due,
  type PaymentInput,
} from './clocks.ts';

// 2025 国庆+中秋: 10-01…10-08 off, 09-28 (Sun) and 10-11 (Sat) worked. 2026 元旦: 01-01…01-03 off, 01-04 (Sun)
// worked. 2026 春节: 02-15…02-23 off, 02-14 (Sat) and 02-28 (Sat) worked. 2026 劳动节: 05-01…05-05 off, 05-09 (Sat)
// worked. 2026 端午 06-19…06-21, 中秋 09-25…09-27 off; 2026 国庆: 10-01…10-07 off, 09-20 (Sun) and 10-10 (Sat) worked
// (RULES.md §11). Every expected day below was counted by hand from those tables, start day excluded.

describe('day clocks (start day not counted; 94号令 art.42)', () => {
  it.each<{ what: string; fn: (day: string) => Due; from: string; to: string }>([
    // RULES.md §2.4 vector
    { what: 'result notice period 1 WD', fn: resultNoticePeriodEnds, from: '2025-12-01', to: '2025-12-02' },
    // 条例43: winner confirmed within 5 WD of receiving the report
    { what: 'confirm winner, plain week', fn: winnerConfirmationDue, from: '2026-03-02', to: '2026-03-09' },
    {
      what: 'confirm winner across 春节, counting 调休 02-14',
      fn: winnerConfirmationDue,
      from: '2026-02-12',
      to: '2026-02-26',
    },
    {
      what: 'confirm winner across 国庆, 5th WD is 调休 Saturday 10-10',
      fn: winnerConfirmationDue,
      from: '2026-09-28',
      to: '2026-10-10',
    },
    {
      what: 'confirm winner, report delivered on a holiday',
      fn: winnerConfirmationDue,
      from: '2026-10-03',
      to: '2026-10-13',
    },
    // 条例43: notices of award and result within 2 WD
    { what: 'result notice counting 02-14', fn: resultNoticeDue, from: '2026-02-12', to: '2026-02-14' },
    { what: 'result notice across 国庆', fn: resultNoticeDue, from: '2026-09-30', to: '2026-10-09' },
    {
      what: 'result notice over the month end and 劳动节',
      fn: resultNoticeDue,
      from: '2026-04-29',
      to: '2026-05-06',
    },
    // 87号令 art.69: 1-WD notice period
    {
      what: 'notice period lands on 调休 Saturday',
      fn: resultNoticePeriodEnds,
      from: '2026-02-13',
      to: '2026-02-14',
    },
    {
      what: 'notice period lands on 调休 Saturday 10-10',
      fn: resultNoticePeriodEnds,
      from: '2026-10-09',
      to: '2026-10-10',
    },
    {
      what: 'notice period over a plain weekend',
      fn: resultNoticePeriodEnds,
      from: '2026-03-06',
      to: '2026-03-09',
    },
    // 法53: challenge reply 7 WD
    { what: 'challenge reply across 春节', fn: challengeReplyDue, from: '2026-02-10', to: '2026-02-26' },
    { what: 'challenge reply to the year end', fn: challengeReplyDue, from: '2026-12-22', to: '2026-12-31' },
    // 法56: decision within 30 WD
    {
      what: 'complaint decision over 清明',
      fn: complaintDecisionDue,
      from: '2026-03-02',
      to: '2026-04-14',
    },
    {
      what: 'complaint decision over 中秋 and 国庆, counting 09-20 and 10-10',
      fn: complaintDecisionDue,
      from: '2026-09-01',
      to: '2026-10-19',
    },
    // 法57: suspension ≤ 30 日 (calendar)
    { what: 'suspension, plain', fn: suspensionEndsAtLatest, from: '2026-03-02', to: '2026-04-01' },
    {
      what: 'suspension, day 30 is 国庆 10-01 → 10-08',
      fn: suspensionEndsAtLatest,
      from: '2026-09-01',
      to: '2026-10-08',
    },
    {
      what: 'suspension, day 30 is 春节 02-15 → 02-24',
      fn: suspensionEndsAtLatest,
      from: '2026-01-16',
      to: '2026-02-24',
    },
    {
      what: 'suspension from 01-31 over a 28-day February',
      fn: suspensionEndsAtLatest,
      from: '2026-01-31',
      to: '2026-03-02',
    },
    // 法46: contract within 30 日 (calendar)
    { what: 'contract, day 30 is 国庆', fn: contractSigningDue, from: '2026-09-05', to: '2026-10-08' },
    {
      what: 'contract, day 30 is 调休 Saturday 02-28: no roll-over',
      fn: contractSigningDue,
      from: '2026-01-29',
      to: '2026-02-28',
    },
    {
      what: 'contract, day 30 is a plain Saturday → Monday',
      fn: contractSigningDue,
      from: '2026-02-05',
      to: '2026-03-09',
    },
    // 条例50: contract published within 2 WD
    { what: 'publication across 国庆', fn: contractPublicationDue, from: '2026-09-29', to: '2026-10-08' },
    {
      what: 'publication over the month end and 劳动节',
      fn: contractPublicationDue,
      from: '2026-04-30',
      to: '2026-05-07',
    },
    {
      what: 'publication counting 调休 Saturday 05-09',
      fn: contractPublicationDue,
      from: '2026-05-08',
      to: '2026-05-11',
    },
    // 法47: filed within 7 WD
    { what: 'filing across 春节', fn: contractFilingDue, from: '2026-02-10', to: '2026-02-26' },
    { what: 'filing over 端午', fn: contractFilingDue, from: '2026-06-15', to: '2026-06-25' },
    // 条例33: deposit refund within 5 WD
    { what: 'refund counting 10-10', fn: depositRefundDue, from: '2026-09-28', to: '2026-10-10' },
    { what: 'refund counting 调休 Sunday 09-20', fn: depositRefundDue, from: '2026-09-15', to: '2026-09-21' },
    { what: 'refund triggered on a holiday', fn: depositRefundDue, from: '2026-10-01', to: '2026-10-13' },
  ])('$what: $from → $to', ({ fn, from, to }) => {
    const d = fn(from);
    expect(d.startsOn).toBe(from);
    expect(d.dueOn).toBe(to);
    expect(d.dueAt.toISOString()).toBe(new Date(`${to}T23:59:59.999+08:00`).toISOString());
  });
});

describe('30 日 is not 30 工作日 (RULES.md §12 trap 6)', () => {
  it.each<{ from: string; calendar: string; working: string }>([
    { from: '2026-03-02', calendar: '2026-04-01', working: '2026-04-14' },
    { from: '2026-09-01', calendar: '2026-10-08', working: '2026-10-19' },
  ])('from $from: suspension ends $calendar, decision due $working', ({ from, calendar, working }) => {
    expect(suspensionEndsAtLatest(from).dueOn).toBe(calendar);
    expect(contractSigningDue(from).dueOn).toBe(calendar);
    expect(complaintDecisionDue(from).dueOn).toBe(working);
    expect(explain(suspensionEndsAtLatest(from)).summary).toContain('30 日内');
    expect(explain(complaintDecisionDue(from)).summary).toContain('30 个工作日内');
  });

  it('extends the decision by working days spent on testing or expert review (条例58)', () => {
    expect(complaintDecisionDue('2026-09-01', 5).dueOn).toBe('2026-10-26');
    expect(() => complaintDecisionDue('2026-09-01', -1)).toThrow(RangeError);
  });
});

describe('challenge window (法52; 条例53; 94号令 art.10)', () => {
  it.each<{ what: string; input: ChallengeInput; opens: string; starts: string; closes: string }>([
    {
      what: 'result: RULES.md §2.4 vector, 7 WD after the notice period',
      input: { kind: 'result', resultNoticePublishedOn: '2025-12-01' },
      opens: '2025-12-01',
      starts: '2025-12-02',
      closes: '2025-12-11',
    },
    {
      what: 'process: RULES.md §2.4 vector across 国庆 2025, counting 09-28 and 10-11',
      input: { kind: 'process', knewOn: '2025-09-26' },
      opens: '2025-09-26',
      starts: '2025-09-26',
      closes: '2025-10-13',
    },
    {
      what: 'process on the same day as the result above closes one WD earlier',
      input: { kind: 'process', knewOn: '2025-12-01' },
      opens: '2025-12-01',
      starts: '2025-12-01',
      closes: '2025-12-10',
    },
    {
      what: 'result across 春节, counting 02-14 and 02-28',
      input: { kind: 'result', resultNoticePublishedOn: '2026-02-12' },
      opens: '2026-02-12',
      starts: '2026-02-13',
      closes: '2026-03-02',
    },
    {
      what: 'result across 国庆, counting 10-10',
      input: { kind: 'result', resultNoticePublishedOn: '2026-09-29' },
      opens: '2026-09-29',
      starts: '2026-09-30',
      closes: '2026-10-15',
    },
    {
      what: 'result published on a holiday',
      input: { kind: 'result', resultNoticePublishedOn: '2026-10-02' },
      opens: '2026-10-02',
      starts: '2026-10-08',
      closes: '2026-10-16',
    },
    {
      what: 'process step ended on a 春节 holiday',
      input: { kind: 'process', knewOn: '2026-02-15' },
      opens: '2026-02-15',
      starts: '2026-02-15',
      closes: '2026-03-03',
    },
    {
      what: 'documents received, no notice period known',
      input: { kind: 'documents', knewOn: '2026-01-30' },
      opens: '2026-01-30',
      starts: '2026-01-30',
      closes: '2026-02-10',
    },
    {
      what: 'documents: receipt 09-18 (→ 09-29) vs period end 09-24 (→ 10-12): the later closing',
      input: { kind: 'documents', knewOn: '2026-09-18', documentPeriodEndsOn: '2026-09-24' },
      opens: '2026-09-18',
      starts: '2026-09-24',
      closes: '2026-10-12',
    },
    {
      what: 'documents: only the notice period end',
      input: { kind: 'documents', documentPeriodEndsOn: '2026-09-24' },
      opens: '2026-09-24',
      starts: '2026-09-24',
      closes: '2026-10-12',
    },
  ])('$what → $closes', ({ input, opens, starts, closes }) => {
    const w = challengeWindow(input);
    expect([w.opensOn, w.clockStartsOn, w.closesOn]).toEqual([opens, starts, closes]);
    expect(w.closesAt.toISOString()).toBe(new Date(`${closes}T23:59:59.999+08:00`).toISOString());
  });

  it('needs a start for a documents challenge', () => {
    expect(() => challengeWindow({ kind: 'documents' })).toThrow(RangeError);
  });
});

describe('complaint window: 15 WD after the reply period expires (法55; 94号令 art.17)', () => {
  // Chain from the §2.4 vector: result published 2025-12-01, challenge on its last day 12-11, reply due 12-22.
  it('reply due 7 WD after a challenge received 2025-12-11', () => {
    expect(challengeReplyDue('2025-12-11').dueOn).toBe('2025-12-22');
  });

  it.each<{ what: string; replyDueOn: string; repliedOn: string | null; opens: string; closes: string }>([
    {
      what: 'reply on the last day; 15 WD over 元旦 counting 调休 01-04',
      replyDueOn: '2025-12-22',
      repliedOn: '2025-12-22',
      opens: '2025-12-22',
      closes: '2026-01-13',
    },
    {
      // Counting from the reply would give 2026-01-06: the law counts from the period's expiry.
      what: 'an early reply opens the window but does not shorten it',
      replyDueOn: '2025-12-22',
      repliedOn: '2025-12-15',
      opens: '2025-12-15',
      closes: '2026-01-13',
    },
    {
      what: 'no reply: opens the day after the period',
      replyDueOn: '2025-12-22',
      repliedOn: null,
      opens: '2025-12-23',
      closes: '2026-01-13',
    },
    {
      what: 'a late reply changes nothing',
      replyDueOn: '2025-12-22',
      repliedOn: '2025-12-30',
      opens: '2025-12-23',
      closes: '2026-01-13',
    },
    {
      what: 'across 春节, counting 02-14 and 02-28',
      replyDueOn: '2026-02-06',
      repliedOn: '2026-02-05',
      opens: '2026-02-05',
      closes: '2026-03-05',
    },
  ])('$what → $closes', ({ replyDueOn, repliedOn, opens, closes }) => {
    const w = complaintWindow({ replyDueOn, repliedOn });
    expect([w.opensOn, w.closesOn]).toEqual([opens, closes]);
    expect(w.rule.basis).toContain('第五十五条');
  });
});

describe('winner confirmation state (条例43; 87号令 art.68)', () => {
  const reportDeliveredOn = '2026-02-12'; // due 2026-02-26
  it.each<{
    what: string;
    confirmedOn: string | null;
    lawfulReasonGiven: boolean;
    today: string;
    want: ReturnType<typeof confirmationState>;
  }>([
    {
      what: 'confirmed on the last day',
      confirmedOn: '2026-02-26',
      lawfulReasonGiven: false,
      today: '2026-03-02',
      want: { state: 'confirmed', confirmedOn: '2026-02-26', late: false },
    },
    {
      what: 'confirmed a day late',
      confirmedOn: '2026-02-27',
      lawfulReasonGiven: false,
      today: '2026-03-02',
      want: { state: 'confirmed', confirmedOn: '2026-02-27', late: true },
    },
    {
      what: 'still pending on the last day',
      confirmedOn: null,
      lawfulReasonGiven: false,
      today: '2026-02-26',
      want: { state: 'pending', dueOn: '2026-02-26' },
    },
    {
      what: 'deemed confirmed the day after, on the last day of the period',
      confirmedOn: null,
      lawfulReasonGiven: false,
      today: '2026-02-27',
      want: { state: 'deemed', deemedOn: '2026-02-26' },
    },
    {
      what: 'not deemed when a lawful reason is recorded',
      confirmedOn: null,
      lawfulReasonGiven: true,
      today: '2026-02-27',
      want: { state: 'overdueWithReason', dueOn: '2026-02-26' },
    },
  ])('$what', ({ confirmedOn, lawfulReasonGiven, today, want }) => {
    expect(confirmationState({ reportDeliveredOn, confirmedOn, lawfulReasonGiven, today })).toEqual(want);
  });
});

describe('payment (保障中小企业款项支付条例 arts. 9–10, calendar days)', () => {
  it.each<{ what: string; input: PaymentInput; due: string; days: number; capped: boolean }>([
    {
      what: 'SME, no agreed term: 30 日',
      input: { acceptedOn: '2026-03-02', termsDays: null, sme: true },
      due: '2026-04-01',
      days: 30,
      capped: false,
    },
    {
      what: 'SME, 60 agreed: day 60 is 劳动节 05-01 → 05-06',
      input: { acceptedOn: '2026-03-02', termsDays: 60, sme: true },
      due: '2026-05-06',
      days: 60,
      capped: false,
    },
    {
      what: 'SME, 90 agreed is cut to 60',
      input: { acceptedOn: '2026-03-02', termsDays: 90, sme: true },
      due: '2026-05-06',
      days: 60,
      capped: true,
    },
    {
      what: 'SME, 45 agreed: day 45 is 春节 02-19 → 02-24',
      input: { acceptedOn: '2026-01-05', termsDays: 45, sme: true },
      due: '2026-02-24',
      days: 45,
      capped: false,
    },
    {
      what: 'SME, stricter local limits 15/30: 45 agreed cut to 30',
      input: { acceptedOn: '2026-03-02', termsDays: 45, sme: true, limits: { defaultDays: 15, maxDays: 30 } },
      due: '2026-04-01',
      days: 30,
      capped: true,
    },
    {
      what: 'SME, stricter local default 15',
      input: {
        acceptedOn: '2026-03-02',
        termsDays: null,
        sme: true,
        limits: { defaultDays: 15, maxDays: 30 },
      },
      due: '2026-03-17',
      days: 15,
      capped: false,
    },
    {
      what: 'not an SME: the contract term, 90 → day 90 is Sunday 05-31 → 06-01',
      input: { acceptedOn: '2026-03-02', termsDays: 90, sme: false },
      due: '2026-06-01',
      days: 90,
      capped: false,
    },
  ])('$what → $due', ({ input, due, days, capped }) => {
    const d = paymentDue(input);
    expect(d).not.toBeNull();
    expect(d?.dueOn).toBe(due);
    expect(d?.rule.count).toBe(days);
    expect(d?.capped).toBe(capped);
  });

  it('has no due day for a non-SME contract without a term', () => {
    expect(paymentDue({ acceptedOn: '2026-03-02', termsDays: null, sme: false })).toBeNull();
  });

  it('cites the regulation for SMEs and the contract otherwise', () => {
    expect(paymentDue({ acceptedOn: '2026-03-02', termsDays: null, sme: true })?.rule.basis).toContain(
      '保障中小企业款项支付条例第九条',
    );
    expect(paymentDue({ acceptedOn: '2026-03-02', termsDays: 20, sme: false })?.rule.basis).toBe(
      '政府采购合同约定',
    );
  });

  it.each<{ what: string; input: PaymentInput }>([
    { what: 'a zero term', input: { acceptedOn: '2026-03-02', termsDays: 0, sme: true } },
    { what: 'a fractional term', input: { acceptedOn: '2026-03-02', termsDays: 30.5, sme: false } },
    {
      what: 'limits with max below default',
      input: {
        acceptedOn: '2026-03-02',
        termsDays: null,
        sme: true,
        limits: { defaultDays: 30, maxDays: 20 },
      },
    },
  ])('refuses $what', ({ input }) => {
    expect(() => paymentDue(input)).toThrow(RangeError);
  });
});

describe('late flags', () => {
  it.each<{ due: string; today: string; late: boolean }>([
    { due: '2026-02-24', today: '2026-02-23', late: false },
    { due: '2026-02-24', today: '2026-02-24', late: false },
    { due: '2026-02-24', today: '2026-02-25', late: true },
    { due: '2026-01-31', today: '2026-02-01', late: true },
    { due: '2026-12-31', today: `${LAST_COVERED_YEAR + 1}-01-05`, late: true },
  ])('due $due, today $today → late $late', ({ due, today, late }) => {
    expect(isLate(due, today)).toBe(late);
  });

  it('refuses a day that is not YYYY-MM-DD', () => {
    expect(() => isLate('2026-2-24', '2026-02-25')).toThrow(RangeError);
  });

  it.each<{ at: string; day: string }>([
    { at: '2026-02-23T15:59:59.999Z', day: '2026-02-23' },
    { at: '2026-02-23T16:00:00.000Z', day: '2026-02-24' },
    { at: '2026-12-31T16:30:00.000Z', day: '2027-01-01' },
  ])('the Shanghai day of $at is $day', ({ at, day }) => {
    expect(shanghaiDayOf(new Date(at))).toBe(day);
  });
});

describe('explanations', () => {
  it('states the window, the roll-over for calendar days and the article', () => {
    const e = explain(contractSigningDue('2026-09-05'));
    expect(e.code).toBe('contractSigning');
    expect(e.summary).toBe(
      '2026-09-05 起 30 日内（起算日不计入，期满日为节假日的顺延至其后第一个工作日），即不迟于 2026-10-08',
    );
    expect(e.rule).toContain('（政府采购法第四十六条）');
  });

  it('has no roll-over clause for working days', () => {
    const e = explain(winnerConfirmationDue('2026-02-12'));
    expect(e.summary).toBe('2026-02-12 起 5 个工作日内（起算日不计入），即不迟于 2026-02-26');
    expect(e.rule).toContain('政府采购法实施条例第四十三条');
  });
});

describe('unpublished years', () => {
  const beyond = `${LAST_COVERED_YEAR + 1}-03-02`;
  const lastDec = (d: number): string => `${LAST_COVERED_YEAR}-12-${String(d).padStart(2, '0')}`;

  function codeOf(run: () => unknown): string | undefined {
    try {
      run();
    } catch (e) {
      return e instanceof AppError ? e.code : undefined;
    }
    return undefined;
  }

  it.each<{ what: string; run: () => unknown }>([
    { what: 'winner confirmation', run: () => winnerConfirmationDue(beyond) },
    { what: 'result notice', run: () => resultNoticeDue(beyond) },
    { what: 'notice period running into the next year', run: () => resultNoticePeriodEnds(lastDec(31)) },
    {
      what: 'result challenge',
      run: () => challengeWindow({ kind: 'result', resultNoticePublishedOn: beyond }),
    },
    { what: 'process challenge', run: () => challengeWindow({ kind: 'process', knewOn: beyond }) },
    {
      what: 'documents challenge received in an uncovered year',
      run: () => challengeWindow({ kind: 'documents', knewOn: beyond, documentPeriodEndsOn: beyond }),
    },
    { what: 'challenge reply running into the next year', run: () => challengeReplyDue(lastDec(23)) },
    { what: 'complaint window', run: () => complaintWindow({ replyDueOn: lastDec(15), repliedOn: null }) },
    { what: 'complaint decision', run: () => complaintDecisionDue(beyond) },
    { what: 'suspension', run: () => suspensionEndsAtLatest(lastDec(15)) },
    { what: 'contract signing', run: () => contractSigningDue(lastDec(20)) },
    { what: 'contract publication', run: () => contractPublicationDue(beyond) },
    { what: 'contract filing', run: () => contractFilingDue(beyond) },
    { what: 'deposit refund', run: () => depositRefundDue(beyond) },
    { what: 'payment', run: () => paymentDue({ acceptedOn: lastDec(1), termsDays: 60, sme: true }) },
    {
      what: 'confirmation state',
      run: () =>
        confirmationState({
          reportDeliveredOn: beyond,
          confirmedOn: null,
          lawfulReasonGiven: false,
          today: beyond,
        }),
    },
  ])('refuses $what with CALENDAR_NOT_COVERED', ({ run }) => {
    expect(codeOf(run)).toBe('CALENDAR_NOT_COVERED');
  });
});
