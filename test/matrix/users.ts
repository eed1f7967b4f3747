import type { ActorRole } from '../../src/platform/auth/actor.ts';

export const MATRIX: Record<string, readonly ActorRole[]> = {
  'GET /api/users': ['admin', 'director'],
  'POST /api/users': ['admin'],
  'PATCH /api/users/:id': ['admin'],
  'POST /api/users/:id/reset-password': ['admin'],
};
