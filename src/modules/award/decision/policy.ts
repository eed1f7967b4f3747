import { definePolicy } from '../../../platform/auth/policy.ts';

/**
 * The award decision of a project: the purchaser confirms the winner in the report's order (条例43) and may record
 * a lawful reason for a delay (87号令68); the centre publishes the result, records a re-review's order; the
 * supervisors see everything. Which project a purchaser may act on is checked against the project's shares.
 */
export const awardPolicy = definePolicy<Record<string, never>>()('award', {
  read: ['agent', 'director', 'purchaser', 'financeSupervisor', 'disciplineSupervisor'],
  confirm: ['purchaser'],
  delay: ['purchaser'],
  publish: ['agent', 'director'],
  reevaluate: ['agent', 'director'],
});

/** A bidder reads its own letters only (中标通知书, 结果告知书). */
export const letterPolicy = definePolicy<Record<string, never>>()('awardLetter', {
  listMine: ['supplier'],
});
