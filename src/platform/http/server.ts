import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { sharedSecret } from '../db/settings.ts';
import type { Clock } from '../clock.ts';
import { publicActor, type Actor, type RequestContext } from '../auth/actor.ts';
import { loadSession, SESSION_COOKIE } from '../auth/service.ts';
import { forbidden, unauthorized } from '../errors.ts';
import { PUBLIC, type RouteAccess } from './access.ts';
import { handleError } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    mustChangePassword: boolean;
    /** The context every use case receives. */
    ctx: RequestContext;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyInstance {
    /** Every /api route with its declared access, for the role × route matrix and the docs. */
    routeTable: RouteEntry[];
  }
}

export type App = FastifyInstance<
  Server,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface ServerDeps {
  config: Config;
  database: Database;
  clock: Clock;
  /** Built web app to serve at /, or null for an API-only server (tests). */
  webDist: string | null;
  logger: boolean;
  version: string;
}

/** What a CSRF token is bound to: the session, or the anonymous state (the library refuses an empty value). */
export function csrfUserInfo(actor: Actor): string {
  return actor.kind === 'user' && actor.sessionId ? `session:${actor.sessionId}` : 'anonymous';
}

export interface RouteEntry {
  method: string;
  url: string;
  access: RouteAccess;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// Zod's own messages in Chinese, for the fields where a contract gives none.
z.config(z.locales.zhCN());

/** Builds the Fastify server with the cross-cutting parts; modules add their routes to it. No listen here. */
export async function createServer(deps: ServerDeps): Promise<App> {
  const { config, database, clock } = deps;
  const app = Fastify({
    logger: deps.logger
      ? {
          level: config.logLevel,
          redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'],
          ...(prettyLogs()
            ? {
                transport: {
                  target: 'pino-pretty',
                  options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' },
                },
              }
            : {}),
        }
      : false,
    bodyLimit: config.bodyLimit,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(given) ? given : randomUUID();
    },
    trustProxy: process.env.TRUST_PROXY === 'true',
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);

  const cookieSecret = await sharedSecret(database.db, 'cookie_secret');
  const csrfKey = await sharedSecret(database.db, 'csrf_hmac_key');

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Ant Design writes its styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: config.cookieSecure,
  });
  await app.register(fastifyCookie, { secret: cookieSecret });
  await app.register(fastifyCsrf, {
    cookieKey: 'zc_csrf',
    cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true, secure: config.cookieSecure, signed: true },
    csrfOpts: { hmacKey: csrfKey },
    // Tokens are bound to the session, so a token from before login is worthless after it.
    getUserInfo: (req: FastifyRequest) => csrfUserInfo(req.actor),
    getToken: (req: FastifyRequest) => {
      const t = req.headers['x-csrf-token'];
      return typeof t === 'string' ? t : '';
    },
  });
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyMultipart, {
    limits: { fileSize: config.maxUploadBytes, files: 1, fields: 10, parts: 11 },
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'zhengcai 政采 API',
        description:
          '政府采购中心电子化采购平台接口。状态变更请求须携带 x-csrf-token 头（由 GET /api/auth/session 取得）；错误统一为 { code, message, path? }。',
        version: deps.version,
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  // Deny by default: an /api route that declares no access is a programming error caught at start-up.
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const declared = route.config?.access;
    if (!declared) throw new Error(`route ${String(route.method)} ${route.url} declares no access`);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routeTable.push({ method, url: route.url, access: declared });
    }
  });

  // Per-request values live in WeakMaps behind accessors: Fastify forbids object-valued request decorators.
  const actors = new WeakMap<FastifyRequest, Actor>();
  const contexts = new WeakMap<FastifyRequest, RequestContext>();
  app.decorateRequest('actor', {
    getter(this: FastifyRequest) {
      return actors.get(this) ?? publicActor;
    },
    setter(this: FastifyRequest, value: Actor) {
      actors.set(this, value);
    },
  });
  app.decorateRequest('ctx', {
    getter(this: FastifyRequest) {
      return contexts.get(this) ?? { actor: publicActor, requestId: this.id, clock };
    },
    setter(this: FastifyRequest, value: RequestContext) {
      contexts.set(this, value);
    },
  });
  app.decorateRequest('mustChangePassword', false);
  app.addHook('onRequest', async (req, reply) => {
    // Web assets and pages need no actor; only the API reads the session (one query per request).
    if (!req.url.startsWith('/api/')) return;
    let actor: Actor = publicActor;
    let mustChangePassword = false;
    const signed = req.cookies[SESSION_COOKIE];
    if (signed) {
      const unsigned = req.unsignCookie(signed);
      const found =
        unsigned.valid && unsigned.value
          ? await loadSession(database.db, unsigned.value, clock, config.sessionTtlSeconds)
          : null;
      if (found) {
        actor = found.actor;
        mustChangePassword = found.mustChangePassword;
      } else {
        void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      }
    }
    req.actor = actor;
    req.mustChangePassword = mustChangePassword;
    req.ctx = { actor, requestId: req.id, clock };

    const routeAccess = req.routeOptions.config.access;
    if (routeAccess && !routeAccess.allows(actor.role)) {
      throw actor.kind === 'public' ? unauthorized() : forbidden();
    }
  });
  app.addHook('onRequest', (req, reply, done) => {
    if (UNSAFE.has(req.method) && req.url.startsWith('/api/')) {
      app.csrfProtection(req, reply, done);
      return;
    }
    done();
  });
  app.addHook('onSend', async (req, reply) => {
    void reply.header('x-request-id', req.id);
    if (req.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
  });

  app.get('/api/openapi.json', { config: { access: PUBLIC }, schema: { hide: true } }, () => app.swagger());

  const webDist = deps.webDist;
  if (webDist && existsSync(path.join(webDist, 'index.html'))) {
    // wildcard: files are looked up per request, so a rebuild while the server runs is served at once.
    await app.register(fastifyStatic, { root: webDist, wildcard: true, index: false, maxAge: '1h' });
    app.get('/', { config: { access: PUBLIC }, schema: { hide: true } }, (_req, reply) => sendIndex(reply));
  }
  app.setNotFoundHandler((req, reply) => {
    if (
      !req.url.startsWith('/api/') &&
      req.method === 'GET' &&
      webDist &&
      existsSync(path.join(webDist, 'index.html'))
    ) {
      return sendIndex(reply);
    }
    return reply
      .status(404)
      .send({ code: 'ROUTE_NOT_FOUND', message: `接口不存在：${req.method} ${req.url.split('?')[0]}` });
  });
  return app;
}

/**
 * Readable logs on a terminal (pino-pretty, a development dependency, when installed); JSON lines otherwise,
 * or always with LOG_FORMAT=json.
 */
function prettyLogs(): boolean {
  if (!process.stdout.isTTY || process.env.LOG_FORMAT === 'json') return false;
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

/** The single-page app's entry: never cached, so a new release is picked up at once. */
function sendIndex(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-cache').sendFile('index.html');
}
