import { definePolicy } from '../auth/policy.ts';

/** The audit log is read by the centre's management and by both supervisors. */
export const auditPolicy = definePolicy<never>()('audit', {
  list: ['admin', 'director', 'financeSupervisor', 'disciplineSupervisor'],
  verify: ['admin', 'director', 'financeSupervisor', 'disciplineSupervisor'],
});
