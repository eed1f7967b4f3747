/**
 * The statutory clocks from the award to the payment (issue 7), as pure functions over Shanghai calendar days
 * (`YYYY-MM-DD`). No clock of their own: every function takes the day its period starts from, and `isLate` takes
 * today (ARCHITECTURE.md rule 6).
 *
 * Counting (RULES.md §2.1; 质疑和投诉办法 (94号令) 第四十二条 "期间开始之日，不计算在期间内。期间届满的最后一日是节假日的，
 * 以节假日后的第一日为期间届满日期"): the day a period starts is not counted; a period of N 工作日 ends on the N-th
 * working day after it, 调休 make-up workdays included; a period of N 日 (calendar days) whose last day is not a
 * working day ends on the first working day after it. "日" and "工作日" are never interchangeable (RULES.md §12
 * trap 6: the 30 日 suspension vs the 30 工作日 complaint decision). Both counts are delegated to the working-day
 * engine, which refuses a year whose holidays and 调休 are not yet published (AppError CALENDAR_NOT_COVERED)
 * instead of guessing; these functions let that error through.
 *
 * Every period is a limit that includes its last day ("内" / "不得超过" 含本数, 94号令 第四十二条): acting on the due
 * day is lawful, the day after is late. `dueAt` is the last instant of the due day in Shanghai.
 */
import {
  addCalendarDays,
  addWorkingDays,
  endOfShanghaiDay,
  isWorkingDay,
  nextDay,
} from '../../../platform/calendar.ts';

export type PeriodUnit = 'calendarDays' | 'workingDays';

export type ClockCode =
  | 'winnerConfirmation'
  | 'resultNotice'
  | 'resultNoticePeriod'
  | 'challenge'
  | 'challengeReply'
  | 'complaint'
  | 'complaintDecision'
  | 'suspension'
  | 'contractSigning'
  | 'contractPublication'
  | 'contractFiling'
  | 'depositRefund'
  | 'payment';

/** One statutory period: its unit and length, the article that sets it, and its rule in Chinese for the UI. */
export interface ClockRule {
  code: ClockCode;
  unit: PeriodUnit;
  count: number;
  basis: string;
  text: string;
}

/** A computed clock: the uncounted start day, the last lawful day and its last instant, and the rule applied. */
export interface Due {
  startsOn: string;
  dueOn: string;
  dueAt: Date;
  rule: ClockRule;
}

/** What the UI shows next to a clock. */
export interface ClockExplanation {
  code: ClockCode;
  dueOn: string;
  /** e.g. "2026-02-12 起 5 个工作日内（起算日不计入），即不迟于 2026-02-24". */
  summary: string;
  /** The rule in Chinese with its article. */
  rule: string;
}

