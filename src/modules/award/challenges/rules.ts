/**
 * Pure rules of challenges (质疑) and complaints (投诉) on top of the statutory clocks of `../rules/clocks.ts`:
 * whether a letter is in time, from which day its clock runs, which remedies an upheld one may order, whether it
 * suspends signing by default, and how late an overdue step is. No database, no clock of their own: every
 * function takes the days it needs (ARCHITECTURE.md rule 6).
 */
import { addWorkingDays, workingDaysBetween } from '../../../platform/calendar.ts';
import {
  challengeWindow,
  complaintWindow,
  explain,
  suspensionEndsAtLatest,
  type ChallengeWindow,
  type ComplaintWindow,
  type Due,
  type PeriodUnit,
} from '../rules/clocks.ts';

export const CHALLENGE_SUBJECTS = ['documents', 'process', 'result'] as const;
export type ChallengeSubject = (typeof CHALLENGE_SUBJECTS)[number];

export const REMEDIES = ['documentsCorrected', 'reevaluation', 'winnerChanged', 'retender'] as const;
export type Remedy = (typeof REMEDIES)[number];

export type Outcome = 'dismissed' | 'upheld';

/** A refusal with a stable code and the Chinese reason the supplier reads. */
export interface Refusal {
  ok: false;
  code: string;
  message: string;
  path?: string;
}

// ── Challenge timing ────────────────────────────────────────────────────────────────────────────────────

export interface ChallengeFacts {
  subject: ChallengeSubject;
  /** The day the letter reaches the platform (Shanghai). */
  filedOn: string;
  /** documents: the day the supplier obtained the documents (its registration), when it did. */
  receivedOn?: string | null;
  /** documents: the last day of the document period (采购文件提供/公告期限). */
  documentPeriodEndsOn?: string | null;
  /** process: the day the challenged step ended, as the supplier states it. */
  knewOn?: string | null;
  /** process: the day the procurement notice was published; a step cannot end before it. */
  noticePublishedOn?: string | null;
  /** result: the day the result notice was published (the 1-WD notice period runs from it). */
  resultNoticePublishedOn?: string | null;
}

export interface ChallengeTimely {
  ok: true;
  window: ChallengeWindow;
  /** The "knew" day recorded with the challenge: receipt, the step's end, or the notice period's end. */
  knewOn: string;
}

/**
 * Whether a challenge is in time (法52: 知道或者应知其权益受到损害之日起七个工作日内; 94号令 第十条; 条例53 for the day
 * the supplier "should have known"). A letter sent by the window's last day may not be refused (94号令 第十三条), so
 * the only timing refusals are: no day to count from, a stated day that cannot be true, or a letter after the
 * window closed (CHALLENGE_LATE, naming the day it closed).
 */
export function challengeTiming(f: ChallengeFacts): ChallengeTimely | Refusal {
  let window: ChallengeWindow;
  let knewOn: string;
  if (f.subject === 'documents') {
    const receivedOn = f.receivedOn ?? undefined;
    const documentPeriodEndsOn = f.documentPeriodEndsOn ?? undefined;
    if (receivedOn === undefined && documentPeriodEndsOn === undefined) {
      return refuse('CHALLENGE_NO_DOCUMENTS', '未获取采购文件，且采购文件尚未发出，无法对采购文件提出质疑');
    }
    // 条例53(一): 收到采购文件之日或者采购文件公告期限届满之日 — the later closing, so nothing lawful is refused.
    window = challengeWindow({ kind: 'documents', knewOn: receivedOn, documentPeriodEndsOn });
    knewOn = receivedOn ?? window.clockStartsOn;
  } else if (f.subject === 'process') {
    if (!f.knewOn) {
      return refuse(
        'CHALLENGE_KNEW_ON_REQUIRED',
        '对采购过程提出质疑的，请填写该程序环节结束之日（政府采购法实施条例第五十三条）',
        'body.knewOn',
      );
    }
    if (f.knewOn > f.filedOn) {
      return refuse('CHALLENGE_KNEW_ON_FUTURE', `程序环节结束之日（${f.knewOn}）不能晚于今天`, 'body.knewOn');
    }
    if (f.noticePublishedOn && f.knewOn < f.noticePublishedOn) {
      return refuse(
        'CHALLENGE_KNEW_ON_BEFORE_NOTICE',
        `程序环节结束之日（${f.knewOn}）不能早于采购公告发布之日（${f.noticePublishedOn}）`,
        'body.knewOn',
      );
    }
    // 条例53(二): 对采购过程提出质疑的，为各采购程序环节结束之日.
    window = challengeWindow({ kind: 'process', knewOn: f.knewOn });
    knewOn = f.knewOn;
  } else {
    if (!f.resultNoticePublishedOn || f.filedOn < f.resultNoticePublishedOn) {
      return refuse(
        'RESULT_NOT_PUBLISHED',
        '中标（成交）结果尚未公告，暂不能对结果提出质疑（政府采购法实施条例第五十三条）',
      );
    }
    // 条例53(三): 对中标或者成交结果提出质疑的，为中标或者成交结果公告期限届满之日.
    window = challengeWindow({ kind: 'result', resultNoticePublishedOn: f.resultNoticePublishedOn });
    knewOn = window.clockStartsOn;
  }
  if (f.filedOn > window.closesOn) {
    return refuse(
      'CHALLENGE_LATE',
      `质疑期限已于${window.closesOn}届满（自${window.clockStartsOn}起${window.rule.count}个工作日，起算日不计入；${window.rule.basis}），本质疑已超过法定期限`,
    );
  }
  return { ok: true, window, knewOn };
}

