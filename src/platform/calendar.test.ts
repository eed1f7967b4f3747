import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addWorkingDays,
  endOfShanghaiDay,
  isWorkingDay,
  LAST_COVERED_YEAR,
  workingDaysBetween,
} from './calendar.ts';

describe('working days (RULES.md §2.4 test vectors)', () => {
  it.each([
    {
      what: 'result notice period of 1 WD from Mon 2025-12-01',
      start: '2025-12-01',
      n: 1,
      end: '2025-12-02',
    },
    { what: 'challenge: 7 WD after the notice period ends', start: '2025-12-02', n: 7, end: '2025-12-11' },
    { what: 'complaint review +5 WD from Fri 2025-12-12', start: '2025-12-12', n: 5, end: '2025-12-19' },
    { what: '"not accepted" notice +3 WD from Mon 2025-11-03', start: '2025-11-03', n: 3, end: '2025-11-06' },
    {
      what: 'framework application review +7 WD from 2025-05-06',
      start: '2025-05-06',
      n: 7,
      end: '2025-05-15',
    },
    {
      what: 'framework admission notice +2 WD from 2025-08-12',
      start: '2025-08-12',
      n: 2,
      end: '2025-08-14',
    },
    {
      what: '+7 WD across 国庆 2025 counting 调休 09-28 and 10-11',
      start: '2025-09-26',
      n: 7,
      end: '2025-10-13',
    },
    {
      what: '+1 WD before 春节 2026 lands on the 调休 Saturday 02-14',
      start: '2026-02-13',
      n: 1,
      end: '2026-02-14',
    },
    { what: '+1 WD from 02-14 skips 春节 2026 (02-15…02-23)', start: '2026-02-14', n: 1, end: '2026-02-24' },
  ])('$what → $end', ({ start, n, end }) => {
    expect(addWorkingDays(start, n)).toBe(end);
  });

  it('knows 调休 workdays and holidays of 2026', () => {
    expect(isWorkingDay('2026-01-04')).toBe(true); // Sunday, 调休上班
    expect(isWorkingDay('2026-01-02')).toBe(false); // 元旦
    expect(isWorkingDay('2026-10-10')).toBe(true); // Saturday, 调休上班
    expect(isWorkingDay('2026-10-07')).toBe(false); // 国庆
  });

  it('counts working days between two days, start excluded', () => {
    expect(workingDaysBetween('2025-09-26', '2025-10-13')).toBe(7);
    expect(workingDaysBetween('2025-12-02', '2025-12-02')).toBe(0);
  });
});

describe('calendar-day periods (94号令 art. 42)', () => {
  it.each([
    {
      what: '20 days from 2026-03-02 ends on a Sunday → Monday',
      start: '2026-03-02',
      n: 20,
      end: '2026-03-23',
    },
    {
      what: '20 days from 2026-09-10 ends 09-30, a working day',
      start: '2026-09-10',
      n: 20,
      end: '2026-09-30',
    },
    {
      what: '30 days ending in 国庆 2026 → first working day after',
      start: '2026-09-05',
      n: 30,
      end: '2026-10-08',
    },
  ])('$what', ({ start, n, end }) => {
    expect(addCalendarDays(start, n)).toBe(end);
  });
});

describe('coverage', () => {
  it('refuses days past the last published year instead of guessing', () => {
    expect(LAST_COVERED_YEAR).toBeGreaterThanOrEqual(2026);
    const beyond = `${LAST_COVERED_YEAR + 1}-01-04`;
    expect(() => addWorkingDays(beyond, 1)).toThrow(/尚未收录/);
    expect(() => addWorkingDays(`${LAST_COVERED_YEAR}-12-30`, 5)).toThrow(/尚未收录/);
  });

  it('ends a period at the last instant of the Beijing day', () => {
    expect(endOfShanghaiDay('2025-12-11').toISOString()).toBe('2025-12-11T15:59:59.999Z');
  });
});