export const CLOCK_RULES = {
  // 政府采购法实施条例 第四十三条 (✅P): 采购人应当自收到评审报告之日起5个工作日内在评审报告推荐的中标或者成交候选人中按顺序
  // 确定中标或者成交供应商. 87号令 第六十八条 / 214号 第二十八条 (✅S, numbers ⚠️): 逾期未确定又不能说明合法理由的，视同
  // 确定排名第一的候选人.
  winnerConfirmation: {
    code: 'winnerConfirmation',
    unit: 'workingDays',
    count: 5,
    basis: '政府采购法实施条例第四十三条；87号令第六十八条',
    text: '采购人应当自收到评审报告之日起5个工作日内，在评审报告推荐的候选人中按顺序确定中标（成交）供应商；逾期未确定且不能说明合法理由的，视为确定排名第一的候选人',
  },
  // 条例 第四十三条 (✅P): 采购人或者采购代理机构应当自中标、成交供应商确定之日起2个工作日内，发出中标、成交通知书，并在省级
  // 以上人民政府财政部门指定的媒体上公告中标、成交结果.
  resultNotice: {
    code: 'resultNotice',
    unit: 'workingDays',
    count: 2,
    basis: '政府采购法实施条例第四十三条',
    text: '应当自中标（成交）供应商确定之日起2个工作日内发出中标（成交）通知书，并在省级以上财政部门指定媒体上公告中标（成交）结果',
  },
  // 87号令 第六十九条; 财库〔2017〕86号 (⚠️UNVERIFIED number, rule ✅S): 中标、成交结果公告期限为1个工作日.
  resultNoticePeriod: {
    code: 'resultNoticePeriod',
    unit: 'workingDays',
    count: 1,
    basis: '87号令第六十九条；财库〔2017〕86号',
    text: '中标（成交）结果公告期限为1个工作日',
  },
  // 政府采购法 第五十二条; 94号令 第十条 (✅P): 知道或者应知其权益受到损害之日起7个工作日内 (应知之日: 条例 第五十三条).
  challenge: {
    code: 'challenge',
    unit: 'workingDays',
    count: 7,
    basis: '政府采购法第五十二条；政府采购法实施条例第五十三条；94号令第十条',
    text: '供应商可以在知道或者应知其权益受到损害之日起7个工作日内，以书面形式提出质疑',
  },
  // 政府采购法 第五十三条; 94号令 第十三条 (✅P): 不得拒收法定质疑期内发出的质疑函，收到后7个工作日内作出答复.
  challengeReply: {
    code: 'challengeReply',
    unit: 'workingDays',
    count: 7,
    basis: '政府采购法第五十三条；94号令第十三条',
    text: '采购人、采购代理机构应当在收到质疑函后7个工作日内作出答复，并书面通知质疑供应商和其他有关供应商',
  },
  // 政府采购法 第五十五条; 94号令 第十七条 (✅P): 对答复不满意或者未在规定时间内答复的，可以在答复期满后15个工作日内投诉.
  complaint: {
    code: 'complaint',
    unit: 'workingDays',
    count: 15,
    basis: '政府采购法第五十五条；94号令第十七条',
    text: '质疑供应商对答复不满意或者未在规定时间内得到答复的，可以在答复期满后15个工作日内向财政部门投诉',
  },
  // 政府采购法 第五十六条 (✅P): 收到投诉后三十个工作日内作出处理决定; 条例 第五十八条: 检验、检测、鉴定、专家评审以及补正
  // 材料所需时间不计算在投诉处理期限内.
  complaintDecision: {
    code: 'complaintDecision',
    unit: 'workingDays',
    count: 30,
    basis: '政府采购法第五十六条；政府采购法实施条例第五十八条；94号令第二十六条',
    text: '财政部门应当在收到投诉后30个工作日内作出处理决定；检验、检测、鉴定、专家评审以及补正材料所需时间不计算在内',
  },
  // 政府采购法 第五十七条 (✅P): 暂停时间最长不得超过三十日 — calendar days, not working days (RULES.md §12 trap 6).
  suspension: {
    code: 'suspension',
    unit: 'calendarDays',
    count: 30,
    basis: '政府采购法第五十七条；94号令第二十八条',
    text: '财政部门处理投诉期间可以书面通知暂停采购活动，暂停时间最长不得超过30日（日历日）',
  },
  // 政府采购法 第四十六条 (✅P): 中标、成交通知书发出之日起三十日内签订政府采购合同 — 日, calendar days (RULES.md §2.2).
  contractSigning: {
    code: 'contractSigning',
    unit: 'calendarDays',
    count: 30,
    basis: '政府采购法第四十六条',
    text: '采购人与中标（成交）供应商应当在中标（成交）通知书发出之日起30日内签订政府采购合同',
  },
  // 条例 第五十条 (✅P): 自政府采购合同签订之日起2个工作日内公告.
  contractPublication: {
    code: 'contractPublication',
    unit: 'workingDays',
    count: 2,
    basis: '政府采购法实施条例第五十条',
    text: '采购人应当自政府采购合同签订之日起2个工作日内，在省级以上财政部门指定媒体上公告合同',
  },
  // 政府采购法 第四十七条 (✅P): 合同自签订之日起七个工作日内，将合同副本报同级政府采购监督管理部门和有关部门备案.
  contractFiling: {
    code: 'contractFiling',
    unit: 'workingDays',
    count: 7,
    basis: '政府采购法第四十七条',
    text: '采购人应当自合同签订之日起7个工作日内，将合同副本报同级政府采购监督管理部门和有关部门备案',
  },
  // 条例 第三十三条 (✅P) as RULES.md §2.2 reads it: 未中标人 — 中标通知书发出后5个工作日内; 中标人 — 合同签订后5个工作日内;
  // 87号令 (✅S): 撤回投标 — 书面撤回通知后5个工作日内; 终止 — 5个工作日内 (第二十九条).
  depositRefund: {
    code: 'depositRefund',
    unit: 'workingDays',
    count: 5,
    basis: '政府采购法实施条例第三十三条；87号令第二十九条、第三十八条',
    text: '投标保证金应当在规定事由发生后5个工作日内退还（未中标人：中标通知书发出后；中标人：合同签订后；撤回投标：收到书面撤回通知后；终止采购：终止后）',
  },
} as const satisfies Record<Exclude<ClockCode, 'payment'>, ClockRule>;

