import type { ActorRole } from '../../src/platform/auth/actor.ts';

/** Loading the registers in bulk is centre work (importPolicy): administrator and agents only. */
const CENTRE_CLERKS: readonly ActorRole[] = ['admin', 'agent'];

export const MATRIX: Record<string, readonly ActorRole[]> = {
  'GET /api/imports/purchasers/template': CENTRE_CLERKS,
  'POST /api/imports/purchasers': CENTRE_CLERKS,
  'GET /api/imports/suppliers/template': CENTRE_CLERKS,
  'POST /api/imports/suppliers': CENTRE_CLERKS,
  'GET /api/imports/experts/template': CENTRE_CLERKS,
  'POST /api/imports/experts': CENTRE_CLERKS,
};
