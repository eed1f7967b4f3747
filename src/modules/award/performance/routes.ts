import { access } from '../../../platform/http/access.ts';
import { errorBody, idParams } from '../../../platform/http/contract.ts';
import type { App } from '../../../platform/http/server.ts';
import type { AwardDeps } from '../deps.ts';
import { acceptanceReport, acceptanceReportDocx, proposeChecklist, recordAcceptance } from './acceptance.ts';
import {
  acceptanceBody,
  acceptanceReportView,
  checklistView,
  emptyBody,
  invoiceBody,
  issueAnswerBody,
  issueBody,
  issueCloseBody,
  milestonePlanBody,
  milestoneReportBody,
  paymentBody,
  performanceView,
} from './contract.ts';
import { answerIssue, closeIssue, raiseIssue } from './issues.ts';
import { confirmMilestone, planMilestones, reportMilestone } from './milestones.ts';
import { performancePolicy } from './policy.ts';
import { recordInvoice, recordPayment } from './settlement.ts';
import { readPerformance } from './view.ts';

const tags = ['履约验收'];
const errors = { 400: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };

/** Performance supervision, acceptance, invoices and payments of signed contracts; every change answers the view. */
export function performanceRoutes(app: App, deps: AwardDeps): void {
  const { db } = deps;
  const ok = { 200: performanceView, ...errors };
  const created = { 201: performanceView, ...errors };

  app.get(
    '/api/contracts/:id/performance',
    {
      config: { access: access(performancePolicy, 'read') },
      schema: {
        tags,
        summary: '合同履约情况：履约计划、履约问题、验收、发票与付款、付款期限及依据、逾期标记、节约资金',
        params: idParams,
        response: ok,
      },
    },
    (req) => readPerformance(db, req.ctx, req.params.id),
  );
  app.put(
    '/api/contracts/:id/milestones',
    {
      config: { access: access(performancePolicy, 'plan') },
      schema: {
        tags,
        summary: '设置履约计划（交付、安装、培训、服务期）；已报告完成的节点不能修改',
        params: idParams,
        body: milestonePlanBody,
        response: ok,
      },
    },
    async (req) => {
      await planMilestones(db, req.ctx, req.params.id, req.body);
      return readPerformance(db, req.ctx, req.params.id);
    },
  );
  app.post(
    '/api/milestones/:id/report',
    {
      config: { access: access(performancePolicy, 'report') },
      schema: {
        tags,
        summary: '供应商报告履约节点完成（合同中止履行期间不能报告，条例54）',
        params: idParams,
        body: milestoneReportBody,
        response: ok,
      },
    },
    async (req) => readPerformance(db, req.ctx, await reportMilestone(db, req.ctx, req.params.id, req.body)),
  );
  app.post(
    '/api/milestones/:id/confirm',
    {
      config: { access: access(performancePolicy, 'confirm') },
      schema: {
        tags,
        summary: '采购人确认履约节点完成',
        params: idParams,
        body: emptyBody,
        response: ok,
      },
    },
    async (req) => readPerformance(db, req.ctx, await confirmMilestone(db, req.ctx, req.params.id)),
  );
  app.post(
    '/api/contracts/:id/issues',
    {
      config: { access: access(performancePolicy, 'raiseIssue') },
      schema: {
        tags,
        summary: '提出履约问题（采购人或监督人员），供应商在答复期限（工作日）内答复',
        params: idParams,
        body: issueBody,
        response: created,
      },
    },
    async (req, reply) => {
      await raiseIssue(db, req.ctx, req.params.id, req.body);
      return reply.status(201).send(await readPerformance(db, req.ctx, req.params.id));
    },
  );
  app.post(
    '/api/performance-issues/:id/answer',
    {
      config: { access: access(performancePolicy, 'answerIssue') },
      schema: { tags, summary: '供应商答复履约问题', params: idParams, body: issueAnswerBody, response: ok },
    },
    async (req) => readPerformance(db, req.ctx, await answerIssue(db, req.ctx, req.params.id, req.body)),
  );
  app.post(
    '/api/performance-issues/:id/close',
    {
      config: { access: access(performancePolicy, 'closeIssue') },
      schema: {
        tags,
        summary: '采购人关闭履约问题并记录处理结果',
        params: idParams,
        body: issueCloseBody,
        response: ok,
      },
    },
    async (req) => readPerformance(db, req.ctx, await closeIssue(db, req.ctx, req.params.id, req.body)),
  );
  app.get(
    '/api/contracts/:id/acceptance/checklist',
    {
      config: { access: access(performancePolicy, 'read') },
      schema: {
        tags,
        summary: '验收清单建议：由采购需求（★实质性要求、技术/服务要求）、中标人投标承诺和合同约定生成',
        params: idParams,
        response: { 200: checklistView, ...errors },
      },
    },
    (req) => proposeChecklist(db, req.ctx, req.params.id),
  );
  app.post(
    '/api/contracts/:id/acceptances',
    {
      config: { access: access(performancePolicy, 'accept') },
      schema: {
        tags,
        summary:
          '记录履约验收（逐项结论、验收小组、质量检测机构、验收意见）；公共服务项目同时发布验收结果公告（法41；条例45；财库〔2016〕205号）',
        params: idParams,
        body: acceptanceBody,
        response: created,
      },
    },
    async (req, reply) => {
      await recordAcceptance(db, req.ctx, req.params.id, req.body);
      return reply.status(201).send(await readPerformance(db, req.ctx, req.params.id));
    },
  );
  app.get(
    '/api/acceptances/:id/report',
    {
      config: { access: access(performancePolicy, 'read') },
      schema: {
        tags,
        summary: '验收书：规范化报告、SHA-256 摘要及校验结果、可打印文档',
        params: idParams,
        response: { 200: acceptanceReportView, ...errors },
      },
    },
    (req) => acceptanceReport(db, req.ctx, req.params.id),
  );
  app.get(
    '/api/acceptances/:id/report/docx',
    {
      config: { access: access(performancePolicy, 'read') },
      schema: { tags, summary: '下载验收书（docx）', params: idParams },
    },
    async (req, reply) => {
      const file = await acceptanceReportDocx(db, req.ctx, req.params.id);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
        .send(file.body);
    },
  );
  app.post(
    '/api/contracts/:id/invoices',
    {
      config: { access: access(performancePolicy, 'recordInvoice') },
      schema: {
        tags,
        summary: '提交/登记发票（供应商提交或采购人登记收票）',
        params: idParams,
        body: invoiceBody,
        response: created,
      },
    },
    async (req, reply) => {
      await recordInvoice(db, req.ctx, req.params.id, req.body);
      return reply.status(201).send(await readPerformance(db, req.ctx, req.params.id));
    },
  );
  app.post(
    '/api/contracts/:id/payments',
    {
      config: { access: access(performancePolicy, 'recordPayment') },
      schema: {
        tags,
        summary: '采购人登记付款；累计支付不得超过合同金额及补充合同金额；付清后合同履约完毕',
        params: idParams,
        body: paymentBody,
        response: created,
      },
    },
    async (req, reply) => {
      await recordPayment(db, req.ctx, req.params.id, req.body);
      return reply.status(201).send(await readPerformance(db, req.ctx, req.params.id));
    },
  );
}
