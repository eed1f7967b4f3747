import { describe, expect, it } from 'vitest';
import {
  challengeTiming,
  complaintAcceptanceDue,
  complaintTiming,
  daysLate,
  defaultAffectsResult,
  describeDue,
  planSuspension,
  remedyProblem,
  type ChallengeFacts,
  type ComplaintFacts,
  type Outcome,
  type Remedy,
  type ChallengeSubject,
} from './rules.ts';

// 2026 holidays (RULES.md §11): 清明 04-04…04-06; 劳动节 05-01…05-05, 05-09 (Sat) worked; 中秋 09-25…09-27;
// 国庆 10-01…10-07, 09-20 (Sun) and 10-10 (Sat) worked. Expected days counted by hand, start day excluded.

describe('challenge timing (法52; 条例53; 94号令 第十条、第十三条)', () => {
  it.each<{ what: string; facts: ChallengeFacts; closesOn: string; knewOn: string }>([
    {
      what: 'result: RULES.md §2.4 vector, filed on the last day',
      facts: { subject: 'result', filedOn: '2025-12-11', resultNoticePublishedOn: '2025-12-01' },
      closesOn: '2025-12-11',
      knewOn: '2025-12-02',
    },
    {
      what: 'result: filed the day of publication (window already open)',
      facts: { subject: 'result', filedOn: '2025-12-01', resultNoticePublishedOn: '2025-12-01' },
      closesOn: '2025-12-11',
      knewOn: '2025-12-02',
    },
    {
      what: 'result across 国庆 2026: notice period ends 09-30, then 10-08, 09, 10 (调休), 12 … 15',
      facts: { subject: 'result', filedOn: '2026-10-15', resultNoticePublishedOn: '2026-09-29' },
      closesOn: '2026-10-15',
      knewOn: '2026-09-30',
    },
    {
      what: 'process across 中秋 2026, counting 调休 Sunday 09-20',
      facts: {
        subject: 'process',
        filedOn: '2026-09-29',
        knewOn: '2026-09-18',
        noticePublishedOn: '2026-09-01',
      },
      closesOn: '2026-09-29',
      knewOn: '2026-09-18',
    },
    {
      what: 'documents: the later of receipt and the period end',
      facts: {
        subject: 'documents',
        filedOn: '2026-03-18',
        receivedOn: '2026-03-02',
        documentPeriodEndsOn: '2026-03-09',
      },
      closesOn: '2026-03-18',
      knewOn: '2026-03-02',
    },
    {
      what: 'documents: receipt only, across 清明',
      facts: { subject: 'documents', filedOn: '2026-04-03', receivedOn: '2026-03-31' },
      closesOn: '2026-04-10',
      knewOn: '2026-03-31',
    },
  ])('$what', ({ facts, closesOn, knewOn }) => {
    const r = challengeTiming(facts);
    expect(r).toMatchObject({ ok: true, knewOn, window: { closesOn } });
  });

  it.each<{ what: string; facts: ChallengeFacts; code: string; message: string }>([
    {
      what: 'result one day late names the closing day',
      facts: { subject: 'result', filedOn: '2025-12-12', resultNoticePublishedOn: '2025-12-01' },
      code: 'CHALLENGE_LATE',
      message: '质疑期限已于2025-12-11届满',
    },
    {
      what: 'result late after 国庆',
      facts: { subject: 'result', filedOn: '2026-10-16', resultNoticePublishedOn: '2026-09-29' },
      code: 'CHALLENGE_LATE',
      message: '2026-10-15',
    },
    {
      what: 'process late',
      facts: { subject: 'process', filedOn: '2026-09-30', knewOn: '2026-09-18' },
      code: 'CHALLENGE_LATE',
      message: '质疑期限已于2026-09-29届满',
    },
    {
      what: 'process without the day the step ended',
      facts: { subject: 'process', filedOn: '2026-09-30' },
      code: 'CHALLENGE_KNEW_ON_REQUIRED',
      message: '程序环节结束之日',
    },
    {
      what: 'process: a day in the future',
      facts: { subject: 'process', filedOn: '2026-09-30', knewOn: '2026-10-08' },
      code: 'CHALLENGE_KNEW_ON_FUTURE',
      message: '不能晚于今天',
    },
    {
      what: 'process: a day before the notice',
      facts: {
        subject: 'process',
        filedOn: '2026-09-30',
        knewOn: '2026-08-31',
        noticePublishedOn: '2026-09-01',
      },
      code: 'CHALLENGE_KNEW_ON_BEFORE_NOTICE',
      message: '2026-09-01',
    },
    {
      what: 'result not yet published',
      facts: { subject: 'result', filedOn: '2026-09-30', resultNoticePublishedOn: null },
      code: 'RESULT_NOT_PUBLISHED',
      message: '尚未公告',
    },
    {
      what: 'documents never obtained nor issued',
      facts: { subject: 'documents', filedOn: '2026-09-30' },
      code: 'CHALLENGE_NO_DOCUMENTS',
      message: '未获取采购文件',
    },
  ])('refuses: $what', ({ facts, code, message }) => {
    const r = challengeTiming(facts);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe(code);
    expect(r.message).toContain(message);
  });
});

