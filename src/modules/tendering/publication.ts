/**
 * Publication: the notice goes out only with a clear check, the approval the method needs and a lawful
 * schedule (deadlines enforced, not advised — RULES.md §2.2); corrections move the deadline when the law asks
 * (条例31); termination publishes a 终止公告. Notices are generated from the data and read by the public.
 */
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { emitDomainEvent } from '../../platform/domain-events.ts';
import { appendAudit } from '../../platform/audit/log.ts';
import type { RequestContext } from '../../platform/auth/actor.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.ts';
import { centres } from '../orgs/tables.ts';
import type { correctionBody, noticeKind, projectView, publishBody, terminateBody } from './contract.ts';
import { noticeText, type NoticeInput } from './documents/notices.ts';
import './events.ts';
import { cancelBidClosing, scheduleBidClosing } from './jobs.ts';
import {
  budgetOf,
  loadProject,
  methodOf,
  projectFor,
  setState,
  stateOf,
  step,
  timed,
  userId,
  type LoadedProject,
} from './loaded.ts';
import { lintView, methodFacts, runChecks } from './checks.ts';
import { present } from './presenter.ts';
import { checkSchedule, deadlineAfterCorrection } from './rules/deadlines.ts';
import { STATE_LABELS } from './rules/lifecycle.ts';
import { notices, projectShares } from './tables.ts';

type View = z.infer<typeof projectView>;

/** The notice a method publishes first (财办库〔2020〕50号). */
function firstNoticeKind(l: LoadedProject): 'tender' | 'prequalification' | 'invitation' {
  const m = methodOf(l.row.method);
  if (m === 'openTender') return 'tender';
  // 邀请招标 draws its ≥ 3 invitees from those who pass a 资格预审 (87号令 第十四条).
  if (m === 'invitedTender') return 'prequalification';
  return 'invitation';
}

/** The same wall-clock time of day in Shanghai as `like`, on `day`. */
export function atShanghaiTimeOf(day: string, like: Date): Date {
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(like);
  return new Date(`${day}T${time}+08:00`);
}

/** The project's facts every notice and document is written from (the centre, the project, lots, schedule). */
export async function noticeInput(tx: Tx | Db, l: LoadedProject): Promise<NoticeInput> {
  const [centre] = await tx.select().from(centres).limit(1);
  return {
    centreName: centre?.name ?? '政府采购中心',
    centreAddress: centre?.address ?? null,
    centrePhone: centre?.phone ?? null,
    project: {
      code: l.row.code,
      name: l.row.name,
      year: l.row.year,
      category: l.row.category === 'works' ? 'works' : l.row.category === 'services' ? 'services' : 'goods',
      method: methodOf(l.row.method),
      purchaserNames: [...new Set(l.shares.map((s) => s.purchaserName))],
      budgetFen: budgetOf(l.lots),
    },
    lots: l.lots.map((x) => ({
      no: x.no,
      name: x.name,
      budgetFen: x.budgetFen,
      ceilingFen: x.ceilingFen,
      quantity: x.quantity,
      description: x.description,
    })),
    requirements: l.row.requirements,
    schedule: {
      noticePublishedOn: l.row.noticePublishedOn,
      documentsIssuedOn: l.row.documentsIssuedOn,
      documentsAvailableUntil: l.row.documentsAvailableUntil,
      bidDeadlineAt: l.row.bidDeadlineAt,
      openingAt: l.row.openingAt,
      openingPlace: l.row.openingPlace,
    },
  };
}

/** Publishes a notice on the portal, in the caller's transaction (later stages publish theirs through this). */
export async function publishNotice(
  tx: Tx,
  ctx: RequestContext,
  projectId: string,
  kind: z.infer<typeof noticeKind>,
  text: { title: string; body: string },
  deadlines: { previous: Date | null; current: Date | null } = { previous: null, current: null },
) {
  const now = ctx.clock.now();
  const [row] = await tx
    .insert(notices)
    .values({
      projectId,
      kind,
      title: text.title,
      body: text.body,
      previousDeadlineAt: deadlines.previous,
      bidDeadlineAt: deadlines.current,
      publishedOn: shanghaiDay(now),
      publishedAt: now,
      publishedBy: userId(ctx),
    })
    .returning();
  if (!row) throw new Error('notice insert returned nothing');
  await emitDomainEvent(tx, ctx, 'tendering.noticePublished', { noticeId: row.id, projectId, kind });
  // The search lexemes are the portal's index, not part of the notice as published (nor of its audit record).
  const { search: _search, ...notice } = row;
  return notice;
}

