/**
 * The project lifecycle as one explicit transition table (ARCHITECTURE.md rule 5): every state lists every event,
 * either as a transition with its guards or as `null` (refused). Guards are data — named facts the use case
 * establishes before asking (lint result, approval, the clock against the deadline, bid counts) — so this file
 * stays pure: no db, no clock.
 *
 * Suspension during a challenge or complaint (政府采购法实施条例 第五十四条; 政府采购法 第五十七条) is not a state:
 * it pauses whatever state the project is in and is carried as the `challengePending` fact, which blocks signing.
 */

export const STATES = [
  'draft',
  'linted',
  'approved',
  'published',
  'corrected',
  'bidsClosed',
  'opened',
  'evaluating',
  'awarded',
  'contracted',
  'failed',
  'terminated',
] as const;
export type State = (typeof STATES)[number];

export const STATE_LABELS = {
  /** 草稿: documents being prepared from templates. */
  draft: '草稿',
  /** 已检查: the document lint found nothing blocking (采购需求管理办法 (22号); 条例15 需求合规, 条例20 不得以不合理条件差别待遇). */
  linted: '已检查',
  /**
   * 已批准: a method other than open tender above the open-tender threshold has the finance department's
   * approval (政府采购法 第二十七条; 政府采购法实施条例 第二十三条).
   */
  approved: '已批准',
  /** 已发布: notice or invitation published, documents on offer (政府采购法 第三十五条; 条例31). */
  published: '已发布',
  /** 已更正: a correction or clarification notice was issued and the deadline recomputed (条例31). */
  corrected: '已更正',
  /** 已截止: the response deadline has passed; no bid may be received (87号令 第三十三条 ⚠️). */
  bidsClosed: '已截止',
  /** 已开标: opened with enough bids (87号令 第四十一条; 招标投标法实施条例 第四十四条). */
  opened: '已开标',
  /** 评审中: the committee is reviewing (政府采购法实施条例 第三十九条至第四十四条). */
  evaluating: '评审中',
  /** 已定标: winner confirmed, award letter and result notice issued (政府采购法实施条例 第四十三条). */
  awarded: '已定标',
  /** 已签约: contract signed (政府采购法 第四十六条). Terminal for this module. */
  contracted: '已签约',
  /** 废标/流标 (政府采购法 第三十六条): may be re-procured from a new draft (法36 末句; 第三十七条). */
  failed: '废标/流标',
  /** 终止: procurement terminated, deposits and fees refunded (87号令 第二十九条). Terminal. */
  terminated: '已终止',
} as const satisfies Record<State, string>;

export const EVENTS = [
  'lint',
  'edit',
  'approve',
  'publish',
  'correct',
  'closeBids',
  'open',
  'startEvaluation',
  'award',
  'signContract',
  'fail',
  'terminate',
  'retender',
] as const;
export type Event = (typeof EVENTS)[number];

export const EVENT_LABELS = {
  lint: '文件检查',
  edit: '修改文件',
  approve: '采购方式审批',
  publish: '发布公告',
  correct: '发布更正公告',
  closeBids: '投标截止',
  open: '开标',
  startEvaluation: '开始评审',
  award: '确定中标（成交）供应商',
  signContract: '签订合同',
  fail: '废标',
  terminate: '终止采购',
  retender: '重新组织采购',
} as const satisfies Record<Event, string>;

/** The facts a guard may name; the use case establishes each before calling `next`. */
export const FACTS = [
  'lintClear',
  'requiresApproval',
  'approvalGranted',
  'scheduleLawful',
  'bidDeadlinePassed',
  'enoughBids',
  'committeeFormed',
  'winnerConfirmed',
  'challengePending',
  'groundRecorded',
] as const;
export type Fact = (typeof FACTS)[number];
export type Facts = Readonly<Record<Fact, boolean>>;

export interface Guard {
  fact: Fact;
  /** The value the fact must have. */
  is: boolean;
  /** Chinese refusal when it does not. */
  refusal: string;
}

export interface Transition {
  to: State;
  when: readonly Guard[];
  /** The article that allows the step. */
  basis: string;
}

