import type { FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import type { Db } from '../../../platform/db/client.ts';
import { PUBLIC } from '../../../platform/http/access.ts';
import { errorBody, idParams } from '../../../platform/http/contract.ts';
import type { App } from '../../../platform/http/server.ts';
import {
  feedQuery,
  halfYearListing,
  halfYearQuery,
  portalNoticePage,
  portalNoticeQuery,
  portalNoticeView,
  publicCommittee,
  publicProjectView,
  publicPurchaserList,
} from './contract.ts';
import { noticeFeed } from './feed.ts';
import { readHalfYear } from './half-year.ts';
import { listPublicPurchasers, readPublicNotice, searchNotices } from './notices.ts';
import {
  DOCX,
  publicContractDocument,
  publicProjectDocument,
  readPublicCommittee,
  readPublicProject,
} from './projects.ts';
import { backfillNoticeSearch } from './search-index.ts';

const tags = ['公开'];

/**
 * Public answers are the same for every caller, so browsers and proxies may keep them briefly (the server's
 * default for /api is no-store). A reply that sets a cookie or is not a success is never marked shareable.
 */
function cacheFor(seconds: number) {
  return async (_req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (reply.statusCode === 200 && reply.getHeader('set-cookie') === undefined) {
      void reply.header('cache-control', `public, max-age=${seconds}`);
    }
    return payload;
  };
}
const SHORT = cacheFor(30);
const LONGER = cacheFor(300);

/** What every portal route declares: open to everyone, tagged 公开, kept by caches for `onSend`'s time. */
function open<S extends FastifySchema>(onSend: typeof SHORT, schema: S) {
  return { config: { access: PUBLIC }, onSend, schema: { tags, ...schema } };
}

function download(reply: FastifyReply, file: { filename: string; body: Buffer }) {
  return reply
    .header('content-type', DOCX)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .send(file.body);
}

/** The portal's public routes: no login anywhere. */
export function portalRoutes(app: App, deps: { db: Db }): void {
  const { db } = deps;
  // Notices published before the search index existed (or by a process without this module) get their vectors.
  app.addHook('onReady', async () => {
    await backfillNoticeSearch(db);
  });

  app.get(
    '/api/portal/notices',
    open(SHORT, {
      summary: '采购公告：按标题、采购单位、供应商、品目或项目编号检索，按类型、类别、方式、单位、日期筛选',
      querystring: portalNoticeQuery,
      response: { 200: portalNoticePage, 400: errorBody },
    }),
    (req) => searchNotices(db, req.query),
  );
  app.get(
    '/api/portal/notices/:id',
    open(SHORT, {
      summary: '公告全文，附件（结果公告后的采购文件、合同公告的合同文本）与结果公告的评审委员会名单',
      params: idParams,
      response: { 200: portalNoticeView, 404: errorBody },
    }),
    (req) => readPublicNotice(db, req.params.id),
  );
  app.get(
    '/api/portal/notices/:id/contract',
    open(LONGER, { summary: '合同公告所公告的政府采购合同文本（docx）', params: idParams }),
    async (req, reply) => download(reply, await publicContractDocument(db, req.params.id)),
  );
  app.get(
    '/api/portal/projects/:id',
    open(SHORT, {
      summary: '项目公开信息：公告、各包结果与合同金额（公告后）、评审委员会名单（结果公告后）',
      params: idParams,
      response: { 200: publicProjectView, 404: errorBody },
    }),
    (req) => readPublicProject(db, req.params.id),
  );
  app.get(
    '/api/portal/projects/:id/committee',
    open(SHORT, {
      summary: '评审委员会（评审小组）名单：中标（成交）结果公告后公开，此前为“不存在”',
      params: idParams,
      response: { 200: publicCommittee, 404: errorBody },
    }),
    (req) => readPublicCommittee(db, req.params.id),
  );
  app.get(
    '/api/portal/projects/:id/document',
    open(LONGER, { summary: '采购文件（docx）：随中标（成交）结果公告后公开', params: idParams }),
    async (req, reply) => download(reply, await publicProjectDocument(db, req.params.id)),
  );
  app.get(
    '/api/portal/half-year',
    open(SHORT, {
      summary: '半年公告：该半年内发布公告的全部采购项目及其结果',
      querystring: halfYearQuery,
      response: { 200: halfYearListing, 400: errorBody },
    }),
    (req) => readHalfYear(db, req.query),
  );
  app.get(
    '/api/portal/purchasers',
    open(LONGER, {
      summary: '发布过公告的采购单位（供筛选）',
      response: { 200: publicPurchaserList },
    }),
    () => listPublicPurchasers(db),
  );
  app.get(
    '/api/portal/feed.atom',
    open(SHORT, {
      summary: '最新公告的 Atom 订阅源（可按公告类型、采购类别筛选）',
      querystring: feedQuery,
    }),
    async (req, reply) => {
      const xml = await noticeFeed(db, req.query, {
        base: `${req.protocol}://${req.host}`,
        now: req.ctx.clock.now(),
      });
      return reply.header('content-type', 'application/atom+xml; charset=utf-8').send(xml);
    },
  );
}
