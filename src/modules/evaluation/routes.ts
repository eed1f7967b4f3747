import type { Db } from '../../platform/db/client.ts';
import { access } from '../../platform/http/access.ts';
import { errorBody, idParams } from '../../platform/http/contract.ts';
import type { App } from '../../platform/http/server.ts';
import { changeCommittee, formCommittee, readCommittee } from './committee.ts';
import {
  committeeBody,
  committeeView,
  drawInputBody,
  invitationList,
  invitationView,
  respondBody,
} from './contract.ts';
import { drawExportSchema } from './draw.contract.ts';
import { exportDraw, prepareCommitteeDraw, witnessDraw } from './draws.ts';
import { myInvitations, respondToInvitation } from './invitations.ts';
import { committeePolicy, invitationPolicy } from './policy.ts';

const tags = ['评审'];
const errors = { 400: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };

export function evaluationRoutes(app: App, deps: { db: Db }): void {
  const { db } = deps;
  app.post(
    '/api/projects/:id/committee',
    {
      config: { access: access(committeePolicy, 'form') },
      schema: {
        tags,
        summary: '组建评审委员会（评审时间地点、各专业抽取人数、采购人代表），按法定人数规则校验',
        params: idParams,
        body: committeeBody,
        response: { 201: committeeView, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await formCommittee(db, req.ctx, req.params.id, req.body)),
  );
  app.put(
    '/api/projects/:id/committee',
    {
      config: { access: access(committeePolicy, 'form') },
      schema: {
        tags,
        summary: '修改评审委员会组成（抽取专家之前）',
        params: idParams,
        body: committeeBody,
        response: { 200: committeeView, ...errors },
      },
    },
    (req) => changeCommittee(db, req.ctx, req.params.id, req.body),
  );
  app.get(
    '/api/projects/:id/committee',
    {
      config: { access: access(committeePolicy, 'read') },
      schema: {
        tags,
        summary: '评审委员会：组成、抽取记录、专家答复（评审开始前不显示专家姓名）',
        params: idParams,
        response: { 200: committeeView, ...errors },
      },
    },
    (req) => readCommittee(db, req.ctx, req.params.id),
  );
  app.post(
    '/api/projects/:id/committee/draws',
    {
      config: { access: access(committeePolicy, 'prepareDraw') },
      schema: {
        tags,
        summary: '准备抽取：冻结候选专家名单，公布平台种子的承诺值（SHA-256）',
        params: idParams,
        response: { 201: committeeView, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await prepareCommitteeDraw(db, req.ctx, req.params.id)),
  );
  app.post(
    '/api/draws/:id/witness',
    {
      config: { access: access(committeePolicy, 'witnessDraw') },
      schema: {
        tags,
        summary: '现场抽取：监督人员输入随机内容，平台按公开算法抽取并公开种子',
        params: idParams,
        body: drawInputBody,
        response: { 200: committeeView, ...errors },
      },
    },
    (req) => witnessDraw(db, req.ctx, req.params.id, req.body.supervisorInput),
  );
  app.get(
    '/api/draws/:id/export',
    {
      config: { access: access(committeePolicy, 'exportDraw') },
      schema: {
        tags,
        summary: '导出抽取记录（可用 zhengcai draw verify 离线重放验证）',
        params: idParams,
        response: { 200: drawExportSchema, ...errors },
      },
    },
    (req) => exportDraw(db, req.ctx, req.params.id),
  );
  app.get(
    '/api/my/invitations',
    {
      config: { access: access(invitationPolicy, 'listMine') },
      schema: { tags, summary: '我的评审邀请', response: { 200: invitationList, ...errors } },
    },
    (req) => myInvitations(db, req.ctx),
  );
  app.post(
    '/api/committee-seats/:id/respond',
    {
      config: { access: access(invitationPolicy, 'respond') },
      schema: {
        tags,
        summary: '答复评审邀请：确认参加，或说明原因不能参加（由抽取顺序中的下一位专家递补）',
        params: idParams,
        body: respondBody,
        response: { 200: invitationView, ...errors },
      },
    },
    (req) => respondToInvitation(db, req.ctx, req.params.id, req.body),
  );
}
