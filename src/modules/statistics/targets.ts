import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { actorUserId, type RequestContext } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/auth/policy.ts';
import { appendAudit } from '../../platform/audit/log.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import type { annualTargetBody, annualTargetView } from './contract.ts';
import { statisticsPolicy } from './policy.ts';
import { annualTargets } from './tables.ts';

type TargetView = z.infer<typeof annualTargetView>;

function present(row: typeof annualTargets.$inferSelect): TargetView {
  return {
    year: row.year,
    budgetFen: row.budgetFen.toString(),
    savingsRateBp: row.savingsRateBp,
    setAt: row.setAt.toISOString(),
  };
}

export async function listTargets(db: Db | Tx, ctx: RequestContext): Promise<TargetView[]> {
  authorize(ctx.actor, statisticsPolicy, 'read', { purchaserId: null });
  const rows = await db.select().from(annualTargets).orderBy(annualTargets.year);
  return rows.map(present);
}

/** The director sets (or resets) a year's targets; the change and the previous values go to the audit log. */
export async function setTarget(
  db: Db,
  ctx: RequestContext,
  year: number,
  body: z.infer<typeof annualTargetBody>,
): Promise<TargetView> {
  authorize(ctx.actor, statisticsPolicy, 'setTarget');
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(annualTargets).where(eq(annualTargets.year, year)).for('update');
    const values = {
      budgetFen: BigInt(body.budgetFen),
      savingsRateBp: body.savingsRateBp,
      setBy: actorUserId(ctx.actor),
      setAt: ctx.clock.now(),
    };
    const [row] = await tx
      .insert(annualTargets)
      .values({ year, ...values })
      .onConflictDoUpdate({ target: annualTargets.year, set: values })
      .returning();
    if (!row) throw new Error('annual target upsert returned nothing');
    await appendAudit(tx, ctx, {
      action: 'statistics.targetSet',
      entityType: 'annualTarget',
      entityId: String(year),
      before: before ? present(before) : undefined,
      after: present(row),
    });
    return present(row);
  });
}