/**
 * Publishes the first notice. The check is run again on the stored data (it must still be clear), the method's
 * approval must be on record where required, and the schedule must meet every period: otherwise nothing is
 * written and the caller is told the earliest lawful dates.
 */
export async function publishProject(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof publishBody>,
): Promise<View> {
  const now = ctx.clock.now();
  const today = shanghaiDay(now);
  const deadline = new Date(body.bidDeadlineAt);
  // 87号令 第三十九条: bids are opened at the very time bids close.
  const opening = body.openingAt === null ? deadline : new Date(body.openingAt);
  await db.transaction(async (tx) => {
    const l = await projectFor(tx, ctx, id, 'publish', true);
    // A draft has not passed the check (or failed it): say so before anything else.
    if (stateOf(l.row.status) === 'draft')
      throw new AppError(
        422,
        'LINT_BLOCKS_PUBLICATION',
        l.row.lint
          ? '采购文件检查尚有未解决的问题，不能发布（请修改或记录保留理由后重新检查）'
          : '采购文件尚未检查，检查通过后才能发布',
        'lint',
      );
    const method = await methodFacts(tx, l, today);
    const stored = runChecks(l, method, now);
    const lint = lintView(l, stored);
    const m = methodOf(l.row.method);
    if (deadline <= now)
      throw badRequest('BID_DEADLINE_PAST', '投标截止时间应晚于现在', 'body.bidDeadlineAt');
    if ((m === 'openTender' || m === 'invitedTender') && opening.getTime() !== deadline.getTime())
      throw badRequest(
        'OPENING_NOT_AT_DEADLINE',
        '开标应当在投标截止时间的同一时间进行（87号令第三十九条）',
        'body.openingAt',
      );
    if (opening < deadline)
      throw badRequest('OPENING_BEFORE_DEADLINE', '开标时间不得早于投标截止时间', 'body.openingAt');
    const t = timed(m);
    const violations = t
      ? checkSchedule({
          method: t,
          noticePublishedOn: today,
          documentsIssuedOn: body.documentsIssuedOn,
          documentsAvailableUntil: body.documentsAvailableUntil,
          bidDeadline: shanghaiDay(deadline),
        })
      : [];
    if (!t && body.documentsIssuedOn < today)
      violations.push({
        code: 'DOCUMENTS_BEFORE_NOTICE',
        path: 'documentsIssuedOn',
        message: '采购文件应在公告发布后发出',
      });
    if (body.documentsAvailableUntil < body.documentsIssuedOn)
      throw badRequest(
        'DOCUMENT_PERIOD_NEGATIVE',
        '文件提供截止日不得早于开始发出日',
        'body.documentsAvailableUntil',
      );
    // The schedule rule speaks of the deadline day; the request carries the instant.
    const field = (path: string): string => `body.${path === 'bidDeadline' ? 'bidDeadlineAt' : path}`;
    const first = violations[0];
    if (first) {
      throw new AppError(
        422,
        first.code,
        first.message,
        field(first.path),
        violations.map((v) => ({ code: v.code, path: field(v.path), message: v.message })),
      );
    }
    if (!lint?.clear) {
      // Store what was found, so the agent sees why — but the project is not published.
      throw new AppError(
        422,
        'LINT_BLOCKS_PUBLICATION',
        '采购文件检查尚有未解决的问题，不能发布（请修改或记录保留理由后重新检查）',
        'lint',
      );
    }
    const to = step(l, 'publish', {
      requiresApproval: method.outcome.requiresApproval,
      approvalGranted: l.approval !== null && l.approval.method === l.row.method,
      scheduleLawful: true,
    });
    const after = await setState(
      tx,
      l,
      to,
      {
        lint: stored,
        noticePublishedOn: today,
        documentsIssuedOn: body.documentsIssuedOn,
        documentsAvailableUntil: body.documentsAvailableUntil,
        bidDeadlineAt: deadline,
        openingAt: opening,
        openingPlace: body.openingPlace,
      },
      now,
    );
    const published = { ...l, row: after };
    const kind = firstNoticeKind(published);
    const notice = await publishNotice(
      tx,
      ctx,
      id,
      kind,
      noticeText(kind, await noticeInput(tx, published)),
      {
        previous: null,
        current: deadline,
      },
    );
    await scheduleBidClosing(tx, ctx.clock, id, deadline);
    await appendAudit(tx, ctx, {
      action: 'project.published',
      entityType: 'project',
      entityId: id,
      before: { status: l.row.status },
      after: { project: after, notice },
    });
  });
  const l = await loadProject(db, id);
  if (!l) throw notFound('项目不存在');
  return present(db, ctx, l);
}

