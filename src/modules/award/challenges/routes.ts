import { access } from '../../../platform/http/access.ts';
import { errorBody, idParams } from '../../../platform/http/contract.ts';
import type { App } from '../../../platform/http/server.ts';
import type { AwardDeps } from '../deps.ts';
import { fileChallenge, markAffectsResult, replyToChallenge, withdrawChallenge } from './challenges.ts';
import {
  acceptComplaint,
  decideComplaint,
  fileComplaint,
  liftSuspension,
  recordExcludedDays,
  rejectComplaint,
  suspendProcurement,
  withdrawComplaint,
} from './complaints.ts';
import {
  affectsResultBody,
  challengeBody,
  challengeView,
  complaintBody,
  complaintList,
  complaintView,
  decideBody,
  excludedDaysBody,
  liftBody,
  myChallengesView,
  projectChallengesView,
  rejectBody,
  replyBody,
  suspendBody,
} from './contract.ts';
import { challengePolicy, complaintPolicy } from './policy.ts';
import { listComplaints, myChallenges, projectChallenges, readChallenge, readComplaint } from './reads.ts';

const tags = ['质疑投诉'];
const errors = { 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };

/** 质疑 and 投诉: thin routes — validate, one use case, the view. */
export function challengeRoutes(app: App, deps: AwardDeps): void {
  const { db } = deps;

  // ── challenges ────────────────────────────────────────────────────────────────────────────────────
  app.post(
    '/api/projects/:id/challenges',
    {
      config: { access: access(challengePolicy, 'file') },
      schema: {
        tags,
        summary:
          '提出质疑：参与采购活动的供应商在知道或应知权益受损之日起7个工作日内提出（逾期的拒收并说明期限届满日，CHALLENGE_LATE）',
        params: idParams,
        body: challengeBody,
        response: { 201: challengeView, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await fileChallenge(db, req.ctx, req.params.id, req.body)),
  );
  app.get(
    '/api/projects/:id/challenges',
    {
      config: { access: access(challengePolicy, 'listProject') },
      schema: {
        tags,
        summary: '项目的质疑：采购中心、监督人员、本项目采购人查看全部；其他供应商只看到质疑的存在和答复',
        params: idParams,
        response: { 200: projectChallengesView, ...errors },
      },
    },
    (req) => projectChallenges(db, req.ctx, req.params.id),
  );
  app.get(
    '/api/my/challenges',
    {
      config: { access: access(challengePolicy, 'listMine') },
      schema: {
        tags,
        summary: '我的质疑和投诉，及参与项目当前可提出质疑的期限',
        response: { 200: myChallengesView, ...errors },
      },
    },
    (req) => myChallenges(db, req.ctx),
  );
  app.get(
    '/api/challenges/:id',
    {
      config: { access: access(challengePolicy, 'read') },
      schema: {
        tags,
        summary: '质疑函、答复及投诉（其他供应商不可见）',
        params: idParams,
        response: { 200: challengeView, ...errors },
      },
    },
    (req) => readChallenge(db, req.ctx, req.params.id),
  );
  app.post(
    '/api/challenges/:id/withdraw',
    {
      config: { access: access(challengePolicy, 'withdraw') },
      schema: {
        tags,
        summary: '撤回质疑（答复前）',
        params: idParams,
        response: { 200: challengeView, ...errors },
      },
    },
    (req) => withdrawChallenge(db, req.ctx, req.params.id),
  );
  app.post(
    '/api/challenges/:id/affects-result',
    {
      config: { access: access(challengePolicy, 'markAffectsResult') },
      schema: {
        tags,
        summary: '认定质疑是否可能影响中标（成交）结果（影响的，暂停签订合同；政府采购法实施条例第五十四条）',
        params: idParams,
        body: affectsResultBody,
        response: { 200: challengeView, ...errors },
      },
    },
    (req) => markAffectsResult(db, req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/challenges/:id/reply',
    {
      config: { access: access(challengePolicy, 'reply') },
      schema: {
        tags,
        summary: '答复质疑（7个工作日内）：不成立，或成立并采取处理措施（另行确定、重新评审、废标重新采购）',
        params: idParams,
        body: replyBody,
        response: { 200: challengeView, ...errors },
      },
    },
    (req) => replyToChallenge(db, req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/challenges/:id/complaint',
    {
      config: { access: access(challengePolicy, 'complain') },
      schema: {
        tags,
        summary: '就质疑向财政部门投诉：答复期满后15个工作日内（逾期的拒收并说明期限届满日，COMPLAINT_LATE）',
        params: idParams,
        body: complaintBody,
        response: { 201: complaintView, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await fileComplaint(db, req.ctx, req.params.id, req.body)),
  );

  // ── complaints ────────────────────────────────────────────────────────────────────────────────────
  app.get(
    '/api/complaints',
    {
      config: { access: access(complaintPolicy, 'list') },
      schema: { tags, summary: '全部投诉', response: { 200: complaintList, ...errors } },
    },
    (req) => listComplaints(db, req.ctx),
  );
  app.get(
    '/api/complaints/:id',
    {
      config: { access: access(complaintPolicy, 'read') },
      schema: {
        tags,
        summary: '投诉及其处理',
        params: idParams,
        response: { 200: complaintView, ...errors },
      },
    },
    (req) => readComplaint(db, req.ctx, req.params.id),
  );
  app.post(
    '/api/complaints/:id/accept',
    {
      config: { access: access(complaintPolicy, 'handle') },
      schema: {
        tags,
        summary: '受理投诉（收到后5个工作日内审查）；处理期限自收到投诉之日起30个工作日',
        params: idParams,
        response: { 200: complaintView, ...errors },
      },
    },
    (req) => acceptComplaint(db, req.ctx, req.params.id),
  );
  app.post(
    '/api/complaints/:id/reject',
    {
      config: { access: access(complaintPolicy, 'handle') },
      schema: {
        tags,
        summary: '不予受理投诉，说明理由',
        params: idParams,
        body: rejectBody,
        response: { 200: complaintView, ...errors },
      },
    },
    (req) => rejectComplaint(db, req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/complaints/:id/suspend',
    {
      config: { access: access(complaintPolicy, 'handle') },
      schema: {
        tags,
        summary: '暂停采购活动（最长30日，政府采购法第五十七条）；暂停期间不得签订合同',
        params: idParams,
        body: suspendBody,
        response: { 200: complaintView, ...errors },
      },
    },
    (req) => suspendProcurement(db, req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/complaints/:id/lift-suspension',
    {
      config: { access: access(complaintPolicy, 'handle') },
      schema: {
        tags,
        summary: '解除暂停采购活动',
        params: idParams,
        body: liftBody,
        response: { 200: complaintView, ...errors },
      },
    },
    (req) => liftSuspension(db, req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/complaints/:id/excluded-days',
    {
      config: { access: access(complaintPolicy, 'handle') },
      schema: {
        tags,
        summary: '记录检验、检测、鉴定、专家评审、补正材料所用工作日（不计入处理期限）',
        params: idParams,
        body: excludedDaysBody,
        response: { 200: complaintView, ...errors },
      },
    },
    (req) => recordExcludedDays(db, req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/complaints/:id/decide',
    {
      config: { access: access(complaintPolicy, 'handle') },
      schema: {
        tags,
        summary: '作出投诉处理决定（投诉成立的，采取处理措施）',
        params: idParams,
        body: decideBody,
        response: { 200: complaintView, ...errors },
      },
    },
    (req) => decideComplaint(db, req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/complaints/:id/withdraw',
    {
      config: { access: access(complaintPolicy, 'withdraw') },
      schema: {
        tags,
        summary: '撤回投诉（处理决定作出前）',
        params: idParams,
        response: { 200: complaintView, ...errors },
      },
    },
    (req) => withdrawComplaint(db, req.ctx, req.params.id),
  );
}