/** The last day of a period that starts (uncounted) on `startsOn` (94号令 第四十二条). */
function lastDay(startsOn: string, unit: PeriodUnit, count: number): string {
  return unit === 'calendarDays' ? addCalendarDays(startsOn, count) : addWorkingDays(startsOn, count);
}

function due(startsOn: string, rule: ClockRule): Due {
  const dueOn = lastDay(startsOn, rule.unit, rule.count);
  return { startsOn, dueOn, dueAt: endOfShanghaiDay(dueOn), rule };
}

function spell(rule: Pick<ClockRule, 'unit' | 'count'>): string {
  return `${rule.count} ${rule.unit === 'calendarDays' ? '日' : '个工作日'}`;
}

/** The Chinese text the UI shows beside a clock. */
export function explain(d: Due): ClockExplanation {
  const rollover = d.rule.unit === 'calendarDays' ? '，期满日为节假日的顺延至其后第一个工作日' : '';
  return {
    code: d.rule.code,
    dueOn: d.dueOn,
    summary: `${d.startsOn} 起 ${spell(d.rule)}内（起算日不计入${rollover}），即不迟于 ${d.dueOn}`,
    rule: `${d.rule.text}（${d.rule.basis}）`,
  };
}

// ── Award ───────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Last day for the purchaser to confirm the winner, counted from the day it received the review report (条例43).
 * For a tender the purchaser runs itself, pass the day the review ended (87号令 第六十八条).
 */
export function winnerConfirmationDue(reportDeliveredOn: string): Due {
  return due(reportDeliveredOn, CLOCK_RULES.winnerConfirmation);
}

export interface ConfirmationInput {
  reportDeliveredOn: string;
  /** The day the purchaser confirmed a winner, or null. */
  confirmedOn: string | null;
  /** The purchaser recorded a lawful reason for not confirming in time (87号令 第六十八条 "又不能说明合法理由"). */
  lawfulReasonGiven: boolean;
  today: string;
}

export type ConfirmationState =
  | { state: 'confirmed'; confirmedOn: string; late: boolean }
  | { state: 'pending'; dueOn: string }
  | { state: 'deemed'; deemedOn: string }
  | { state: 'overdueWithReason'; dueOn: string };

/**
 * Where the winner's confirmation stands. Once the 5 WD have run out with no confirmation and no lawful reason, the
 * #1 candidate of the report is deemed confirmed, on the last day of the period (87号令 第六十八条; 214号 第二十八条):
 * the 2-WD result-notice clock then runs from that day.
 */
