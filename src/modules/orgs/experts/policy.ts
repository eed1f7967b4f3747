import { definePolicy } from '../../../platform/auth/policy.ts';
import { REGISTRY_READERS } from '../registry-readers.ts';

/** Experts' identity numbers and phones are shown in full only to the administrator who maintains the pool. */
export const expertPolicy = definePolicy<never>()('expert', {
  list: REGISTRY_READERS,
  viewPersonalData: ['admin'],
});
