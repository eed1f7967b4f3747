/**
 * The award decision per lot (RULES.md §2.2): the signed report is delivered to the purchaser (an award row with
 * the report's candidates and the 5-WD clock); the purchaser confirms in the report's order or, with no lawful
 * reason given, the first candidate is deemed confirmed when the period runs out (a job that fires once, 87号令68);
 * the centre publishes the result notice with the letters to every bidder (条例43); challenges and complaints may
 * later change the winner, send the lot back to its committee, or fail it (94号令32 ⚠️).
 */
import { and, eq, inArray, notInArray } from 'drizzle-orm';
import { z } from 'zod';
import { appendAudit } from '../../../platform/audit/log.ts';
import { systemActor, type RequestContext } from '../../../platform/auth/actor.ts';
import { authorize } from '../../../platform/auth/policy.ts';
import { shanghaiDay, type Clock } from '../../../platform/clock.ts';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { badRequest, conflict, notFound } from '../../../platform/errors.ts';
import { cancel, schedule, type JobHandlers } from '../../../platform/jobs/runner.ts';
import { depositRefundFalls } from '../../bidding/index.ts';
import { bidDeposits, bids } from '../../bidding/tables.ts';
import { evaluations } from '../../evaluation/tables.ts';
import { loadProject, publishNotice, setState, stateOf, step } from '../../tendering/index.ts';
import { resultNoticeDue, resultNoticePeriodEnds, winnerConfirmationDue } from '../rules/clocks.ts';
import { awardLetters, awards, type AwardCandidate, type PassedOver } from '../tables.ts';
import type { confirmBody, delayBody, reevaluationBody } from './contract.ts';
import './events.ts';
import { lettersFor, rankingSchema, reportSchema } from './letters.ts';
import { failureNoticeText, resultNoticeText } from './notice-text.ts';
import { awardPolicy } from './policy.ts';
import { confirmationProblems, firstStanding } from './rules.ts';

export type AwardRow = typeof awards.$inferSelect;
type Loaded = NonNullable<Awaited<ReturnType<typeof loadProject>>>;

export const DEEM = 'award.deemConfirmation';
const deemKey = (projectId: string, lotNo: number) => `${projectId}:${lotNo}`;

