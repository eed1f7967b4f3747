import { definePolicy, type Grant } from '../../../platform/auth/policy.ts';

/** What a performance record is checked against: the contract's two parties. */
export interface ContractParties {
  purchaserId: string;
  supplierId: string;
}

const ownPurchaser: Grant<ContractParties> = {
  role: 'purchaser',
  when: (actor, c) => actor.purchaserId !== null && actor.purchaserId === c.purchaserId,
};
const ownSupplier: Grant<ContractParties> = {
  role: 'supplier',
  when: (actor, c) => actor.supplierId !== null && actor.supplierId === c.supplierId,
};
const SUPERVISORS = ['financeSupervisor', 'disciplineSupervisor'] as const;

/**
 * Performance of a signed contract (履约监管): the purchaser plans the milestones (the centre may too, for the units
 * it serves), the supplier reports them and the purchaser confirms; issues are raised by the purchaser or a
 * supervisor and answered by the supplier; the purchaser — or the agent it entrusted (政府采购法 第四十一条) — records
 * the acceptance; invoices come from the supplier or are recorded by the purchaser, who alone records payments.
 * The supervisors (财政/纪检) see every contract (seed 004: the procurement site merged with performance
 * supervision). Anyone else is told the contract does not exist.
 */
export const performancePolicy = definePolicy<ContractParties>()('performance', {
  read: ['agent', 'director', ...SUPERVISORS, ownPurchaser, ownSupplier],
  plan: ['agent', 'director', ownPurchaser],
  report: [ownSupplier],
  confirm: [ownPurchaser],
  raiseIssue: [ownPurchaser, ...SUPERVISORS],
  answerIssue: [ownSupplier],
  closeIssue: [ownPurchaser],
  accept: ['agent', 'director', ownPurchaser],
  recordInvoice: [ownPurchaser, ownSupplier],
  recordPayment: [ownPurchaser],
});
export type PerformanceAction = keyof (typeof performancePolicy)['rules'];