const G = {
  lintClear: { fact: 'lintClear', is: true, refusal: '采购文件检查尚有未解决的问题，不能继续' },
  needsApproval: {
    fact: 'requiresApproval',
    is: true,
    refusal: '本项目采用公开招标或未达到公开招标数额标准，无需采购方式审批',
  },
  noApprovalNeeded: {
    fact: 'requiresApproval',
    is: false,
    refusal:
      '达到公开招标数额标准而采用其他采购方式，须先经设区的市级以上财政部门批准（政府采购法第二十七条、实施条例第二十三条）',
  },
  approvalGranted: { fact: 'approvalGranted', is: true, refusal: '尚未取得财政部门的采购方式批准' },
  scheduleLawful: {
    fact: 'scheduleLawful',
    is: true,
    refusal: '时间安排不符合法定期限（文件提供期限或投标截止时间），请按最早合法日期调整',
  },
  beforeDeadline: {
    fact: 'bidDeadlinePassed',
    is: false,
    refusal: '投标截止时间已过，不能再发布影响投标的更正',
  },
  afterDeadline: { fact: 'bidDeadlinePassed', is: true, refusal: '投标截止时间未到，不能截止或开标' },
  enoughBids: {
    fact: 'enoughBids',
    is: true,
    refusal: '投标人不足法定数量，不得开标，应当废标（87号令第四十一条；招标投标法实施条例第四十四条）',
  },
  committeeFormed: {
    fact: 'committeeFormed',
    is: true,
    refusal: '评标委员会（评审小组）尚未依法组成',
  },
  winnerConfirmed: {
    fact: 'winnerConfirmed',
    is: true,
    refusal: '采购人尚未按评审报告推荐的顺序确定中标（成交）供应商（实施条例第四十三条）',
  },
  noChallengePending: {
    fact: 'challengePending',
    is: false,
    refusal: '存在可能影响中标（成交）结果的质疑或投诉，应当暂停签订合同（实施条例第五十四条）',
  },
  groundRecorded: { fact: 'groundRecorded', is: true, refusal: '须记录法定事由及依据' },
} as const satisfies Record<string, Guard>;

const LINT: Transition = {
  to: 'linted',
  when: [G.lintClear],
  basis: '政府采购法实施条例第十五条、第二十条；政府采购需求管理办法',
};
const EDIT: Transition = { to: 'draft', when: [], basis: '文件修改后须重新检查（及重新审批）' };
const PUBLISH_DIRECT: Transition = {
  to: 'published',
  when: [G.noApprovalNeeded, G.scheduleLawful],
  basis: '政府采购法第三十五条；实施条例第三十一条',
};
const PUBLISH_APPROVED: Transition = {
  to: 'published',
  when: [G.approvalGranted, G.scheduleLawful],
  basis: '政府采购法第二十七条；实施条例第二十三条、第三十一条',
};
const CORRECT: Transition = {
  to: 'corrected',
  when: [G.beforeDeadline, G.scheduleLawful],
  basis: '政府采购法实施条例第三十一条（不足期限的顺延截止时间）',
};
const CLOSE: Transition = { to: 'bidsClosed', when: [G.afterDeadline], basis: '政府采购法第三十五条' };
const FAIL: Transition = { to: 'failed', when: [G.groundRecorded], basis: '政府采购法第三十六条' };
const TERMINATE: Transition = { to: 'terminated', when: [G.groundRecorded], basis: '87号令第二十九条' };

