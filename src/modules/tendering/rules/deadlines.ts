/**
 * Statutory time limits of a procurement, as pure functions over Shanghai calendar days (`YYYY-MM-DD`).
 * No clock: every function takes the day its period starts from (ARCHITECTURE.md, pure rules).
 *
 * Counting (RULES.md §2.1; 质疑和投诉办法 (94号令) 第四十二条): the day a period starts is not counted; a period of
 * N 日 whose last day is a holiday ends on the first working day after it; a period of N 工作日 ends on the N-th
 * working day. Both are delegated to the working-day engine, which refuses a year whose holidays and 调休 are not
 * yet published (AppError CALENDAR_NOT_COVERED) instead of guessing.
 *
 * The minimums below are floors: "不得少于" includes the number itself (94号令 第四十二条 "以上/以下" 含本数), so a
 * deadline on the earliest lawful day is lawful.
 */
import { addCalendarDays, addWorkingDays } from '../../../platform/calendar.ts';

/** The methods whose documents carry a response deadline (RULES.md §1; GLOSSARY `method`). */
export type TimedMethod = 'openTender' | 'invitedTender' | 'consultation' | 'negotiation' | 'rfq';

export const TIMED_METHODS = [
  'openTender',
  'invitedTender',
  'consultation',
  'negotiation',
  'rfq',
] as const satisfies readonly TimedMethod[];

export type PeriodUnit = 'calendarDays' | 'workingDays';

export interface Period {
  unit: PeriodUnit;
  count: number;
  /** The article that sets it, quoted in messages. */
  basis: string;
}

/** The last day of a period that starts (uncounted) on `start` (94号令 第四十二条). */
export function endOfPeriod(start: string, period: Period): string {
  return period.unit === 'calendarDays'
    ? addCalendarDays(start, period.count)
    : addWorkingDays(start, period.count);
}

function spell(period: Period): string {
  return `${period.count} ${period.unit === 'calendarDays' ? '日' : '个工作日'}`;
}

const METHOD_LABEL = {
  openTender: '公开招标',
  invitedTender: '邀请招标',
  consultation: '竞争性磋商',
  negotiation: '竞争性谈判',
  rfq: '询价',
} as const satisfies Record<TimedMethod, string>;

/** What the response deadline is called for the method: bids for tenders, 响应文件 for the non-tender methods. */
const DEADLINE_LABEL = {
  openTender: '投标截止日',
  invitedTender: '投标截止日',
  consultation: '响应文件提交截止日',
  negotiation: '响应文件提交截止日',
  rfq: '响应文件提交截止日',
} as const satisfies Record<TimedMethod, string>;

/** From the day documents are first issued to the response deadline. */
export const BID_PERIOD = {
  // 政府采购法 第三十五条: 自招标文件开始发出之日起至投标人提交投标文件截止之日止，不得少于二十日;
  // works tendered under the 招标投标法 have the same floor (招标投标法 第二十四条).
  openTender: { unit: 'calendarDays', count: 20, basis: '政府采购法第三十五条；工程：招标投标法第二十四条' },
  invitedTender: {
    unit: 'calendarDays',
    count: 20,
    basis: '政府采购法第三十五条；工程：招标投标法第二十四条',
  },
  // 竞争性磋商采购管理暂行办法 (财库〔2014〕214号): 磋商文件发出之日起至首次提交响应文件截止之日止不得少于10日.
  consultation: { unit: 'calendarDays', count: 10, basis: '财库〔2014〕214号' },
  // 非招标采购方式管理办法 (财政部令第74号): 谈判/询价通知书发出之日起至首次提交响应文件截止之日止不得少于3个工作日
  // (article number not verified against the official text — RULES.md §2.2 ⚠️).
  negotiation: { unit: 'workingDays', count: 3, basis: '财政部令第74号' },
  rfq: { unit: 'workingDays', count: 3, basis: '财政部令第74号' },
} as const satisfies Record<TimedMethod, Period>;

