import { forbidden, notFound, unauthorized } from '../errors.ts';
import type { Actor, ActorRole, UserActor } from './actor.ts';

/**
 * Declarative authorisation (ARCHITECTURE.md rule 3). A policy lists, per action on one entity type, the roles
 * granted it — a bare role grants it on every record, `{ role, when }` only on records the predicate accepts.
 * Anything not listed is denied. The platform itself (`system` actor: CLI, scheduled work) is not subject to
 * policies: it is not a user.
 */
export type Grant<R> = ActorRole | { role: ActorRole; when: (actor: UserActor, record: R) => boolean };

export interface Policy<R, A extends string> {
  entity: string;
  rules: Readonly<Record<A, readonly Grant<R>[]>>;
}

/** Every policy defined, so the session can tell the UI all the caller's abilities at once. */
const registry: { entity: string; collection(actor: Actor): string[] }[] = [];

export interface PolicyOptions<R> {
  /**
   * The record an account owns, if any (a supplier account's supplier, a purchaser's unit): the session
   * reports what the caller may do on it too, so the UI can offer "my record" pages.
   */
  own?: (actor: UserActor) => R | null;
}

export function definePolicy<R>() {
  return <const A extends string>(
    entity: string,
    rules: Record<A, readonly Grant<R>[]>,
    options: PolicyOptions<R> = {},
  ): Policy<R, A> => {
    const policy: Policy<R, A> = { entity, rules };
    registry.push({
      entity,
      collection: (actor) => {
        const general = abilities(actor, policy);
        const owned = actor.kind === 'user' ? options.own?.(actor) : null;
        if (owned === null || owned === undefined) return general;
        return [...new Set([...general, ...abilities(actor, policy, owned)])];
      },
    });
    return policy;
  };
}

/** Per entity, the actions the actor may perform in general or on the record it owns. */
export function collectionAbilities(actor: Actor): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const entry of registry) {
    const actions = entry.collection(actor);
    if (actions.length) out[entry.entity] = actions;
  }
  return out;
}

const grantRole = <R>(g: Grant<R>): ActorRole => (typeof g === 'string' ? g : g.role);

/** Could this role ever perform the action (on some record)? Used to admit a request to a route. */
export function roleMay<R, A extends string>(role: ActorRole, policy: Policy<R, A>, action: A): boolean {
  return policy.rules[action].some((g) => grantRole(g) === role);
}

/**
 * May the actor perform the action — on this record when one is given? Without a record only unconditional
 * grants count (e.g. `create`).
 */
export function can<R, A extends string>(actor: Actor, policy: Policy<R, A>, action: A, record?: R): boolean {
  if (actor.kind === 'system') return true;
  return policy.rules[action].some((g) => {
    if (typeof g === 'string') return g === actor.role;
    if (g.role !== actor.role || actor.kind !== 'user' || record === undefined) return false;
    return g.when(actor, record);
  });
}

/**
 * Throws unless allowed. A signed-in caller with no right to an existing record is told it does not exist
 * (rule 9): its id reveals nothing.
 */
export function authorize<R, A extends string>(
  actor: Actor,
  policy: Policy<R, A>,
  action: A,
  record?: R,
): void {
  if (can(actor, policy, action, record)) return;
  if (actor.kind === 'public') throw unauthorized();
  if (record !== undefined && actor.kind === 'user' && roleMay(actor.role, policy, action)) throw notFound();
  throw forbidden();
}

/** The actions the actor may perform (on the record, when given): sent with every response for the UI. */
export function abilities<R, A extends string>(actor: Actor, policy: Policy<R, A>, record?: R): A[] {
  return (Object.keys(policy.rules) as A[]).filter((action) => can(actor, policy, action, record));
}