describe('default suspension (条例54)', () => {
  const deadline = new Date('2026-03-23T01:30:00Z');
  it.each<{ subject: ChallengeSubject; at: string; deadline: Date | null; expected: boolean }>([
    { subject: 'result', at: '2026-04-01T02:00:00Z', deadline, expected: true },
    { subject: 'process', at: '2026-03-10T02:00:00Z', deadline, expected: true },
    { subject: 'documents', at: '2026-03-10T02:00:00Z', deadline, expected: false },
    { subject: 'documents', at: '2026-03-23T01:30:00Z', deadline, expected: true },
    { subject: 'documents', at: '2026-03-10T02:00:00Z', deadline: null, expected: true },
  ])('$subject at $at → $expected', ({ subject, at, deadline: d, expected }) => {
    expect(defaultAffectsResult(subject, new Date(at), d)).toBe(expected);
  });
});

describe('remedies (94号令 第十六条、第三十二条)', () => {
  it.each<{ subject: ChallengeSubject; outcome: Outcome; remedy: Remedy | null; code: string | null }>([
    { subject: 'result', outcome: 'dismissed', remedy: null, code: null },
    { subject: 'result', outcome: 'dismissed', remedy: 'retender', code: 'REMEDY_NOT_ALLOWED' },
    { subject: 'result', outcome: 'upheld', remedy: null, code: 'REMEDY_REQUIRED' },
    { subject: 'result', outcome: 'upheld', remedy: 'winnerChanged', code: null },
    { subject: 'result', outcome: 'upheld', remedy: 'reevaluation', code: null },
    { subject: 'process', outcome: 'upheld', remedy: 'retender', code: null },
    { subject: 'result', outcome: 'upheld', remedy: 'documentsCorrected', code: 'REMEDY_NOT_ALLOWED' },
    { subject: 'documents', outcome: 'upheld', remedy: 'documentsCorrected', code: null },
    { subject: 'documents', outcome: 'upheld', remedy: 'winnerChanged', code: 'REMEDY_NOT_ALLOWED' },
  ])('$subject $outcome $remedy', ({ subject, outcome, remedy, code }) => {
    expect(remedyProblem(subject, outcome, remedy)?.code ?? null).toBe(code);
  });
});

