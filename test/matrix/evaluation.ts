import type { ActorRole } from '../../src/platform/auth/actor.ts';

const SUPERVISORS: ActorRole[] = ['financeSupervisor', 'disciplineSupervisor'];

export const MATRIX: Record<string, readonly ActorRole[]> = {
  // The committee: the centre forms it and prepares draws; supervisors watch and give the on-site input.
  // Purchasers and suppliers never learn who the experts are before the result notice (87号令 第四十七条).
  'POST /api/projects/:id/committee': ['agent', 'director'],
  'PUT /api/projects/:id/committee': ['agent', 'director'],
  'GET /api/projects/:id/committee': ['agent', 'director', ...SUPERVISORS],
  'POST /api/projects/:id/committee/draws': ['agent', 'director'],
  'POST /api/draws/:id/witness': SUPERVISORS,
  'GET /api/draws/:id/export': ['agent', 'director', ...SUPERVISORS],
  // An expert answers only its own invitations.
  'GET /api/my/invitations': ['expert'],
  'POST /api/committee-seats/:id/respond': ['expert'],
};