export async function awardOf(
  tx: Db | Tx,
  projectId: string,
  lotNo: number,
  lock = false,
): Promise<AwardRow | null> {
  const q = tx
    .select()
    .from(awards)
    .where(and(eq(awards.projectId, projectId), eq(awards.lotNo, lotNo)));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

async function mustAward(tx: Tx, projectId: string, lotNo: number): Promise<AwardRow> {
  const row = await awardOf(tx, projectId, lotNo, true);
  if (!row) throw notFound('该包尚无评审结果');
  return row;
}

async function update(
  tx: Tx,
  row: AwardRow,
  expected: string,
  set: Partial<typeof awards.$inferInsert>,
  now: Date,
) {
  const [after] = await tx
    .update(awards)
    .set({ ...set, updatedAt: now })
    .where(and(eq(awards.projectId, row.projectId), eq(awards.lotNo, row.lotNo), eq(awards.status, expected)))
    .returning();
  if (!after) throw conflict('AWARD_CHANGED', '该包的定标状态已变化，请刷新后重试', 'status');
  return after;
}

/** The report's candidates with their suppliers, in its order. */
async function candidatesOf(tx: Db | Tx, projectId: string, lotNo: number, order?: readonly string[]) {
  const [ev] = await tx
    .select()
    .from(evaluations)
    .where(and(eq(evaluations.projectId, projectId), eq(evaluations.lotNo, lotNo)));
  if (!ev) throw notFound('该包尚无评审结果');
  const ranking = rankingSchema.parse(ev.ranking);
  const ids = order ?? ranking.candidates;
  const bidRows = ids.length
    ? await tx
        .select({ id: bids.id, supplierId: bids.supplierId })
        .from(bids)
        .where(inArray(bids.id, [...ids]))
    : [];
  return ids.flatMap((bidId, i): AwardCandidate[] => {
    const e = ranking.entries.find((x) => x.bidId === bidId);
    const b = bidRows.find((x) => x.id === bidId);
    if (!e || !b) return [];
    return [
      { bidId, supplierId: b.supplierId, supplierName: e.supplierName, rank: i + 1, priceFen: e.priceFen },
    ];
  });
}

async function scheduleDeeming(tx: Tx, clock: Clock, projectId: string, lotNo: number, dueAt: Date) {
  // Just after the last instant of the period: the job sees the period over.
  await schedule(tx, clock, {
    kind: DEEM,
    key: deemKey(projectId, lotNo),
    runAt: new Date(dueAt.getTime() + 1),
    payload: { projectId, lotNo },
  });
}

/** The signed report reached the purchaser: the lot awaits its confirmation, 5 WD (条例43). */
export async function onLotSigned(tx: Tx, ctx: RequestContext, e: { projectId: string; lotNo: number }) {
  const now = ctx.clock.now();
  const today = shanghaiDay(now);
  const due = winnerConfirmationDue(today);
  const candidates = await candidatesOf(tx, e.projectId, e.lotNo);
  const [row] = await tx
    .insert(awards)
    .values({
      projectId: e.projectId,
      lotNo: e.lotNo,
      status: 'awaitingConfirmation',
      reportDeliveredOn: today,
      confirmationDueOn: due.dueOn,
      candidates,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) return;
  await scheduleDeeming(tx, ctx.clock, e.projectId, e.lotNo, due.dueAt);
  await appendAudit(tx, ctx, {
    action: 'award.reportDelivered',
    entityType: 'project',
    entityId: e.projectId,
    after: {
      lotNo: e.lotNo,
      confirmationDueOn: due.dueOn,
      candidates: candidates.map((c) => c.supplierName),
    },
  });
}

/** A lot failed at the evaluation: recorded as failed; when the whole project failed, its 废标公告 and refunds. */
export async function onLotFailed(
  tx: Tx,
  ctx: RequestContext,
  e: { projectId: string; lotNo: number; reason: string; projectFailed: boolean },
) {
  const now = ctx.clock.now();
  const today = shanghaiDay(now);
  await tx
    .insert(awards)
    .values({
      projectId: e.projectId,
      lotNo: e.lotNo,
      status: 'failed',
      reportDeliveredOn: today,
      confirmationDueOn: today,
      candidates: [],
      failedReason: e.reason,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [awards.projectId, awards.lotNo],
      set: { status: 'failed', failedReason: e.reason, updatedAt: now },
    });
  if (e.projectFailed) await projectFailed(tx, ctx, e.projectId);
}

/** 废标公告 of a failed project, and every bid deposit falls due for refund within 5 WD (条例33; 87号令29). */
async function projectFailed(
  tx: Tx,
  ctx: RequestContext,
  projectId: string,
  reasons?: readonly { lotNo: number; reason: string }[],
) {
  const l = await loadProject(tx, projectId);
  if (!l) return;
  const rows = await tx.select().from(awards).where(eq(awards.projectId, projectId));
  const today = shanghaiDay(ctx.clock.now());
  const notice = await publishNotice(
    tx,
    ctx,
    projectId,
    'failure',
    failureNoticeText(
      l,
      reasons ?? rows.map((r) => ({ lotNo: r.lotNo, reason: r.failedReason ?? '' })),
      today,
    ),
  );
  const refunds = await refundDeposits(tx, ctx, projectId, []);
  await appendAudit(tx, ctx, {
    action: 'project.failureNoticed',
    entityType: 'project',
    entityId: projectId,
    after: { noticeId: notice.id, depositsDue: refunds },
  });
}

/** The 废标公告 of a project that failed at the opening (the opening already freed the deposits). */
export async function onOpeningFailed(
  tx: Tx,
  ctx: RequestContext,
  e: { projectId: string; lots: { lotNo: number; reason: string }[] },
) {
  await projectFailed(tx, ctx, e.projectId, e.lots);
}

/** Deposits of the project's bidders other than `keep` fall due for refund 5 WD from today (条例33). */
async function refundDeposits(tx: Tx, ctx: RequestContext, projectId: string, keep: readonly string[]) {
  const conds = [eq(bidDeposits.projectId, projectId), eq(bidDeposits.status, 'confirmed')];
  if (keep.length) conds.push(notInArray(bidDeposits.supplierId, [...keep]));
  const rows = await tx
    .select({ supplierId: bidDeposits.supplierId })
    .from(bidDeposits)
    .where(and(...conds));
  for (const r of rows) await depositRefundFalls(tx, ctx, projectId, r.supplierId);
  return rows.length;
}

// ── The purchaser's confirmation ──────────────────────────────────────────────────────────────────────

/** The project, loaded and locked, when the caller may act on it as `action`; 404 for a purchaser not in it. */
async function projectForAward(
  tx: Db | Tx,
  ctx: RequestContext,
  projectId: string,
  action: 'read' | 'confirm' | 'delay' | 'publish' | 'reevaluate',
  lock = false,
): Promise<Loaded> {
  authorize(ctx.actor, awardPolicy, action);
  const l = await loadProject(tx, projectId, lock);
  if (!l) throw notFound('项目不存在');
  if (ctx.actor.kind === 'user' && ctx.actor.role === 'purchaser') {
    const own = ctx.actor.purchaserId;
    if (!l.shares.some((s) => s.purchaserId === own)) throw notFound('项目不存在');
  }
  return l;
}

/** The winner confirmed on `on` (by the purchaser, or deemed when `by` is null): the 2-WD notice clock starts. */
function winnerSet(c: AwardCandidate, on: string, now: Date, by: string | null) {
  return {
    status: 'confirmed',
    winnerBidId: c.bidId,
    winnerSupplierId: c.supplierId,
    amountFen: BigInt(c.priceFen),
    confirmedOn: on,
    confirmedAt: now,
    confirmedBy: by,
    deemed: false,
    noticeDueOn: resultNoticeDue(on).dueOn,
  } satisfies Partial<typeof awards.$inferInsert>;
}

/** The purchaser's lot, locked, while it awaits the confirmation. */
async function awaitingAward(
  tx: Tx,
  ctx: RequestContext,
  projectId: string,
  lotNo: number,
  action: 'confirm' | 'delay',
): Promise<AwardRow> {
  await projectForAward(tx, ctx, projectId, action, true);
  const row = await mustAward(tx, projectId, lotNo);
  if (row.status !== 'awaitingConfirmation') {
    throw conflict(
      'AWARD_NOT_AWAITING',
      '该包不在待确认状态，不能确定中标（成交）供应商或说明延期',
      'status',
    );
  }
  return row;
}

export async function confirmWinner(
  db: Db,
  ctx: RequestContext,
  projectId: string,
  lotNo: number,
  body: z.infer<typeof confirmBody>,
): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await awaitingAward(tx, ctx, projectId, lotNo, 'confirm');
    const problems = confirmationProblems(row.candidates, body.bidId, body.passedOver, row.passedOver);
    const first = problems[0];
    if (first) throw badRequest(`AWARD_${first.code}`, first.message, first.path);
    const chosen = row.candidates.find((c) => c.bidId === body.bidId);
    if (!chosen) throw notFound('候选人不存在');
    const now = ctx.clock.now();
    const today = shanghaiDay(now);
    const after = await update(
      tx,
      row,
      'awaitingConfirmation',
      {
        ...winnerSet(chosen, today, now, ctx.actor.kind === 'user' ? ctx.actor.userId : null),
        passedOver: [...row.passedOver, ...body.passedOver],
      },
      now,
    );
    await cancel(tx, DEEM, deemKey(projectId, lotNo));
    await appendAudit(tx, ctx, {
      action: 'award.confirmed',
      entityType: 'project',
      entityId: projectId,
      before: { lotNo, status: row.status },
      after: {
        lotNo,
        winner: chosen.supplierName,
        amountFen: chosen.priceFen,
        passedOver: body.passedOver,
        late: today > row.confirmationDueOn,
        noticeDueOn: after.noticeDueOn,
      },
    });
  });
}

