import { CENTRE_ROLES, SUPERVISOR_ROLES, type Role } from '../../platform/auth/actor.ts';
import { definePolicy, type Grant } from '../../platform/auth/policy.ts';

interface UserRecord {
  id: string;
}

/** The administrator manages accounts, but not its own through these routes (it uses 修改密码). */
const adminOnOthers: Grant<UserRecord> = { role: 'admin', when: (actor, user) => user.id !== actor.userId };

export const userPolicy = definePolicy<UserRecord>()('user', {
  list: ['admin', 'director'],
  create: ['admin'],
  update: [adminOnOthers],
  resetPassword: [adminOnOthers],
  viewPersonalData: ['admin'],
});

const REGISTRY_READERS: readonly Role[] = [...CENTRE_ROLES, ...SUPERVISOR_ROLES];

export const purchaserPolicy = definePolicy<never>()('purchaser', {
  list: REGISTRY_READERS,
});

export const supplierPolicy = definePolicy<never>()('supplier', {
  list: REGISTRY_READERS,
});

/** Experts' identity numbers and phones are shown in full only to the administrator who maintains the pool. */
export const expertPolicy = definePolicy<never>()('expert', {
  list: REGISTRY_READERS,
  viewPersonalData: ['admin'],
});
