import type { ActorRole } from '../../src/platform/auth/actor.ts';

const CENTRE: ActorRole[] = ['agent', 'director'];
const SUPERVISORS: ActorRole[] = ['financeSupervisor', 'disciplineSupervisor'];
const PARTIES: ActorRole[] = ['purchaser', 'supplier'];

export const MATRIX: Record<string, readonly ActorRole[]> = {
  // Only the signing parties' accounts hold a signing key (made in their own browser).
  'POST /api/my/signing-key': PARTIES,
  'GET /api/my/signing-key': PARTIES,
  // The centre drafts the contracts from the template and the award.
  'POST /api/projects/:id/lots/:lotNo/contracts': CENTRE,
  // Reading: the centre and supervisors see all; a purchaser its own unit's, a supplier its own (checked against
  // the contract, not by role: anyone else gets 404).
  'GET /api/contracts': [...CENTRE, ...SUPERVISORS, ...PARTIES],
  'GET /api/contracts/:id': [...CENTRE, ...SUPERVISORS, ...PARTIES],
  'GET /api/contracts/:id/document': [...CENTRE, ...SUPERVISORS, ...PARTIES],
  'GET /api/contracts/:id/export': [...CENTRE, ...SUPERVISORS, ...PARTIES],
  // Each party signs for itself (法46); the centre publishes (条例50); the purchaser or the centre files (法47) and
  // records amendments (法49).
  'POST /api/contracts/:id/signatures': PARTIES,
  'POST /api/contracts/:id/publication': CENTRE,
  'POST /api/contracts/:id/filing': [...CENTRE, 'purchaser'],
  'POST /api/contracts/:id/amendments': [...CENTRE, 'purchaser'],
};
