import type { FastifyRequest } from 'fastify';
import type { Db } from '../../../platform/db/client.ts';
import { notFound } from '../../../platform/errors.ts';
import { PUBLIC } from '../../../platform/http/access.ts';
import type { App } from '../../../platform/http/server.ts';
import {
  OCDS_EXTENSIONS,
  OCDS_VERSION,
  recordPackage,
  recordParams,
  releasePackage,
  releasesQuery,
  type RecordPackage,
  type ReleasePackage,
} from './contract.ts';
import { compileReleases } from './merge.ts';
import { buildOptions, decodeCursor, encodeCursor, releasePage, releasesOf } from './feed.ts';

export interface OcdsDeps {
  db: Db;
  /** ocid prefix (config OCDS_PREFIX). */
  prefix: string;
  /** The portal's public address (config PUBLIC_URL); null: each request's own. */
  publicUrl: string | null;
}

/** Open data (OCDS 1.1.5 with the lots and bid extensions): public, no login. */
export function ocdsRoutes(app: App, deps: OcdsDeps): void {
  const { db } = deps;
  /** The portal's address and the builder's options for this request (the centre read once). */
  const requestOptions = async (req: FastifyRequest) => {
    const base = (deps.publicUrl ?? `${req.protocol}://${req.host}`).replace(/\/$/, '');
    const o = await buildOptions(db, { prefix: deps.prefix, baseUrl: base, now: req.ctx.clock.now() });
    return { base, o, publisher: { name: o.centre?.name ?? '政府采购中心', uri: base } };
  };

  app.get(
    '/api/ocds/releases',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['公开'],
        summary: '开放合同数据（OCDS 1.1.5）：按公开时间排序的发布包，分页',
        description:
          '每个发布（release）对应采购过程中一次公开的信息：计划、采购公告、更正、开标、结果、合同、变更、验收与支付。since 只返回该时刻及以后公开的发布；翻页请使用 links.next。',
        querystring: releasesQuery,
        response: { 200: releasePackage },
      },
    },
    async (req): Promise<ReleasePackage> => {
      const { base, o, publisher } = await requestOptions(req);
      const page = await releasePage(db, o, {
        since: req.query.since ? new Date(req.query.since) : null,
        cursor: req.query.cursor ? decodeCursor(req.query.cursor) : null,
        limit: req.query.limit,
      });
      const last = page.releases.at(-1);
      const next = page.next
        ? `${base}/api/ocds/releases?limit=${req.query.limit}&cursor=${encodeCursor(page.next)}`
        : undefined;
      return {
        uri: `${base}${req.url}`,
        version: OCDS_VERSION,
        extensions: [...OCDS_EXTENSIONS],
        publishedDate: last ? last.release.date : o.now.toISOString(),
        publisher,
        releases: page.releases.map((r) => r.release),
        links: next ? { next } : {},
      };
    },
  );

  app.get(
    '/api/ocds/records/:ocid',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['公开'],
        summary: '开放合同数据（OCDS 1.1.5）：一个采购项目的记录包（全部发布及合并后的最新状态）',
        params: recordParams,
        response: { 200: recordPackage },
      },
    },
    async (req): Promise<RecordPackage> => {
      const { base, o, publisher } = await requestOptions(req);
      const built = await releasesOf(db, o, req.params.ocid);
      const releases = built.map((r) => r.release);
      const last = releases.at(-1);
      if (!last) throw notFound('没有这个开放合同编号（ocid）的公开记录');
      return {
        uri: `${base}${req.url}`,
        version: OCDS_VERSION,
        extensions: [...OCDS_EXTENSIONS],
        publishedDate: last.date,
        publisher,
        records: [{ ocid: last.ocid, releases, compiledRelease: compileReleases(releases) }],
      };
    },
  );
}
