import type { RequestContext } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/auth/policy.ts';
import type { Db } from '../../platform/db/client.ts';
import type { StatisticsQuery, StatisticsReport } from './contract.ts';
import { statisticsPolicy } from './policy.ts';
import { buildReport } from './report.ts';

/**
 * The report as the caller may see it: a purchaser's report is scoped to its own unit (asked for without a unit, it
 * gets its own; asking for another unit is refused as if the unit did not exist).
 */
export async function readReport(
  db: Db,
  ctx: RequestContext,
  query: StatisticsQuery,
): Promise<StatisticsReport> {
  const actor = ctx.actor;
  const q =
    actor.kind === 'user' && actor.role === 'purchaser' && !query.purchaserId && actor.purchaserId
      ? { ...query, purchaserId: actor.purchaserId }
      : query;
  authorize(actor, statisticsPolicy, 'read', { purchaserId: q.purchaserId ?? null });
  return buildReport(db, q, ctx.clock.now());
}
