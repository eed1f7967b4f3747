import type { Db } from '../db/client.ts';
import { access } from '../http/access.ts';
import { pageOf } from '../http/contract.ts';
import type { App } from '../http/server.ts';
import { abilities } from '../auth/policy.ts';
import { auditEventView, auditListQuery, auditVerifyResponse } from './contract.ts';
import { listAudit, verifyAudit } from './log.ts';
import { auditPolicy } from './policy.ts';

export function auditRoutes(app: App, deps: { db: Db }): void {
  const tags = ['审计日志'];
  app.get(
    '/api/audit',
    {
      config: { access: access(auditPolicy, 'list') },
      schema: {
        tags,
        summary: '审计日志（新到旧）',
        querystring: auditListQuery,
        response: { 200: pageOf(auditEventView) },
      },
    },
    async (req) => {
      const q = req.query;
      const { items, total } = await listAudit(deps.db, q);
      return {
        items: items.map((e) => ({
          ...e,
          at: e.at.toISOString(),
          before: e.before ?? null,
          after: e.after ?? null,
        })),
        total,
        page: q.page,
        pageSize: q.pageSize,
        abilities: abilities(req.actor, auditPolicy),
      };
    },
  );
  app.get(
    '/api/audit/verify',
    {
      config: { access: access(auditPolicy, 'verify') },
      schema: { tags, summary: '重新计算哈希链并校验', response: { 200: auditVerifyResponse } },
    },
    () => verifyAudit(deps.db),
  );
}
