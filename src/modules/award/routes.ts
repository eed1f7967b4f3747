import { access } from '../../platform/http/access.ts';
import { errorBody } from '../../platform/http/contract.ts';
import type { App } from '../../platform/http/server.ts';
import { alertList } from './alerts.contract.ts';
import { alertPolicy, listAlerts } from './alerts.ts';
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
  app.get(
    '/api/award/alerts',
    {
      config: { access: access(alertPolicy, 'list') },
      schema: {
        tags: ['定标'],
        summary: '逾期预警：确认、公告、质疑答复、投诉处理、合同签订/公告/备案、保证金退还、履约、付款',
        response: { 200: alertList, 403: errorBody },
      },
    },
    (req) => listAlerts(deps.db, req.ctx),
  );
}
