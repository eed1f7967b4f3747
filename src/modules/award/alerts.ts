/**
 * 逾期预警: every clock of award to payment that ran out with its step undone, from each part of the module. The
 * centre and the supervisors see all; a purchaser sees those of its own unit's projects.
 */
import { definePolicy, authorize } from '../../platform/auth/policy.ts';
import type { RequestContext } from '../../platform/auth/actor.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/client.ts';
import type { AlertView } from './alerts.contract.ts';
import { challengeAlerts } from './challenges/index.ts';
import { contractAlerts } from './contracts/index.ts';
import { decisionAlerts } from './decision/index.ts';
import { performanceAlerts } from './performance/index.ts';

export const alertPolicy = definePolicy<Record<string, never>>()('awardAlert', {
  list: ['agent', 'director', 'financeSupervisor', 'disciplineSupervisor', 'purchaser'],
});

export async function listAlerts(db: Db, ctx: RequestContext): Promise<{ items: AlertView[] }> {
  authorize(ctx.actor, alertPolicy, 'list');
  const today = shanghaiDay(ctx.clock.now());
  const all = [
    ...(await decisionAlerts(db, today)),
    ...(await challengeAlerts(db, today)),
    ...(await contractAlerts(db, today)),
    ...(await performanceAlerts(db, today)),
  ];
  const own = ctx.actor.kind === 'user' && ctx.actor.role === 'purchaser' ? ctx.actor.purchaserId : null;
  const items = all
    .filter((a) => own === null || a.purchaserIds.includes(own))
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.projectCode.localeCompare(b.projectCode));
  return { items };
}
