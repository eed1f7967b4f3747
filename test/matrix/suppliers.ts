import type { ActorRole } from '../../src/platform/auth/actor.ts';
import { ALL, CENTRE_AND_SUPERVISORS } from './roles.ts';

export const MATRIX: Record<string, readonly ActorRole[]> = {
  'GET /api/suppliers': CENTRE_AND_SUPERVISORS,
  'POST /api/supplier-registrations': ['public'],
  'GET /api/suppliers/me': ['supplier'],
  'GET /api/suppliers/:id': ALL,
  'PATCH /api/suppliers/:id': ['supplier'],
  'PUT /api/suppliers/:id/people': ['supplier'],
  'PUT /api/suppliers/:id/bank-accounts': ['supplier'],
  'PUT /api/suppliers/:id/contacts': ['supplier'],
  'PUT /api/suppliers/:id/qualifications': ['supplier'],
  'POST /api/suppliers/:id/review': ['admin', 'agent', 'director'],
  'POST /api/suppliers/:id/sanctions': ['admin', 'financeSupervisor'],
};