export function confirmationState(input: ConfirmationInput): ConfirmationState {
  const { dueOn } = winnerConfirmationDue(input.reportDeliveredOn);
  if (input.confirmedOn !== null) {
    return { state: 'confirmed', confirmedOn: input.confirmedOn, late: input.confirmedOn > dueOn };
  }
  if (input.today <= dueOn) return { state: 'pending', dueOn };
  return input.lawfulReasonGiven
    ? { state: 'overdueWithReason', dueOn }
    : { state: 'deemed', deemedOn: dueOn };
}

/** Last day to issue the notices of award and publish the result (条例43), from the winner's confirmation. */
export function resultNoticeDue(confirmedOn: string): Due {
  return due(confirmedOn, CLOCK_RULES.resultNotice);
}

/** Last day of the 1-WD result-notice period, from the day the result was published (87号令 第六十九条 ⚠️). */
export function resultNoticePeriodEnds(publishedOn: string): Due {
  return due(publishedOn, CLOCK_RULES.resultNoticePeriod);
}

// ── Challenges and complaints ───────────────────────────────────────────────────────────────────────────

export type ChallengeInput =
  | {
      /** Challenge to the procurement documents (条例53(一); 94号令 第十一条). */
      kind: 'documents';
      /** The day the supplier received (获取) the documents, when it did. */
      knewOn?: string;
      /** The last day of the document notice (公告) period, when the documents were published. */
      documentPeriodEndsOn?: string;
    }
  | {
      /** Challenge to a procedural step: knewOn is the day that step ended (条例53(二)). */
      kind: 'process';
      knewOn: string;
    }
  | {
      /** Challenge to the result: the clock starts when the result-notice period expires (条例53(三)). */
      kind: 'result';
      resultNoticePublishedOn: string;
    };

export interface ChallengeWindow {
  /** The first day a challenge may be lodged. */
  opensOn: string;
  /** The "应知之日" the 7 WD are counted from (not itself counted). */
  clockStartsOn: string;
  /** The last day a challenge letter may be sent; a letter sent by then may not be refused (94号令 第十三条). */
  closesOn: string;
  closesAt: Date;
  rule: ClockRule;
}

/**
 * When a supplier may challenge (法52; 94号令 第十条; 条例53):
 * - documents: from the day of receipt, or the day the document notice period expires (条例53(一) "收到采购文件之日
 *   或者采购文件公告期限届满之日"). When both are known the window closes on the later of the two closings: a
 *   challenge filed in time may not be refused (94号令 第十三条), so the platform must not refuse one that either
 *   reading allows;
 * - process: from the day the procedural step ended (条例53(二));
 * - result: from the day the 1-WD result-notice period expires (条例53(三); RULES.md §13 rule 2) — a supplier may
 *   challenge as soon as the result is published, the clock only starts later.
 */
export function challengeWindow(input: ChallengeInput): ChallengeWindow {
  const rule = CLOCK_RULES.challenge;
  let opensOn: string;
  let clockStartsOn: string;
  if (input.kind === 'result') {
    opensOn = input.resultNoticePublishedOn;
    clockStartsOn = resultNoticePeriodEnds(input.resultNoticePublishedOn).dueOn;
  } else if (input.kind === 'process') {
    opensOn = input.knewOn;
    clockStartsOn = input.knewOn;
  } else {
    const { knewOn, documentPeriodEndsOn } = input;
    if (knewOn === undefined && documentPeriodEndsOn === undefined) {
      throw new RangeError(
        'a documents challenge needs the day of receipt or the end of the document period',
      );
    }
    const a = knewOn ?? documentPeriodEndsOn ?? '';
    const b = documentPeriodEndsOn ?? a;
    opensOn = a < b ? a : b;
    clockStartsOn = a < b ? b : a;
    // The earlier start must still be a covered year: let the calendar refuse it like any other day.
    isWorkingDay(opensOn);
  }
  const closesOn = lastDay(clockStartsOn, rule.unit, rule.count);
  return { opensOn, clockStartsOn, closesOn, closesAt: endOfShanghaiDay(closesOn), rule };
}

