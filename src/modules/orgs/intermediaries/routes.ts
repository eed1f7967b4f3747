import type { Db } from '../../../platform/db/client.ts';
import { access } from '../../../platform/http/access.ts';
import { errorBody, idParams } from '../../../platform/http/contract.ts';
import type { App } from '../../../platform/http/server.ts';
import {
  intermediaryListQuery,
  intermediaryPage,
  intermediaryRegistrationBody,
  intermediaryReviewBody,
  intermediaryView,
} from './contract.ts';
import { listIntermediaries, registerIntermediary, reviewIntermediary } from './commands.ts';
import { intermediaryPolicy } from './policy.ts';

const tags = ['中介机构'];

export function intermediaryRoutes(app: App, deps: { db: Db }): void {
  const { db } = deps;
  app.get(
    '/api/intermediaries',
    {
      config: { access: access(intermediaryPolicy, 'listPublic') },
      schema: {
        tags,
        summary: '中介机构名录：公众见已入驻机构，中心与监督部门见全部',
        querystring: intermediaryListQuery,
        response: { 200: intermediaryPage },
      },
    },
    (req) => listIntermediaries(db, req.ctx, req.query),
  );
  app.post(
    '/api/intermediaries',
    {
      config: { access: access(intermediaryPolicy, 'register') },
      schema: {
        tags,
        summary: '中介机构入驻登记（待中心审核）',
        body: intermediaryRegistrationBody,
        response: { 201: intermediaryView, 400: errorBody, 409: errorBody },
      },
    },
    async (req, reply) => reply.status(201).send(await registerIntermediary(db, req.ctx, req.body)),
  );
  app.post(
    '/api/intermediaries/:id/review',
    {
      config: { access: access(intermediaryPolicy, 'review') },
      schema: {
        tags,
        summary: '审核中介机构入驻',
        params: idParams,
        body: intermediaryReviewBody,
        response: { 200: intermediaryView, 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    (req) => reviewIntermediary(db, req.ctx, req.params.id, req.body),
  );
}
