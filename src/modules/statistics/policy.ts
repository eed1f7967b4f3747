import { definePolicy } from '../../platform/auth/policy.ts';

/** What a statistics request is checked against: the purchaser unit the report is scoped to, if any. */
export interface StatisticsScope {
  purchaserId: string | null;
}

/**
 * The centre's statistics: its staff and the supervisors (财政, 纪检) read the whole centre's figures; a purchaser
 * reads only its own unit's (and the units under it). The director sets the centre's annual targets; the centre's
 * staff import the ledgers of the years before the platform.
 */
export const statisticsPolicy = definePolicy<StatisticsScope>()(
  'statistics',
  {
    read: [
      'agent',
      'director',
      'financeSupervisor',
      'disciplineSupervisor',
      {
        role: 'purchaser',
        when: (actor, s) => actor.purchaserId !== null && actor.purchaserId === s.purchaserId,
      },
    ],
    setTarget: ['director'],
    importHistory: ['agent', 'director'],
  },
  { own: (actor) => (actor.purchaserId ? { purchaserId: actor.purchaserId } : null) },
);