/** Last day to reply to a challenge, from the day the letter was received (法53; 94号令 第十三条). */
export function challengeReplyDue(receivedOn: string): Due {
  return due(receivedOn, CLOCK_RULES.challengeReply);
}

export interface ComplaintInput {
  /** The last day of the 7-WD reply period (challengeReplyDue). */
  replyDueOn: string;
  /** The day the reply was sent, or null when none was given. */
  repliedOn: string | null;
}

export interface ComplaintWindow {
  /** The first day a complaint may be lodged: the reply, or — with no reply in time — the day after the period. */
  opensOn: string;
  closesOn: string;
  closesAt: Date;
  rule: ClockRule;
}

/**
 * When a complaint may be lodged with the finance department (法55; 94号令 第十七条 "在答复期满后15个工作日内").
 * The 15 WD always run from the expiry of the reply period, never from the reply itself: an early reply opens
 * the window early but does not shorten it (RULES.md §2.3 "15 WD after the reply period expires"; §13 rule 2).
 */
export function complaintWindow(input: ComplaintInput): ComplaintWindow {
  const rule = CLOCK_RULES.complaint;
  const closesOn = lastDay(input.replyDueOn, rule.unit, rule.count);
  const { repliedOn } = input;
  const opensOn = repliedOn !== null && repliedOn <= input.replyDueOn ? repliedOn : nextDay(input.replyDueOn);
  return { opensOn, closesOn, closesAt: endOfShanghaiDay(closesOn), rule };
}

/**
 * Last day for the complaint decision: 30 WD from receipt (法56; 94号令 第二十一条(四): a complaint that meets the
 * requirements is accepted on the day it was received, so `acceptedOn` is that day). Working days spent on
 * inspection, testing, appraisal, expert review or supplementing materials are not counted (条例58) and extend it.
 */
export function complaintDecisionDue(acceptedOn: string, excludedWorkingDays = 0): Due {
  if (!Number.isInteger(excludedWorkingDays) || excludedWorkingDays < 0) {
    throw new RangeError(`excluded working days must be a non-negative integer: ${excludedWorkingDays}`);
  }
  const base = CLOCK_RULES.complaintDecision;
  const rule = excludedWorkingDays === 0 ? base : { ...base, count: base.count + excludedWorkingDays };
  return due(acceptedOn, rule);
}

/**
 * The last day a suspension ordered during a complaint may last: 30 calendar days (法57 "最长不得超过三十日"),
 * counted like every period of 94号令 (第四十二条: start day not counted, a last day on a holiday rolls over).
 */
export function suspensionEndsAtLatest(suspendedOn: string): Due {
  return due(suspendedOn, CLOCK_RULES.suspension);
}

// ── Contract ────────────────────────────────────────────────────────────────────────────────────────────

/** Last day to sign the contract: 30 日 (calendar) from the notice of award (法46; RULES.md §2.2, §13 rule 3). */
export function contractSigningDue(noticeOn: string): Due {
  return due(noticeOn, CLOCK_RULES.contractSigning);
}

/** Last day to publish the signed contract: 2 WD (条例50). */
export function contractPublicationDue(signedOn: string): Due {
  return due(signedOn, CLOCK_RULES.contractPublication);
}

/** Last day to file a copy of the contract with the finance department: 7 WD (法47). */
export function contractFilingDue(signedOn: string): Due {
  return due(signedOn, CLOCK_RULES.contractFiling);
}

/**
 * Last day to refund a bid deposit: 5 WD from its trigger (条例33; 87号令) — the notice of award for losing bidders,
 * the contract signing for the winner, the written withdrawal, or the termination. Late refunds owe interest
 * (87号令 第三十八条).
 */
export function depositRefundDue(triggerOn: string): Due {
  return due(triggerOn, CLOCK_RULES.depositRefund);
}

// ── Payment ─────────────────────────────────────────────────────────────────────────────────────────────

