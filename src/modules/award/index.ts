/** The award module's public face: routes, scheduled work, and the use cases the CLI's demo drives. */
import { onDomainEvent } from '../../platform/domain-events.ts';
import type { JobHandlers } from '../../platform/jobs/runner.ts';
import { decisionJobs, onLotFailed, onLotSigned, onOpeningFailed } from './decision/index.ts';

// The signed report reaches the purchaser; a failed lot is recorded (evaluation tells, award listens).
onDomainEvent('evaluation.lotSigned', onLotSigned);
onDomainEvent('evaluation.lotFailed', onLotFailed);
onDomainEvent('bidding.projectFailed', onOpeningFailed);

export { awardRoutes } from './routes.ts';
export const awardJobs: JobHandlers = { ...decisionJobs };
export { confirmWinner, publishResult, recordDelay, readAward } from './decision/index.ts';
export { setSmePaymentLimits } from './performance/index.ts';
