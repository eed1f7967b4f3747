import type { Db } from '../../../platform/db/client.ts';
import { access } from '../../../platform/http/access.ts';
import type { App } from '../../../platform/http/server.ts';
import { purchaserListQuery, purchaserPage } from './contract.ts';
import { purchaserPolicy } from './policy.ts';
import { listPurchasers } from './queries.ts';

export function purchaserRoutes(app: App, deps: { db: Db }): void {
  const { db } = deps;
  app.get(
    '/api/purchasers',
    {
      config: { access: access(purchaserPolicy, 'list') },
      schema: {
        tags: ['采购单位'],
        summary: '采购单位列表',
        querystring: purchaserListQuery,
        response: { 200: purchaserPage },
      },
    },
    (req) => listPurchasers(db, req.ctx, req.query),
  );
}
