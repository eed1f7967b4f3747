/**
 * Loading and presenting challenges and complaints: who may see what (a supplier never reads another's letter;
 * a caller with no right gets 404), the clocks beside each step with their articles, the late flags.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { RequestContext, UserActor } from '../../../platform/auth/actor.ts';
import { abilities, can } from '../../../platform/auth/policy.ts';
import { shanghaiDay } from '../../../platform/clock.ts';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { notFound } from '../../../platform/errors.ts';
import { fileUploads, files } from '../../../platform/files/tables.ts';
import { bidLots, bidRegistrations, bids } from '../../bidding/tables.ts';
import { suppliers } from '../../orgs/tables.ts';
import { loadProject, projects, projectShares } from '../../tendering/index.ts';
import {
  challengeReplyDue,
  challengeWindow,
  complaintDecisionDue,
  complaintWindow,
  suspensionEndsAtLatest,
  type ChallengeWindow,
  type ComplaintWindow,
} from '../rules/clocks.ts';
import { awards, challenges, complaints } from '../tables.ts';
import {
  CHALLENGE_STATUS_LABELS,
  COMPLAINT_STATUS_LABELS,
  OUTCOME_LABELS,
  REMEDY_LABELS,
  SUBJECT_LABELS,
  type ChallengeView,
  type ComplaintView,
} from './contract.ts';
import './events.ts';
import { challengePolicy, complaintPolicy, type LetterRecord } from './policy.ts';
import {
  complaintAcceptanceDue,
  describeDue,
  type ChallengeSubject,
  type PartDue,
  type Remedy,
} from './rules.ts';
import type { Due } from '../rules/clocks.ts';

export type ChallengeRow = typeof challenges.$inferSelect;
export type ComplaintRow = typeof complaints.$inferSelect;

export const todayOf = (ctx: RequestContext): string => shanghaiDay(ctx.clock.now());
export const userOf = (ctx: RequestContext): UserActor | null =>
  ctx.actor.kind === 'user' ? ctx.actor : null;
export const supplierOf = (ctx: RequestContext): string | null => userOf(ctx)?.supplierId ?? null;

const SUBJECTS: readonly ChallengeSubject[] = ['documents', 'process', 'result'];
export const subjectOf = (s: string): ChallengeSubject => SUBJECTS.find((x) => x === s) ?? 'process';
const REMEDY_VALUES: readonly Remedy[] = ['documentsCorrected', 'reevaluation', 'winnerChanged', 'retender'];
const remedyOf = (s: string | null): Remedy | null => REMEDY_VALUES.find((x) => x === s) ?? null;
const outcomeOf = (s: string | null): 'dismissed' | 'upheld' | null =>
  s === 'dismissed' || s === 'upheld' ? s : null;

/** The purchasers of a project, for the purchaser's record-level read right. */
export async function purchasersOf(tx: Db | Tx, projectIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!projectIds.length) return out;
  const rows = await tx
    .selectDistinct({ projectId: projectShares.projectId, purchaserId: projectShares.purchaserId })
    .from(projectShares)
    .where(inArray(projectShares.projectId, projectIds));
  for (const r of rows) out.set(r.projectId, [...(out.get(r.projectId) ?? []), r.purchaserId]);
  return out;
}

/** What a supplier did on a project: its registration day (receipt of the documents) and the lots it bid for. */
export interface Participation {
  registeredOn: string | null;
  bidLots: number[];
}

export async function participation(
  tx: Db | Tx,
  projectId: string,
  supplierId: string,
): Promise<Participation> {
  const [reg] = await tx
    .select({ at: bidRegistrations.registeredAt })
    .from(bidRegistrations)
    .where(and(eq(bidRegistrations.projectId, projectId), eq(bidRegistrations.supplierId, supplierId)));
  const lotRows = await tx
    .selectDistinct({ lotNo: bidLots.lotNo })
    .from(bids)
    .innerJoin(bidLots, eq(bidLots.bidId, bids.id))
    .where(and(eq(bids.projectId, projectId), eq(bids.supplierId, supplierId), eq(bids.status, 'submitted')));
  return {
    registeredOn: reg ? shanghaiDay(reg.at) : null,
    bidLots: lotRows.map((r) => r.lotNo).sort((a, b) => a - b),
  };
}