/**
 * Whether a new challenge suspends signing by default (条例54: 询问或者质疑事项可能影响中标、成交结果的，采购人应当暂停签订
 * 合同). A challenge to the process or the result may change the winner; one to the documents lodged before the bid
 * deadline is settled by clarifying or correcting the documents (条例31) while nobody has been awarded, so it does
 * not. The centre may still mark any one otherwise, with a reason.
 */
export function defaultAffectsResult(
  subject: ChallengeSubject,
  filedAt: Date,
  bidDeadlineAt: Date | null,
): boolean {
  if (subject !== 'documents') return true;
  return bidDeadlineAt === null || filedAt.getTime() >= bidDeadlineAt.getTime();
}

// ── Remedies ────────────────────────────────────────────────────────────────────────────────────────────

/**
 * What an answer or decision may order (94号令 第十六条 for a challenge upheld; 第三十一条、第三十二条 for a complaint):
 * - documents upheld: the documents are clarified or corrected and the procurement goes on (条例31) — a fresh
 *   procurement after a failed correction is the centre's termination, outside this record;
 * - process or result upheld: another winner from the qualified candidates (另行确定), a re-review by the original
 *   committee where scoring was wrong (87号令 第六十四条), or a new procurement (重新开展采购活动).
 * Dismissed orders nothing.
 */
export function remedyProblem(
  subject: ChallengeSubject,
  outcome: Outcome,
  remedy: Remedy | null,
): Refusal | null {
  if (outcome === 'dismissed') {
    return remedy === null
      ? null
      : refuse('REMEDY_NOT_ALLOWED', '质疑（投诉）不成立的，不作处理措施', 'body.remedy');
  }
  if (remedy === null) {
    return refuse(
      'REMEDY_REQUIRED',
      '质疑（投诉）成立的，请选择处理措施（94号令第十六条、第三十二条）',
      'body.remedy',
    );
  }
  const allowed: readonly Remedy[] =
    subject === 'documents' ? ['documentsCorrected'] : ['reevaluation', 'winnerChanged', 'retender'];
  if (!allowed.includes(remedy)) {
    return refuse(
      'REMEDY_NOT_ALLOWED',
      subject === 'documents'
        ? '对采购文件的质疑成立的，应当澄清或者修改采购文件后继续开展采购活动（94号令第十六条）'
        : '对采购过程或结果的质疑成立的，应当另行确定中标（成交）供应商、重新评审或者重新开展采购活动（94号令第十六条）',
      'body.remedy',
    );
  }
  return null;
}

// ── Complaints ──────────────────────────────────────────────────────────────────────────────────────────

export interface ComplaintFacts {
  challengeStatus: 'received' | 'answered' | 'withdrawn';
  replyDueOn: string;
  repliedOn: string | null;
  filedOn: string;
}

export interface ComplaintTimely {
  ok: true;
  window: ComplaintWindow;
}

/**
 * Whether a complaint is in time (法55; 94号令 第十七条): only after the challenge (质疑前置) — once the reply came, or
 * the reply period ran out without one — and within 15 WD after the reply period expired (`complaintWindow`: an
 * early reply opens the window early but does not shorten it). Late → COMPLAINT_LATE naming the closing day.
 */
