/**
 * Reading challenges and complaints. The challenger sees its own; the centre and the supervisors all; the
 * purchaser those on its projects; another supplier of the project only that a challenge exists, its subject and
 * outcome — and the reply text when it bid for that lot (94号令 第十四条: the reply goes to the challenger and the
 * other suppliers concerned, without trade secrets) — never the challenger nor the letter. No right → 404.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { RequestContext } from '../../../platform/auth/actor.ts';
import { abilities, authorize } from '../../../platform/auth/policy.ts';
import type { Db } from '../../../platform/db/client.ts';
import { notFound } from '../../../platform/errors.ts';
import { bidRegistrations, bids } from '../../bidding/tables.ts';
import { lots, projects } from '../../tendering/index.ts';
import { challengeWindow } from '../rules/clocks.ts';
import { awards, challenges, complaints } from '../tables.ts';
import {
  SUBJECT_LABELS,
  type ChallengeView,
  type complaintList,
  type ComplaintView,
  type myChallengesView,
  type projectChallengesView,
} from './contract.ts';
import { challengePolicy, complaintPolicy } from './policy.ts';
import {
  challengeFor,
  complaintFor,
  participation,
  presentChallenges,
  presentComplaints,
  projectOr404,
  supplierOf,
  todayOf,
  tookPart,
  userOf,
  type Visibility,
} from './view.ts';

export async function readChallenge(db: Db, ctx: RequestContext, id: string): Promise<ChallengeView> {
  const row = await challengeFor(db, ctx, id);
  const [view] = await presentChallenges(db, ctx, [{ row, visibility: 'full' }]);
  if (!view) throw notFound('质疑不存在');
  return view;
}

/** A project's challenges, as the caller may see them. */
export async function projectChallenges(
  db: Db,
  ctx: RequestContext,
  projectId: string,
): Promise<z.infer<typeof projectChallengesView>> {
  authorize(ctx.actor, challengePolicy, 'listProject');
  const l = await projectOr404(db, projectId);
  const user = userOf(ctx);
  const rows = await db
    .select()
    .from(challenges)
    .where(eq(challenges.projectId, projectId))
    .orderBy(asc(challenges.filedAt));
  let visible: { row: (typeof rows)[number]; visibility: Visibility }[];
  if (user?.role === 'supplier') {
    const part = user.supplierId ? await participation(db, projectId, user.supplierId) : null;
    if (!part || !tookPart(part)) throw notFound('项目不存在');
    visible = rows.map((row) => ({
      row,
      visibility:
        row.supplierId === user.supplierId
          ? 'full'
          : row.lotNo === null || part.bidLots.includes(row.lotNo)
            ? 'outlineWithReply'
            : 'outline',
    }));
  } else if (user?.role === 'purchaser') {
    if (!user.purchaserId || !l.shares.some((s) => s.purchaserId === user.purchaserId)) {
      throw notFound('项目不存在');
    }
    visible = rows.map((row) => ({ row, visibility: 'full' }));
  } else {
    visible = rows.map((row) => ({ row, visibility: 'full' }));
  }
  return {
    projectId,
    projectCode: l.row.code,
    projectName: l.row.name,
    items: await presentChallenges(db, ctx, visible),
    abilities: abilities(ctx.actor, challengePolicy).filter((a) => a === 'file' || a === 'reply'),
  };
}

/**
 * The supplier's challenges and complaints, and the projects it took part in with the windows open to it now:
 * documents (from its registration or the document period's end), result per lot it bid for (from the end of the
 * result-notice period); a process challenge counts from the day the step ended, which the supplier states.
 */
