import { definePolicy } from '../../../platform/auth/policy.ts';

/**
 * Bulk import of the registers is centre work: the administrator and the centre's agents keep the lists.
 * The director and the supervisors read the registers but do not load them.
 */
export const importPolicy = definePolicy<never>()('import', {
  template: ['admin', 'agent'],
  import: ['admin', 'agent'],
});