/** The lifecycle. A `null` cell is refused; every state names every event. */
export const TRANSITIONS = {
  draft: {
    lint: LINT,
    edit: null,
    approve: null,
    publish: null,
    correct: null,
    closeBids: null,
    open: null,
    startEvaluation: null,
    award: null,
    signContract: null,
    fail: null,
    // Nothing published yet: the purchaser may drop the project (its deposit and fee refunds do not arise).
    terminate: TERMINATE,
    retender: null,
  },
  linted: {
    lint: null,
    edit: EDIT,
    approve: {
      to: 'approved',
      when: [G.needsApproval, G.approvalGranted],
      basis: '政府采购法第二十七条；实施条例第二十三条',
    },
    publish: PUBLISH_DIRECT,
    correct: null,
    closeBids: null,
    open: null,
    startEvaluation: null,
    award: null,
    signContract: null,
    fail: null,
    terminate: TERMINATE,
    retender: null,
  },
  approved: {
    lint: null,
    edit: EDIT,
    approve: null,
    publish: PUBLISH_APPROVED,
    correct: null,
    closeBids: null,
    open: null,
    startEvaluation: null,
    award: null,
    signContract: null,
    fail: null,
    terminate: TERMINATE,
    retender: null,
  },
  published: {
    lint: null,
    // Once published, documents change only by a correction notice on the original media (87号令 第二十七条).
    edit: null,
    approve: null,
    publish: null,
    correct: CORRECT,
    closeBids: CLOSE,
    open: null,
    startEvaluation: null,
    award: null,
    signContract: null,
    // 法36(4): 因重大变故，采购任务取消.
    fail: FAIL,
    terminate: TERMINATE,
    retender: null,
  },
  corrected: {
    lint: null,
    edit: null,
    approve: null,
    publish: null,
    correct: CORRECT,
    closeBids: CLOSE,
    open: null,
    startEvaluation: null,
    award: null,
    signContract: null,
    fail: FAIL,
    terminate: TERMINATE,
    retender: null,
  },
  bidsClosed: {
    lint: null,
    edit: null,
    approve: null,
    publish: null,
    correct: null,
    closeBids: null,
    open: {
      to: 'opened',
      when: [G.afterDeadline, G.enoughBids],
      basis: '87号令第四十一条；招标投标法实施条例第四十四条',
    },
    startEvaluation: null,
    award: null,
    signContract: null,
    // Fewer than three bids: not opened, 废标/流标 (法36(1)).
    fail: FAIL,
    terminate: TERMINATE,
    retender: null,
  },
  opened: {
    lint: null,
    edit: null,
    approve: null,
    publish: null,
    correct: null,
    closeBids: null,
    open: null,
    startEvaluation: {
      to: 'evaluating',
      when: [G.committeeFormed],
      basis: '政府采购法实施条例第三十九条；87号令第四十七条',
    },
    award: null,
    signContract: null,
    fail: FAIL,
    terminate: TERMINATE,
    retender: null,
  },
  evaluating: {
    lint: null,
    edit: null,
    approve: null,
    publish: null,
    correct: null,
    closeBids: null,
    open: null,
    startEvaluation: null,
    award: {
      to: 'awarded',
      when: [G.winnerConfirmed],
      basis: '政府采购法实施条例第四十三条',
    },
    signContract: null,
    // Fewer than three qualified or responsive bids, illegal conduct, all over budget (法36(1)–(3); 87号令 第四十四条).
    fail: FAIL,
    terminate: TERMINATE,
    retender: null,
  },
  awarded: {
    lint: null,
    edit: null,
    approve: null,
    publish: null,
    correct: null,
    closeBids: null,
    open: null,
    startEvaluation: null,
    award: null,
    signContract: {
      to: 'contracted',
      when: [G.noChallengePending],
      basis: '政府采购法第四十六条；实施条例第五十四条',
    },
    // A sustained challenge or complaint leaves no lawful winner: procure again (94号令 第三十二条 ⚠️ number).
    fail: FAIL,
    // After award the purchaser is bound to contract (法46) — it may not simply terminate.
    terminate: null,
    retender: null,
  },
  contracted: {
    lint: null,
    edit: null,
    approve: null,
    publish: null,
    correct: null,
    closeBids: null,
    open: null,
    startEvaluation: null,
    award: null,
    signContract: null,
    fail: null,
    terminate: null,
    retender: null,
  },
  failed: {
    lint: null,
    edit: null,
    approve: null,
    publish: null,
    correct: null,
    closeBids: null,
    open: null,
    startEvaluation: null,
    award: null,
    signContract: null,
    fail: null,
    terminate: TERMINATE,
    // 法36: 除采购任务取消情形外，应当重新组织招标; a change of method needs approval (法37), hence back to draft.
    retender: { to: 'draft', when: [], basis: '政府采购法第三十六条、第三十七条' },
  },
  terminated: {
    lint: null,
    edit: null,
    approve: null,
    publish: null,
    correct: null,
    closeBids: null,
    open: null,
    startEvaluation: null,
    award: null,
    signContract: null,
    fail: null,
    terminate: null,
    retender: null,
  },
} as const satisfies Record<State, Record<Event, Transition | null>>;

export type NextResult =
  | { ok: true; state: State; basis: string }
  | { ok: false; code: 'TRANSITION_NOT_ALLOWED' | 'GUARD_FAILED'; path: string; message: string };

/** The state `event` leads to from `state` given `facts`, or a Chinese refusal. */
export function next(state: State, event: Event, facts: Facts): NextResult {
  const transition: Transition | null = TRANSITIONS[state][event];
  if (transition === null) {
    return {
      ok: false,
      code: 'TRANSITION_NOT_ALLOWED',
      path: 'status',
      message: `项目当前状态为「${STATE_LABELS[state]}」，不能执行「${EVENT_LABELS[event]}」`,
    };
  }
  for (const guard of transition.when) {
    if (facts[guard.fact] !== guard.is) {
      return { ok: false, code: 'GUARD_FAILED', path: guard.fact, message: guard.refusal };
    }
  }
  return { ok: true, state: transition.to, basis: transition.basis };
}

/** The events the table allows from `state` (before guards): what the UI may offer. */
export function eventsFrom(state: State): Event[] {
  return EVENTS.filter((event) => TRANSITIONS[state][event] !== null);
}
