import type { ActorRole } from '../../src/platform/auth/actor.ts';
import { ALL, AUDIT_READERS, SIGNED_IN } from './roles.ts';

export const MATRIX: Record<string, readonly ActorRole[]> = {
  'GET /api/health': ALL,
  'GET /api/openapi.json': ALL,
  'GET /api/auth/session': ALL,
  'POST /api/auth/login': ALL,
  'POST /api/auth/logout': SIGNED_IN,
  'POST /api/auth/password': SIGNED_IN,
  'GET /api/audit': AUDIT_READERS,
  'GET /api/audit/verify': AUDIT_READERS,
  'POST /api/files': SIGNED_IN,
  'GET /api/files/:hash': SIGNED_IN,
  'GET /api/portal/summary': ALL,
};
