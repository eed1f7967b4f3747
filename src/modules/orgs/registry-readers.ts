import { CENTRE_ROLES, SUPERVISOR_ROLES, type Role } from '../../platform/auth/actor.ts';

/** Who reads the registries in full: the centre and both supervisors. */
export const REGISTRY_READERS: readonly Role[] = [...CENTRE_ROLES, ...SUPERVISOR_ROLES];
