import type { Db } from '../../../platform/db/client.ts';
import { access } from '../../../platform/http/access.ts';
import type { App } from '../../../platform/http/server.ts';
import { supplierListQuery, supplierPage } from './contract.ts';
import { supplierPolicy } from './policy.ts';
import { listSuppliers } from './queries.ts';

export function supplierRoutes(app: App, deps: { db: Db }): void {
  const { db } = deps;
  app.get(
    '/api/suppliers',
    {
      config: { access: access(supplierPolicy, 'list') },
      schema: {
        tags: ['供应商'],
        summary: '供应商列表',
        querystring: supplierListQuery,
        response: { 200: supplierPage },
      },
    },
    (req) => listSuppliers(db, req.ctx, req.query),
  );
}