/** A lawful reason for not confirming in time (87号令68 "又不能说明合法理由的" — with one, nothing is deemed). */
export async function recordDelay(
  db: Db,
  ctx: RequestContext,
  projectId: string,
  lotNo: number,
  body: z.infer<typeof delayBody>,
): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await awaitingAward(tx, ctx, projectId, lotNo, 'delay');
    await update(tx, row, 'awaitingConfirmation', { delayReason: body.reason }, ctx.clock.now());
    await cancel(tx, DEEM, deemKey(projectId, lotNo));
    await appendAudit(tx, ctx, {
      action: 'award.delayRecorded',
      entityType: 'project',
      entityId: projectId,
      after: { lotNo, reason: body.reason },
    });
  });
}

/** The period ran out with no confirmation and no lawful reason: the first candidate standing is the winner. */
export async function deemConfirmation(
  tx: Tx,
  projectId: string,
  lotNo: number,
  clock: Clock,
): Promise<void> {
  const row = await awardOf(tx, projectId, lotNo, true);
  if (!row || row.status !== 'awaitingConfirmation' || row.delayReason) return;
  const now = clock.now();
  if (shanghaiDay(now) <= row.confirmationDueOn) return;
  const ctx: RequestContext = { actor: systemActor('job:deemConfirmation'), requestId: null, clock };
  const first = firstStanding(row.candidates, row.passedOver);
  if (!first) {
    await failAwardLot(tx, ctx, projectId, lotNo, '评审报告推荐的候选人均已因法定事由被排除');
    return;
  }
  await update(
    tx,
    row,
    'awaitingConfirmation',
    {
      ...winnerSet(first, row.confirmationDueOn, now, null),
      deemed: true,
    },
    now,
  );
  await appendAudit(tx, ctx, {
    action: 'award.deemed',
    entityType: 'project',
    entityId: projectId,
    after: {
      lotNo,
      winner: first.supplierName,
      amountFen: first.priceFen,
      deemedOn: row.confirmationDueOn,
      basis: '87号令第六十八条：逾期未确定且不能说明合法理由，视为确定排名第一的候选人',
    },
  });
}