export async function myChallenges(db: Db, ctx: RequestContext): Promise<z.infer<typeof myChallengesView>> {
  authorize(ctx.actor, challengePolicy, 'listMine');
  const supplierId = supplierOf(ctx) ?? '';
  const today = todayOf(ctx);
  const rows = await db
    .select()
    .from(challenges)
    .where(eq(challenges.supplierId, supplierId))
    .orderBy(desc(challenges.filedAt));
  const items = await presentChallenges(
    db,
    ctx,
    rows.map((row) => ({ row, visibility: 'full' as const })),
  );
  const regs = await db
    .select({ projectId: bidRegistrations.projectId })
    .from(bidRegistrations)
    .where(eq(bidRegistrations.supplierId, supplierId));
  const bidRows = await db
    .select({ projectId: bids.projectId })
    .from(bids)
    .where(and(eq(bids.supplierId, supplierId), eq(bids.status, 'submitted')));
  const projectIds = [...new Set([...regs, ...bidRows].map((r) => r.projectId))];
  const projectRows = projectIds.length
    ? await db
        .select()
        .from(projects)
        .where(inArray(projects.id, projectIds))
        .orderBy(desc(projects.createdAt))
    : [];
  const lotRows = projectIds.length
    ? await db.select().from(lots).where(inArray(lots.projectId, projectIds)).orderBy(asc(lots.no))
    : [];
  const awardRows = projectIds.length
    ? await db
        .select({ projectId: awards.projectId, lotNo: awards.lotNo, noticedOn: awards.noticedOn })
        .from(awards)
        .where(inArray(awards.projectId, projectIds))
    : [];
  const out: z.infer<typeof myChallengesView>['projects'] = [];
  for (const p of projectRows) {
    if (!p.noticePublishedOn) continue;
    const part = await participation(db, p.id, supplierId);
    const options: z.infer<typeof myChallengesView>['projects'][number]['options'] = [];
    const docs = windowOrNull(() => {
      const w = challengeWindow({
        kind: 'documents',
        knewOn: part.registeredOn ?? undefined,
        documentPeriodEndsOn: p.documentsAvailableUntil ?? undefined,
      });
      return { w, startsOn: w.clockStartsOn };
    }, today);
    options.push({
      subject: 'documents',
      subjectLabel: SUBJECT_LABELS.documents,
      lotNo: null,
      window: docs,
      note: docs ? null : '无法计算采购文件质疑期限',
    });
    options.push({
      subject: 'process',
      subjectLabel: SUBJECT_LABELS.process,
      lotNo: null,
      window: null,
      note: '自该程序环节结束之日起7个工作日内提出（政府采购法实施条例第五十三条），请在质疑中填写结束日期',
    });
    const projectLots = lotRows.filter((x) => x.projectId === p.id);
    for (const lot of projectLots.filter((x) => part.bidLots.includes(x.no))) {
      const noticedOn = awardRows.find((a) => a.projectId === p.id && a.lotNo === lot.no)?.noticedOn ?? null;
      const w = noticedOn
        ? windowOrNull(() => {
            const r = challengeWindow({ kind: 'result', resultNoticePublishedOn: noticedOn });
            return { w: r, startsOn: r.clockStartsOn };
          }, today)
        : null;
      options.push({
        subject: 'result',
        subjectLabel: SUBJECT_LABELS.result,
        lotNo: lot.no,
        window: w,
        note: noticedOn ? null : '中标（成交）结果尚未公告',
      });
    }
    out.push({
      id: p.id,
      code: p.code,
      name: p.name,
      lots: projectLots.map((x) => ({ no: x.no, name: x.name, bid: part.bidLots.includes(x.no) })),
      options,
    });
  }
  return {
    items,
    projects: out,
    abilities: abilities(ctx.actor, challengePolicy).filter((a) => a === 'file'),
  };
}

function windowOrNull(
  make: () => { w: ReturnType<typeof challengeWindow>; startsOn: string },
  today: string,
): z.infer<typeof myChallengesView>['projects'][number]['options'][number]['window'] {
  try {
    const { w, startsOn } = make();
    return {
      opensOn: w.opensOn,
      closesOn: w.closesOn,
      text: `${startsOn} 起 ${w.rule.count} 个工作日内（起算日不计入），即不迟于 ${w.closesOn}`,
      basis: `${w.rule.text}（${w.rule.basis}）`,
      open: today >= w.opensOn && today <= w.closesOn,
    };
  } catch {
    return null;
  }
}

/** Every complaint (the finance department's desk; the centre as respondent; discipline supervisors). */
export async function listComplaints(db: Db, ctx: RequestContext): Promise<z.infer<typeof complaintList>> {
  authorize(ctx.actor, complaintPolicy, 'list');
  const rows = await db.select().from(complaints).orderBy(desc(complaints.filedAt));
  return {
    items: await presentComplaints(db, ctx, rows),
    abilities: abilities(ctx.actor, complaintPolicy).filter((a) => a === 'handle'),
  };
}

export async function readComplaint(db: Db, ctx: RequestContext, id: string): Promise<ComplaintView> {
  const row = await complaintFor(db, ctx, id);
  const [view] = await presentComplaints(db, ctx, [row]);
  if (!view) throw notFound('投诉不存在');
  return view;
}
