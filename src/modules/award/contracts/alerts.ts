/**
 * Overdue items of the contract stage: contracts not signed within 30 日 of the notice (法46), signed but not
 * published within 2 WD (条例50) or not filed within 7 WD (法47), and bid deposits not refunded by their due day
 * (条例33; late refunds owe interest, 87号令 第三十八条).
 */
import { and, eq, inArray, isNull, lt, ne } from 'drizzle-orm';
import { workingDaysBetween } from '../../../platform/calendar.ts';
import type { Db } from '../../../platform/db/client.ts';
import { bidDeposits } from '../../bidding/tables.ts';
import { suppliers } from '../../orgs/index.ts';
import { projects, projectShares } from '../../tendering/index.ts';
import type { AlertView } from '../alerts.contract.ts';
import { CLOCK_RULES } from '../rules/clocks.ts';
import { contracts } from '../tables.ts';

function calendarDaysLate(dueOn: string, today: string): number {
  const ms = Date.parse(`${today}T00:00:00Z`) - Date.parse(`${dueOn}T00:00:00Z`);
  return Math.max(1, Math.round(ms / 86_400_000));
}

function workingDaysLate(dueOn: string, today: string): number {
  try {
    return Math.max(1, workingDaysBetween(dueOn, today));
  } catch {
    return calendarDaysLate(dueOn, today);
  }
}

export async function contractAlerts(db: Db, today: string): Promise<AlertView[]> {
  const rows = await db
    .select({ c: contracts, projectCode: projects.code, projectName: projects.name })
    .from(contracts)
    .innerJoin(projects, eq(projects.id, contracts.projectId))
    .where(ne(contracts.status, 'terminated'));
  const out: AlertView[] = [];
  for (const { c, projectCode, projectName } of rows) {
    const base = {
      projectId: c.projectId,
      projectCode,
      lotNo: c.lotNo,
      entityId: c.id,
      href: `/app/contracts/${c.id}`,
      purchaserIds: [c.purchaserId],
    };
    const where = `${projectName} 第${c.lotNo}包 ${c.code}`;
    if (!c.signedOn && (c.status === 'draft' || c.status === 'signing') && today > c.signingDueOn)
      out.push({
        ...base,
        kind: 'contractSigning',
        title: `合同签订逾期：${where}`,
        dueOn: c.signingDueOn,
        daysLate: calendarDaysLate(c.signingDueOn, today),
        basis: CLOCK_RULES.contractSigning.basis,
      });
    if (c.signedOn && !c.publishedOn && c.publicationDueOn && today > c.publicationDueOn)
      out.push({
        ...base,
        kind: 'contractPublication',
        title: `合同公告逾期：${where}`,
        dueOn: c.publicationDueOn,
        daysLate: workingDaysLate(c.publicationDueOn, today),
        basis: CLOCK_RULES.contractPublication.basis,
      });
    if (c.signedOn && !c.filedOn && c.filingDueOn && today > c.filingDueOn)
      out.push({
        ...base,
        kind: 'contractFiling',
        title: `合同备案逾期：${where}`,
        dueOn: c.filingDueOn,
        daysLate: workingDaysLate(c.filingDueOn, today),
        basis: CLOCK_RULES.contractFiling.basis,
      });
  }

  const deposits = await db
    .select({
      d: bidDeposits,
      projectCode: projects.code,
      projectName: projects.name,
      supplierName: suppliers.name,
    })
    .from(bidDeposits)
    .innerJoin(projects, eq(projects.id, bidDeposits.projectId))
    .innerJoin(suppliers, eq(suppliers.id, bidDeposits.supplierId))
    .where(
      and(
        eq(bidDeposits.status, 'refundDue'),
        isNull(bidDeposits.refundedOn),
        lt(bidDeposits.refundDueOn, today),
      ),
    );
  if (deposits.length) {
    const shares = await db
      .select({ projectId: projectShares.projectId, purchaserId: projectShares.purchaserId })
      .from(projectShares)
      .where(
        inArray(
          projectShares.projectId,
          deposits.map((x) => x.d.projectId),
        ),
      );
    for (const { d, projectCode, projectName, supplierName } of deposits) {
      if (!d.refundDueOn) continue;
      out.push({
        kind: 'depositRefund',
        title: `投标保证金退还逾期：${projectName} ${supplierName}`,
        projectId: d.projectId,
        projectCode,
        lotNo: null,
        entityId: d.id,
        href: `/app/projects/${d.projectId}`,
        dueOn: d.refundDueOn,
        daysLate: workingDaysLate(d.refundDueOn, today),
        basis: CLOCK_RULES.depositRefund.basis,
        purchaserIds: [
          ...new Set(shares.filter((s) => s.projectId === d.projectId).map((s) => s.purchaserId)),
        ],
      });
    }
  }
  return out;
}