/**
 * 更正公告 (政府采购法实施条例 第三十一条): before the deadline only; a correction that may affect the bids moves
 * the deadline to leave the full period after it (same time of day), or to a later one the centre sets.
 */
export async function correctProject(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof correctionBody>,
): Promise<View> {
  const now = ctx.clock.now();
  const today = shanghaiDay(now);
  await db.transaction(async (tx) => {
    const l = await projectFor(tx, ctx, id, 'correct', true);
    const current = l.row.bidDeadlineAt;
    const t = timed(methodOf(l.row.method));
    if (!current)
      throw conflict(
        'PROJECT_STATE',
        `项目当前状态为「${STATE_LABELS[stateOf(l.row.status)]}」，不能更正`,
        'status',
      );
    const lawfulDay = t
      ? deadlineAfterCorrection({
          method: t,
          correctionPublishedOn: today,
          currentDeadline: shanghaiDay(current),
          affectsBids: body.affectsBids,
        })
      : shanghaiDay(current);
    let deadline = current;
    if (body.bidDeadlineAt !== null) {
      const asked = new Date(body.bidDeadlineAt);
      if (shanghaiDay(asked) < lawfulDay || asked <= now)
        throw new AppError(
          422,
          'BID_DEADLINE_TOO_EARLY',
          `更正后的投标截止时间不得早于 ${lawfulDay}：可能影响投标文件编制的更正，距截止时间不足法定期限的应当顺延（政府采购法实施条例第三十一条）`,
          'body.bidDeadlineAt',
        );
      deadline = asked;
    } else if (lawfulDay > shanghaiDay(current)) {
      deadline = atShanghaiTimeOf(lawfulDay, current);
    }
    const to = step(l, 'correct', { bidDeadlinePassed: now >= current, scheduleLawful: true });
    const after = await setState(tx, l, to, { bidDeadlineAt: deadline, openingAt: deadline }, now);
    const input = await noticeInput(tx, { ...l, row: after });
    const text = noticeText('correction', {
      ...input,
      correction: {
        originalPublishedOn: l.row.noticePublishedOn ?? today,
        content: body.content,
        previousDeadline: current,
        newDeadline: deadline.getTime() === current.getTime() ? null : deadline,
      },
    });
    const notice = await publishNotice(tx, ctx, id, 'correction', text, {
      previous: current,
      current: deadline,
    });
    await scheduleBidClosing(tx, ctx.clock, id, deadline);
    await appendAudit(tx, ctx, {
      action: 'project.corrected',
      entityType: 'project',
      entityId: id,
      before: { status: l.row.status, bidDeadlineAt: current },
      after: { status: after.status, bidDeadlineAt: deadline, affectsBids: body.affectsBids, notice },
    });
  });
  const l = await loadProject(db, id);
  if (!l) throw notFound('项目不存在');
  return present(db, ctx, l);
}

/** 终止 (87号令 第二十九条): with its reason; a 终止公告 when a notice was out; the plan lines are free again. */
export async function terminateProject(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof terminateBody>,
): Promise<View> {
  const now = ctx.clock.now();
  await db.transaction(async (tx) => {
    const l = await projectFor(tx, ctx, id, 'terminate', true);
    const to = step(l, 'terminate', { groundRecorded: body.reason.length > 0 });
    const after = await setState(tx, l, to, {}, now);
    await tx.update(projectShares).set({ live: false }).where(eq(projectShares.projectId, id));
    let notice = null;
    if (l.row.noticePublishedOn) {
      const input = await noticeInput(tx, { ...l, row: after });
      notice = await publishNotice(
        tx,
        ctx,
        id,
        'termination',
        noticeText('termination', { ...input, termination: { reason: body.reason } }),
        {
          previous: l.row.bidDeadlineAt,
          current: null,
        },
      );
    }
    await cancelBidClosing(tx, id);
    await emitDomainEvent(tx, ctx, 'tendering.projectTerminated', { projectId: id, reason: body.reason });
    await appendAudit(tx, ctx, {
      action: 'project.terminated',
      entityType: 'project',
      entityId: id,
      before: { status: l.row.status },
      after: { status: after.status, reason: body.reason, notice },
    });
  });
  const l = await loadProject(db, id);
  if (!l) throw notFound('项目不存在');
  return present(db, ctx, l);
}
