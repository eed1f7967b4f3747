/**
 * The committee of a project (评标委员会 / 谈判·磋商·询价小组, RULES.md §3): the centre plans its composition —
 * review time and place, the experts to draw per specialty, the purchaser's representatives — checked against
 * 87号令 第四十七条 and the other size rules before anything is drawn. Expert names stay hidden from everyone
 * but the expert until the review starts (87号令 第四十七条; 条例43).
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { appendAudit } from '../../platform/audit/log.ts';
import { actorUserId, type RequestContext } from '../../platform/auth/actor.ts';
import { abilities, authorize } from '../../platform/auth/policy.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import { experts, specialties } from '../orgs/tables.ts';
import { categoryOf, loadProject, methodFacts, methodOf, type LoadedProject } from '../tendering/index.ts';
import type { committeeBody, committeeView, drawView } from './contract.ts';
import './events.ts';
import { committeePolicy } from './policy.ts';
import {
  committeeProblems,
  earliestDrawDay,
  requiredCommitteeSize,
  type CommitteeSeat,
} from './rules/committee.ts';
import {
  committeeSeats,
  committees,
  draws,
  type CommitteeRow,
  type DrawRow,
  type SeatRow,
} from './tables.ts';

type View = z.infer<typeof committeeView>;
type Body = z.infer<typeof committeeBody>;

/** Projects whose committee may be formed or drawn: published, bids closed, or opened (and not yet evaluated). */
const FORMING_STATES = ['published', 'corrected', 'bidsClosed', 'opened'];

export const SEAT_STATUS_LABELS = {
  invited: '已通知，待确认',
  confirmed: '已确认参加',
  declined: '不能参加',
  recused: '已回避',
  absent: '缺席',
} as const;
const COMMITTEE_STATUS_LABELS = { forming: '组建中', formed: '已组建', dissolved: '已解散' } as const;

type SeatStatus = keyof typeof SEAT_STATUS_LABELS;
const seatStatusOf = (s: string): SeatStatus =>
  (Object.keys(SEAT_STATUS_LABELS) as SeatStatus[]).find((x) => x === s) ?? 'invited';
const committeeStatusOf = (s: string): keyof typeof COMMITTEE_STATUS_LABELS =>
  s === 'formed' || s === 'dissolved' ? s : 'forming';

/** Seats that hold (or may still hold) a place: a declined, recused or absent seat no longer does. */
export const LIVE_SEATS: readonly SeatStatus[] = ['invited', 'confirmed'];

/** The slot key of spec i (0-based) drawing from a specialty: `1-A02010104`. The prefix ties seats to specs. */
export const slotKeyOf = (specIndex: number, code: string): string => `${specIndex + 1}-${code}`;
export const specIndexOf = (key: string | null): number => (key ? Number(key.split('-')[0]) - 1 : -1);

export async function projectOpenForCommittee(tx: Db | Tx, projectId: string, lock = false) {
  const l = await loadProject(tx, projectId, lock);
  if (!l) throw notFound('项目不存在');
  if (!FORMING_STATES.includes(l.row.status))
    throw conflict('PROJECT_STATE', '项目已发布且尚未进入评审结果阶段时，才能组建评审委员会', 'status');
  return l;
}

/** The lawful size of this project's committee, with the open-tender threshold resolved for its jurisdiction. */
async function requirementOf(tx: Db | Tx, l: LoadedProject, complex: boolean, day: string) {
  const facts = await methodFacts(tx, l, day);
  const threshold = facts.view.openTenderThreshold;
  return requiredCommitteeSize({
    method: methodOf(l.row.method),
    category: categoryOf(l.row.category),
    budgetFen: l.lots.reduce((sum, lot) => sum + lot.budgetFen, 0n),
    // Without a configured threshold nothing "reaches" it: the smaller sizes apply, as for any small purchase.
    openTenderThresholdFen: threshold ? BigInt(threshold.amountFen) : 2n ** 62n,
    complex,
  });
}

