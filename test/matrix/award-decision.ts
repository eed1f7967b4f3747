import type { ActorRole } from '../../src/platform/auth/actor.ts';

const SUPERVISORS: ActorRole[] = ['financeSupervisor', 'disciplineSupervisor'];

export const MATRIX: Record<string, readonly ActorRole[]> = {
  // The award of a project: the centre, the supervisors and the purchaser (its own projects; checked against the
  // project's shares, not by role) read it; the purchaser confirms in the report's order (条例43) or records a
  // lawful reason for a delay (87号令68); the centre publishes the result and records a re-review's order.
  'GET /api/projects/:id/award': ['agent', 'director', 'purchaser', ...SUPERVISORS],
  'POST /api/projects/:id/award/lots/:lotNo/confirm': ['purchaser'],
  'POST /api/projects/:id/award/lots/:lotNo/delay': ['purchaser'],
  'POST /api/projects/:id/award/lots/:lotNo/reevaluation': ['agent', 'director'],
  'POST /api/projects/:id/award/result': ['agent', 'director'],
  // A bidder reads and signs for its own letters only.
  'GET /api/my/award-letters': ['supplier'],
  // Overdue items of award to payment: the centre, the supervisors, and a purchaser (filtered to its own unit).
  'GET /api/award/alerts': ['agent', 'director', 'purchaser', ...SUPERVISORS],
  'POST /api/award-letters/:id/read': ['supplier'],
};
