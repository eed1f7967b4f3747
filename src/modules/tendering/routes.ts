import { z } from 'zod';
import type { Db } from '../../platform/db/client.ts';
import { access } from '../../platform/http/access.ts';
import { errorBody, idParams, pageQuery } from '../../platform/http/contract.ts';
import type { App } from '../../platform/http/server.ts';
import { answerQuestion, askQuestion, listClarifications } from './clarifications.ts';
import {
  answerBody,
  approvalBody,
  bundleSuggestionQuery,
  bundleSuggestions,
  correctionBody,
  justificationBody,
  programmeBody,
  programmePage,
  programmeView,
  projectBody,
  projectListQuery,
  projectPage,
  projectUpdateBody,
  projectView,
  publishBody,
  questionBody,
  questionList,
  questionView,
  templateBody,
  templateKindParams,
  templateList,
  templateView,
  retenderBody,
  terminateBody,
} from './contract.ts';
import { bundlePolicy, programmePolicy, projectPolicy, templatePolicy } from './policy.ts';
import { createProgramme, listProgrammes, readBundleSuggestions } from './programmes.ts';
import {
  createProject,
  justifyFinding,
  lintProject,
  listProjects,
  readProject,
  recordApproval,
  retenderProject,
  updateProject,
} from './projects.ts';
import { correctProject, publishProject, terminateProject } from './publication.ts';
import { listTemplates, renderProjectDocument, reviseTemplate } from './templates.ts';

const tags = ['项目与招标'];
const errors = { 400: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };
const questionParams = z.object({ id: z.uuid(), questionId: z.uuid() });
const documentQuery = z.object({ format: z.enum(['docx', 'pdf']).default('docx') });

