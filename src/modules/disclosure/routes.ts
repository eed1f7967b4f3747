import type { Db } from '../../platform/db/client.ts';
import { PUBLIC } from '../../platform/http/access.ts';
import type { App } from '../../platform/http/server.ts';
import { portalSummary } from './contract.ts';
import { readPortalSummary } from './portal.ts';
import { portalRoutes } from './portal/index.ts';
import { ocdsRoutes } from './ocds/routes.ts';

export function disclosureRoutes(
  app: App,
  deps: { db: Db; ocds?: { prefix: string; publicUrl: string | null } },
): void {
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
  portalRoutes(app, deps);
  ocdsRoutes(app, { db: deps.db, prefix: 'ocds-zhengcai', publicUrl: null, ...deps.ocds });
}
