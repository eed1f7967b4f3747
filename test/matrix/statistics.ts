import type { ActorRole } from '../../src/platform/auth/actor.ts';

/**
 * The centre's statistics: its staff and the supervisors (财政, 纪检) read the whole centre's figures; a purchaser
 * reads its own unit's (the use case scopes the report; another unit answers NOT_FOUND). Suppliers, experts, the
 * administrator and the public read none. Only the director sets the annual targets.
 */
const READERS: ActorRole[] = ['agent', 'director', 'financeSupervisor', 'disciplineSupervisor', 'purchaser'];

export const MATRIX: Record<string, readonly ActorRole[]> = {
  'GET /api/statistics/report': READERS,
  // The exports are the same report, for the same query and scope, as files.
  'GET /api/statistics/report.xlsx': READERS,
  'GET /api/statistics/report.docx': READERS,
  // A purchaser is admitted and then told the targets do not exist: they are the whole centre's.
  'GET /api/statistics/targets': READERS,
  'PUT /api/statistics/targets/:year': ['director'],
};
