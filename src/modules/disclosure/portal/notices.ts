/**
 * The public notice list and notice pages. Search is full-text over the lexemes the portal stored with each
 * notice (search-index.ts; tokenize.ts for how Chinese is cut): the GIN index answers it, the rest are plain
 * filters, newest first. User text reaches SQL only as a bound parameter, cast to `tsquery`.
 */
import { and, count, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../platform/db/client.ts';
import { badRequest, notFound } from '../../../platform/errors.ts';
import { purchasers } from '../../orgs/tables.ts';
import { stateOf } from '../../tendering/index.ts';
import { lots, noticeOrder, notices, projects, projectShares } from '../../tendering/tables.ts';
import {
  PROJECT_STATUS_LABELS,
  type portalNoticePage,
  type portalNoticeQuery,
  type portalNoticeView,
  type publicPurchaserList,
} from './contract.ts';
import { resultParts } from './projects.ts';
import { projectNotices, summariesOf, summaryColumns } from './summaries.ts';
import { queryOf } from './tokenize.ts';

type Query = z.infer<typeof portalNoticeQuery>;
type Filters = Omit<Query, 'page' | 'pageSize'>;

const DAY_MS = 86_400_000;
/** The first instant of a Shanghai calendar day (China keeps no daylight saving time). */
const shanghaiMidnight = (day: string): Date => new Date(`${day}T00:00:00+08:00`);

/** The conditions of a list or feed query; the text becomes a tsquery literal or nothing at all. */
export function noticeConditions(f: Filters): SQL | undefined {
  if (f.from && f.to && f.from > f.to)
    throw badRequest('DATE_RANGE_INVERTED', '发布日期起不得晚于发布日期止', 'querystring.from');
  const conds: SQL[] = [];
  const tsquery = f.q ? queryOf(f.q) : null;
  if (tsquery !== null) conds.push(sql`${notices.search} @@ ${tsquery}::tsquery`);
  if (f.kind) conds.push(eq(notices.kind, f.kind));
  if (f.from) conds.push(gte(notices.publishedAt, shanghaiMidnight(f.from)));
  if (f.to) conds.push(lt(notices.publishedAt, new Date(shanghaiMidnight(f.to).getTime() + DAY_MS)));
  const byProject: SQL[] = [];
  if (f.category) byProject.push(eq(projects.category, f.category));
  if (f.method) byProject.push(eq(projects.method, f.method));
  if (byProject.length)
    conds.push(
      sql`${notices.projectId} in (select ${projects.id} from ${projects} where ${and(...byProject)})`,
    );
  if (f.purchaserId)
    conds.push(
      sql`exists (select 1 from ${projectShares} where ${projectShares.projectId} = ${notices.projectId} and ${projectShares.purchaserId} = ${f.purchaserId})`,
    );
  return conds.length ? and(...conds) : undefined;
}

/** One page of notices matching `q`, newest first, with the total. The benchmark times this function. */
export async function searchNotices(db: Db, q: Query): Promise<z.infer<typeof portalNoticePage>> {
  const where = noticeConditions(q);
  const [total] = await db.select({ n: count() }).from(notices).where(where);
  const rows = await db
    .select(summaryColumns)
    .from(notices)
    .innerJoin(projects, eq(projects.id, notices.projectId))
    .where(where)
    .orderBy(desc(notices.publishedAt), desc(noticeOrder), desc(notices.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return {
    items: await summariesOf(db, rows),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
    abilities: ['read'],
  };
}

/** A notice as published, with its project's facts, attachments, the committee of a result, and its siblings. */
export async function readPublicNotice(db: Db, id: string): Promise<z.infer<typeof portalNoticeView>> {
  const [n] = await db
    .select({
      projectId: notices.projectId,
      kind: notices.kind,
      body: notices.body,
      bidDeadlineAt: notices.bidDeadlineAt,
      previousDeadlineAt: notices.previousDeadlineAt,
    })
    .from(notices)
    .where(eq(notices.id, id));
  const [project] = n ? await db.select().from(projects).where(eq(projects.id, n.projectId)) : [];
  if (!n || !project) throw notFound('公告不存在');
  const related = await projectNotices(db, project.id);
  const summary = related.find((r) => r.id === id);
  if (!summary) throw notFound('公告不存在');
  const [budget] = await db
    .select({ fen: sql<string>`coalesce(sum(${lots.budgetFen}), 0)::text` })
    .from(lots)
    .where(eq(lots.projectId, project.id));
  const status = stateOf(project.status);
  return {
    ...summary,
    body: n.body,
    budgetFen: budget?.fen ?? '0',
    bidDeadlineAt: n.bidDeadlineAt?.toISOString() ?? null,
    previousDeadlineAt: n.previousDeadlineAt?.toISOString() ?? null,
    projectStatus: status,
    projectStatusLabel: PROJECT_STATUS_LABELS[status],
    ...(await resultParts(db, project, { noticeId: id, withCommittee: n.kind === 'result' })),
    related,
  };
}

/** Purchaser units that have published notices, for the filter (names are public: they are in the notices). */
export async function listPublicPurchasers(db: Db): Promise<z.infer<typeof publicPurchaserList>> {
  const rows = await db
    .selectDistinct({ id: purchasers.id, name: purchasers.name })
    .from(purchasers)
    .innerJoin(projectShares, eq(projectShares.purchaserId, purchasers.id))
    .where(inArray(projectShares.projectId, db.selectDistinct({ id: notices.projectId }).from(notices)))
    .orderBy(purchasers.name);
  return { items: rows };
}
