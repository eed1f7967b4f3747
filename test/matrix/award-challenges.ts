import type { ActorRole } from '../../src/platform/auth/actor.ts';

const CENTRE: ActorRole[] = ['agent', 'director'];
const SUPERVISORS: ActorRole[] = ['financeSupervisor', 'disciplineSupervisor'];
const READERS: ActorRole[] = [...CENTRE, ...SUPERVISORS, 'purchaser', 'supplier'];

export const MATRIX: Record<string, readonly ActorRole[]> = {
  // 质疑: a supplier that took part files and withdraws its own; the centre marks whether it affects the result and
  // replies; the centre, the supervisors, the project's purchaser and the challenger read it. Which record a
  // purchaser or supplier may read is checked in the use case (404 otherwise); other suppliers of the project see
  // only that a challenge exists and its answer, in the project's list.
  'POST /api/projects/:id/challenges': ['supplier'],
  'GET /api/projects/:id/challenges': READERS,
  'GET /api/my/challenges': ['supplier'],
  'GET /api/challenges/:id': READERS,
  'POST /api/challenges/:id/withdraw': ['supplier'],
  'POST /api/challenges/:id/affects-result': CENTRE,
  'POST /api/challenges/:id/reply': CENTRE,
  // 投诉: only the challenger complains; the finance department handles it (法55–57).
  'POST /api/challenges/:id/complaint': ['supplier'],
  'GET /api/complaints': [...CENTRE, ...SUPERVISORS],
  'GET /api/complaints/:id': READERS,
  'POST /api/complaints/:id/accept': ['financeSupervisor'],
  'POST /api/complaints/:id/reject': ['financeSupervisor'],
  'POST /api/complaints/:id/suspend': ['financeSupervisor'],
  'POST /api/complaints/:id/lift-suspension': ['financeSupervisor'],
  'POST /api/complaints/:id/excluded-days': ['financeSupervisor'],
  'POST /api/complaints/:id/decide': ['financeSupervisor'],
  'POST /api/complaints/:id/withdraw': ['supplier'],
};