/** Composition problems before the draw: chairs are chosen at the review, so "no chair" is not one yet. */
function planProblems(
  required: ReturnType<typeof requiredCommitteeSize>,
  slots: readonly { count: number; specialtyCode: string }[],
  reps: number,
  names: Map<string, string>,
): { code: string; message: string }[] {
  const seats: CommitteeSeat[] = [];
  const seat = (kind: CommitteeSeat['kind'], n: number, legalExpert: boolean): CommitteeSeat => ({
    personId: `${kind}-${n}`,
    kind,
    chair: false,
    agencyStaff: false,
    financeSupervisor: false,
    purchaserStaff: kind === 'purchaserRep',
    legalExpert,
  });
  let n = 0;
  for (const slot of slots)
    for (let i = 0; i < slot.count; i++)
      seats.push(seat('expert', n++, isLegalSpecialty(names.get(slot.specialtyCode))));
  for (let i = 0; i < reps; i++) seats.push(seat('purchaserRep', i, false));
  return committeeProblems(required, seats)
    .filter((p) => p.code !== 'NO_CHAIR')
    .map((p) => ({ code: p.code, message: p.message }));
}

/** A legal specialty (法律…): 74号令 第七条 asks one legal expert on a complex negotiation. */
export const isLegalSpecialty = (name: string | undefined): boolean => name?.includes('法律') ?? false;

export async function specialtyNames(tx: Db | Tx, codes: string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = await tx
    .select({ code: specialties.code, name: specialties.name })
    .from(specialties)
    .where(inArray(specialties.code, codes));
  return new Map(rows.map((r) => [r.code, r.name]));
}

async function checkBody(tx: Db | Tx, l: LoadedProject, body: Body, now: Date) {
  const reviewAt = new Date(body.reviewAt);
  if (reviewAt <= now) throw badRequest('REVIEW_IN_PAST', '评审时间应晚于现在', 'body.reviewAt');
  if (l.row.openingAt && reviewAt < l.row.openingAt)
    throw badRequest('REVIEW_BEFORE_OPENING', '评审时间不能早于开标时间', 'body.reviewAt');
  const codes = body.slots.map((s) => s.specialtyCode);
  const names = await specialtyNames(tx, codes);
  body.slots.forEach((s, i) => {
    if (!names.has(s.specialtyCode))
      throw badRequest('SPECIALTY_UNKNOWN', '专业分类不存在', `body.slots.${i}.specialtyCode`);
  });
  if (new Set(codes).size !== codes.length)
    throw badRequest('SPECIALTY_DUPLICATE', '同一专业只需设置一次，调整人数即可', 'body.slots');
  const required = await requirementOf(tx, l, body.complex, shanghaiDay(now));
  if (required.min === 0)
    throw conflict('NO_COMMITTEE', '单一来源采购不组建评审小组（74号令第四十一条）', 'method');
  const problems = planProblems(required, body.slots, body.purchaserReps.length, names);
  if (problems.length)
    throw badRequest('COMMITTEE_COMPOSITION', problems.map((p) => p.message).join('；'), 'body.slots');
  return reviewAt;
}

/** The purchaser's representatives sit from the plan on: confirmed, in the order given. */
async function seatRepresentatives(tx: Tx, committeeId: string, reps: Body['purchaserReps'], now: Date) {
  for (const [i, rep] of reps.entries()) {
    await tx.insert(committeeSeats).values({
      committeeId,
      kind: 'purchaserRep',
      userId: rep.userId,
      name: rep.name,
      position: i + 1,
      status: 'confirmed',
      createdAt: now,
    });
  }
}

/** 组建评审委员会: the plan of the committee; the experts come from draws. */
export async function formCommittee(
  db: Db,
  ctx: RequestContext,
  projectId: string,
  body: Body,
): Promise<View> {
  authorize(ctx.actor, committeePolicy, 'form');
  const now = ctx.clock.now();
  await db.transaction(async (tx) => {
    const l = await projectOpenForCommittee(tx, projectId, true);
    const [existing] = await tx.select().from(committees).where(eq(committees.projectId, projectId));
    if (existing) throw conflict('COMMITTEE_EXISTS', '本项目已组建评审委员会');
    const reviewAt = await checkBody(tx, l, body, now);
    const [row] = await tx
      .insert(committees)
      .values({
        projectId,
        reviewAt,
        reviewPlace: body.reviewPlace,
        remote: body.remote,
        complex: body.complex,
        slots: body.slots,
        regionCodes: body.regionCodes,
        createdBy: actorUserId(ctx.actor),
        createdAt: now,
      })
      .returning();
    if (!row) throw new Error('committee insert returned nothing');
    await seatRepresentatives(tx, row.id, body.purchaserReps, now);
    await appendAudit(tx, ctx, {
      action: 'committee.formed',
      entityType: 'committee',
      entityId: row.id,
      after: { projectId, ...body },
    });
  });
  return readCommittee(db, ctx, projectId);
}

