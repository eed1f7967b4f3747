/**
 * 货款结算: invoices (from the supplier, or recorded by the purchaser on receipt) and the purchaser's payments. The
 * payment clock starts at the passed acceptance (保障中小企业款项支付条例 第十条 ✅P); the total paid may not exceed
 * the contract amount with its add-ons and price changes (政府采购法 第四十九条); paid in full after acceptance, the
 * contract is completed.
 */
import { and, eq, ne } from 'drizzle-orm';
import type { z } from 'zod';
import { appendAudit } from '../../../platform/audit/log.ts';
import { actorUserId, type RequestContext } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/client.ts';
import { badRequest, conflict } from '../../../platform/errors.ts';
import { yuanText } from '../rules/contract-terms.ts';
import { invoices, payments } from '../tables.ts';
import { passedAcceptanceOf } from './acceptance.ts';
import type { invoiceBody, paymentBody } from './contract.ts';
import { contractPaymentDue } from './due.ts';
import './events.ts';
import { amendmentsOf, loadContract, moveContract } from './load.ts';
import { overpayment, paidTotals } from './rules.ts';

function requireUnsettled(status: string): void {
  if (status === 'completed') throw conflict('CONTRACT_STATUS', '合同款项已付清，履约已完毕', 'status');
}

export async function recordInvoice(
  db: Db,
  ctx: RequestContext,
  contractId: string,
  body: z.infer<typeof invoiceBody>,
): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const l = await loadContract(tx, ctx, contractId, 'recordInvoice', true);
    requireUnsettled(l.contract.status);
    if (body.receivedOn < body.issuedOn)
      throw badRequest('RECEIVED_BEFORE_ISSUED', '收票日期不得早于开票日期', 'body.receivedOn');
    if (body.receivedOn > l.today)
      throw badRequest('RECEIVED_IN_FUTURE', '收票日期不得晚于今天', 'body.receivedOn');
    const existing = await tx
      .select()
      .from(invoices)
      .where(and(eq(invoices.contractId, contractId), ne(invoices.status, 'rejected')));
    if (existing.some((i) => i.number === body.number))
      throw conflict('INVOICE_NUMBER_TAKEN', '该发票号码已登记', 'body.number');
    const amountFen = BigInt(body.amountFen);
    const totals = paidTotals(
      l.contract.amountFen,
      await amendmentsOf(tx, contractId),
      existing.map((i) => i.amountFen),
    );
    if (overpayment(totals, amountFen) > 0n)
      throw conflict(
        'INVOICED_OVER_AMOUNT',
        `发票累计金额将超过合同应付金额 ${yuanText(totals.payableFen)} 元（已登记 ${yuanText(totals.paidFen)} 元）`,
        'body.amountFen',
      );
    const accepted = await passedAcceptanceOf(tx, contractId);
    const due = contractPaymentDue(l.contract, accepted?.acceptedOn ?? null);
    const [row] = await tx
      .insert(invoices)
      .values({
        contractId,
        number: body.number,
        amountFen,
        issuedOn: body.issuedOn,
        receivedOn: body.receivedOn,
        dueOn: due?.dueOn ?? null,
        status: 'received',
        fileId: body.fileId,
        recordedBy: actorUserId(ctx.actor),
        recordedAt: ctx.clock.now(),
      })
      .returning();
    if (!row) throw new Error('invoice insert returned nothing');
    await appendAudit(tx, ctx, {
      action: 'invoice.recorded',
      entityType: 'invoice',
      entityId: row.id,
      after: {
        contractId,
        number: body.number,
        amountFen: body.amountFen,
        receivedOn: body.receivedOn,
        dueOn: row.dueOn,
      },
    });
    return { id: row.id };
  });
}

export async function recordPayment(
  db: Db,
  ctx: RequestContext,
  contractId: string,
  body: z.infer<typeof paymentBody>,
): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const l = await loadContract(tx, ctx, contractId, 'recordPayment', true);
    requireUnsettled(l.contract.status);
    if (body.paidOn > l.today) throw badRequest('PAID_IN_FUTURE', '支付日期不得晚于今天', 'body.paidOn');
    if (l.contract.signedOn && body.paidOn < l.contract.signedOn)
      throw badRequest('PAID_BEFORE_SIGNING', '支付日期不得早于合同签订日', 'body.paidOn');
    let invoice: typeof invoices.$inferSelect | undefined;
    if (body.invoiceId !== null) {
      [invoice] = await tx.select().from(invoices).where(eq(invoices.id, body.invoiceId)).for('update');
      if (!invoice || invoice.contractId !== contractId || invoice.status === 'rejected')
        throw badRequest('INVOICE_UNKNOWN', '本合同没有该发票', 'body.invoiceId');
    }
    const paid = await tx.select().from(payments).where(eq(payments.contractId, contractId));
    const totals = paidTotals(
      l.contract.amountFen,
      await amendmentsOf(tx, contractId),
      paid.map((p) => p.amountFen),
    );
    const amountFen = BigInt(body.amountFen);
    const over = overpayment(totals, amountFen);
    if (over > 0n)
      throw conflict(
        'OVERPAID',
        `累计支付将超过合同应付金额 ${yuanText(totals.payableFen)} 元（已付 ${yuanText(totals.paidFen)} 元，超出 ${yuanText(over)} 元；政府采购法第四十九条）`,
        'body.amountFen',
      );
    const accepted = await passedAcceptanceOf(tx, contractId);
    const due = contractPaymentDue(l.contract, accepted?.acceptedOn ?? null);
    const [row] = await tx
      .insert(payments)
      .values({
        contractId,
        invoiceId: body.invoiceId,
        amountFen,
        paidOn: body.paidOn,
        dueOn: due?.dueOn ?? null,
        reference: body.reference,
        recordedBy: actorUserId(ctx.actor),
        recordedAt: ctx.clock.now(),
      })
      .returning();
    if (!row) throw new Error('payment insert returned nothing');
    await appendAudit(tx, ctx, {
      action: 'payment.recorded',
      entityType: 'payment',
      entityId: row.id,
      after: {
        contractId,
        invoiceId: body.invoiceId,
        amountFen: body.amountFen,
        paidOn: body.paidOn,
        dueOn: row.dueOn,
        late: row.dueOn !== null && body.paidOn > row.dueOn,
      },
    });
    if (invoice) {
      const onInvoice = [...paid, row]
        .filter((p) => p.invoiceId === invoice.id)
        .reduce((a, p) => a + p.amountFen, 0n);
      if (onInvoice >= invoice.amountFen)
        await tx.update(invoices).set({ status: 'paid' }).where(eq(invoices.id, invoice.id));
    }
    const after = paidTotals(totals.payableFen, [], [totals.paidFen, amountFen]);
    if (after.fullyPaid && l.contract.status === 'accepted') {
      await moveContract(tx, l.contract, 'completed', ctx.clock.now());
      await appendAudit(tx, ctx, {
        action: 'contract.completed',
        entityType: 'contract',
        entityId: contractId,
        before: { status: 'accepted' },
        after: { status: 'completed', paidFen: String(after.paidFen) },
      });
    }
    return { id: row.id };
  });
}
