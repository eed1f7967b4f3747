import { z } from 'zod';
import type { Db } from '../../platform/db/client.ts';
import { access } from '../../platform/http/access.ts';
import { errorBody } from '../../platform/http/contract.ts';
import type { App } from '../../platform/http/server.ts';
import { annualTargetBody, annualTargetView, statisticsQuery, statisticsReport } from './contract.ts';
import { exportRoutes } from './export/routes.ts';
import { historyRoutes } from './history/routes.ts';
import { statisticsPolicy } from './policy.ts';
import { readReport } from './service.ts';
import { listTargets, setTarget } from './targets.ts';

const tags = ['统计分析'];
const errors = { 400: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };
const yearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

export interface StatisticsDeps {
  db: Db;
}

/** The centre's statistics: the report for any period and scope, and the annual targets it is measured against. */
export function statisticsRoutes(app: App, deps: StatisticsDeps): void {
  const { db } = deps;
  app.get(
    '/api/statistics/report',
    {
      config: { access: access(statisticsPolicy, 'read') },
      schema: {
        tags,
        summary:
          '统计报表：按期间与范围（层级、采购人、类别、服务细分、方式、专项）统计采购次数、预算、合同、支付、节约资金与节约率，重大项目、办结期限、年度目标、专家库',
        querystring: statisticsQuery,
        response: { 200: statisticsReport, ...errors },
      },
    },
    (req) => readReport(db, req.ctx, req.query),
  );
  app.get(
    '/api/statistics/targets',
    {
      config: { access: access(statisticsPolicy, 'read') },
      schema: {
        tags,
        summary: '中心年度目标（采购预算规模、资金节约率）',
        response: { 200: z.array(annualTargetView) },
      },
    },
    (req) => listTargets(db, req.ctx),
  );
  app.put(
    '/api/statistics/targets/:year',
    {
      config: { access: access(statisticsPolicy, 'setTarget') },
      schema: {
        tags,
        summary: '设置年度目标（主任）',
        params: yearParams,
        body: annualTargetBody,
        response: { 200: annualTargetView, ...errors },
      },
    },
    (req) => setTarget(db, req.ctx, req.params.year, req.body),
  );
  exportRoutes(app, deps);
  historyRoutes(app, deps);
}
