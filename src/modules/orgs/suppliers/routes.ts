import type { z } from 'zod';
import type { RequestContext } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/client.ts';
import { access } from '../../../platform/http/access.ts';
import { errorBody, idParams } from '../../../platform/http/contract.ts';
import type { App } from '../../../platform/http/server.ts';
import {
  bankAccountsBody,
  contactsBody,
  qualificationsBody,
  sanctionBody,
  supplierListQuery,
  supplierPage,
  supplierPeopleBody,
  supplierReadResponse,
  supplierRegistrationBody,
  supplierReviewBody,
  supplierUpdateBody,
} from './contract.ts';
import {
  addSanction,
  mySupplier,
  readSupplier,
  registerSupplier,
  replaceSupplierList,
  reviewSupplier,
  updateSupplier,
} from './commands.ts';
import { supplierPolicy } from './policy.ts';
import { listSuppliers } from './queries.ts';

type ListRunner<S extends z.ZodType> = (
  ctx: RequestContext,
  id: string,
  body: z.output<S>,
) => Promise<z.infer<typeof supplierReadResponse>>;

const tags = ['供应商'];
const errors = { 400: errorBody, 404: errorBody, 409: errorBody };

export function supplierRoutes(app: App, deps: { db: Db }): void {
  const { db } = deps;
  app.get(
    '/api/suppliers',
    {
      config: { access: access(supplierPolicy, 'list') },
      schema: {
        tags,
        summary: '供应商列表',
        querystring: supplierListQuery,
        response: { 200: supplierPage },
      },
    },
    (req) => listSuppliers(db, req.ctx, req.query),
  );
  app.post(
    '/api/supplier-registrations',
    {
      config: { access: access(supplierPolicy, 'register') },
      schema: {
        tags,
        summary: '供应商自助注册（待中心审核），同时开设首个账号',
        body: supplierRegistrationBody,
        response: { 201: supplierReadResponse, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await registerSupplier(db, req.ctx, req.body)),
  );
  app.get(
    '/api/suppliers/me',
    {
      config: { access: access(supplierPolicy, 'update') },
      schema: {
        tags,
        summary: '本供应商的完整资料',
        response: { 200: supplierReadResponse, 404: errorBody },
      },
    },
    (req) => mySupplier(db, req.ctx),
  );
  app.get(
    '/api/suppliers/:id',
    {
      config: { access: access(supplierPolicy, 'readPublic') },
      schema: {
        tags,
        summary: '供应商详情：有权者见完整资料，公众仅见已审核供应商的公开信息',
        params: idParams,
        response: { 200: supplierReadResponse, 404: errorBody },
      },
    },
    (req) => readSupplier(db, req.ctx, req.params.id),
  );
  app.patch(
    '/api/suppliers/:id',
    {
      config: { access: access(supplierPolicy, 'update') },
      schema: {
        tags,
        summary: '修改本供应商资料；修改经审核的事项后重新进入审核',
        params: idParams,
        body: supplierUpdateBody,
        response: { 200: supplierReadResponse, ...errors },
      },
    },
    (req) => updateSupplier(db, req.ctx, req.params.id, req.body),
  );
  /** The profile's lists are edited as wholes: one PUT each, replacing the list. */
  const putList = <S extends z.ZodType>(path: string, body: S, summary: string, run: ListRunner<S>): void => {
    app.put(
      `/api/suppliers/:id/${path}`,
      {
        config: { access: access(supplierPolicy, 'update') },
        schema: { tags, summary, params: idParams, body, response: { 200: supplierReadResponse, ...errors } },
      },
      // The type provider cannot carry a generic schema through; parsing the validated body again is cheap
      // (and idempotent for these schemas) and gives the runner its exact type.
      (req) => run(req.ctx, req.params.id, body.parse(req.body)),
    );
  };
  putList(
    'people',
    supplierPeopleBody,
    '股东、实际控制人及管理人员（整体替换；变更后重新审核）',
    (ctx, id, body) => replaceSupplierList(db, ctx, id, { kind: 'people', body }),
  );
  putList('bank-accounts', bankAccountsBody, '银行账户（整体替换）', (ctx, id, body) =>
    replaceSupplierList(db, ctx, id, { kind: 'bankAccounts', body }),
  );
  putList('contacts', contactsBody, '联系人（整体替换）', (ctx, id, body) =>
    replaceSupplierList(db, ctx, id, { kind: 'contacts', body }),
  );
  putList('qualifications', qualificationsBody, '资质证书（整体替换；变更后重新审核）', (ctx, id, body) =>
    replaceSupplierList(db, ctx, id, { kind: 'qualifications', body }),
  );
  app.post(
    '/api/suppliers/:id/review',
    {
      config: { access: access(supplierPolicy, 'review') },
      schema: {
        tags,
        summary: '审核供应商：通过或驳回（驳回须说明理由）',
        params: idParams,
        body: supplierReviewBody,
        response: { 200: supplierReadResponse, ...errors },
      },
    },
    (req) => reviewSupplier(db, req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/suppliers/:id/sanctions',
    {
      config: { access: access(supplierPolicy, 'sanction') },
      schema: {
        tags,
        summary: '登记失信或禁止参加政府采购活动记录',
        params: idParams,
        body: sanctionBody,
        response: { 200: supplierReadResponse, ...errors },
      },
    },
    (req) => addSanction(db, req.ctx, req.params.id, req.body),
  );
}
