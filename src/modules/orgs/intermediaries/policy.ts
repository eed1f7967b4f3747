import { ROLES } from '../../../platform/auth/actor.ts';
import { definePolicy } from '../../../platform/auth/policy.ts';
import { REGISTRY_READERS } from '../registry-readers.ts';

/**
 * Intermediaries register on the portal and the centre reviews them. The marketplace is public, so anyone
 * lists approved intermediaries; the centre and supervisors also see those pending or rejected.
 */
export const intermediaryPolicy = definePolicy<never>()('intermediary', {
  listPublic: ['public', ...ROLES],
  listAll: REGISTRY_READERS,
  register: ['public', 'admin', 'agent'],
  review: ['admin', 'agent', 'director'],
});