export const tookPart = (p: Participation): boolean => p.registeredOn !== null || p.bidLots.length > 0;

// ── Clocks ──────────────────────────────────────────────────────────────────────────────────────────────

function dueOut(d: Due | PartDue, doneOn: string | null, today: string) {
  const e = describeDue(d);
  return {
    startsOn: d.startsOn,
    dueOn: d.dueOn,
    text: e.summary,
    basis: e.rule,
    late: (doneOn ?? today) > d.dueOn,
  };
}

function windowOut(w: ChallengeWindow | ComplaintWindow, today: string, clockStartsOn: string) {
  return {
    opensOn: w.opensOn,
    closesOn: w.closesOn,
    text: `${clockStartsOn} 起 ${w.rule.count} 个工作日内（起算日不计入），即不迟于 ${w.closesOn}`,
    basis: `${w.rule.text}（${w.rule.basis}）`,
    open: today >= w.opensOn && today <= w.closesOn,
  };
}

/** The window a stored challenge was filed in, recomputed from what was stored (its `knewOn`, or the notice). */
function storedChallengeWindow(c: ChallengeRow, noticedOn: string | null, today: string) {
  const subject = subjectOf(c.subject);
  let w: ChallengeWindow | null = null;
  try {
    if (subject === 'result' && noticedOn)
      w = challengeWindow({ kind: 'result', resultNoticePublishedOn: noticedOn });
    else if (c.knewOn) w = challengeWindow({ kind: 'process', knewOn: c.knewOn });
  } catch {
    w = null;
  }
  if (w && w.closesOn === c.windowClosesOn) return windowOut(w, today, w.clockStartsOn);
  // The stored closing day is the record (e.g. a documents window closing on the document period's end).
  return {
    opensOn: c.knewOn ?? c.filedOn,
    closesOn: c.windowClosesOn,
    text: `质疑期限至 ${c.windowClosesOn}（7 个工作日，起算日不计入）`,
    basis:
      '供应商可以在知道或者应知其权益受到损害之日起7个工作日内，以书面形式提出质疑（政府采购法第五十二条；政府采购法实施条例第五十三条；94号令第十条）',
    open: today <= c.windowClosesOn,
  };
}

export function complaintWindowOf(c: ChallengeRow) {
  return complaintWindow({ replyDueOn: c.replyDueOn, repliedOn: c.repliedOn });
}

const LIVE_COMPLAINT = ['received', 'accepted', 'decided'];

// ── Presenting ──────────────────────────────────────────────────────────────────────────────────────────

interface Context {
  projects: Map<string, { code: string; name: string }>;
  purchasers: Map<string, string[]>;
  suppliers: Map<string, string>;
  evidence: Map<string, { uploadId: string; hash: string; name: string; size: number }>;
  noticedOn: Map<string, string | null>;
  complaints: Map<string, ComplaintRow[]>;
}

