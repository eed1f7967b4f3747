import { ROLES } from './actor.ts';
import { definePolicy } from './policy.ts';

/** The caller's own session: every signed-in role may end it and change its own password. */
export const sessionPolicy = definePolicy<never>()('session', {
  logout: ROLES,
  changePassword: ROLES,
});
