import { definePolicy, type Grant } from '../../../platform/auth/policy.ts';

export interface ContractRecord {
  purchaserId: string;
  supplierId: string;
}

const ownPurchaser: Grant<ContractRecord> = {
  role: 'purchaser',
  when: (actor, c) => actor.purchaserId !== null && actor.purchaserId === c.purchaserId,
};
const ownSupplier: Grant<ContractRecord> = {
  role: 'supplier',
  when: (actor, c) => actor.supplierId !== null && actor.supplierId === c.supplierId,
};
const CENTRE = ['agent', 'director'] as const;
const SUPERVISORS = ['financeSupervisor', 'disciplineSupervisor'] as const;

/**
 * 政府采购合同: the centre drafts it from the template and the award and publishes it; the two parties — a purchaser
 * account of the contract's unit and a supplier account of the winner — sign it with their own keys; the purchaser
 * (or the centre for it) files it and records amendments; supervisors read everything. Another supplier never
 * learns the contract exists (404).
 */
export const contractPolicy = definePolicy<ContractRecord>()('contract', {
  generate: [...CENTRE],
  list: [...CENTRE, ...SUPERVISORS, 'purchaser', 'supplier'],
  read: [...CENTRE, ...SUPERVISORS, ownPurchaser, ownSupplier],
  sign: [ownPurchaser, ownSupplier],
  publish: [...CENTRE],
  file: [...CENTRE, ownPurchaser],
  amend: [...CENTRE, ownPurchaser],
  export: [...CENTRE, ...SUPERVISORS, ownPurchaser, ownSupplier],
});

/** An account's own signing key: only the signing parties' accounts have one. */
export const signingKeyPolicy = definePolicy<Record<string, never>>()('signingKey', {
  register: ['purchaser', 'supplier'],
  readOwn: ['purchaser', 'supplier'],
});
