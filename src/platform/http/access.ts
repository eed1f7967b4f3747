import type { ActorRole } from '../auth/actor.ts';
import { roleMay, type Policy } from '../auth/policy.ts';

/**
 * What a route declares about who may call it. Every /api route must declare one (the server refuses to
 * start otherwise): deny by default. Admission checks the role only; record-level predicates run in the use
 * case, which answers NOT_FOUND for records the caller may not see.
 */
export interface RouteAccess {
  entity: string;
  action: string;
  allows(role: ActorRole): boolean;
}

export function access<R, A extends string>(policy: Policy<R, A>, action: A): RouteAccess {
  return { entity: policy.entity, action, allows: (role) => roleMay(role, policy, action) };
}

/** Open to everyone, signed in or not (portal pages, login, health). */
export const PUBLIC: RouteAccess = { entity: 'public', action: 'read', allows: () => true };
