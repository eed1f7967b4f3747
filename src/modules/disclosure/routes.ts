import type { Db } from '../../platform/db/client.ts';
import { PUBLIC } from '../../platform/http/access.ts';
import type { App } from '../../platform/http/server.ts';
import { portalSummary } from './contract.ts';
import { readPortalSummary } from './portal.ts';

export function disclosureRoutes(app: App, deps: { db: Db }): void {
  app.get(
    '/api/portal/summary',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['公开'],
        summary: '门户首页：中心信息、库容与审计日志链头',
        response: { 200: portalSummary },
      },
    },
    () => readPortalSummary(deps.db),
  );
}