export function tenderingRoutes(app: App, deps: { db: Db; chromiumPath: string }): void {
  const { db } = deps;

  app.get(
    '/api/projects',
    {
      config: { access: access(projectPolicy, 'list') },
      schema: {
        tags,
        summary: '采购项目（采购人仅见本单位参与的项目）',
        querystring: projectListQuery,
        response: { 200: projectPage },
      },
    },
    (req) => listProjects(db, req.ctx, req.query),
  );
  app.post(
    '/api/projects',
    {
      config: { access: access(projectPolicy, 'create') },
      schema: {
        tags,
        summary: '由已受理的采购计划立项（可多个单位打包），设包、预算与最高限价',
        body: projectBody,
        response: { 201: projectView, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await createProject(db, req.ctx, req.body)),
  );
  app.get(
    '/api/projects/:id',
    {
      config: { access: access(projectPolicy, 'read') },
      schema: {
        tags,
        summary: '项目详情（含采购方式检查、文件检查结果、公告）',
        params: idParams,
        response: { 200: projectView, ...errors },
      },
    },
    (req) => readProject(db, req.ctx, req.params.id),
  );
  app.patch(
    '/api/projects/:id',
    {
      config: { access: access(projectPolicy, 'edit') },
      schema: {
        tags,
        summary: '修改项目（已检查或已批准的项目回到草稿，须重新检查）',
        params: idParams,
        body: projectUpdateBody,
        response: { 200: projectView, ...errors },
      },
    },
    (req) => updateProject(db, req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/projects/:id/lint',
    {
      config: { access: access(projectPolicy, 'lint') },
      schema: {
        tags,
        summary: '采购文件检查（歧视性条款、权重与金额范围、采购方式）',
        params: idParams,
        response: { 200: projectView, ...errors },
      },
    },
    (req) => lintProject(db, req.ctx, req.params.id),
  );
  app.post(
    '/api/projects/:id/justifications',
    {
      config: { access: access(projectPolicy, 'justify') },
      schema: {
        tags,
        summary: '对需说明的检查问题记录保留理由',
        params: idParams,
        body: justificationBody,
        response: { 200: projectView, ...errors },
      },
    },
    (req) => justifyFinding(db, req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/projects/:id/approval',
    {
      config: { access: access(projectPolicy, 'recordApproval') },
      schema: {
        tags,
        summary: '登记财政部门的采购方式批复（达到公开招标数额标准而采用其他方式）',
        params: idParams,
        body: approvalBody,
        response: { 200: projectView, ...errors },
      },
    },
    (req) => recordApproval(db, req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/projects/:id/publish',
    {
      config: { access: access(projectPolicy, 'publish') },
      schema: {
        tags,
        summary: '发布采购公告（法定期限强制校验）',
        params: idParams,
        body: publishBody,
        response: { 200: projectView, ...errors },
      },
    },
    (req) => publishProject(db, req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/projects/:id/corrections',
    {
      config: { access: access(projectPolicy, 'correct') },
      schema: {
        tags,
        summary: '发布更正公告（影响投标文件编制的，截止时间依法顺延）',
        params: idParams,
        body: correctionBody,
        response: { 200: projectView, ...errors },
      },
    },
    (req) => correctProject(db, req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/projects/:id/terminate',
    {
      config: { access: access(projectPolicy, 'terminate') },
      schema: {
        tags,
        summary: '终止采购（已发布的项目同时发布终止公告）',
        params: idParams,
        body: terminateBody,
        response: { 200: projectView, ...errors },
      },
    },
    (req) => terminateProject(db, req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/projects/:id/retender',
    {
      config: { access: access(projectPolicy, 'retender') },
      schema: {
        tags,
        summary:
          '废标后重新组织采购（可变更采购方式，须经批准的在发布前审批；政府采购法第三十六条、第三十七条）',
        params: idParams,
        body: retenderBody,
        response: { 201: projectView, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await retenderProject(db, req.ctx, req.params.id, req.body)),
  );
  app.get(
    '/api/projects/:id/document',
    {
      config: { access: access(projectPolicy, 'document') },
      schema: {
        tags,
        summary: '下载采购文件（由范本和项目数据生成，docx 或 pdf；供应商下载留痕）',
        params: idParams,
        querystring: documentQuery,
      },
    },
    async (req, reply) => {
      const file = await renderProjectDocument(
        db,
        req.ctx,
        req.params.id,
        req.query.format,
        deps.chromiumPath,
      );
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
        .send(file.body);
    },
  );

  app.get(
    '/api/projects/:id/clarifications',
    {
      config: { access: access(projectPolicy, 'readClarifications') },
      schema: {
        tags,
        summary: '澄清问答（不显示提问人）',
        params: idParams,
        response: { 200: questionList, ...errors },
      },
    },
    (req) => listClarifications(db, req.ctx, req.params.id),
  );
  app.post(
    '/api/projects/:id/clarifications',
    {
      config: { access: access(projectPolicy, 'ask') },
      schema: {
        tags,
        summary: '供应商提出澄清问题',
        params: idParams,
        body: questionBody,
        response: { 201: questionView, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await askQuestion(db, req.ctx, req.params.id, req.body)),
  );
  app.post(
    '/api/projects/:id/clarifications/:questionId/answer',
    {
      config: { access: access(projectPolicy, 'answer') },
      schema: {
        tags,
        summary: '答复澄清问题（答复对所有供应商公开）',
        params: questionParams,
        body: answerBody,
        response: { 200: questionView, ...errors },
      },
    },
    (req) => answerQuestion(db, req.ctx, req.params.id, req.params.questionId, req.body),
  );

  app.get(
    '/api/programmes',
    {
      config: { access: access(programmePolicy, 'list') },
      schema: {
        tags,
        summary: '专项（校安工程、一事一议等）及合计',
        querystring: pageQuery,
        response: { 200: programmePage },
      },
    },
    (req) => listProgrammes(db, req.ctx, req.query),
  );
  app.post(
    '/api/programmes',
    {
      config: { access: access(programmePolicy, 'create') },
      schema: { tags, summary: '新建专项', body: programmeBody, response: { 201: programmeView, ...errors } },
    },
    async (req, reply) => reply.status(201).send(await createProgramme(db, req.ctx, req.body)),
  );
  app.get(
    '/api/bundle-suggestions',
    {
      config: { access: access(bundlePolicy, 'suggest') },
      schema: {
        tags,
        summary: '打包采购建议：同一品目、相近月份、多个单位的已受理计划',
        querystring: bundleSuggestionQuery,
        response: { 200: bundleSuggestions },
      },
    },
    (req) => readBundleSuggestions(db, req.ctx, req.query),
  );

  app.get(
    '/api/templates',
    {
      config: { access: access(templatePolicy, 'list') },
      schema: { tags, summary: '标准招标文件范本（各版本）', response: { 200: templateList } },
    },
    (req) => listTemplates(db, req.ctx),
  );
  app.post(
    '/api/templates/:kind/versions',
    {
      config: { access: access(templatePolicy, 'revise') },
      schema: {
        tags,
        summary: '修订范本（生成新版本；已用旧版本的项目不受影响）',
        params: templateKindParams,
        body: templateBody,
        response: { 201: templateView, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await reviseTemplate(db, req.ctx, req.params.kind, req.body)),
  );
}
