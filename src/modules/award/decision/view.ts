/** Reading the award of a project, the bidders' letters, and the decision's overdue items. */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { appendAudit } from '../../../platform/audit/log.ts';
import type { RequestContext } from '../../../platform/auth/actor.ts';
import { abilities, authorize } from '../../../platform/auth/policy.ts';
import { shanghaiDay } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/client.ts';
import { notFound } from '../../../platform/errors.ts';
import { loadProject, projects, projectShares } from '../../tendering/index.ts';
import type { AlertView } from '../alerts.contract.ts';
import { signingSuspension } from '../challenges/suspension.ts';
import { explain, resultNoticeDue, winnerConfirmationDue, type Due } from '../rules/clocks.ts';
import { awardLetters, awards } from '../tables.ts';
import {
  AWARD_STATUS_LABELS,
  awardStatus,
  letterView,
  type awardView,
  type dueView,
  type letterList,
} from './contract.ts';
import { resultReady } from './awards.ts';
import { awardPolicy, letterPolicy } from './policy.ts';
import { awardSavingsFen } from './rules.ts';
import { workingDaysBetween } from '../../../platform/calendar.ts';

const dueOf = (d: Due, doneOn: string | null, today: string): z.infer<typeof dueView> => {
  const e = explain(d);
  return { dueOn: d.dueOn, text: e.summary, basis: e.rule, late: (doneOn ?? today) > d.dueOn };
};

export async function readAward(
  db: Db,
  ctx: RequestContext,
  projectId: string,
): Promise<z.infer<typeof awardView>> {
  authorize(ctx.actor, awardPolicy, 'read');
  const l = await loadProject(db, projectId);
  if (!l) throw notFound('项目不存在');
  if (ctx.actor.kind === 'user' && ctx.actor.role === 'purchaser') {
    const own = ctx.actor.purchaserId;
    if (!l.shares.some((s) => s.purchaserId === own)) throw notFound('项目不存在');
  }
  const rows = await db
    .select()
    .from(awards)
    .where(eq(awards.projectId, projectId))
    .orderBy(asc(awards.lotNo));
  const today = shanghaiDay(ctx.clock.now());
  const lots = [];
  for (const r of rows) {
    const lot = l.lots.find((x) => x.no === r.lotNo);
    const winner = r.candidates.find((c) => c.bidId === r.winnerBidId);
    const confirmation = winnerConfirmationDue(r.reportDeliveredOn);
    const status = awardStatus.parse(r.status);
    lots.push({
      lotNo: r.lotNo,
      lotName: lot?.name ?? '',
      budgetFen: String(lot?.budgetFen ?? 0n),
      status,
      statusLabel: AWARD_STATUS_LABELS[status],
      reportDeliveredOn: r.reportDeliveredOn,
      confirmation: dueOf(
        confirmation,
        r.confirmedOn ?? (r.status === 'failed' ? r.reportDeliveredOn : null),
        today,
      ),
      candidates: [...r.candidates]
        .sort((a, b) => a.rank - b.rank)
        .map((c) => ({ ...c, passedOver: r.passedOver.find((p) => p.bidId === c.bidId)?.reason ?? null })),
      winner:
        winner && r.amountFen !== null && r.confirmedOn
          ? {
              bidId: winner.bidId,
              supplierId: winner.supplierId,
              supplierName: winner.supplierName,
              amountFen: String(r.amountFen),
              confirmedOn: r.confirmedOn,
              deemed: r.deemed,
            }
          : null,
      delayReason: r.delayReason,
      resultNotice: r.confirmedOn ? dueOf(resultNoticeDue(r.confirmedOn), r.noticedOn, today) : null,
      noticeId: r.noticeId,
      noticedOn: r.noticedOn,
      noticePeriodEndsOn: r.noticePeriodEndsOn,
      failedReason: r.failedReason,
      suspension: await signingSuspension(db, projectId, r.lotNo, today),
      savingsFen: lot && r.amountFen !== null ? String(awardSavingsFen(lot.budgetFen, r.amountFen)) : null,
    });
  }
  const ready = await resultReady(db, l, rows);
  return {
    projectId,
    projectCode: l.row.code,
    projectName: l.row.name,
    projectStatus: l.row.status,
    lots,
    resultReady: ready,
    abilities: abilities(ctx.actor, awardPolicy),
  };
}

type Letter = z.infer<typeof letterView>;

