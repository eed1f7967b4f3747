import type { ActorRole } from '../../src/platform/auth/actor.ts';
import { ALL, CENTRE_AND_SUPERVISORS } from './roles.ts';

export const MATRIX: Record<string, readonly ActorRole[]> = {
  'GET /api/plan-lines': [...CENTRE_AND_SUPERVISORS, 'purchaser'],
  'POST /api/plan-lines': ['agent', 'purchaser'],
  'POST /api/plan-lines/:id/intention': ['agent', 'purchaser'],
  'POST /api/plan-lines/:id/commission': ['purchaser'],
  'POST /api/plan-lines/:id/decision': ['agent', 'director'],
  'POST /api/plan-lines/:id/cancel': ['purchaser'],
  'GET /api/portal/monthly-plan': ALL,
  'GET /api/portal/intentions': ALL,
};
