/** Role groups the per-area matrices use; this file lists no routes. */
import { ROLES, type ActorRole, type Role } from '../../src/platform/auth/actor.ts';

export const ALL: ActorRole[] = ['public', ...ROLES];
export const SIGNED_IN: Role[] = [...ROLES];
export const CENTRE_AND_SUPERVISORS: Role[] = [
  'admin',
  'agent',
  'director',
  'financeSupervisor',
  'disciplineSupervisor',
];
export const AUDIT_READERS: Role[] = ['admin', 'director', 'financeSupervisor', 'disciplineSupervisor'];
