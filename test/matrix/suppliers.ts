import type { ActorRole } from '../../src/platform/auth/actor.ts';
import { CENTRE_AND_SUPERVISORS } from './roles.ts';

export const MATRIX: Record<string, readonly ActorRole[]> = {
  'GET /api/suppliers': CENTRE_AND_SUPERVISORS,
};
