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

export { REGISTRY_READERS } from './registry-readers.ts';
export { purchaserPolicy } from './purchasers/policy.ts';
export { supplierPolicy } from './suppliers/policy.ts';
export { expertPolicy } from './experts/policy.ts';