describe('complaint timing (法55; 94号令 第十七条)', () => {
  // Reply period ends Fri 2026-04-10; 15 WD after it, skipping 劳动节 05-01…05-05: 2026-05-06.
  const answered: ComplaintFacts = {
    challengeStatus: 'answered',
    replyDueOn: '2026-04-10',
    repliedOn: '2026-04-03',
    filedOn: '2026-04-03',
  };
  it.each<{ what: string; facts: ComplaintFacts; ok: boolean; code?: string; message?: string }>([
    { what: 'early reply opens the window the same day', facts: answered, ok: true },
    {
      what: 'last day, counted from the reply period',
      facts: { ...answered, filedOn: '2026-05-06' },
      ok: true,
    },
    {
      what: 'one day late after 劳动节',
      facts: { ...answered, filedOn: '2026-05-07' },
      ok: false,
      code: 'COMPLAINT_LATE',
      message: '投诉期限已于2026-05-06届满',
    },
    {
      what: 'no reply yet, reply period running',
      facts: { ...answered, challengeStatus: 'received', repliedOn: null, filedOn: '2026-04-10' },
      ok: false,
      code: 'COMPLAINT_TOO_EARLY',
      message: '2026-04-10',
    },
    {
      what: 'no reply in time: the day after the reply period',
      facts: { ...answered, challengeStatus: 'received', repliedOn: null, filedOn: '2026-04-11' },
      ok: true,
    },
    {
      what: 'withdrawn challenge',
      facts: { ...answered, challengeStatus: 'withdrawn', repliedOn: null },
      ok: false,
      code: 'CHALLENGE_WITHDRAWN',
    },
  ])('$what', ({ facts, ok, code, message }) => {
    const r = complaintTiming(facts);
    expect(r.ok).toBe(ok);
    if (r.ok) {
      expect(r.window.closesOn).toBe('2026-05-06');
      return;
    }
    expect(r.code).toBe(code);
    if (message) expect(r.message).toContain(message);
  });
});

describe('complaint acceptance: 5 WD (94号令 第二十一条)', () => {
  it.each([
    { from: '2025-12-12', to: '2025-12-19' }, // RULES.md §2.4 vector
    { from: '2026-09-30', to: '2026-10-13' }, // 10-08, 09, 10 (调休), 12, 13
    { from: '2026-04-30', to: '2026-05-11' }, // 05-06, 07, 08, 09 (调休), 11
  ])('$from → $to', ({ from, to }) => {
    const d = complaintAcceptanceDue(from);
    expect(d.dueOn).toBe(to);
    expect(describeDue(d).summary).toContain(`即不迟于 ${to}`);
    expect(describeDue(d).rule).toContain('94号令第二十一条');
  });
});

describe('suspension: at most 30 calendar days (法57)', () => {
  it.each<{ from: string; requested: string | null; endsOn?: string; code?: string }>([
    { from: '2026-09-10', requested: null, endsOn: '2026-10-10' }, // a 调休 Saturday is a working day
    { from: '2026-09-01', requested: null, endsOn: '2026-10-08' }, // 10-01 is 国庆: rolls over
    { from: '2026-09-01', requested: '2026-09-20', endsOn: '2026-09-20' },
    { from: '2026-09-01', requested: '2026-10-09', code: 'SUSPENSION_TOO_LONG' },
    { from: '2026-09-01', requested: '2026-09-01', code: 'SUSPENSION_END_INVALID' },
  ])('$from, asked $requested', ({ from, requested, endsOn, code }) => {
    const r = planSuspension(from, requested);
    if (r.ok) expect(r.endsOn).toBe(endsOn);
    else expect(r.code).toBe(code);
    expect(r.ok).toBe(code === undefined);
  });
});

describe('days late', () => {
  it.each([
    { due: '2026-09-30', today: '2026-09-30', unit: 'workingDays' as const, n: 0 },
    { due: '2026-09-30', today: '2026-10-08', unit: 'workingDays' as const, n: 1 },
    { due: '2026-09-30', today: '2026-10-10', unit: 'workingDays' as const, n: 3 },
    { due: '2026-04-10', today: '2026-04-11', unit: 'workingDays' as const, n: 1 },
    { due: '2026-09-30', today: '2026-10-08', unit: 'calendarDays' as const, n: 8 },
  ])('$due → $today ($unit): $n', ({ due, today, unit, n }) => {
    expect(daysLate(due, today, unit)).toBe(n);
  });
});
