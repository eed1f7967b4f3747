import type { ActorRole } from '../../src/platform/auth/actor.ts';
import { CENTRE_AND_SUPERVISORS } from './roles.ts';

export const MATRIX: Record<string, readonly ActorRole[]> = {
  'GET /api/purchasers': CENTRE_AND_SUPERVISORS,
  'GET /api/purchasers/:id': [...CENTRE_AND_SUPERVISORS, 'purchaser'],
  'POST /api/purchasers': ['admin'],
  'PATCH /api/purchasers/:id': ['admin'],
};
