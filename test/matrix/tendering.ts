import type { ActorRole } from '../../src/platform/auth/actor.ts';
import { CENTRE_AND_SUPERVISORS } from './roles.ts';

const CENTRE: ActorRole[] = ['agent', 'director'];

export const MATRIX: Record<string, readonly ActorRole[]> = {
  'GET /api/projects': [...CENTRE_AND_SUPERVISORS, 'purchaser'],
  'POST /api/projects': CENTRE,
  // Suppliers read published projects; purchasers their own (the record check answers 404 otherwise).
  'GET /api/projects/:id': [...CENTRE_AND_SUPERVISORS, 'purchaser', 'supplier'],
  'PATCH /api/projects/:id': CENTRE,
  'POST /api/projects/:id/lint': CENTRE,
  'POST /api/projects/:id/justifications': CENTRE,
  'POST /api/projects/:id/approval': CENTRE,
  'POST /api/projects/:id/publish': CENTRE,
  'POST /api/projects/:id/corrections': CENTRE,
  'POST /api/projects/:id/terminate': CENTRE,
  // A failed project is procured again as a new draft (法36–37), by the centre.
  'POST /api/projects/:id/retender': CENTRE,
  'GET /api/projects/:id/document': [...CENTRE_AND_SUPERVISORS, 'purchaser', 'supplier'],
  'GET /api/projects/:id/clarifications': [...CENTRE_AND_SUPERVISORS, 'purchaser', 'supplier'],
  'POST /api/projects/:id/clarifications': ['supplier'],
  'POST /api/projects/:id/clarifications/:questionId/answer': CENTRE,
  'GET /api/programmes': [...CENTRE_AND_SUPERVISORS, 'purchaser'],
  'POST /api/programmes': CENTRE,
  'GET /api/bundle-suggestions': CENTRE,
  'GET /api/templates': CENTRE_AND_SUPERVISORS,
  'POST /api/templates/:kind/versions': CENTRE,
};
