import type { App } from '../../platform/http/server.ts';
import { challengeRoutes } from './challenges/routes.ts';
import { contractRoutes } from './contracts/routes.ts';
import { decisionRoutes } from './decision/routes.ts';
import type { AwardDeps } from './deps.ts';
import { performanceRoutes } from './performance/routes.ts';

/** Award to payment: the winner's confirmation and notices, challenges and complaints, contracts, performance. */
export function awardRoutes(app: App, deps: AwardDeps): void {
  decisionRoutes(app, deps);
  challengeRoutes(app, deps);
  contractRoutes(app, deps);
  performanceRoutes(app, deps);
}
