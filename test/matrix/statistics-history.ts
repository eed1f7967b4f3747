import type { ActorRole } from '../../src/platform/auth/actor.ts';

/**
 * The centre's earlier ledgers (statisticsPolicy): its agents and director import and withdraw them; the
 * supervisors also read the list of imports. A purchaser is admitted to the list (it may read statistics) and then
 * told the centre's imports do not exist, as for the targets: its read right covers only its own unit's figures.
 */
const CENTRE: ActorRole[] = ['agent', 'director'];

export const MATRIX: Record<string, readonly ActorRole[]> = {
  'GET /api/statistics/history/template': CENTRE,
  'POST /api/statistics/history': CENTRE,
  'GET /api/statistics/history': [...CENTRE, 'financeSupervisor', 'disciplineSupervisor', 'purchaser'],
  'DELETE /api/statistics/history/:id': CENTRE,
};
