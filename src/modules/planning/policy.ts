import { ROLES } from '../../platform/auth/actor.ts';
import { definePolicy, type Grant } from '../../platform/auth/policy.ts';

interface PlanLineRecord {
  purchaserId: string;
}

/** A purchaser's staff plan for their own unit only; any other unit's plan is "not found" to them. */
const ownUnit: Grant<PlanLineRecord> = {
  role: 'purchaser',
  when: (actor, p) => actor.purchaserId === p.purchaserId,
};

export const planLinePolicy = definePolicy<PlanLineRecord>()(
  'planLine',
  {
    /** Purchasers list too: the query keeps them to their own unit. */
    list: ['admin', 'agent', 'director', 'financeSupervisor', 'disciplineSupervisor', 'purchaser'],
    read: ['admin', 'agent', 'director', 'financeSupervisor', 'disciplineSupervisor', ownUnit],
    create: ['agent', ownUnit],
    publishIntention: ['agent', ownUnit],
    commission: [ownUnit],
    decide: ['agent', 'director'],
    cancel: [ownUnit],
    /** The monthly plan and the intentions are published for everyone. */
    readPublished: ['public', ...ROLES],
  },
  { own: (actor) => (actor.purchaserId ? { purchaserId: actor.purchaserId } : null) },
);
