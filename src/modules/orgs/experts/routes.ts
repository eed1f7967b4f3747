import type { Db } from '../../../platform/db/client.ts';
import { access } from '../../../platform/http/access.ts';
import type { App } from '../../../platform/http/server.ts';
import { expertListQuery, expertPage } from './contract.ts';
import { expertPolicy } from './policy.ts';
import { listExperts } from './queries.ts';

export function expertRoutes(app: App, deps: { db: Db }): void {
  const { db } = deps;
  app.get(
    '/api/experts',
    {
      config: { access: access(expertPolicy, 'list') },
      schema: {
        tags: ['评审专家'],
        summary: '专家库列表',
        querystring: expertListQuery,
        response: { 200: expertPage },
      },
    },
    (req) => listExperts(db, req.ctx, req.query),
  );
}
