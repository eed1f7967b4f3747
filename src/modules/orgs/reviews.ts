import type { Tx } from '../../platform/db/client.ts';
import type { RequestContext } from '../../platform/auth/actor.ts';
import { registryReviews } from './tables.ts';

/**
 * One line of a registry record's review history: a centre decision, or a resubmission by the record's own
 * account. `reviewerId` is whoever acted; the audit event written beside it carries the full before/after.
 */
export async function recordReview(
  tx: Tx,
  ctx: RequestContext,
  entity: { type: 'supplier' | 'expert' | 'intermediary'; id: string },
  decision: 'approved' | 'rejected' | 'resubmitted',
  reason: string | null,
): Promise<void> {
  await tx.insert(registryReviews).values({
    entityType: entity.type,
    entityId: entity.id,
    decision,
    reason,
    reviewerId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
    at: ctx.clock.now(),
  });
}
