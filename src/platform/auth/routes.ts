import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { csrfUserInfo, type App } from '../http/server.ts';
import { access, PUBLIC } from '../http/access.ts';
import { errorBody } from '../http/contract.ts';
import { ROLE_LABELS } from './actor.ts';
import { changePasswordBody, loginBody, sessionResponse, type SessionResponse } from './contract.ts';
import { collectionAbilities } from './policy.ts';
import { sessionPolicy } from './policies.ts';
import { changePassword, login, logout, SESSION_COOKIE } from './service.ts';

export interface AuthRouteOptions {
  db: Db;
  ttlSeconds: number;
  cookieSecure: boolean;
  /** Per client address and minute, on top of the per-account throttle kept in the database. */
  loginRatePerMinute: number;
}

function sessionBody(req: FastifyRequest, reply: FastifyReply, mustChangePassword: boolean): SessionResponse {
  const actor = req.actor;
  const csrfToken = reply.generateCsrf({ userInfo: csrfUserInfo(actor) });
  return {
    user:
      actor.kind === 'user'
        ? {
            id: actor.userId,
            username: actor.username,
            displayName: actor.displayName,
            role: actor.role,
            roleLabel: ROLE_LABELS[actor.role],
            purchaserId: actor.purchaserId,
            supplierId: actor.supplierId,
            expertId: actor.expertId,
            mustChangePassword,
          }
        : null,
    csrfToken,
    abilities: collectionAbilities(actor),
  };
}

export function authRoutes(app: App, opts: AuthRouteOptions): void {
  const tags = ['认证'];
  app.get(
    '/api/auth/session',
    {
      config: { access: PUBLIC },
      schema: { tags, summary: '当前会话、CSRF 令牌与权限', response: { 200: sessionResponse } },
    },
    (req, reply) => sessionBody(req, reply, req.mustChangePassword),
  );

  app.post(
    '/api/auth/login',
    {
      config: { access: PUBLIC, rateLimit: { max: opts.loginRatePerMinute, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: '用户名密码登录',
        body: loginBody,
        response: { 200: sessionResponse, 401: errorBody, 423: errorBody, 429: errorBody },
      },
    },
    async (req, reply) => {
      const result = await login(
        opts.db,
        { clock: req.ctx.clock, requestId: req.id, ttlSeconds: opts.ttlSeconds },
        { ...req.body, ip: req.ip, userAgent: req.headers['user-agent'] ?? null },
      );
      void reply.setCookie(SESSION_COOKIE, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: opts.cookieSecure,
        signed: true,
        expires: result.expiresAt,
      });
      req.actor = result.actor;
      return sessionBody(req, reply, result.mustChangePassword);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: access(sessionPolicy, 'logout') },
      schema: { tags, summary: '退出登录', response: { 204: z.null() } },
    },
    async (req, reply) => {
      await logout(opts.db, req.ctx);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: access(sessionPolicy, 'changePassword') },
      schema: {
        tags,
        summary: '修改本人密码',
        body: changePasswordBody,
        response: { 204: z.null(), 400: errorBody },
      },
    },
    async (req, reply) => {
      await changePassword(opts.db, req.ctx, req.body);
      return reply.status(204).send(null);
    },
  );
}