async function contextOf(tx: Db | Tx, cs: ChallengeRow[], ks: ComplaintRow[]): Promise<Context> {
  const projectIds = [...new Set([...cs.map((c) => c.projectId), ...ks.map((k) => k.projectId)])];
  const projectRows = projectIds.length
    ? await tx
        .select({ id: projects.id, code: projects.code, name: projects.name })
        .from(projects)
        .where(inArray(projects.id, projectIds))
    : [];
  const purchasers = await purchasersOf(tx, projectIds);
  const supplierIds = [...new Set([...cs.map((c) => c.supplierId), ...ks.map((k) => k.supplierId)])];
  const supplierRows = supplierIds.length
    ? await tx
        .select({ id: suppliers.id, name: suppliers.name })
        .from(suppliers)
        .where(inArray(suppliers.id, supplierIds))
    : [];
  const uploadIds = [...new Set([...cs, ...ks].flatMap((r) => r.evidenceFileIds))];
  const uploadRows = uploadIds.length
    ? await tx
        .select({ id: fileUploads.id, hash: fileUploads.hash, name: fileUploads.name, size: files.size })
        .from(fileUploads)
        .innerJoin(files, eq(files.hash, fileUploads.hash))
        .where(inArray(fileUploads.id, uploadIds))
    : [];
  const awardRows = projectIds.length
    ? await tx
        .select({ projectId: awards.projectId, lotNo: awards.lotNo, noticedOn: awards.noticedOn })
        .from(awards)
        .where(inArray(awards.projectId, projectIds))
    : [];
  const byChallenge = new Map<string, ComplaintRow[]>();
  for (const k of ks) byChallenge.set(k.challengeId, [...(byChallenge.get(k.challengeId) ?? []), k]);
  return {
    projects: new Map(projectRows.map((p) => [p.id, { code: p.code, name: p.name }])),
    purchasers,
    suppliers: new Map(supplierRows.map((s) => [s.id, s.name])),
    evidence: new Map(
      uploadRows.map((u) => [u.id, { uploadId: u.id, hash: u.hash, name: u.name, size: u.size }]),
    ),
    noticedOn: new Map(awardRows.map((a) => [`${a.projectId}:${a.lotNo}`, a.noticedOn])),
    complaints: byChallenge,
  };
}

const recordOf = (r: { supplierId: string; projectId: string }, cx: Context): LetterRecord => ({
  supplierId: r.supplierId,
  purchaserIds: cx.purchasers.get(r.projectId) ?? [],
});

function presentComplaint(
  ctx: RequestContext,
  k: ComplaintRow,
  c: ChallengeRow,
  cx: Context,
  today: string,
): ComplaintView {
  const subject = subjectOf(c.subject);
  const project = cx.projects.get(k.projectId) ?? { code: '', name: '' };
  const w = complaintWindowOf(c);
  const status = COMPLAINT_STATUS_LABELS[k.status as keyof typeof COMPLAINT_STATUS_LABELS]
    ? (k.status as keyof typeof COMPLAINT_STATUS_LABELS)
    : 'received';
  const record = recordOf(k, cx);
  const granted = abilities(ctx.actor, complaintPolicy, record);
  const acts: string[] = granted.includes('read') ? ['read'] : [];
  const suspensionActive =
    k.suspendedOn !== null &&
    k.suspensionLiftedOn === null &&
    k.suspensionEndsOn !== null &&
    today <= k.suspensionEndsOn &&
    (status === 'received' || status === 'accepted');
  if (granted.includes('handle')) {
    if (status === 'received') acts.push('accept', 'reject');
    if ((status === 'received' || status === 'accepted') && k.suspendedOn === null) acts.push('suspend');
    if (suspensionActive) acts.push('liftSuspension');
    if (status === 'accepted') acts.push('recordExcludedDays', 'decide');
  }
  if (granted.includes('withdraw') && (status === 'received' || status === 'accepted')) acts.push('withdraw');
  const latest = k.suspendedOn ? suspensionEndsAtLatest(k.suspendedOn) : null;
  const o = outcomeOf(k.outcome);
  const rem = remedyOf(k.remedy);
  return {
    abilities: acts,
    id: k.id,
    challengeId: k.challengeId,
    projectId: k.projectId,
    projectCode: project.code,
    projectName: project.name,
    lotNo: c.lotNo,
    subject,
    subjectLabel: SUBJECT_LABELS[subject],
    supplierId: k.supplierId,
    supplierName: cx.suppliers.get(k.supplierId) ?? '',
    requests: k.requests,
    facts: k.facts,
    evidence: k.evidenceFileIds.flatMap((id) => cx.evidence.get(id) ?? []),
    filedAt: k.filedAt.toISOString(),
    filedOn: k.filedOn,
    window: windowOut(w, today, c.replyDueOn),
    status,
    statusLabel: COMPLAINT_STATUS_LABELS[status],
    acceptance: dueOut(
      complaintAcceptanceDue(k.filedOn),
      k.acceptedOn ?? (k.status === 'rejected' ? (k.decidedOn ?? k.filedOn) : null),
      status === 'withdrawn' ? k.filedOn : today,
    ),
    acceptedOn: k.acceptedOn,
    rejectionReason: k.rejectionReason,
    decisionDue: k.acceptedOn
      ? dueOut(
          complaintDecisionDue(k.filedOn, k.excludedWorkingDays),
          k.decidedOn,
          status === 'withdrawn' ? k.filedOn : today,
        )
      : null,
    excludedWorkingDays: k.excludedWorkingDays,
    suspension:
      k.suspendedOn && k.suspensionEndsOn && latest
        ? {
            suspendedOn: k.suspendedOn,
            endsOn: k.suspensionEndsOn,
            latestOn: latest.dueOn,
            liftedOn: k.suspensionLiftedOn,
            active: suspensionActive,
            basis: `${latest.rule.text}（${latest.rule.basis}）`,
          }
        : null,
    decision: k.decision,
    outcome: o,
    outcomeLabel: o ? OUTCOME_LABELS[o] : null,
    remedy: rem,
    remedyLabel: rem ? REMEDY_LABELS[rem] : null,
    decidedOn: k.decidedOn,
  };
}

