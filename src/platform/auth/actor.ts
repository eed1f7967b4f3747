import type { Clock } from '../clock.ts';

/** The signed-in roles. `public` is the anonymous visitor; `system` is the platform itself (CLI, scheduled work). */
export const ROLES = [
  'admin',
  'agent',
  'director',
  'purchaser',
  'supplier',
  'expert',
  'financeSupervisor',
  'disciplineSupervisor',
] as const;
export type Role = (typeof ROLES)[number];
export type ActorRole = Role | 'public';

export const ROLE_LABELS: Record<ActorRole, string> = {
  admin: '系统管理员',
  agent: '经办人',
  director: '中心主任',
  purchaser: '采购人',
  supplier: '供应商',
  expert: '评审专家',
  financeSupervisor: '财政监督',
  disciplineSupervisor: '纪检监督',
  public: '公众',
};

export const CENTRE_ROLES: readonly Role[] = ['admin', 'agent', 'director'];
export const SUPERVISOR_ROLES: readonly Role[] = ['financeSupervisor', 'disciplineSupervisor'];

export interface UserActor {
  kind: 'user';
  role: Role;
  userId: string;
  username: string;
  displayName: string;
  purchaserId: string | null;
  supplierId: string | null;
  expertId: string | null;
  sessionId: string | null;
}
export interface PublicActor {
  kind: 'public';
  role: 'public';
}
export interface SystemActor {
  kind: 'system';
  role: 'system';
  /** What acted: `cli:seed`, `job:opening`, … */
  name: string;
}
export type Actor = UserActor | PublicActor | SystemActor;

export const publicActor: PublicActor = { kind: 'public', role: 'public' };
export const systemActor = (name: string): SystemActor => ({ kind: 'system', role: 'system', name });

/** The signed-in user behind a request, for `created_by`-style columns; null for the public and the platform. */
export const actorUserId = (actor: Actor): string | null => (actor.kind === 'user' ? actor.userId : null);

/** Who is acting, in which request, at what time: passed to every use case. */
export interface RequestContext {
  actor: Actor;
  requestId: string | null;
  clock: Clock;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
