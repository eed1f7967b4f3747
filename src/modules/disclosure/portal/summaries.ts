/** Notice rows as the portal lists them: with the project's code, name, category, method and purchasers. */
import { asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../platform/db/client.ts';
import { purchasers } from '../../orgs/tables.ts';
import { categoryOf, METHOD_LABELS, methodOf } from '../../tendering/index.ts';
import { noticeOrder, notices, projects, projectShares } from '../../tendering/tables.ts';
import { CATEGORY_LABELS, NOTICE_KIND_LABELS, type portalNoticeSummary } from './contract.ts';

type Summary = z.infer<typeof portalNoticeSummary>;
type Kind = keyof typeof NOTICE_KIND_LABELS;

const KINDS = Object.keys(NOTICE_KIND_LABELS) as Kind[];
export const kindOf = (s: string): Kind => KINDS.find((k) => k === s) ?? 'tender';

/** The columns a summary needs (never the body or the search vector). */
export const summaryColumns = {
  id: notices.id,
  kind: notices.kind,
  title: notices.title,
  projectId: notices.projectId,
  publishedAt: notices.publishedAt,
  publishedOn: notices.publishedOn,
  projectCode: projects.code,
  projectName: projects.name,
  category: projects.category,
  method: projects.method,
};

type SummaryRow = {
  id: string;
  kind: string;
  title: string;
  projectId: string;
  publishedAt: Date;
  publishedOn: string;
  projectCode: string;
  projectName: string;
  category: string;
  method: string;
};

/** Purchaser names of each project, in one query. */
export async function purchaserNamesOf(
  db: Db,
  projectIds: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!projectIds.length) return out;
  const rows = await db
    .selectDistinct({ projectId: projectShares.projectId, name: purchasers.name })
    .from(projectShares)
    .innerJoin(purchasers, eq(purchasers.id, projectShares.purchaserId))
    .where(inArray(projectShares.projectId, [...new Set(projectIds)]))
    .orderBy(projectShares.projectId, purchasers.name);
  for (const r of rows) out.set(r.projectId, [...(out.get(r.projectId) ?? []), r.name]);
  return out;
}

function summaryOf(r: SummaryRow, purchaserNames: readonly string[]): Summary {
  const kind = kindOf(r.kind);
  const category = categoryOf(r.category);
  const method = methodOf(r.method);
  return {
    id: r.id,
    kind,
    kindLabel: NOTICE_KIND_LABELS[kind],
    title: r.title,
    projectId: r.projectId,
    projectCode: r.projectCode,
    projectName: r.projectName,
    category,
    categoryLabel: CATEGORY_LABELS[category],
    method,
    methodLabel: METHOD_LABELS[method],
    purchaserNames: [...purchaserNames],
    publishedAt: r.publishedAt.toISOString(),
    publishedOn: r.publishedOn,
  };
}

/** Summaries of rows already read, with their purchasers in one more query. */
export async function summariesOf(db: Db, rows: readonly SummaryRow[]): Promise<Summary[]> {
  const names = await purchaserNamesOf(
    db,
    rows.map((r) => r.projectId),
  );
  return rows.map((r) => summaryOf(r, names.get(r.projectId) ?? []));
}

/** A project's notices, in the order they went out. */
export async function projectNotices(db: Db, projectId: string): Promise<Summary[]> {
  const rows = await db
    .select(summaryColumns)
    .from(notices)
    .innerJoin(projects, eq(projects.id, notices.projectId))
    .where(eq(notices.projectId, projectId))
    .orderBy(asc(notices.publishedAt), asc(noticeOrder));
  return summariesOf(db, rows);
}