export function complaintTiming(f: ComplaintFacts): ComplaintTimely | Refusal {
  if (f.challengeStatus === 'withdrawn') {
    return refuse('CHALLENGE_WITHDRAWN', '质疑已撤回，不能就其提起投诉');
  }
  const window = complaintWindow({ replyDueOn: f.replyDueOn, repliedOn: f.repliedOn });
  if (f.filedOn < window.opensOn) {
    return refuse(
      'COMPLAINT_TOO_EARLY',
      `质疑尚未答复且答复期限（至${f.replyDueOn}）未满，暂不能投诉；投诉应在答复期满后提出（政府采购法第五十五条）`,
    );
  }
  if (f.filedOn > window.closesOn) {
    return refuse(
      'COMPLAINT_LATE',
      `投诉期限已于${window.closesOn}届满（质疑答复期满（${f.replyDueOn}）后${window.rule.count}个工作日；${window.rule.basis}），本投诉已超过法定期限`,
    );
  }
  return { ok: true, window };
}

/** A clock of this part that clocks.ts does not hold: same shape as `Due`, with its own rule. */
export interface PartDue {
  startsOn: string;
  dueOn: string;
  rule: { code: string; unit: PeriodUnit; count: number; basis: string; text: string };
}

/**
 * Last day for the finance department to review a complaint and accept it or not (94号令 第二十一条: 收到投诉书后5个
 * 工作日内进行审查).
 */
export function complaintAcceptanceDue(receivedOn: string): PartDue {
  return {
    startsOn: receivedOn,
    dueOn: addWorkingDays(receivedOn, 5),
    rule: {
      code: 'complaintAcceptance',
      unit: 'workingDays',
      count: 5,
      basis: '94号令第二十一条',
      text: '财政部门收到投诉书后，应当在5个工作日内进行审查，决定受理或者不予受理',
    },
  };
}

export interface SuspensionPlan {
  ok: true;
  endsOn: string;
  latest: Due;
}

/**
 * The last day of a suspension the finance department orders (法57: 暂停采购活动，但暂停时间最长不得超过三十日 —
 * calendar days, RULES.md §12 trap 6). It may set an earlier day, not a later one.
 */
export function planSuspension(
  suspendedOn: string,
  requestedEndsOn: string | null,
): SuspensionPlan | Refusal {
  const latest = suspensionEndsAtLatest(suspendedOn);
  if (requestedEndsOn === null) return { ok: true, endsOn: latest.dueOn, latest };
  if (requestedEndsOn <= suspendedOn) {
    return refuse('SUSPENSION_END_INVALID', '暂停截止日应晚于暂停开始日', 'body.endsOn');
  }
  if (requestedEndsOn > latest.dueOn) {
    return refuse(
      'SUSPENSION_TOO_LONG',
      `暂停采购活动最长不得超过30日，最迟至${latest.dueOn}（政府采购法第五十七条）`,
      'body.endsOn',
    );
  }
  return { ok: true, endsOn: requestedEndsOn, latest };
}

// ── Lateness ────────────────────────────────────────────────────────────────────────────────────────────

/**
 * How late a step not done by `today` is, counted in the unit of its rule (at least 1 once late: a working-day
 * deadline that ran out on Friday is late on Saturday too).
 */
export function daysLate(dueOn: string, today: string, unit: PeriodUnit): number {
  if (today <= dueOn) return 0;
  if (unit === 'calendarDays') {
    const ms = Date.parse(`${today}T00:00:00Z`) - Date.parse(`${dueOn}T00:00:00Z`);
    return Math.round(ms / 86_400_000);
  }
  return Math.max(1, workingDaysBetween(dueOn, today));
}

/** The UI's text for a clock of clocks.ts or of this part. */
export function describeDue(d: Due | PartDue): { summary: string; rule: string } {
  if ('dueAt' in d) {
    const e = explain(d);
    return { summary: e.summary, rule: e.rule };
  }
  const unit = d.rule.unit === 'calendarDays' ? '日' : '个工作日';
  return {
    summary: `${d.startsOn} 起 ${d.rule.count} ${unit}内（起算日不计入），即不迟于 ${d.dueOn}`,
    rule: `${d.rule.text}（${d.rule.basis}）`,
  };
}

function refuse(code: string, message: string, path?: string): Refusal {
  return path === undefined ? { ok: false, code, message } : { ok: false, code, message, path };
}
