/**
 * Overdue items of challenges and complaints (逾期预警): a challenge not answered within 7 WD (法53), a complaint not
 * reviewed within 5 WD (94号令21) or not decided within 30 WD plus excluded days (法56), and a suspension past its
 * last day and not lifted (法57: at most 30 日).
 */
import { and, eq, inArray, isNotNull, isNull, lt } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { projects } from '../../tendering/index.ts';
import type { AlertView } from '../alerts.contract.ts';
import { CLOCK_RULES } from '../rules/clocks.ts';
import { challenges, complaints } from '../tables.ts';
import { daysLate } from './rules.ts';
import { purchasersOf } from './view.ts';

const basisOf = (r: { text: string; basis: string }): string => `${r.text}（${r.basis}）`;

export async function challengeAlerts(db: Db, today: string): Promise<AlertView[]> {
  const open = await db
    .select()
    .from(challenges)
    .where(and(eq(challenges.status, 'received'), lt(challenges.replyDueOn, today)));
  const ks = await db
    .select()
    .from(complaints)
    .where(inArray(complaints.status, ['received', 'accepted']));
  const suspended = await db
    .select()
    .from(complaints)
    .where(
      and(
        isNotNull(complaints.suspendedOn),
        isNull(complaints.suspensionLiftedOn),
        lt(complaints.suspensionEndsOn, today),
        inArray(complaints.status, ['received', 'accepted']),
      ),
    );
  const lotOf = new Map<string, number | null>();
  const challengeIds = [...new Set(ks.map((k) => k.challengeId))];
  if (challengeIds.length) {
    const cs = await db
      .select({ id: challenges.id, lotNo: challenges.lotNo })
      .from(challenges)
      .where(inArray(challenges.id, challengeIds));
    for (const c of cs) lotOf.set(c.id, c.lotNo);
  }
  const projectIds = [...new Set([...open, ...ks].map((r) => r.projectId))];
  if (!projectIds.length) return [];
  const projectRows = await db
    .select({ id: projects.id, code: projects.code, name: projects.name })
    .from(projects)
    .where(inArray(projects.id, projectIds));
  const byId = new Map(projectRows.map((p) => [p.id, p]));
  const purchasers = await purchasersOf(db, projectIds);
  const out: AlertView[] = [];
  const push = (
    kind: AlertView['kind'],
    what: string,
    projectId: string,
    lotNo: number | null,
    entityId: string,
    href: string,
    dueOn: string,
    late: number,
    basis: string,
  ) => {
    const p = byId.get(projectId);
    if (!p || late < 1) return;
    out.push({
      kind,
      title: `${what}：${p.name}${lotNo === null ? '' : ` 第${lotNo}包`}`,
      projectId,
      projectCode: p.code,
      lotNo,
      entityId,
      href,
      dueOn,
      daysLate: late,
      basis,
      purchaserIds: purchasers.get(projectId) ?? [],
    });
  };
  for (const c of open) {
    push(
      'challengeReply',
      '质疑答复逾期',
      c.projectId,
      c.lotNo,
      c.id,
      `/app/projects/${c.projectId}/challenges`,
      c.replyDueOn,
      daysLate(c.replyDueOn, today, 'workingDays'),
      basisOf(CLOCK_RULES.challengeReply),
    );
  }
  for (const k of ks) {
    const lotNo = lotOf.get(k.challengeId) ?? null;
    if (k.status === 'received' && k.acceptanceDueOn < today) {
      push(
        'complaintAcceptance',
        '投诉受理审查逾期',
        k.projectId,
        lotNo,
        k.id,
        `/app/complaints?id=${k.id}`,
        k.acceptanceDueOn,
        daysLate(k.acceptanceDueOn, today, 'workingDays'),
        '财政部门收到投诉书后，应当在5个工作日内进行审查（94号令第二十一条）',
      );
    }
    if (k.status === 'accepted' && k.decisionDueOn && k.decisionDueOn < today) {
      push(
        'complaintDecision',
        '投诉处理决定逾期',
        k.projectId,
        lotNo,
        k.id,
        `/app/complaints?id=${k.id}`,
        k.decisionDueOn,
        daysLate(k.decisionDueOn, today, 'workingDays'),
        basisOf(CLOCK_RULES.complaintDecision),
      );
    }
  }
  for (const k of suspended) {
    if (!k.suspensionEndsOn) continue;
    push(
      'suspension',
      '暂停采购期限已届满，尚未解除或作出处理决定',
      k.projectId,
      lotOf.get(k.challengeId) ?? null,
      k.id,
      `/app/complaints?id=${k.id}`,
      k.suspensionEndsOn,
      daysLate(k.suspensionEndsOn, today, 'calendarDays'),
      basisOf(CLOCK_RULES.suspension),
    );
  }
  return out.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
}
