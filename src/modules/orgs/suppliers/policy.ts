import { ROLES } from '../../../platform/auth/actor.ts';
import { definePolicy, type Grant } from '../../../platform/auth/policy.ts';
import { REGISTRY_READERS } from '../registry-readers.ts';

interface SupplierRecord {
  id: string;
}

/** A supplier's own account acts on its own record only; anyone else's is "not found". */
const own: Grant<SupplierRecord> = { role: 'supplier', when: (actor, s) => actor.supplierId === s.id };

export const supplierPolicy = definePolicy<SupplierRecord>()(
  'supplier',
  {
    list: REGISTRY_READERS,
    /** Self-registration on the portal, by a visitor without an account. */
    register: ['public'],
    /** The public registry entry of an approved supplier, with its sanctions. */
    readPublic: ['public', ...ROLES],
    /** Everything: shareholders, bank accounts, contacts, certificates, review history. */
    read: [...REGISTRY_READERS, own],
    update: [own],
    review: ['admin', 'agent', 'director'],
    /** 失信 and 禁止参加政府采购活动 records: entered by the centre or by the finance bureau that decided them. */
    sanction: ['admin', 'financeSupervisor'],
  },
  { own: (actor) => (actor.supplierId ? { id: actor.supplierId } : null) },
);
