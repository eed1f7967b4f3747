/**
 * Plan lines from budget to commission — pure rules.
 */

export type PlanLineStatus =
  'draft' | 'intentionPublished' | 'commissioned' | 'accepted' | 'returned' | 'cancelled';
export type PlanLineEvent = 'publishIntention' | 'commission' | 'accept' | 'return' | 'cancel';

/**
 * The plan line's life as one table: an intention is published (财库〔2020〕10号), the line is commissioned to
 * the centre (委托), the centre accepts it (it becomes a procurement) or returns it for correction, after
 * which the purchaser commissions it again. Only lines not yet with the centre can be cancelled.
 */
const TRANSITIONS: Record<PlanLineStatus, Partial<Record<PlanLineEvent, PlanLineStatus>>> = {
  draft: { publishIntention: 'intentionPublished', cancel: 'cancelled' },
  intentionPublished: { commission: 'commissioned', cancel: 'cancelled' },
  commissioned: { accept: 'accepted', return: 'returned' },
  returned: { commission: 'commissioned', cancel: 'cancelled' },
  accepted: {},
  cancelled: {},
};

export const PLAN_LINE_STATUS_LABELS: Record<PlanLineStatus, string> = {
  draft: '草稿',
  intentionPublished: '意向已公开',
  commissioned: '已委托',
  accepted: '中心已受理',
  returned: '已退回',
  cancelled: '已撤销',
};

const EVENT_LABELS: Record<PlanLineEvent, string> = {
  publishIntention: '公开采购意向',
  commission: '委托采购中心',
  accept: '受理',
  return: '退回',
  cancel: '撤销',
};

export function nextPlanLineStatus(
  status: PlanLineStatus,
  event: PlanLineEvent,
): { ok: true; status: PlanLineStatus } | { ok: false; message: string } {
  const next = TRANSITIONS[status][event];
  return next
    ? { ok: true, status: next }
    : { ok: false, message: `计划处于“${PLAN_LINE_STATUS_LABELS[status]}”状态，不能${EVENT_LABELS[event]}` };
}

/** Whole days from one calendar day to another (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * 财库〔2020〕10号 第五条: the intention is published no later than 30 days before the purchase starts;
 * an urgent need the unit could not foresee may be exempted, with its reason recorded. Returns the Chinese
 * reason it fails, or null.
 */
export function intentionProblem(i: {
  publishedOn: string;
  expectedStartOn: string;
  urgent: boolean;
  urgentReason: string | null;
}): { path: string; message: string } | null {
  if (i.urgent) {
    return i.urgentReason && i.urgentReason.trim().length >= 4
      ? null
      : { path: 'body.urgentReason', message: '因紧急需要不公开或少于 30 日公开采购意向的，须说明原因' };
  }
  const days = daysBetween(i.publishedOn, i.expectedStartOn);
  return days >= 30
    ? null
    : {
        path: 'body.expectedStartOn',
        message: `采购意向应在采购活动开始前至少 30 日公开，现仅提前 ${Math.max(days, 0)} 日`,
      };
}
