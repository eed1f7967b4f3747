import type { ActorRole } from '../../src/platform/auth/actor.ts';
import { ALL } from './roles.ts';

export const MATRIX: Record<string, readonly ActorRole[]> = {
  // Open data (OCDS): public like the portal; only what is already public is in it.
  'GET /api/ocds/releases': ALL,
  'GET /api/ocds/records/:ocid': ALL,
};
