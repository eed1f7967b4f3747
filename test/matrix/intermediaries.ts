import type { ActorRole } from '../../src/platform/auth/actor.ts';
import { ALL } from './roles.ts';

export const MATRIX: Record<string, readonly ActorRole[]> = {
  'GET /api/intermediaries': ALL,
  'POST /api/intermediaries': ['public', 'admin', 'agent'],
  'POST /api/intermediaries/:id/review': ['admin', 'agent', 'director'],
};
