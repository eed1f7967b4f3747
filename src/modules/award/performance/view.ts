/**
 * GET /api/contracts/:id/performance: everything about a signed contract's performance in one view — milestones,
 * issues, acceptances, invoices, payments, the payment clock with its basis, late flags, savings, and what the
 * caller may do now.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { RequestContext } from '../../../platform/auth/actor.ts';
import { abilities as policyAbilities } from '../../../platform/auth/policy.ts';
import { users } from '../../../platform/auth/tables.ts';
import type { Db } from '../../../platform/db/client.ts';
import { shanghaiDay } from '../../../platform/clock.ts';
import { purchasers, suppliers } from '../../orgs/tables.ts';
import { signingSuspension } from '../challenges/suspension.ts';
import { acceptances, invoices, milestones, payments, performanceIssues } from '../tables.ts';
import { contractStatus } from '../contracts/contract.ts';
import {
  PERFORMANCE_STATE_LABELS,
  ISSUE_CATEGORY_LABELS,
  ISSUE_STATUS_LABELS,
  MILESTONE_KIND_LABELS,
  type PerformanceView,
  type issueCategory,
  type issueStatus,
  type milestoneKind,
} from './contract.ts';
import { contractPaymentDue, noDueNote, paymentDueView } from './due.ts';
import { amendmentsOf, loadContract, may } from './load.ts';
import { lateness, paidTotals, paymentLateness, splitOpinion } from './rules.ts';
import { performancePolicy } from './policy.ts';
import { presentSavings, savingsOf } from './savings.ts';

export async function readPerformance(
  db: Db,
  ctx: RequestContext,
  contractId: string,
): Promise<PerformanceView> {
  const l = await loadContract(db, ctx, contractId, 'read');
  const { contract: c, today } = l;
  const [purchaser] = await db
    .select({ name: purchasers.name })
    .from(purchasers)
    .where(eq(purchasers.id, c.purchaserId));
  const [supplier] = await db
    .select({ name: suppliers.name })
    .from(suppliers)
    .where(eq(suppliers.id, c.supplierId));
  const suspension = await signingSuspension(db, c.projectId, c.lotNo, today);
  const signed = c.status === 'signed';
  const active = signed && !suspension.suspended;

  const plan = await db
    .select()
    .from(milestones)
    .where(eq(milestones.contractId, contractId))
    .orderBy(asc(milestones.dueOn), asc(milestones.seq));
  const issues = await db
    .select()
    .from(performanceIssues)
    .where(eq(performanceIssues.contractId, contractId))
    .orderBy(asc(performanceIssues.raisedAt));
  const raisers = issues.map((i) => i.raisedBy).filter((id): id is string => id !== null);
  const names = new Map(
    raisers.length
      ? (
          await db
            .select({ id: users.id, name: users.displayName })
            .from(users)
            .where(inArray(users.id, raisers))
        ).map((u) => [u.id, u.name])
      : [],
  );
  const accepts = await db
    .select()
    .from(acceptances)
    .where(eq(acceptances.contractId, contractId))
    .orderBy(asc(acceptances.recordedAt));
  const bills = await db
    .select()
    .from(invoices)
    .where(eq(invoices.contractId, contractId))
    .orderBy(asc(invoices.receivedOn), asc(invoices.recordedAt));
  const paid = await db
    .select()
    .from(payments)
    .where(eq(payments.contractId, contractId))
    .orderBy(asc(payments.paidOn), asc(payments.recordedAt));

  const passed = accepts.find((a) => a.conclusion === 'passed') ?? null;
  const due = contractPaymentDue(c, passed?.acceptedOn ?? null);
  const totals = paidTotals(
    c.amountFen,
    await amendmentsOf(db, contractId),
    paid.map((p) => p.amountFen),
  );
  const payLate = paymentLateness(due?.dueOn ?? null, paid, totals.fullyPaid, today);

  const report = await savingsOf(db, { projectId: c.projectId });
  const mine = report.contracts.find((s) => s.contractId === contractId);
  const lot = report.lots.find((s) => s.lotNo === c.lotNo);
  if (!mine || !lot) throw new Error('savings of a performed contract missing');

  const general = policyAbilities(ctx.actor, performancePolicy, c).filter((a) => {
    if (a === 'plan') return signed;
    if (a === 'report' || a === 'confirm' || a === 'accept') return active;
    if (a === 'recordInvoice' || a === 'recordPayment') return c.status !== 'completed';
    return true;
  });

  return {
    contract: {
      id: c.id,
      code: c.code,
      projectId: c.projectId,
      projectCode: l.project.code,
      projectName: l.project.name,
      lotNo: c.lotNo,
      status: contractStatus.parse(c.status),
      statusLabel: PERFORMANCE_STATE_LABELS[contractStatus.parse(c.status)],
      purchaserName: purchaser?.name ?? '',
      supplierName: supplier?.name ?? '',
      budgetFen: String(c.budgetFen),
      amountFen: String(c.amountFen),
      sme: c.sme,
      paymentTermsDays: c.paymentTermsDays,
      performancePeriod: c.performancePeriod,
      deliveryPlace: c.deliveryPlace,
      signedOn: c.signedOn,
    },
    suspension,
    milestones: plan.map((m) => {
      const kind = m.kind as z.infer<typeof milestoneKind>;
      const abilities: string[] = [];
      if (signed && m.reportedOn === null && may(ctx, 'plan', c)) abilities.push('edit');
      if (active && m.confirmedOn === null && may(ctx, 'report', c)) abilities.push('report');
      if (active && m.reportedOn !== null && m.confirmedOn === null && may(ctx, 'confirm', c))
        abilities.push('confirm');
      return {
        id: m.id,
        seq: m.seq,
        kind,
        kindLabel: MILESTONE_KIND_LABELS[kind],
        title: m.title,
        dueOn: m.dueOn,
        periodEndsOn: m.periodEndsOn,
        reportedOn: m.reportedOn,
        reportNote: m.reportNote,
        confirmedOn: m.confirmedOn,
        ...lateness(m.dueOn, m.reportedOn, today),
        abilities,
      };
    }),
    issues: issues.map((i) => {
      const status = i.status as z.infer<typeof issueStatus>;
      const category = i.category as z.infer<typeof issueCategory>;
      const settledOn = i.respondedAt ?? i.closedAt;
      const abilities: string[] = [];
      if (status !== 'closed' && may(ctx, 'answerIssue', c)) abilities.push('answer');
      if (status !== 'closed' && may(ctx, 'closeIssue', c)) abilities.push('close');
      return {
        id: i.id,
        milestoneId: i.milestoneId,
        category,
        categoryLabel: ISSUE_CATEGORY_LABELS[category],
        description: i.description,
        raisedAt: i.raisedAt.toISOString(),
        raisedBy: i.raisedBy ? (names.get(i.raisedBy) ?? null) : null,
        responseDueOn: i.responseDueOn,
        response: i.response,
        respondedAt: i.respondedAt?.toISOString() ?? null,
        status,
        statusLabel: ISSUE_STATUS_LABELS[status],
        resolution: i.resolution,
        closedAt: i.closedAt?.toISOString() ?? null,
        ...lateness(i.responseDueOn, settledOn ? shanghaiDay(settledOn) : null, today),
        abilities,
      };
    }),
    acceptances: accepts.map((a) => {
      const { opinion, recipientsOpinion } = splitOpinion(a.opinion);
      return {
        id: a.id,
        items: a.items,
        conclusion: a.conclusion as 'passed' | 'failed',
        acceptedOn: a.acceptedOn,
        members: a.members,
        testingBody: a.testingBody,
        opinion,
        recipientsOpinion,
        publicService: a.noticeId !== null,
        reportHash: a.reportHash,
        noticeId: a.noticeId,
        recordedAt: a.recordedAt.toISOString(),
      };
    }),
    invoices: bills.map((b) => ({
      id: b.id,
      number: b.number,
      amountFen: String(b.amountFen),
      issuedOn: b.issuedOn,
      receivedOn: b.receivedOn,
      dueOn: b.dueOn,
      status: b.status as 'received' | 'paid' | 'rejected',
      paidFen: String(paid.filter((p) => p.invoiceId === b.id).reduce((a, p) => a + p.amountFen, 0n)),
      fileId: b.fileId,
      recordedAt: b.recordedAt.toISOString(),
    })),
    payments: paid.map((p) => ({
      id: p.id,
      invoiceId: p.invoiceId,
      amountFen: String(p.amountFen),
      paidOn: p.paidOn,
      dueOn: p.dueOn,
      reference: p.reference,
      ...(p.dueOn === null ? { late: false, daysLate: 0 } : lateness(p.dueOn, p.paidOn, today)),
    })),
    settlement: {
      payableFen: String(totals.payableFen),
      paidFen: String(totals.paidFen),
      outstandingFen: String(totals.outstandingFen),
      fullyPaid: totals.fullyPaid,
      due: due ? paymentDueView(due) : null,
      dueNote: due ? null : noDueNote(c, passed?.acceptedOn ?? null),
      ...payLate,
    },
    savings: {
      contract: presentSavings(mine),
      lot: { lotNo: c.lotNo, ...presentSavings(lot) },
    },
    today,
    abilities: general,
  };
}