export const decisionJobs: JobHandlers = {
  [DEEM]: async (tx, job, clock) => {
    const p = z.object({ projectId: z.uuid(), lotNo: z.number().int() }).parse(job.payload);
    await deemConfirmation(tx, p.projectId, p.lotNo, clock);
  },
};

// ── The result notice ─────────────────────────────────────────────────────────────────────────────────

/** Lots still undecided: awaiting confirmation or re-review, or evaluations not yet signed or failed. */
async function undecided(tx: Db | Tx, l: Loaded, rows: readonly AwardRow[]): Promise<number[]> {
  const evals = await tx.select().from(evaluations).where(eq(evaluations.projectId, l.row.id));
  return l.lots
    .map((lot) => lot.no)
    .filter((no) => {
      const a = rows.find((r) => r.lotNo === no);
      if (a) return a.status === 'awaitingConfirmation' || a.status === 'reevaluation';
      const ev = evals.find((e) => e.lotNo === no);
      return ev !== undefined && ev.status !== 'signed' && ev.status !== 'failed';
    });
}

export async function resultReady(tx: Db | Tx, l: Loaded, rows: readonly AwardRow[]): Promise<boolean> {
  return rows.some((r) => r.status === 'confirmed') && (await undecided(tx, l, rows)).length === 0;
}

/**
 * 中标（成交）结果公告 and the letters (条例43): once every lot is decided, for every confirmed lot. The project becomes
 * 已定标; deposits of bidders that won nothing fall due for refund within 5 WD of the notice (条例33).
 */