/** How long documents must be on offer, counted from the day issuance starts; null when no floor applies. */
export const DOCUMENT_PERIOD = {
  // 政府采购法实施条例 第三十一条: 招标文件的提供期限自招标文件开始发出之日起不得少于5个工作日.
  openTender: { unit: 'workingDays', count: 5, basis: '政府采购法实施条例第三十一条' },
  invitedTender: { unit: 'workingDays', count: 5, basis: '政府采购法实施条例第三十一条' },
  // 财库〔2014〕214号: 磋商文件的发售期限自开始之日起不得少于5个工作日.
  consultation: { unit: 'workingDays', count: 5, basis: '财库〔2014〕214号' },
  // 74号令 sets no availability floor for 谈判/询价 documents; only the response period above applies.
  negotiation: null,
  rfq: null,
} as const satisfies Record<TimedMethod, Period | null>;

/** How long must remain between a correction that may affect bid preparation and the deadline. */
export const CORRECTION_PERIOD = {
  // 政府采购法实施条例 第三十一条 (works: 招标投标法实施条例 第二十一条): 澄清或者修改的内容可能影响投标文件编制的，
  // 应当在投标截止时间至少15日前书面通知；不足15日的，应当顺延提交投标文件的截止时间.
  openTender: { unit: 'calendarDays', count: 15, basis: '政府采购法实施条例第三十一条' },
  invitedTender: { unit: 'calendarDays', count: 15, basis: '政府采购法实施条例第三十一条' },
  // 财库〔2014〕214号 第十条 (⚠️ number): 至少5日前，不足5日的顺延.
  consultation: { unit: 'calendarDays', count: 5, basis: '财库〔2014〕214号第十条' },
  // 74号令 (⚠️ number): 至少3个工作日前，不足的顺延.
  negotiation: { unit: 'workingDays', count: 3, basis: '财政部令第74号' },
  rfq: { unit: 'workingDays', count: 3, basis: '财政部令第74号' },
} as const satisfies Record<TimedMethod, Period>;

/** The earliest lawful response deadline (day) for documents first issued on `documentsIssuedOn`. */
export function earliestBidDeadline(method: TimedMethod, documentsIssuedOn: string): string {
  return endOfPeriod(documentsIssuedOn, BID_PERIOD[method]);
}

/** The earliest lawful last day of document availability, or null when the method sets no floor. */
export function earliestDocumentsAvailableUntil(
  method: TimedMethod,
  documentsIssuedOn: string,
): string | null {
  const period = DOCUMENT_PERIOD[method];
  return period === null ? null : endOfPeriod(documentsIssuedOn, period);
}

export interface ScheduleInput {
  method: TimedMethod;
  noticePublishedOn: string;
  documentsIssuedOn: string;
  documentsAvailableUntil: string;
  bidDeadline: string;
}

export interface ScheduleViolation {
  code: 'DOCUMENTS_BEFORE_NOTICE' | 'DOCUMENT_PERIOD_TOO_SHORT' | 'BID_DEADLINE_TOO_EARLY';
  path: keyof ScheduleInput;
  message: string;
}

/**
 * Every way the planned schedule breaks a time limit; empty when lawful. Days in a year whose holidays are not
 * yet published throw CALENDAR_NOT_COVERED rather than being judged.
 */
export function checkSchedule(input: ScheduleInput): ScheduleViolation[] {
  const { method, noticePublishedOn, documentsIssuedOn, documentsAvailableUntil, bidDeadline } = input;
  const label = METHOD_LABEL[method];
  const violations: ScheduleViolation[] = [];

  // Documents are offered to the public through the notice (政府采购信息发布管理办法 (101号令); 87号令 第十六条 ⚠️):
  // issuing them earlier would favour whoever was told privately.
  if (documentsIssuedOn < noticePublishedOn) {
    violations.push({
      code: 'DOCUMENTS_BEFORE_NOTICE',
      path: 'documentsIssuedOn',
      message: `采购文件开始发出日不得早于 ${noticePublishedOn}：采购文件应在公告（邀请）发布后发出`,
    });
  }

  const documentPeriod = DOCUMENT_PERIOD[method];
  if (documentPeriod !== null) {
    const earliest = endOfPeriod(documentsIssuedOn, documentPeriod);
    if (documentsAvailableUntil < earliest) {
      violations.push({
        code: 'DOCUMENT_PERIOD_TOO_SHORT',
        path: 'documentsAvailableUntil',
        message: `采购文件提供期限至少应至 ${earliest}：${label}文件自开始发出之日起提供期限不得少于 ${spell(documentPeriod)}（${documentPeriod.basis}；起算日不计入，94号令第四十二条）`,
      });
    }
  }

  const bidPeriod = BID_PERIOD[method];
  const earliestDeadline = endOfPeriod(documentsIssuedOn, bidPeriod);
  if (bidDeadline < earliestDeadline) {
    violations.push({
      code: 'BID_DEADLINE_TOO_EARLY',
      path: 'bidDeadline',
      message: `${DEADLINE_LABEL[method]}不得早于 ${earliestDeadline}：${label}自文件开始发出之日起至截止之日止不得少于 ${spell(bidPeriod)}（${bidPeriod.basis}；起算日不计入，期满日为节假日的顺延至其后第一个工作日，94号令第四十二条）`,
    });
  }
  return violations;
}