/** Changes the plan; the slots only while nothing has been drawn. */
export async function changeCommittee(
  db: Db,
  ctx: RequestContext,
  projectId: string,
  body: Body,
): Promise<View> {
  authorize(ctx.actor, committeePolicy, 'form');
  const now = ctx.clock.now();
  await db.transaction(async (tx) => {
    const l = await projectOpenForCommittee(tx, projectId, true);
    const row = await committeeOf(tx, projectId, true);
    const drawn = await tx.select({ id: draws.id }).from(draws).where(eq(draws.committeeId, row.id));
    if (drawn.length) throw conflict('COMMITTEE_DRAWN', '已经抽取过专家，不能再修改评审委员会组成');
    const reviewAt = await checkBody(tx, l, body, now);
    await tx
      .update(committees)
      .set({
        reviewAt,
        reviewPlace: body.reviewPlace,
        remote: body.remote,
        complex: body.complex,
        slots: body.slots,
        regionCodes: body.regionCodes,
      })
      .where(eq(committees.id, row.id));
    await tx
      .delete(committeeSeats)
      .where(and(eq(committeeSeats.committeeId, row.id), eq(committeeSeats.kind, 'purchaserRep')));
    await seatRepresentatives(tx, row.id, body.purchaserReps, now);
    await appendAudit(tx, ctx, {
      action: 'committee.changed',
      entityType: 'committee',
      entityId: row.id,
      before: { reviewAt: row.reviewAt, slots: row.slots, remote: row.remote, complex: row.complex },
      after: body,
    });
  });
  return readCommittee(db, ctx, projectId);
}

export async function committeeOf(tx: Db | Tx, projectId: string, lock = false): Promise<CommitteeRow> {
  const q = tx.select().from(committees).where(eq(committees.projectId, projectId));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('本项目尚未组建评审委员会');
  return row;
}

/** Experts short of each slot's count: seats invited or confirmed count as filled. */
export function vacanciesOf(row: CommitteeRow, seats: readonly SeatRow[]) {
  return row.slots.map((spec, i) => {
    const filled = seats.filter(
      (s) =>
        s.kind === 'expert' && specIndexOf(s.slotKey) === i && LIVE_SEATS.includes(seatStatusOf(s.status)),
    ).length;
    return { index: i, spec, missing: Math.max(0, spec.count - filled) };
  });
}

const countBy = (reasons: readonly string[]) =>
  [...new Set(reasons)].map((reason) => ({ reason, count: reasons.filter((r) => r === reason).length }));

export function presentDraw(d: DrawRow, names: Map<string, string>): z.infer<typeof drawView> {
  const slots = d.slots as { key: string; count: number; alternates: number; candidates: unknown[] }[];
  const exclusions = d.exclusions as { reason: string; fallbackFrom?: string; key?: string }[];
  return {
    id: d.id,
    purpose: d.purpose === 'tieBreak' || d.purpose === 'lottery' ? d.purpose : 'committee',
    subject: d.subject,
    status: d.status === 'drawn' || d.status === 'void' ? d.status : 'committed',
    serverCommitment: d.serverCommitment,
    candidateListHash: d.candidateListHash,
    preparedAt: d.preparedAt.toISOString(),
    slots: slots.map((s) => {
      const code = s.key.split('-').slice(1).join('-');
      const fallback = exclusions.find((e) => e.key === s.key && e.fallbackFrom);
      return {
        key: s.key,
        specialtyCode: code,
        specialtyName: names.get(code) ?? code,
        fallbackFrom: fallback?.fallbackFrom ?? null,
        count: s.count,
        alternates: s.alternates,
        candidates: s.candidates.length,
      };
    }),
    exclusions: countBy(exclusions.filter((e) => !e.fallbackFrom).map((e) => e.reason)),
    supervisorInput: d.supervisorInput,
    drawnAt: d.drawnAt?.toISOString() ?? null,
    serverSeed: d.status === 'drawn' ? d.serverSeed : null,
    seed: d.seed,
  };
}

