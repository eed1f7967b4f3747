import type { Db } from '../../../platform/db/client.ts';
import { access } from '../../../platform/http/access.ts';
import { errorBody, idParams } from '../../../platform/http/contract.ts';
import type { App } from '../../../platform/http/server.ts';
import {
  addEmploymentBody,
  addLeaveBody,
  cancelLeaveBody,
  coverageQuery,
  coverageReport,
  declareRelationBody,
  endEmploymentBody,
  expertApplicationBody,
  expertApplicationResult,
  expertDetail,
  expertListQuery,
  expertPage,
  expertRatingBody,
  expertReviewBody,
  expertStatusBody,
  expertUpdateBody,
  specialtyList,
  withdrawRelationBody,
} from './contract.ts';
import {
  addEmployment,
  addLeave,
  applyAsExpert,
  cancelLeave,
  changeExpertStatus,
  declareRelation,
  endEmployment,
  rateExpert,
  reviewExpert,
  updateOwnExpert,
  withdrawRelation,
} from './commands.ts';
import { expertPolicy } from './policy.ts';
import { getExpert, getMyExpert, listExperts, listSpecialties, poolCoverageReport } from './queries.ts';

const TAGS = ['评审专家'];

const SELF_SERVICE_RESPONSES = { 200: expertDetail, 400: errorBody, 404: errorBody, 409: errorBody };

export function expertRoutes(app: App, deps: { db: Db }): void {
  const { db } = deps;
  app.get(
    '/api/experts',
    {
      config: { access: access(expertPolicy, 'list') },
      schema: {
        tags: TAGS,
        summary: '专家库列表',
        querystring: expertListQuery,
        response: { 200: expertPage },
      },
    },
    (req) => listExperts(db, req.ctx, req.query),
  );
  app.post(
    '/api/expert-applications',
    {
      config: { access: access(expertPolicy, 'apply') },
      schema: {
        tags: TAGS,
        summary: '评审专家网上申请（无需登录，同时开通专家账号）',
        body: expertApplicationBody,
        response: { 201: expertApplicationResult, 400: errorBody, 409: errorBody },
      },
    },
    async (req, reply) => reply.status(201).send(await applyAsExpert(db, req.ctx, req.body)),
  );
  app.get(
    '/api/specialties',
    {
      config: { access: access(expertPolicy, 'specialties') },
      schema: { tags: TAGS, summary: '评审专业分类（公开）', response: { 200: specialtyList } },
    },
    () => listSpecialties(db),
  );
  app.get(
    '/api/experts/me',
    {
      config: { access: access(expertPolicy, 'viewOwn') },
      schema: { tags: TAGS, summary: '我的专家信息（含审核进度）', response: { 200: expertDetail } },
    },
    (req) => getMyExpert(db, req.ctx),
  );
  app.get(
    '/api/experts/coverage',
    {
      config: { access: access(expertPolicy, 'coverage') },
      schema: {
        tags: TAGS,
        summary: '专家库覆盖情况：各专业可抽取人数、近 12 个月抽取需求、回避后是否足以组成评审委员会',
        querystring: coverageQuery,
        response: { 200: coverageReport },
      },
    },
    (req) => poolCoverageReport(db, req.ctx, req.query),
  );
  app.get(
    '/api/experts/:id',
    {
      config: { access: access(expertPolicy, 'view') },
      schema: {
        tags: TAGS,
        summary: '专家详情：工作经历、亲属及利害关系、请假、审核与评审记录',
        params: idParams,
        response: { 200: expertDetail, 404: errorBody },
      },
    },
    (req) => getExpert(db, req.ctx, req.params.id),
  );
  app.patch(
    '/api/experts/:id',
    {
      config: { access: access(expertPolicy, 'update') },
      schema: {
        tags: TAGS,
        summary: '专家修改本人信息（职称、专业变更须重新审核）',
        params: idParams,
        body: expertUpdateBody,
        response: { 200: expertDetail, 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    (req) => updateOwnExpert(db, req.ctx, req.params.id, req.body),
  );

  // The expert's own sub-records: one POST per change, so the role × route matrix sees each.
  app.post(
    '/api/experts/:id/employments',
    {
      config: { access: access(expertPolicy, 'update') },
      schema: {
        tags: TAGS,
        summary: '登记工作经历（不填离职日期即为现任单位）',
        params: idParams,
        body: addEmploymentBody,
        response: SELF_SERVICE_RESPONSES,
      },
    },
    (req) => addEmployment(db, req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/experts/:id/employments/end',
    {
      config: { access: access(expertPolicy, 'update') },
      schema: {
        tags: TAGS,
        summary: '登记离职日期',
        params: idParams,
        body: endEmploymentBody,
        response: SELF_SERVICE_RESPONSES,
      },
    },
    (req) => endEmployment(db, req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/experts/:id/relations',
    {
      config: { access: access(expertPolicy, 'update') },
      schema: {
        tags: TAGS,
        summary: '申报亲属或利害关系',
        params: idParams,
        body: declareRelationBody,
        response: SELF_SERVICE_RESPONSES,
      },
    },
    (req) => declareRelation(db, req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/experts/:id/relations/withdraw',
    {
      config: { access: access(expertPolicy, 'update') },
      schema: {
        tags: TAGS,
        summary: '撤回已申报的关系',
        params: idParams,
        body: withdrawRelationBody,
        response: SELF_SERVICE_RESPONSES,
      },
    },
    (req) => withdrawRelation(db, req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/experts/:id/leaves',
    {
      config: { access: access(expertPolicy, 'update') },
      schema: {
        tags: TAGS,
        summary: '登记请假（期间不被抽取）',
        params: idParams,
        body: addLeaveBody,
        response: SELF_SERVICE_RESPONSES,
      },
    },
    (req) => addLeave(db, req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/experts/:id/leaves/cancel',
    {
      config: { access: access(expertPolicy, 'update') },
      schema: {
        tags: TAGS,
        summary: '撤销未结束的请假',
        params: idParams,
        body: cancelLeaveBody,
        response: SELF_SERVICE_RESPONSES,
      },
    },
    (req) => cancelLeave(db, req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/experts/:id/review',
    {
      config: { access: access(expertPolicy, 'review') },
      schema: {
        tags: TAGS,
        summary: '审核专家申请（不予通过须说明理由）',
        params: idParams,
        body: expertReviewBody,
        response: { 200: expertDetail, 404: errorBody, 409: errorBody },
      },
    },
    (req) => reviewExpert(db, req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/experts/:id/status',
    {
      config: { access: access(expertPolicy, 'changeStatus') },
      schema: {
        tags: TAGS,
        summary: '暂停、恢复或除名专家（须说明理由）',
        params: idParams,
        body: expertStatusBody,
        response: { 200: expertDetail, 404: errorBody, 409: errorBody },
      },
    },
    (req) => changeExpertStatus(db, req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/experts/:id/ratings',
    {
      config: { access: access(expertPolicy, 'rate') },
      schema: {
        tags: TAGS,
        summary: '登记专家参加的评审及评价（1–5 分）',
        params: idParams,
        body: expertRatingBody,
        response: { 201: expertDetail, 400: errorBody, 404: errorBody },
      },
    },
    async (req, reply) => reply.status(201).send(await rateExpert(db, req.ctx, req.params.id, req.body)),
  );
}