export interface CorrectionInput {
  method: TimedMethod;
  correctionPublishedOn: string;
  currentDeadline: string;
  /** Whether the clarification or amendment may affect the preparation of bids (条例31 "可能影响投标文件编制"). */
  affectsBids: boolean;
}

/**
 * The response deadline after a correction notice: moved to the earliest day that leaves the required period
 * after the correction, or unchanged when enough remains or the correction cannot affect bid preparation
 * (政府采购法实施条例 第三十一条; 214号 第十条; 74号令 — see CORRECTION_PERIOD).
 */
export function deadlineAfterCorrection(input: CorrectionInput): string {
  if (!input.affectsBids) return input.currentDeadline;
  const earliest = endOfPeriod(input.correctionPublishedOn, CORRECTION_PERIOD[input.method]);
  return input.currentDeadline < earliest ? earliest : input.currentDeadline;
}

// ── Result-side periods ────────────────────────────────────────────────────────────────────────────────

/** Last day of the result-notice period: 1 WD after publication (87号令 第六十九条; 财库〔2017〕86号 — ⚠️ number). */
export function resultNoticePeriodEnd(resultPublishedOn: string): string {
  return addWorkingDays(resultPublishedOn, 1);
}

/**
 * Last day to challenge: 7 WD from the day the supplier knew or should have known (政府采购法 第五十二条;
 * 94号令 第十条).
 */
export function challengeDeadline(knewOn: string): string {
  return addWorkingDays(knewOn, 7);
}

/**
 * Last day to challenge a result: the supplier "should have known" on the day the result-notice period expires
 * (政府采购法实施条例 第五十三条), then 7 WD (法52; 94号令 第十条).
 */
export function resultChallengeDeadline(resultPublishedOn: string): string {
  return challengeDeadline(resultNoticePeriodEnd(resultPublishedOn));
}

/** Award letter and result notice: within 2 WD of the winner's confirmation (政府采购法实施条例 第四十三条). */
export function awardLetterDeadline(winnerConfirmedOn: string): string {
  return addWorkingDays(winnerConfirmedOn, 2);
}

/** Contract signed within 30 日 of the award letter (政府采购法 第四十六条; 招标投标法 第四十六条). */
export function contractSigningDeadline(awardLetterIssuedOn: string): string {
  return addCalendarDays(awardLetterIssuedOn, 30);
}

/** Contract published within 2 WD of signing (政府采购法实施条例 第五十条). */
export function contractPublicationDeadline(contractSignedOn: string): string {
  return addWorkingDays(contractSignedOn, 2);
}

/** Contract copy filed with the finance department within 7 WD of signing (政府采购法 第四十七条). */
export function contractFilingDeadline(contractSignedOn: string): string {
  return addWorkingDays(contractSignedOn, 7);
}

/**
 * Bid deposit refunded within 5 WD (政府采购法实施条例 第三十三条) of: the award letter for losing bidders, contract
 * signing for the winner, a written withdrawal before the deadline (87号令), or termination (87号令 第二十九条).
 */
export function depositRefundDeadline(triggeredOn: string): string {
  return addWorkingDays(triggeredOn, 5);
}
