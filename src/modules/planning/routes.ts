import type { Db } from '../../platform/db/client.ts';
import { access } from '../../platform/http/access.ts';
import { errorBody, idParams, pageQuery } from '../../platform/http/contract.ts';
import type { App } from '../../platform/http/server.ts';
import {
  commissionBody,
  commissionDecisionBody,
  intentionBody,
  monthlyPlan,
  monthlyPlanQuery,
  planLineBody,
  planLineListQuery,
  planLinePage,
  planLineView,
  publicIntentionPage,
} from './contract.ts';
import {
  cancelPlanLine,
  commissionPlanLine,
  createPlanLine,
  decideCommission,
  listPlanLines,
  listPublicIntentions,
  publishIntention,
  readMonthlyPlan,
} from './commands.ts';
import { planLinePolicy } from './policy.ts';

const tags = ['采购计划'];
const errors = { 400: errorBody, 404: errorBody, 409: errorBody };

export function planningRoutes(app: App, deps: { db: Db }): void {
  const { db } = deps;
  app.get(
    '/api/plan-lines',
    {
      config: { access: access(planLinePolicy, 'list') },
      schema: {
        tags,
        summary: '采购计划（采购人仅见本单位）',
        querystring: planLineListQuery,
        response: { 200: planLinePage },
      },
    },
    (req) => listPlanLines(db, req.ctx, req.query),
  );
  app.post(
    '/api/plan-lines',
    {
      config: { access: access(planLinePolicy, 'create') },
      schema: {
        tags,
        summary: '新增采购计划（预算项目、品目、金额）',
        body: planLineBody,
        response: { 201: planLineView, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await createPlanLine(db, req.ctx, req.body)),
  );
  app.post(
    '/api/plan-lines/:id/intention',
    {
      config: { access: access(planLinePolicy, 'publishIntention') },
      schema: {
        tags,
        summary: '公开采购意向（至少提前 30 日；紧急情况须说明原因）',
        params: idParams,
        body: intentionBody,
        response: { 200: planLineView, ...errors },
      },
    },
    (req) => publishIntention(db, req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/plan-lines/:id/commission',
    {
      config: { access: access(planLinePolicy, 'commission') },
      schema: {
        tags,
        summary: '委托采购中心',
        params: idParams,
        body: commissionBody,
        response: { 200: planLineView, ...errors },
      },
    },
    (req) => commissionPlanLine(db, req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/plan-lines/:id/decision',
    {
      config: { access: access(planLinePolicy, 'decide') },
      schema: {
        tags,
        summary: '中心受理或退回委托（退回须说明理由）',
        params: idParams,
        body: commissionDecisionBody,
        response: { 200: planLineView, ...errors },
      },
    },
    (req) => decideCommission(db, req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/plan-lines/:id/cancel',
    {
      config: { access: access(planLinePolicy, 'cancel') },
      schema: {
        tags,
        summary: '撤销尚未提交中心（或被退回）的采购计划',
        params: idParams,
        response: { 200: planLineView, ...errors },
      },
    },
    (req) => cancelPlanLine(db, req.ctx, req.params.id),
  );
  app.get(
    '/api/portal/monthly-plan',
    {
      config: { access: access(planLinePolicy, 'readPublished') },
      schema: {
        tags: ['公开'],
        summary: '月度采购活动计划',
        querystring: monthlyPlanQuery,
        response: { 200: monthlyPlan },
      },
    },
    (req) => readMonthlyPlan(db, req.query.year, req.query.month),
  );
  app.get(
    '/api/portal/intentions',
    {
      config: { access: access(planLinePolicy, 'readPublished') },
      schema: {
        tags: ['公开'],
        summary: '采购意向公开',
        querystring: pageQuery,
        response: { 200: publicIntentionPage },
      },
    },
    (req) => listPublicIntentions(db, req.ctx, req.query),
  );
}
