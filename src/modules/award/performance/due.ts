/** The payment clock of a contract (保障中小企业款项支付条例 第九条、第十条), from its passed acceptance. */
import { explain, paymentDue, type PaymentDue } from '../rules/clocks.ts';
import type { ContractRow } from './load.ts';
import { smePaymentLimits } from './settings.ts';

export function contractPaymentDue(
  c: Pick<ContractRow, 'paymentTermsDays' | 'sme'>,
  acceptedOn: string | null,
): PaymentDue | null {
  if (acceptedOn === null) return null;
  return paymentDue({ acceptedOn, termsDays: c.paymentTermsDays, sme: c.sme, limits: smePaymentLimits() });
}

export function paymentDueView(d: PaymentDue) {
  const e = explain(d);
  return { dueOn: d.dueOn, summary: e.summary, rule: e.rule, capped: d.capped };
}

/** Why a contract has no payment due day yet. */
export function noDueNote(c: Pick<ContractRow, 'sme'>, acceptedOn: string | null): string | null {
  if (acceptedOn === null)
    return '付款期限自验收合格之日起算（保障中小企业款项支付条例第十条），尚未验收合格';
  return c.sme ? null : '供应商非中小企业且合同未约定付款期限';
}
