import { z } from 'zod';
import type { Db } from '../../platform/db/client.ts';
import { access } from '../../platform/http/access.ts';
import { errorBody, idParams } from '../../platform/http/contract.ts';
import type { App } from '../../platform/http/server.ts';
import {
  createUserBody,
  resetPasswordBody,
  updateUserBody,
  userListQuery,
  userPage,
  userView,
} from './contract.ts';
import { userPolicy } from './policy.ts';
import { expertRoutes } from './experts/routes.ts';
import { intermediaryRoutes } from './intermediaries/routes.ts';
import { importRoutes } from './import/routes.ts';
import { purchaserRoutes } from './purchasers/routes.ts';
import { supplierRoutes } from './suppliers/routes.ts';
import { createUser, listUsers, resetPassword, updateUser } from './users.ts';

export function orgRoutes(app: App, deps: { db: Db }): void {
  const { db } = deps;
  app.get(
    '/api/users',
    {
      config: { access: access(userPolicy, 'list') },
      schema: {
        tags: ['用户'],
        summary: '用户列表',
        querystring: userListQuery,
        response: { 200: userPage },
      },
    },
    (req) => listUsers(db, req.ctx, req.query),
  );
  app.post(
    '/api/users',
    {
      config: { access: access(userPolicy, 'create') },
      schema: {
        tags: ['用户'],
        summary: '新建用户（首次登录须修改密码）',
        body: createUserBody,
        response: { 201: userView, 400: errorBody, 409: errorBody },
      },
    },
    async (req, reply) => reply.status(201).send(await createUser(db, req.ctx, req.body)),
  );
  app.patch(
    '/api/users/:id',
    {
      config: { access: access(userPolicy, 'update') },
      schema: {
        tags: ['用户'],
        summary: '修改用户：姓名、电话、停用/启用、解除锁定',
        params: idParams,
        body: updateUserBody,
        response: { 200: userView, 404: errorBody },
      },
    },
    (req) => updateUser(db, req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/users/:id/reset-password',
    {
      config: { access: access(userPolicy, 'resetPassword') },
      schema: {
        tags: ['用户'],
        summary: '重置密码（用户下次登录须修改）',
        params: idParams,
        body: resetPasswordBody,
        response: { 204: z.null(), 404: errorBody },
      },
    },
    async (req, reply) => {
      await resetPassword(db, req.ctx, req.params.id, req.body.password);
      return reply.status(204).send(null);
    },
  );
  purchaserRoutes(app, deps);
  supplierRoutes(app, deps);
  expertRoutes(app, deps);
  intermediaryRoutes(app, deps);
  importRoutes(app, deps);
}