/** The committee as the centre and the supervisors see it; names only once the review has started. */
export async function readCommittee(db: Db | Tx, ctx: RequestContext, projectId: string): Promise<View> {
  authorize(ctx.actor, committeePolicy, 'read');
  const l = await loadProject(db, projectId);
  if (!l) throw notFound('项目不存在');
  const row = await committeeOf(db, projectId);
  const now = ctx.clock.now();
  const seats = await db
    .select({ s: committeeSeats, name: experts.name, employer: experts.employer })
    .from(committeeSeats)
    .leftJoin(experts, eq(experts.id, committeeSeats.expertId))
    .where(eq(committeeSeats.committeeId, row.id))
    .orderBy(asc(committeeSeats.kind), asc(committeeSeats.position));
  const drawRows = await db
    .select()
    .from(draws)
    .where(eq(draws.committeeId, row.id))
    .orderBy(asc(draws.preparedAt));
  const drawCodes = drawRows.flatMap((d) =>
    (d.slots as { key: string }[]).map((s) => s.key.split('-').slice(1).join('-')),
  );
  const names = await specialtyNames(db, [
    ...new Set([...row.slots.map((s) => s.specialtyCode), ...drawCodes]),
  ]);
  const namesVisible = now >= row.reviewAt;
  const required = await requirementOf(db, l, row.complex, shanghaiDay(row.createdAt));
  const reps = seats.filter((s) => s.s.kind === 'purchaserRep').length;
  const status = committeeStatusOf(row.status);
  let expertNo = 0;
  return {
    id: row.id,
    projectId,
    projectCode: l.row.code,
    projectName: l.row.name,
    method: l.row.method,
    reviewAt: row.reviewAt.toISOString(),
    reviewPlace: row.reviewPlace,
    remote: row.remote,
    complex: row.complex,
    regionCodes: row.regionCodes,
    slots: row.slots.map((s) => ({ ...s, specialtyName: names.get(s.specialtyCode) ?? s.specialtyCode })),
    purchaserReps: reps,
    status,
    statusLabel: COMMITTEE_STATUS_LABELS[status],
    required: { min: required.min, legalExpertRequired: required.legalExpertRequired, basis: required.basis },
    problems: planProblems(required, row.slots, reps, names),
    earliestDrawDay: earliestDrawDay({
      reviewDay: shanghaiDay(row.reviewAt),
      method: methodOf(l.row.method),
      remote: row.remote,
    }),
    vacancies: vacanciesOf(
      row,
      seats.map((s) => s.s),
    ).map((v) => ({
      key: slotKeyOf(v.index, v.spec.specialtyCode),
      specialtyName: names.get(v.spec.specialtyCode) ?? v.spec.specialtyCode,
      missing: v.missing,
    })),
    namesVisible,
    seats: seats.map(({ s, name, employer }) => {
      const st = seatStatusOf(s.status);
      const code = s.slotKey?.split('-').slice(1).join('-') ?? null;
      const isExpert = s.kind === 'expert';
      if (isExpert) expertNo++;
      const shown = !isExpert || namesVisible;
      return {
        id: s.id,
        kind: isExpert ? ('expert' as const) : ('purchaserRep' as const),
        status: st,
        statusLabel: SEAT_STATUS_LABELS[st],
        position: s.position,
        slotKey: s.slotKey,
        specialtyName: code ? (names.get(code) ?? code) : null,
        expertId: shown ? s.expertId : null,
        name: shown ? (name ?? s.name ?? '') : `专家 ${expertNo}`,
        employer: shown ? employer : null,
        declineReason: s.declineReason,
        respondedAt: s.respondedAt?.toISOString() ?? null,
        replaces: s.replaces,
        chair: s.chair,
      };
    }),
    draws: drawRows.map((d) => presentDraw(d, names)),
    abilities: abilities(ctx.actor, committeePolicy, {}).filter(
      (a) => a !== 'form' || (status === 'forming' && drawRows.length === 0),
    ),
  };
}
