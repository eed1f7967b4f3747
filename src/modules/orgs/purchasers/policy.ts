import { definePolicy, type Grant } from '../../../platform/auth/policy.ts';
import { REGISTRY_READERS } from '../registry-readers.ts';

interface PurchaserRecord {
  id: string;
}

/** A purchaser's staff read their own unit; the centre keeps the register. */
const ownUnit: Grant<PurchaserRecord> = { role: 'purchaser', when: (actor, p) => actor.purchaserId === p.id };

export const purchaserPolicy = definePolicy<PurchaserRecord>()(
  'purchaser',
  {
    list: REGISTRY_READERS,
    read: [...REGISTRY_READERS, ownUnit],
    create: ['admin'],
    update: ['admin'],
  },
  { own: (actor) => (actor.purchaserId ? { id: actor.purchaserId } : null) },
);