export async function publishResult(db: Db, ctx: RequestContext, projectId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const l = await projectForAward(tx, ctx, projectId, 'publish', true);
    const state = stateOf(l.row.status);
    if (state !== 'evaluating' && state !== 'awarded') {
      throw conflict('RESULT_NOT_ALLOWED', '项目当前状态不能发布中标（成交）结果公告', 'status');
    }
    const rows = await tx.select().from(awards).where(eq(awards.projectId, projectId)).for('update');
    const pending = await undecided(tx, l, rows);
    if (pending.length) {
      throw conflict(
        'RESULT_NOT_READY',
        `第${pending.join('、')}包尚未确定中标（成交）供应商，不能发布结果公告`,
        'lots',
      );
    }
    const confirmed = rows.filter((r) => r.status === 'confirmed');
    if (!confirmed.length) throw conflict('RESULT_NOT_READY', '没有待公告的中标（成交）结果', 'lots');
    const now = ctx.clock.now();
    const today = shanghaiDay(now);
    const [ev] = await tx.select().from(evaluations).where(eq(evaluations.projectId, projectId));
    const committee = reportSchema.safeParse(ev?.report).data?.committee ?? [];
    const notice = await publishNotice(
      tx,
      ctx,
      projectId,
      'result',
      resultNoticeText(l, confirmed, rows, committee, today),
    );
    const periodEnds = resultNoticePeriodEnds(today).dueOn;
    for (const r of confirmed) {
      await update(
        tx,
        r,
        'confirmed',
        { status: 'noticed', noticeId: notice.id, noticedOn: today, noticePeriodEndsOn: periodEnds },
        now,
      );
      const letters = await lettersFor(tx, l, r);
      if (letters.length) {
        await tx.insert(awardLetters).values(letters.map((x) => ({ ...x, issuedAt: now })));
      }
    }
    const all = await tx.select().from(awards).where(eq(awards.projectId, projectId));
    const winners = all.flatMap((r) =>
      r.winnerSupplierId && r.status !== 'failed' ? [r.winnerSupplierId] : [],
    );
    const refunds = await refundDeposits(tx, ctx, projectId, winners);
    if (state === 'evaluating') {
      const to = step(l, 'award', { winnerConfirmed: true });
      await setState(tx, l, to, {}, now);
    }
    await appendAudit(tx, ctx, {
      action: 'award.resultPublished',
      entityType: 'project',
      entityId: projectId,
      before: { status: l.row.status },
      after: {
        noticeId: notice.id,
        lots: confirmed.map((r) => ({
          lotNo: r.lotNo,
          late: r.noticeDueOn !== null && today > r.noticeDueOn,
          noticePeriodEndsOn: periodEnds,
        })),
        depositsDue: refunds,
      },
    });
  });
}

// ── Outcomes of challenges and complaints ─────────────────────────────────────────────────────────────

/**
 * The winner is out (a challenge or complaint upheld against it, 94号令32 ⚠️): passed over with the reason; the
 * purchaser confirms the next candidate in order within a new 5-WD period; none left → the lot fails.
 */
export async function changeWinner(
  tx: Tx,
  ctx: RequestContext,
  projectId: string,
  lotNo: number,
  reason: string,
): Promise<void> {
  const row = await mustAward(tx, projectId, lotNo);
  if (!row.winnerBidId || (row.status !== 'confirmed' && row.status !== 'noticed')) {
    throw conflict('AWARD_NO_WINNER', '该包尚未确定中标（成交）供应商', 'status');
  }
  const passedOver: PassedOver[] = [...row.passedOver, { bidId: row.winnerBidId, reason }];
  if (!firstStanding(row.candidates, passedOver)) {
    await failAwardLot(tx, ctx, projectId, lotNo, `${reason}；评审报告推荐的其他候选人均不能确定`);
    return;
  }
  const now = ctx.clock.now();
  const today = shanghaiDay(now);
  const due = winnerConfirmationDue(today);
  await update(
    tx,
    row,
    row.status,
    {
      status: 'awaitingConfirmation',
      passedOver,
      reportDeliveredOn: today,
      confirmationDueOn: due.dueOn,
      ...cleared,
    },
    now,
  );
  await scheduleDeeming(tx, ctx.clock, projectId, lotNo, due.dueAt);
  await appendAudit(tx, ctx, {
    action: 'award.winnerChanged',
    entityType: 'project',
    entityId: projectId,
    before: { lotNo, winnerBidId: row.winnerBidId },
    after: { lotNo, reason, confirmationDueOn: due.dueOn },
  });
}

const cleared = {
  winnerBidId: null,
  winnerSupplierId: null,
  amountFen: null,
  delayReason: null,
  deemed: false,
  confirmedOn: null,
  confirmedAt: null,
  confirmedBy: null,
  noticeDueOn: null,
  noticeId: null,
  noticedOn: null,
  noticePeriodEndsOn: null,
} satisfies Partial<typeof awards.$inferInsert>;