/** SME payment limits (保障中小企业款项支付条例 第九条): configurable, since local rules may be stricter (RULES.md §12 #10). */
export interface SmePaymentLimits {
  /** Days when the contract sets none. */
  defaultDays: number;
  /** The longest term a contract may agree. */
  maxDays: number;
}

export const SME_PAYMENT_LIMITS: SmePaymentLimits = { defaultDays: 30, maxDays: 60 };

export interface PaymentInput {
  /**
   * The day the payment clock starts: delivery, or — when the contract makes acceptance the condition of payment —
   * the day of acceptance (条例 第十条), or the day an agreed acceptance period expired if acceptance was delayed.
   */
  acceptedOn: string;
  /** The payment term the contract agrees, in 日; null when it agrees none. */
  termsDays: number | null;
  /** The supplier declared itself an SME when the contract was concluded (条例 第三条). */
  sme: boolean;
  limits?: SmePaymentLimits;
}

export interface PaymentDue extends Due {
  /** The agreed term was longer than the SME limit and was cut down to it. */
  capped: boolean;
}

/**
 * Last day to pay the supplier (保障中小企业款项支付条例, 2025 rev., 第九条 ✅P: 机关、事业单位从中小企业采购… 应当自
 * 交付之日起30日内支付款项；合同另有约定的，从其约定，但付款期限最长不得超过60日; 第十条: 以检验或者验收合格作为付款条件的，
 * 自检验或者验收合格之日起算). Days are calendar days. For a supplier that is not an SME the regulation sets no term:
 * the contract's term applies, and with none agreed there is no due day (null).
 */
export function paymentDue(input: PaymentInput): PaymentDue | null {
  const { acceptedOn, termsDays, sme } = input;
  if (termsDays !== null && (!Number.isInteger(termsDays) || termsDays < 1)) {
    throw new RangeError(`payment term must be a positive integer of days: ${termsDays}`);
  }
  if (!sme) {
    if (termsDays === null) return null;
    const rule: ClockRule = {
      code: 'payment',
      unit: 'calendarDays',
      count: termsDays,
      basis: '政府采购合同约定',
      text: `按合同约定，自验收合格之日起${termsDays}日内支付款项`,
    };
    return { ...due(acceptedOn, rule), capped: false };
  }
  const limits = input.limits ?? SME_PAYMENT_LIMITS;
  if (
    !Number.isInteger(limits.defaultDays) ||
    !Number.isInteger(limits.maxDays) ||
    limits.defaultDays < 1 ||
    limits.maxDays < limits.defaultDays
  ) {
    throw new RangeError(
      `SME payment limits must satisfy 1 ≤ defaultDays ≤ maxDays: ${JSON.stringify(limits)}`,
    );
  }
  const days = termsDays === null ? limits.defaultDays : Math.min(termsDays, limits.maxDays);
  const rule: ClockRule = {
    code: 'payment',
    unit: 'calendarDays',
    count: days,
    basis: '保障中小企业款项支付条例第九条、第十条',
    text: `机关、事业单位从中小企业采购货物、工程、服务，应当自交付（约定验收的，自验收合格）之日起${limits.defaultDays}日内支付款项；合同另有约定的，付款期限最长不得超过${limits.maxDays}日`,
  };
  return { ...due(acceptedOn, rule), capped: termsDays !== null && termsDays > limits.maxDays };
}

// ── Late flags ──────────────────────────────────────────────────────────────────────────────────────────

/** The Shanghai calendar day (UTC+8, no daylight saving) of an instant: "today" for the flags below. */
export function shanghaiDayOf(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Whether an act not yet done by `today` is late: the due day itself is still in time. A plain comparison of days,
 * so it keeps flagging after the calendar data runs out.
 */
export function isLate(dueOn: string, today: string): boolean {
  for (const day of [dueOn, today]) if (!DAY.test(day)) throw new RangeError(`not a YYYY-MM-DD day: ${day}`);
  return today > dueOn;
}
