import type { ActorRole } from '../../src/platform/auth/actor.ts';
import { ALL } from './roles.ts';

/** The public portal (src/modules/disclosure/portal): every page and file without a login. */
export const MATRIX: Record<string, readonly ActorRole[]> = {
  'GET /api/portal/notices': ALL,
  'GET /api/portal/notices/:id': ALL,
  'GET /api/portal/notices/:id/contract': ALL,
  'GET /api/portal/projects/:id': ALL,
  'GET /api/portal/projects/:id/committee': ALL,
  'GET /api/portal/projects/:id/document': ALL,
  'GET /api/portal/half-year': ALL,
  'GET /api/portal/purchasers': ALL,
  'GET /api/portal/feed.atom': ALL,
};