/** The lot goes back to its committee for a re-review (87号令64; 94号令32 ⚠️): no winner until the revised order. */
export async function startReevaluation(
  tx: Tx,
  ctx: RequestContext,
  projectId: string,
  lotNo: number,
  reason: string,
): Promise<void> {
  const row = await mustAward(tx, projectId, lotNo);
  if (row.status === 'failed' || row.status === 'reevaluation') {
    throw conflict('AWARD_NOT_REEVALUABLE', '该包已废标或正在重新评审', 'status');
  }
  await update(tx, row, row.status, { status: 'reevaluation', passedOver: [], ...cleared }, ctx.clock.now());
  await cancel(tx, DEEM, deemKey(projectId, lotNo));
  await appendAudit(tx, ctx, {
    action: 'award.reevaluationStarted',
    entityType: 'project',
    entityId: projectId,
    before: { lotNo, status: row.status, winnerBidId: row.winnerBidId },
    after: { lotNo, reason },
  });
}

/** The centre records the re-review's revised order: the purchaser confirms from it within 5 WD again. */
export async function recordReevaluation(
  db: Db,
  ctx: RequestContext,
  projectId: string,
  lotNo: number,
  body: z.infer<typeof reevaluationBody>,
): Promise<void> {
  await db.transaction(async (tx) => {
    await projectForAward(tx, ctx, projectId, 'reevaluate', true);
    const row = await mustAward(tx, projectId, lotNo);
    if (row.status !== 'reevaluation') {
      throw conflict('AWARD_NOT_IN_REEVALUATION', '该包不在重新评审状态', 'status');
    }
    const [ev] = await tx
      .select({ qualified: evaluations.qualified })
      .from(evaluations)
      .where(and(eq(evaluations.projectId, projectId), eq(evaluations.lotNo, lotNo)));
    const qualified = new Set(ev?.qualified ?? []);
    const bad = body.order.findIndex((id) => !qualified.has(id));
    if (bad >= 0 || new Set(body.order).size !== body.order.length) {
      throw badRequest(
        'AWARD_ORDER_INVALID',
        '候选人须为该包评审合格的投标人，且不得重复',
        `body.order.${Math.max(bad, 0)}`,
      );
    }
    const candidates = await candidatesOf(tx, projectId, lotNo, body.order);
    const now = ctx.clock.now();
    const due = winnerConfirmationDue(shanghaiDay(now));
    await update(
      tx,
      row,
      'reevaluation',
      {
        status: 'awaitingConfirmation',
        candidates,
        reportDeliveredOn: shanghaiDay(now),
        confirmationDueOn: due.dueOn,
      },
      now,
    );
    await scheduleDeeming(tx, ctx.clock, projectId, lotNo, due.dueAt);
    await appendAudit(tx, ctx, {
      action: 'award.reevaluated',
      entityType: 'project',
      entityId: projectId,
      after: {
        lotNo,
        note: body.note,
        candidates: candidates.map((c) => c.supplierName),
        confirmationDueOn: due.dueOn,
      },
    });
  });
}

/**
 * The lot fails after the award (法36; a sustained challenge leaving no lawful winner, 94号令32 ⚠️). When no lot of
 * the project is left standing, the project fails with its 废标公告 and every deposit falls due for refund.
 */
export async function failAwardLot(
  tx: Tx,
  ctx: RequestContext,
  projectId: string,
  lotNo: number,
  reason: string,
): Promise<void> {
  const row = await mustAward(tx, projectId, lotNo);
  if (row.status === 'failed') return;
  await update(tx, row, row.status, { status: 'failed', failedReason: reason, ...cleared }, ctx.clock.now());
  await cancel(tx, DEEM, deemKey(projectId, lotNo));
  await appendAudit(tx, ctx, {
    action: 'award.lotFailed',
    entityType: 'project',
    entityId: projectId,
    before: { lotNo, status: row.status, winnerBidId: row.winnerBidId },
    after: { lotNo, reason },
  });
  const l = await loadProject(tx, projectId, true);
  if (!l) return;
  const rows = await tx.select().from(awards).where(eq(awards.projectId, projectId));
  const standing = l.lots.filter((lot) => rows.find((r) => r.lotNo === lot.no)?.status !== 'failed');
  const evals = await tx.select().from(evaluations).where(eq(evaluations.projectId, projectId));
  const alive = standing.filter((lot) => evals.some((e) => e.lotNo === lot.no && e.status !== 'failed'));
  if (alive.length) return;
  const state = stateOf(l.row.status);
  if (state === 'evaluating' || state === 'awarded') {
    await setState(tx, l, step(l, 'fail', { groundRecorded: true }), {}, ctx.clock.now());
  }
  await projectFailed(tx, ctx, projectId);
}
