import type { Db } from '../../../platform/db/client.ts';
import { access } from '../../../platform/http/access.ts';
import { errorBody, idParams } from '../../../platform/http/contract.ts';
import type { App } from '../../../platform/http/server.ts';
import {
  purchaserBody,
  purchaserDetail,
  purchaserListQuery,
  purchaserPage,
  purchaserUpdateBody,
} from './contract.ts';
import { createPurchaser, readPurchaser, updatePurchaser } from './commands.ts';
import { purchaserPolicy } from './policy.ts';
import { listPurchasers } from './queries.ts';

const tags = ['采购单位'];

export function purchaserRoutes(app: App, deps: { db: Db }): void {
  const { db } = deps;
  app.get(
    '/api/purchasers',
    {
      config: { access: access(purchaserPolicy, 'list') },
      schema: {
        tags: ['采购单位'],
        summary: '采购单位列表',
        querystring: purchaserListQuery,
        response: { 200: purchaserPage },
      },
    },
    (req) => listPurchasers(db, req.ctx, req.query),
  );
  app.get(
    '/api/purchasers/:id',
    {
      config: { access: access(purchaserPolicy, 'read') },
      schema: {
        tags,
        summary: '采购单位详情：下级单位与经办账号',
        params: idParams,
        response: { 200: purchaserDetail, 404: errorBody },
      },
    },
    (req) => readPurchaser(db, req.ctx, req.params.id),
  );
  app.post(
    '/api/purchasers',
    {
      config: { access: access(purchaserPolicy, 'create') },
      schema: {
        tags,
        summary: '新增采购单位（县直单位、乡镇、村级）',
        body: purchaserBody,
        response: { 201: purchaserDetail, 400: errorBody, 409: errorBody },
      },
    },
    async (req, reply) => reply.status(201).send(await createPurchaser(db, req.ctx, req.body)),
  );
  app.patch(
    '/api/purchasers/:id',
    {
      config: { access: access(purchaserPolicy, 'update') },
      schema: {
        tags,
        summary: '修改采购单位',
        params: idParams,
        body: purchaserUpdateBody,
        response: { 200: purchaserDetail, 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    (req) => updatePurchaser(db, req.ctx, req.params.id, req.body),
  );
}
