/**
 * Overdue items of performance (逾期预警): milestones not reported by their day, issues not answered by theirs, and
 * accepted contracts not paid in full by the payment due day (保障中小企业款项支付条例 第九条、第十条).
 */
import { and, eq, inArray, isNull, lt } from 'drizzle-orm';
import { workingDaysBetween } from '../../../platform/calendar.ts';
import type { Db } from '../../../platform/db/client.ts';
import { projects } from '../../tendering/tables.ts';
import type { AlertView } from '../alerts.contract.ts';
import { acceptances, contracts, milestones, payments, performanceIssues } from '../tables.ts';
import { contractPaymentDue } from './due.ts';
import { amendmentsOf } from './load.ts';
import { calendarDaysBetween, paidTotals } from './rules.ts';

const href = (contractId: string) => `/app/contracts/${contractId}`;

/** Working days past due, or calendar days when the calendar does not cover the years yet. */
function workingDaysLate(dueOn: string, today: string): number {
  try {
    return Math.max(1, workingDaysBetween(dueOn, today));
  } catch {
    return Math.max(1, calendarDaysBetween(dueOn, today));
  }
}

export async function performanceAlerts(db: Db, today: string): Promise<AlertView[]> {
  const out: AlertView[] = [];
  const base = {
    projectId: contracts.projectId,
    lotNo: contracts.lotNo,
    contractId: contracts.id,
    contractCode: contracts.code,
    purchaserId: contracts.purchaserId,
    projectCode: projects.code,
    projectName: projects.name,
  };

  const lateMilestones = await db
    .select({ ...base, id: milestones.id, title: milestones.title, dueOn: milestones.dueOn })
    .from(milestones)
    .innerJoin(contracts, eq(contracts.id, milestones.contractId))
    .innerJoin(projects, eq(projects.id, contracts.projectId))
    .where(and(eq(contracts.status, 'signed'), isNull(milestones.reportedOn), lt(milestones.dueOn, today)));
  for (const m of lateMilestones)
    out.push({
      kind: 'milestone',
      title: `履约节点逾期：${m.projectName} 合同 ${m.contractCode}「${m.title}」`,
      projectId: m.projectId,
      projectCode: m.projectCode,
      lotNo: m.lotNo,
      entityId: m.id,
      href: href(m.contractId),
      dueOn: m.dueOn,
      daysLate: calendarDaysBetween(m.dueOn, today),
      basis: '政府采购合同约定的履约期限',
      purchaserIds: [m.purchaserId],
    });

  const lateIssues = await db
    .select({ ...base, id: performanceIssues.id, dueOn: performanceIssues.responseDueOn })
    .from(performanceIssues)
    .innerJoin(contracts, eq(contracts.id, performanceIssues.contractId))
    .innerJoin(projects, eq(projects.id, contracts.projectId))
    .where(and(eq(performanceIssues.status, 'open'), lt(performanceIssues.responseDueOn, today)));
  for (const i of lateIssues)
    out.push({
      kind: 'issueResponse',
      title: `履约问题未按期答复：${i.projectName} 合同 ${i.contractCode}`,
      projectId: i.projectId,
      projectCode: i.projectCode,
      lotNo: i.lotNo,
      entityId: i.id,
      href: href(i.contractId),
      dueOn: i.dueOn,
      daysLate: workingDaysLate(i.dueOn, today),
      basis: '履约问题答复期限（工作日）',
      purchaserIds: [i.purchaserId],
    });

  const unpaid = await db
    .select({
      ...base,
      terms: contracts.paymentTermsDays,
      sme: contracts.sme,
      amountFen: contracts.amountFen,
    })
    .from(contracts)
    .innerJoin(projects, eq(projects.id, contracts.projectId))
    .where(eq(contracts.status, 'accepted'));
  if (unpaid.length) {
    const ids = unpaid.map((c) => c.contractId);
    const passed = await db
      .select({ contractId: acceptances.contractId, acceptedOn: acceptances.acceptedOn })
      .from(acceptances)
      .where(and(inArray(acceptances.contractId, ids), eq(acceptances.conclusion, 'passed')));
    const paid = await db
      .select({ contractId: payments.contractId, amountFen: payments.amountFen })
      .from(payments)
      .where(inArray(payments.contractId, ids));
    for (const c of unpaid) {
      const acceptedOn = passed.find((a) => a.contractId === c.contractId)?.acceptedOn ?? null;
      const due = contractPaymentDue({ paymentTermsDays: c.terms, sme: c.sme }, acceptedOn);
      if (!due || today <= due.dueOn) continue;
      const totals = paidTotals(
        c.amountFen,
        await amendmentsOf(db, c.contractId),
        paid.filter((p) => p.contractId === c.contractId).map((p) => p.amountFen),
      );
      if (totals.fullyPaid) continue;
      out.push({
        kind: 'payment',
        title: `合同款项逾期未付清：${c.projectName} 合同 ${c.contractCode}`,
        projectId: c.projectId,
        projectCode: c.projectCode,
        lotNo: c.lotNo,
        entityId: c.contractId,
        href: href(c.contractId),
        dueOn: due.dueOn,
        daysLate: calendarDaysBetween(due.dueOn, today),
        basis: due.rule.basis,
        purchaserIds: [c.purchaserId],
      });
    }
  }
  return out.sort((a, b) => a.dueOn.localeCompare(b.dueOn));
}
