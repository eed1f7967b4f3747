import { ROLES } from '../../platform/auth/actor.ts';
import { definePolicy, type Grant } from '../../platform/auth/policy.ts';

interface BidRecord {
  supplierId: string;
}

/** A supplier's own bids only: another supplier's bid does not exist to it, and nobody else reads bids here. */
const ownBid: Grant<BidRecord> = { role: 'supplier', when: (actor, b) => actor.supplierId === b.supplierId };

export const bidPolicy = definePolicy<BidRecord>()(
  'bid',
  {
    register: ['supplier'],
    sealingKeys: ['supplier'],
    submit: ['supplier'],
    listMine: ['supplier'],
    withdraw: [ownBid],
  },
  { own: (actor) => (actor.supplierId ? { supplierId: actor.supplierId } : null) },
);

/** Opening keys: the centre's agents and director, and the finance supervisors, hold them. */
export const custodianPolicy = definePolicy<Record<string, never>>()('custodian', {
  manageOwnKey: ['agent', 'director', 'financeSupervisor'],
  assign: ['agent', 'director'],
  readAssignment: ['agent', 'director', 'financeSupervisor', 'disciplineSupervisor'],
});

/** The platform's receipt-signing public key is public. */
export const receiptKeyPolicy = definePolicy<Record<string, never>>()('receiptKey', {
  read: ['public', ...ROLES],
});

/** 开标: the centre conducts it; key holders hand in shares; bidders and supervisors follow it live. */
export const openingPolicy = definePolicy<Record<string, never>>()('opening', {
  conduct: ['agent', 'director'],
  handIn: ['agent', 'director', 'financeSupervisor', 'supplier'],
  read: ['agent', 'director', 'financeSupervisor', 'disciplineSupervisor', 'supplier'],
  object: ['supplier'],
});

interface DepositRecord {
  supplierId: string;
}
const ownDeposit: Grant<DepositRecord> = {
  role: 'supplier',
  when: (actor, d) => actor.supplierId === d.supplierId,
};

/** 投标保证金: the supplier records its own; the centre confirms and refunds; supervisors watch refunds and accounts. */
export const depositPolicy = definePolicy<DepositRecord>()('deposit', {
  record: ['supplier'],
  read: ['agent', 'director', 'financeSupervisor', 'disciplineSupervisor', ownDeposit],
  list: ['agent', 'director', 'financeSupervisor', 'disciplineSupervisor', 'supplier'],
  confirm: ['agent', 'director'],
  refund: ['agent', 'director'],
});
