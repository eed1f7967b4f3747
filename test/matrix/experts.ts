import type { ActorRole } from '../../src/platform/auth/actor.ts';
import { ALL, CENTRE_AND_SUPERVISORS } from './roles.ts';

/** The expert's own record: the centre and supervisors read it, the expert itself reads and edits it. */
const SELF: ActorRole[] = ['expert'];

export const MATRIX: Record<string, readonly ActorRole[]> = {
  'GET /api/experts': CENTRE_AND_SUPERVISORS,
  'POST /api/expert-applications': ['public'],
  'GET /api/specialties': ALL,
  'GET /api/experts/me': SELF,
  'GET /api/experts/coverage': CENTRE_AND_SUPERVISORS,
  'GET /api/experts/:id': [...CENTRE_AND_SUPERVISORS, 'expert'],
  'PATCH /api/experts/:id': SELF,
  'POST /api/experts/:id/employments': SELF,
  'POST /api/experts/:id/employments/end': SELF,
  'POST /api/experts/:id/relations': SELF,
  'POST /api/experts/:id/relations/withdraw': SELF,
  'POST /api/experts/:id/leaves': SELF,
  'POST /api/experts/:id/leaves/cancel': SELF,
  'POST /api/experts/:id/review': ['admin', 'director'],
  'POST /api/experts/:id/status': ['admin', 'director'],
  'POST /api/experts/:id/ratings': ['agent', 'admin'],
};
