import type { Db } from '../../platform/db/client.ts';
import type { FileStore } from '../../platform/files/store.ts';
import { access } from '../../platform/http/access.ts';
import { errorBody, idParams } from '../../platform/http/contract.ts';
import type { App } from '../../platform/http/server.ts';
import { changeCommittee, formCommittee, presentDraw, readCommittee } from './committee.ts';
import {
  committeeBody,
  committeeView,
  checksBody,
  correctionBody,
  correctionDecisionBody,
  correctionList,
  correctionView,
  decisionBody,
  documentParams,
  drawInputBody,
  drawView,
  evaluationView,
  explanationBody,
  invitationList,
  invitationView,
  lotParams,
  myReviewsView,
  reportList,
  respondBody,
  scoresBody,
  signBody,
  startBody,
  submitBody,
} from './contract.ts';
import { startReview, signDeclaration } from './room.ts';
import { readBidDocument, readReports, readRoom } from './view.ts';
import { answerCorrection, myCorrections, recordCorrection } from './corrections.ts';
import {
  decideAbnormal,
  explainPrice,
  myReviews,
  prepareDrawForLot,
  recordChecks,
  recordScores,
  signReport,
  submitPhase,
} from './work.ts';
import { z } from 'zod';
import { drawExportSchema } from './draw.contract.ts';
import { exportDraw, prepareCommitteeDraw, publicDraws } from './draws.ts';
import { witnessDraw } from './witness.ts';
import { myInvitations, respondToInvitation } from './invitations.ts';
import { committeePolicy, evaluationPolicy, invitationPolicy, publicDrawPolicy } from './policy.ts';

const tags = ['评审'];
const errors = { 400: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };

export function evaluationRoutes(app: App, deps: { db: Db; store: FileStore }): void {
  const { db, store } = deps;
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
        response: { 200: drawView, ...errors },
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

  // ── the evaluation room ───────────────────────────────────────────────────────────────────────────
  const ok = z.object({ ok: z.literal(true) });
  app.post(
    '/api/projects/:id/evaluation',
    {
      config: { access: access(evaluationPolicy, 'conduct') },
      schema: {
        tags,
        summary: '开始评审：评审时间已到、评审委员会已组建，确定组长（不得为采购人代表）',
        params: idParams,
        body: startBody,
        response: { 200: evaluationView, ...errors },
      },
    },
    async (req) => {
      await startReview(db, req.ctx, req.params.id, req.body, store);
      return readRoom(db, req.ctx, req.params.id);
    },
  );
  app.get(
    '/api/projects/:id/evaluation',
    {
      config: { access: access(evaluationPolicy, 'read') },
      schema: {
        tags,
        summary: '评审室：评审委员会成员（签署承诺书后）查看投标并评审；采购中心和监督人员全程查看',
        params: idParams,
        response: { 200: evaluationView, ...errors },
      },
    },
    (req) => readRoom(db, req.ctx, req.params.id),
  );
  app.post(
    '/api/projects/:id/evaluation/declaration',
    {
      config: { access: access(evaluationPolicy, 'sit') },
      schema: {
        tags,
        summary: '签署评审专家承诺书（无利害关系、独立评审）',
        params: idParams,
        response: { 200: evaluationView, ...errors },
      },
    },
    async (req) => {
      await signDeclaration(db, req.ctx, req.params.id);
      return readRoom(db, req.ctx, req.params.id);
    },
  );
  app.get(
    '/api/projects/:id/evaluation/documents/:bidId/:part',
    {
      config: { access: access(evaluationPolicy, 'read') },
      schema: {
        tags,
        summary: '查看投标文件（开标时已解密；暗标阶段仅暗标技术文件）',
        params: documentParams,
      },
    },
    async (req, reply) => {
      const file = await readBidDocument(db, req.ctx, { ...req.params, projectId: req.params.id }, store);
      return reply
        .header('content-type', file.mime)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .send(file.stream);
    },
  );
  const lotRoute = <B extends z.ZodType>(
    url: string,
    summary: string,
    body: B,
    run: (req: {
      ctx: Parameters<typeof readRoom>[1];
      params: z.infer<typeof lotParams>;
      body: z.infer<B>;
    }) => Promise<unknown>,
  ) =>
    app.post(
      url,
      {
        config: { access: access(evaluationPolicy, 'sit') },
        schema: { tags, summary, params: lotParams, body, response: { 200: evaluationView, ...errors } },
      },
      async (req) => {
        await run({ ctx: req.ctx, params: req.params, body: req.body as z.infer<B> });
        return readRoom(db, req.ctx, req.params.id);
      },
    );
  lotRoute(
    '/api/projects/:id/evaluation/lots/:lotNo/checks',
    '记录资格性、符合性审查意见（不通过须写明理由）',
    checksBody,
    (r) => recordChecks(db, r.ctx, r.params.id, r.params.lotNo, r.body),
  );
  lotRoute(
    '/api/projects/:id/evaluation/lots/:lotNo/corrections',
    '算术修正（87号令第五十九条，组长记录；投标人确认后生效）',
    correctionBody,
    (r) => recordCorrection(db, r.ctx, r.params.id, r.params.lotNo, r.body),
  );
  lotRoute(
    '/api/projects/:id/evaluation/lots/:lotNo/scores',
    '记录评分（每项不超过该项分值）',
    scoresBody,
    (r) => recordScores(db, r.ctx, r.params.id, r.params.lotNo, r.body),
  );
  lotRoute(
    '/api/projects/:id/evaluation/lots/:lotNo/submit',
    '提交本阶段评审结果（提交后不能修改）',
    submitBody,
    (r) => submitPhase(db, r.ctx, r.params.id, r.params.lotNo, r.body.phase),
  );
  lotRoute(
    '/api/projects/:id/evaluation/lots/:lotNo/sign',
    '签署评审报告（同意，或写明不同意见及理由）',
    signBody,
    (r) => signReport(db, r.ctx, r.params.id, r.params.lotNo, r.body),
  );
  app.post(
    '/api/projects/:id/evaluation/lots/:lotNo/draws',
    {
      config: { access: access(evaluationPolicy, 'conduct') },
      schema: {
        tags,
        summary: '准备抽签（得分相同的排序、合理定价评审抽签法）：公布平台种子承诺值',
        params: lotParams,
        response: { 201: drawView, ...errors },
      },
    },
    async (req, reply) => {
      const d = await prepareDrawForLot(db, req.ctx, req.params.id, req.params.lotNo);
      return reply.status(201).send(presentDraw(d, new Map()));
    },
  );
  app.get(
    '/api/projects/:id/evaluation/my-reviews',
    {
      config: { access: access(evaluationPolicy, 'explain') },
      schema: {
        tags,
        summary: '本单位投标的异常低价说明要求',
        params: idParams,
        response: { 200: myReviewsView, ...errors },
      },
    },
    (req) => myReviews(db, req.ctx, req.params.id),
  );
  app.post(
    '/api/abnormal-reviews/:id/explanation',
    {
      config: { access: access(evaluationPolicy, 'explain') },
      schema: {
        tags,
        summary: '提交报价合理性的书面说明（财库〔2026〕2号）',
        params: idParams,
        body: explanationBody,
        response: { 200: ok, ...errors },
      },
    },
    async (req) => {
      await explainPrice(db, req.ctx, req.params.id, req.body);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/abnormal-reviews/:id/decision',
    {
      config: { access: access(evaluationPolicy, 'sit') },
      schema: {
        tags,
        summary: '评审委员会对异常低价的认定（组长记录）',
        params: idParams,
        body: decisionBody,
        response: { 200: ok, ...errors },
      },
    },
    async (req) => {
      await decideAbnormal(db, req.ctx, req.params.id, req.body);
      return { ok: true as const };
    },
  );
  app.get(
    '/api/projects/:id/evaluation/reports',
    {
      config: { access: access(evaluationPolicy, 'readReports') },
      schema: {
        tags,
        summary: '评审报告（全体成员签署后送采购人）',
        params: idParams,
        response: { 200: reportList, ...errors },
      },
    },
    (req) => readReports(db, req.ctx, req.params.id),
  );
  app.get(
    '/api/projects/:id/evaluation/my-corrections',
    {
      config: { access: access(evaluationPolicy, 'explain') },
      schema: {
        tags,
        summary: '本单位投标报价的算术修正（须确认，不确认的投标无效）',
        params: idParams,
        response: { 200: correctionList, ...errors },
      },
    },
    (req) => myCorrections(db, req.ctx, req.params.id),
  );
  app.post(
    '/api/price-corrections/:id/answer',
    {
      config: { access: access(evaluationPolicy, 'explain') },
      schema: {
        tags,
        summary: '确认或不确认修正后的报价（87号令第五十九条）',
        params: idParams,
        body: correctionDecisionBody,
        response: { 200: correctionView, ...errors },
      },
    },
    (req) => answerCorrection(db, req.ctx, req.params.id, req.body.accept),
  );
  app.get(
    '/api/portal/projects/:id/draws',
    {
      config: { access: access(publicDrawPolicy, 'read') },
      schema: {
        tags: ['公开'],
        summary: '公开的抽取记录（结果公告后，含专家姓名，可在本站或用 zhengcai draw verify 重放验证）',
        params: idParams,
        response: { 200: z.array(drawExportSchema), 404: errorBody },
      },
    },
    (req) => publicDraws(db, req.ctx, req.params.id),
  );
}
