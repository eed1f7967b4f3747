import { access } from '../../../platform/http/access.ts';
import { errorBody, idParams } from '../../../platform/http/contract.ts';
import type { App } from '../../../platform/http/server.ts';
import type { AwardDeps } from '../deps.ts';
import { confirmWinner, publishResult, recordDelay, recordReevaluation } from './awards.ts';
import {
  awardView,
  confirmBody,
  delayBody,
  letterList,
  letterView,
  lotParams,
  reevaluationBody,
} from './contract.ts';
import { awardPolicy, letterPolicy } from './policy.ts';
import { markLetterRead, myLetters, readAward } from './view.ts';

const errors = { 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

export function decisionRoutes(app: App, { db }: AwardDeps): void {
  app.get(
    '/api/projects/:id/award',
    {
      config: { access: access(awardPolicy, 'read') },
      schema: {
        tags: ['定标'],
        summary: '项目的定标情况：各包候选人、确认期限、结果公告',
        params: idParams,
        response: { 200: awardView, ...errors },
      },
    },
    (req) => readAward(db, req.ctx, req.params.id),
  );
  app.post(
    '/api/projects/:id/award/lots/:lotNo/confirm',
    {
      config: { access: access(awardPolicy, 'confirm') },
      schema: {
        tags: ['定标'],
        summary: '采购人按评审报告推荐顺序确定中标（成交）供应商（实施条例第四十三条）',
        params: lotParams,
        body: confirmBody,
        response: { 200: awardView, ...errors },
      },
    },
    async (req) => {
      await confirmWinner(db, req.ctx, req.params.id, req.params.lotNo, req.body);
      return readAward(db, req.ctx, req.params.id);
    },
  );
  app.post(
    '/api/projects/:id/award/lots/:lotNo/delay',
    {
      config: { access: access(awardPolicy, 'delay') },
      schema: {
        tags: ['定标'],
        summary: '采购人说明不能按期确定的合法理由（87号令第六十八条）',
        params: lotParams,
        body: delayBody,
        response: { 200: awardView, ...errors },
      },
    },
    async (req) => {
      await recordDelay(db, req.ctx, req.params.id, req.params.lotNo, req.body);
      return readAward(db, req.ctx, req.params.id);
    },
  );
  app.post(
    '/api/projects/:id/award/lots/:lotNo/reevaluation',
    {
      config: { access: access(awardPolicy, 'reevaluate') },
      schema: {
        tags: ['定标'],
        summary: '记录重新评审后的候选人顺序（87号令第六十四条）',
        params: lotParams,
        body: reevaluationBody,
        response: { 200: awardView, ...errors },
      },
    },
    async (req) => {
      await recordReevaluation(db, req.ctx, req.params.id, req.params.lotNo, req.body);
      return readAward(db, req.ctx, req.params.id);
    },
  );
  app.post(
    '/api/projects/:id/award/result',
    {
      config: { access: access(awardPolicy, 'publish') },
      schema: {
        tags: ['定标'],
        summary: '发布中标（成交）结果公告并发出中标（成交）通知书、结果告知书（实施条例第四十三条）',
        params: idParams,
        response: { 200: awardView, ...errors },
      },
    },
    async (req) => {
      await publishResult(db, req.ctx, req.params.id);
      return readAward(db, req.ctx, req.params.id);
    },
  );
  app.get(
    '/api/my/award-letters',
    {
      config: { access: access(letterPolicy, 'listMine') },
      schema: {
        tags: ['定标'],
        summary: '本单位收到的中标（成交）通知书和结果告知书',
        response: { 200: letterList, ...errors },
      },
    },
    (req) => myLetters(db, req.ctx),
  );
  app.post(
    '/api/award-letters/:id/read',
    {
      config: { access: access(letterPolicy, 'listMine') },
      schema: {
        tags: ['定标'],
        summary: '签收通知书',
        params: idParams,
        response: { 200: letterView, ...errors },
      },
    },
    (req) => markLetterRead(db, req.ctx, req.params.id),
  );
}