/** How the caller sees a challenge: its whole letter, or (another supplier of the project) that it exists. */
export type Visibility = 'full' | 'outline' | 'outlineWithReply';

function presentChallenge(
  ctx: RequestContext,
  c: ChallengeRow,
  cx: Context,
  today: string,
  visibility: Visibility,
): ChallengeView {
  const subject = subjectOf(c.subject);
  const project = cx.projects.get(c.projectId) ?? { code: '', name: '' };
  const status = c.status === 'answered' || c.status === 'withdrawn' ? c.status : 'received';
  const own = supplierOf(ctx) === c.supplierId;
  const full = visibility === 'full';
  const ks = full ? (cx.complaints.get(c.id) ?? []) : [];
  const record = recordOf(c, cx);
  const granted = full ? abilities(ctx.actor, challengePolicy, record) : [];
  const acts: string[] = granted.includes('read') ? ['read'] : [];
  if (status === 'received') {
    for (const a of ['withdraw', 'markAffectsResult', 'reply'] as const)
      if (granted.includes(a)) acts.push(a);
  }
  const cw = status === 'withdrawn' ? null : complaintWindowOf(c);
  const complaintOpen =
    cw !== null &&
    today >= cw.opensOn &&
    today <= cw.closesOn &&
    !ks.some((k) => LIVE_COMPLAINT.includes(k.status));
  if (granted.includes('complain') && complaintOpen) acts.push('complain');
  const o = outcomeOf(c.outcome);
  const rem = remedyOf(c.remedy);
  const showReply = visibility !== 'outline';
  return {
    abilities: acts,
    id: c.id,
    projectId: c.projectId,
    projectCode: project.code,
    projectName: project.name,
    lotNo: c.lotNo,
    subject,
    subjectLabel: SUBJECT_LABELS[subject],
    own,
    letterVisible: full,
    supplierId: full ? c.supplierId : null,
    supplierName: full ? (cx.suppliers.get(c.supplierId) ?? '') : null,
    knewOn: full ? c.knewOn : null,
    requests: full ? c.requests : null,
    facts: full ? c.facts : null,
    evidence: full ? c.evidenceFileIds.flatMap((id) => cx.evidence.get(id) ?? []) : [],
    filedAt: c.filedAt.toISOString(),
    filedOn: c.filedOn,
    window: storedChallengeWindow(
      c,
      c.lotNo === null ? null : (cx.noticedOn.get(`${c.projectId}:${c.lotNo}`) ?? null),
      today,
    ),
    replyDue: dueOut(challengeReplyDue(c.filedOn), c.repliedOn, status === 'withdrawn' ? c.filedOn : today),
    affectsResult: c.affectsResult,
    status,
    statusLabel: CHALLENGE_STATUS_LABELS[status],
    reply: showReply ? c.reply : null,
    outcome: o,
    outcomeLabel: o ? OUTCOME_LABELS[o] : null,
    remedy: rem,
    remedyLabel: rem ? REMEDY_LABELS[rem] : null,
    repliedOn: c.repliedOn,
    complaintWindow: full && cw ? windowOut(cw, today, c.replyDueOn) : null,
    complaints: ks.map((k) => presentComplaint(ctx, k, c, cx, today)),
  };
}