function letterOf(r: typeof awardLetters.$inferSelect, p: { code: string; name: string }): Letter {
  return {
    id: r.id,
    projectId: r.projectId,
    projectCode: p.code,
    projectName: p.name,
    lotNo: r.lotNo,
    kind: r.kind === 'award' ? 'award' : 'result',
    kindLabel: r.kind === 'award' ? '中标（成交）通知书' : '结果告知书',
    issuedAt: r.issuedAt.toISOString(),
    readAt: r.readAt?.toISOString() ?? null,
    content: letterView.shape.content.parse(r.content),
  };
}

/** A bidder's own letters, newest first. */
export async function myLetters(db: Db, ctx: RequestContext): Promise<z.infer<typeof letterList>> {
  authorize(ctx.actor, letterPolicy, 'listMine');
  const supplierId = ctx.actor.kind === 'user' ? ctx.actor.supplierId : null;
  if (!supplierId) return { items: [] };
  const rows = await db
    .select({ l: awardLetters, code: projects.code, name: projects.name })
    .from(awardLetters)
    .innerJoin(projects, eq(projects.id, awardLetters.projectId))
    .where(eq(awardLetters.supplierId, supplierId))
    .orderBy(desc(awardLetters.issuedAt), asc(awardLetters.lotNo));
  return { items: rows.map((r) => letterOf(r.l, r)) };
}

/** Marks the bidder's own letter read (送达), once; another bidder's letter is not found. */
export async function markLetterRead(db: Db, ctx: RequestContext, id: string): Promise<Letter> {
  authorize(ctx.actor, letterPolicy, 'listMine');
  const supplierId = ctx.actor.kind === 'user' ? ctx.actor.supplierId : null;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ l: awardLetters, code: projects.code, name: projects.name })
      .from(awardLetters)
      .innerJoin(projects, eq(projects.id, awardLetters.projectId))
      .where(
        and(
          eq(awardLetters.id, id),
          eq(awardLetters.supplierId, supplierId ?? '00000000-0000-0000-0000-000000000000'),
        ),
      )
      .for('update');
    if (!row) throw notFound('通知书不存在');
    if (row.l.readAt) return letterOf(row.l, row);
    const now = ctx.clock.now();
    const [after] = await tx
      .update(awardLetters)
      .set({ readAt: now })
      .where(eq(awardLetters.id, id))
      .returning();
    await appendAudit(tx, ctx, {
      action: 'award.letterRead',
      entityType: 'awardLetter',
      entityId: id,
      after: { projectId: row.l.projectId, lotNo: row.l.lotNo, kind: row.l.kind },
    });
    return letterOf(after ?? row.l, row);
  });
}

/** Overdue decision steps: a confirmation held past its period with a reason, a result notice not published. */
export async function decisionAlerts(db: Db, today: string): Promise<AlertView[]> {
  const rows = await db
    .select({ a: awards, code: projects.code, name: projects.name })
    .from(awards)
    .innerJoin(projects, eq(projects.id, awards.projectId))
    .where(inArray(awards.status, ['awaitingConfirmation', 'confirmed']));
  const ids = [...new Set(rows.map((r) => r.a.projectId))];
  const shares = ids.length
    ? await db
        .select({ projectId: projectShares.projectId, purchaserId: projectShares.purchaserId })
        .from(projectShares)
        .where(inArray(projectShares.projectId, ids))
    : [];
  const out: AlertView[] = [];
  for (const r of rows) {
    const purchaserIds = [
      ...new Set(shares.filter((x) => x.projectId === r.a.projectId).map((x) => x.purchaserId)),
    ];
    const base = {
      projectId: r.a.projectId,
      projectCode: r.code,
      lotNo: r.a.lotNo,
      entityId: `${r.a.projectId}:${r.a.lotNo}`,
      href: `/app/projects/${r.a.projectId}`,
      purchaserIds,
    };
    if (r.a.status === 'awaitingConfirmation' && today > r.a.confirmationDueOn) {
      const d = winnerConfirmationDue(r.a.reportDeliveredOn);
      out.push({
        ...base,
        kind: 'winnerConfirmation',
        title: `确定中标（成交）供应商逾期：${r.name} 第${r.a.lotNo}包`,
        dueOn: d.dueOn,
        daysLate: Math.max(1, workingDaysBetween(d.dueOn, today)),
        basis: d.rule.basis,
      });
    }
    if (r.a.status === 'confirmed' && r.a.noticeDueOn && today > r.a.noticeDueOn) {
      const d = resultNoticeDue(r.a.confirmedOn ?? today);
      out.push({
        ...base,
        kind: 'resultNotice',
        title: `结果公告逾期未发布：${r.name} 第${r.a.lotNo}包`,
        dueOn: d.dueOn,
        daysLate: Math.max(1, workingDaysBetween(d.dueOn, today)),
        basis: d.rule.basis,
      });
    }
  }
  return out;
}
