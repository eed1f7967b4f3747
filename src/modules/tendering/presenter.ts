/** What a project looks like to its caller: the view with abilities, method check, lint and schedule hints. */
import type { z } from 'zod';
import { asc, eq, inArray } from 'drizzle-orm';
import type { RequestContext } from '../../platform/auth/actor.ts';
import { abilities } from '../../platform/auth/policy.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { notFound } from '../../platform/errors.ts';
import { NOTICE_KIND_LABELS, serviceKind, type projectSummary, type projectView } from './contract.ts';
import './events.ts';
import { projectPolicy } from './policy.ts';
import { earliestBidDeadline, earliestDocumentsAvailableUntil } from './rules/deadlines.ts';
import { EVENT_LABELS, eventsFrom, STATE_LABELS } from './rules/lifecycle.ts';
import { lotteryPriceOf } from './rules/lottery.ts';
import { METHOD_LABELS } from './rules/method.ts';
import { lots, notices, noticeOrder, programmes, tenderTemplates, type ProjectRow } from './tables.ts';
import {
  type Loaded,
  categoryOf,
  methodOf,
  stateOf,
  budgetOf,
  recordOf,
  sharesOf,
  timed,
  loadProject,
} from './loaded.ts';
import { methodFacts, lintView } from './checks.ts';

type View = z.infer<typeof projectView>;
type Summary = z.infer<typeof projectSummary>;

// ── Presentation ──────────────────────────────────────────────────────────────────────────────────────

const serviceKindOf = (s: string | null): z.infer<typeof serviceKind> | null => {
  const parsed = serviceKind.safeParse(s);
  return parsed.success ? parsed.data : null;
};

function safely<T>(f: () => T): T | null {
  try {
    return f();
  } catch {
    return null;
  }
}

export async function summaries(db: Db | Tx, ctx: RequestContext, rows: ProjectRow[]): Promise<Summary[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  // One after another: a transaction's queries share one connection.
  const lotRows = await db
    .select({ projectId: lots.projectId, budgetFen: lots.budgetFen })
    .from(lots)
    .where(inArray(lots.projectId, ids));
  const shareRows = await sharesOf(db, ids);
  const progs = await db
    .select({ id: programmes.id, name: programmes.name })
    .from(programmes)
    .where(
      inArray(
        programmes.id,
        [...new Set(rows.flatMap((r) => (r.programmeId ? [r.programmeId] : [])))].concat([
          '00000000-0000-0000-0000-000000000000',
        ]),
      ),
    );
  return rows.map((row) => {
    const own = lotRows.filter((x) => x.projectId === row.id);
    const shares = shareRows.filter((s) => s.projectId === row.id);
    const status = stateOf(row.status);
    const method = methodOf(row.method);
    return {
      id: row.id,
      code: row.code,
      name: row.name,
      year: row.year,
      category: categoryOf(row.category),
      method,
      methodLabel: METHOD_LABELS[method],
      status,
      statusLabel: STATE_LABELS[status],
      budgetFen: budgetOf(own).toString(),
      lotCount: own.length,
      purchaserNames: [...new Set(shares.map((s) => s.purchaserName))],
      programmeId: row.programmeId,
      programmeName: progs.find((p) => p.id === row.programmeId)?.name ?? null,
      serviceKind: serviceKindOf(row.serviceKind),
      bidDeadlineAt: row.bidDeadlineAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      abilities: abilities(ctx.actor, projectPolicy, recordOf({ row, shares })),
    };
  });
}

export async function present(db: Db | Tx, ctx: RequestContext, l: Loaded): Promise<View> {
  const [summary] = await summaries(db, ctx, [l.row]);
  if (!summary) throw new Error('summary missing');
  const today = shanghaiDay(ctx.clock.now());
  const method = await methodFacts(db, l, today);
  const [template] = l.row.templateId
    ? await db.select().from(tenderTemplates).where(eq(tenderTemplates.id, l.row.templateId))
    : [];
  const noticeRows = await db
    .select()
    .from(notices)
    .where(eq(notices.projectId, l.row.id))
    .orderBy(asc(notices.publishedAt), noticeOrder);
  const t = timed(methodOf(l.row.method));
  const issued = l.row.documentsIssuedOn ?? today;
  const status = stateOf(l.row.status);
  const insider = ctx.actor.kind === 'user' && ctx.actor.role !== 'supplier';
  return {
    ...summary,
    lots: l.lots.map((x) => ({
      id: x.id,
      no: x.no,
      name: x.name,
      budgetFen: x.budgetFen.toString(),
      ceilingFen: x.ceilingFen?.toString() ?? null,
      lotteryPriceFen: lotteryPriceOf(l.row.requirements, x.no)?.toString() ?? null,
      quantity: x.quantity,
      description: x.description,
    })),
    shares: l.shares.map((s) => ({
      planLineId: s.planLineId,
      purchaserId: s.purchaserId,
      purchaserName: s.purchaserName,
      itemCode: s.itemCode,
      itemName: s.itemName,
      lotNo: s.lotNo,
      quantity: s.quantity,
      amountFen: s.amountFen.toString(),
    })),
    requirements: l.row.requirements,
    methodReason: l.row.methodReason,
    // The centre's working checks are not shown to suppliers: they read the published documents.
    methodCheck: insider ? method.view : { ...method.view, splitting: null },
    approval: l.approval
      ? {
          reference: l.approval.reference,
          authority: l.approval.authority,
          approvedOn: l.approval.approvedOn,
          note: l.approval.note,
          fileId: l.approval.fileId,
          recordedAt: l.approval.recordedAt.toISOString(),
        }
      : null,
    template: template
      ? {
          id: template.id,
          kind: template.kind as NonNullable<View['template']>['kind'],
          version: template.version,
          title: template.title,
        }
      : null,
    lint: insider ? lintView(l, l.row.lint ?? null) : null,
    schedule: {
      noticePublishedOn: l.row.noticePublishedOn,
      documentsIssuedOn: l.row.documentsIssuedOn,
      documentsAvailableUntil: l.row.documentsAvailableUntil,
      bidDeadlineAt: l.row.bidDeadlineAt?.toISOString() ?? null,
      openingAt: l.row.openingAt?.toISOString() ?? null,
      openingPlace: l.row.openingPlace,
      earliestBidDeadline: t ? safely(() => earliestBidDeadline(t, issued)) : null,
      earliestDocumentsAvailableUntil: t ? safely(() => earliestDocumentsAvailableUntil(t, issued)) : null,
    },
    notices: noticeRows.map((n) => noticeSummaryOf(n, l.row.code)),
    events: eventsFrom(status).map((event) => ({ event, label: EVENT_LABELS[event] })),
  };
}

type NoticeKind = keyof typeof NOTICE_KIND_LABELS;
const noticeKindOf = (s: string): NoticeKind =>
  (Object.keys(NOTICE_KIND_LABELS) as NoticeKind[]).find((k) => k === s) ?? 'tender';

export function noticeSummaryOf(n: typeof notices.$inferSelect, projectCode: string) {
  const kind = noticeKindOf(n.kind);
  return {
    id: n.id,
    kind,
    kindLabel: NOTICE_KIND_LABELS[kind],
    title: n.title,
    projectId: n.projectId,
    projectCode,
    publishedAt: n.publishedAt.toISOString(),
  };
}

export async function viewOf(db: Db, ctx: RequestContext, id: string): Promise<View> {
  const l = await loadProject(db, id);
  if (!l) throw notFound('项目不存在');
  return present(db, ctx, l);
}