export async function presentChallenges(
  tx: Db | Tx,
  ctx: RequestContext,
  rows: { row: ChallengeRow; visibility: Visibility }[],
): Promise<ChallengeView[]> {
  const ids = rows.map((r) => r.row.id);
  const ks = ids.length
    ? await tx
        .select()
        .from(complaints)
        .where(inArray(complaints.challengeId, ids))
        .orderBy(asc(complaints.filedAt))
    : [];
  const cx = await contextOf(
    tx,
    rows.map((r) => r.row),
    ks,
  );
  const today = todayOf(ctx);
  return rows.map((r) => presentChallenge(ctx, r.row, cx, today, r.visibility));
}

export async function presentComplaints(
  tx: Db | Tx,
  ctx: RequestContext,
  ks: ComplaintRow[],
): Promise<ComplaintView[]> {
  const ids = [...new Set(ks.map((k) => k.challengeId))];
  const cs = ids.length ? await tx.select().from(challenges).where(inArray(challenges.id, ids)) : [];
  const byId = new Map(cs.map((c) => [c.id, c]));
  const cx = await contextOf(tx, cs, ks);
  const today = todayOf(ctx);
  return ks.flatMap((k) => {
    const c = byId.get(k.challengeId);
    return c ? [presentComplaint(ctx, k, c, cx, today)] : [];
  });
}

// ── Loading with the right to see ───────────────────────────────────────────────────────────────────────

/** The challenge, if the caller may read its letter (404 otherwise, also for other suppliers). */
export async function challengeFor(
  tx: Db | Tx,
  ctx: RequestContext,
  id: string,
  lock = false,
): Promise<ChallengeRow> {
  const q = tx.select().from(challenges).where(eq(challenges.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('质疑不存在');
  const purchasers = await purchasersOf(tx, [row.projectId]);
  const record = { supplierId: row.supplierId, purchaserIds: purchasers.get(row.projectId) ?? [] };
  if (!can(ctx.actor, challengePolicy, 'read', record)) throw notFound('质疑不存在');
  return row;
}

export async function complaintFor(
  tx: Db | Tx,
  ctx: RequestContext,
  id: string,
  lock = false,
): Promise<ComplaintRow> {
  const q = tx.select().from(complaints).where(eq(complaints.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('投诉不存在');
  const purchasers = await purchasersOf(tx, [row.projectId]);
  const record = { supplierId: row.supplierId, purchaserIds: purchasers.get(row.projectId) ?? [] };
  if (!can(ctx.actor, complaintPolicy, 'read', record)) throw notFound('投诉不存在');
  return row;
}

export async function projectOr404(tx: Db | Tx, projectId: string) {
  const loaded = await loadProject(tx, projectId);
  if (!loaded) throw notFound('项目不存在');
  return loaded;
}
