/**
 * In-transaction domain events: how an earlier stage tells a later one that something happened without importing
 * it (ARCHITECTURE.md: only a later stage imports an earlier one). The earlier stage emits inside its own
 * transaction; every subscriber runs in that same transaction, so the event and its consequences commit together
 * or not at all. Modules declare their events by augmenting `DomainEvents`, and subscribe when their index loads.
 */
import type { RequestContext } from './auth/actor.ts';
import type { Tx } from './db/client.ts';

/** Event name → payload; each module augments this interface with its own events. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DomainEvents {}

export type DomainEventName = keyof DomainEvents;
type Handler<K extends DomainEventName> = (
  tx: Tx,
  ctx: RequestContext,
  payload: DomainEvents[K],
) => Promise<void>;

type Registry = { [K in DomainEventName]?: Handler<K>[] };
const registry: Registry = {};

/** Subscribes `handler` to `name`; a handler registered twice (a module loaded twice) still runs once. */
export function onDomainEvent<K extends DomainEventName>(name: K, handler: Handler<K>): void {
  const list: Handler<K>[] = (registry[name] ??= []);
  if (!list.includes(handler)) list.push(handler);
}

/** Runs every subscriber of `name`, in order of subscription, in the caller's transaction. */
export async function emitDomainEvent<K extends DomainEventName>(
  tx: Tx,
  ctx: RequestContext,
  name: K,
  payload: DomainEvents[K],
): Promise<void> {
  const list: Handler<K>[] = registry[name] ?? [];
  for (const handler of list) await handler(tx, ctx, payload);
}
