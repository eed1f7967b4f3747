/**
 * The working-day engine: legal periods on the Asia/Shanghai calendar with statutory holidays and 调休
 * make-up workdays from the `chinese-days` data (RULES.md §11 — never computed by formula).
 *
 * Counting (RULES.md §2.1, 94号令 art. 42): the day a period starts is not counted; a period of N working
 * days ends on the N-th working day after it; a period of N calendar days whose last day falls on a holiday
 * ends on the first working day after it. Days are `YYYY-MM-DD` strings of the Shanghai calendar.
 */
import chineseDays from 'chinese-days';
import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { AppError } from './errors.ts';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The last year whose holidays and 调休 the data holds: the State Council publishes each year in November. */
export const LAST_COVERED_YEAR = Math.max(...Object.keys(data.holidays).map((d) => Number(d.slice(0, 4))));

function checkDay(day: string): void {
  const m = DAY.exec(day);
  if (!m) throw new RangeError(`not a YYYY-MM-DD day: ${day}`);
  if (Number(m[1]) > LAST_COVERED_YEAR) {
    // chinese-days answers "workday" for every weekday of an unpublished year; a deadline computed from that
    // could fall on a holiday nobody has announced yet, so we refuse instead of guessing.
    throw new AppError(
      422,
      'CALENDAR_NOT_COVERED',
      `${m[1]} 年的法定节假日和调休安排尚未收录（已收录至 ${LAST_COVERED_YEAR} 年），无法计算工作日期限`,
    );
  }
}

/** The next calendar day. */
export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function isWorkingDay(day: string): boolean {
  checkDay(day);
  return chineseDays.isWorkday(day);
}

/** The n-th working day after `start` (start itself not counted). n ≥ 1. */
export function addWorkingDays(start: string, n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`working days must be a positive integer: ${n}`);
  checkDay(start);
  let day = start;
  let left = n;
  while (left > 0) {
    day = nextDay(day);
    if (isWorkingDay(day)) left--;
  }
  return day;
}

/** n calendar days after `start`; when that day is not a working day, the first working day after it. */
export function addCalendarDays(start: string, n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`calendar days must be a positive integer: ${n}`);
  checkDay(start);
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  let day = d.toISOString().slice(0, 10);
  while (!isWorkingDay(day)) day = nextDay(day);
  return day;
}

/** Working days strictly after `from` up to and including `to` (0 when `to` ≤ `from`). */
export function workingDaysBetween(from: string, to: string): number {
  checkDay(from);
  checkDay(to);
  let count = 0;
  for (let day = nextDay(from); day <= to; day = nextDay(day)) if (isWorkingDay(day)) count++;
  return count;
}

/** The last instant of a Shanghai calendar day (UTC+8, no daylight saving): when a period ending that day expires. */
export function endOfShanghaiDay(day: string): Date {
  checkDay(day);
  return new Date(`${day}T23:59:59.999+08:00`);
}
