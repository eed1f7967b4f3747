/**
 * Committee draws (ADR 0006): the centre prepares one — candidates frozen, server seed committed — and a
 * supervisor's on-site input runs it. The seed is revealed at once; the inputs and the result are kept whole,
 * exported for `zhengcai draw verify`. Not earlier than 2 working days before the review (财库〔2016〕198号),
 * except for 谈判, 磋商 and remote reviews.
 */
import { and, asc, eq, inArray, max } from 'drizzle-orm';
import type { z } from 'zod';
import { appendAudit } from '../../platform/audit/log.ts';
import { actorUserId, type RequestContext } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/auth/policy.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { bids } from '../bidding/tables.ts';
import { experts, suppliers } from '../orgs/tables.ts';
import { methodOf, projects } from '../tendering/index.ts';
import { committeeSlots } from './candidates.ts';
import { committeeOf, projectOpenForCommittee, readCommittee, slotKeyOf, vacanciesOf } from './committee.ts';
import type { committeeView } from './contract.ts';
import {
  candidateListHash,
  commitSeed,
  DRAW_ALGORITHM,
  newServerSeed,
  runDraw,
  type DrawExport,
  type DrawInputs,
  type DrawPurpose,
  type DrawResult,
  type DrawSlot,
} from './draw.contract.ts';
import './events.ts';
import { committeePolicy, publicDrawPolicy } from './policy.ts';
import { drawTooEarlyMessage, earliestDrawDay } from './rules/committee.ts';
import { committeeSeats, committees, draws, type DrawRow } from './tables.ts';

type View = z.infer<typeof committeeView>;

/** The inputs of a stored draw, the server seed included only once it is drawn. */
export function inputsOf(d: DrawRow): DrawInputs {
  return {
    algorithm: DRAW_ALGORITHM,
    purpose: d.purpose === 'tieBreak' || d.purpose === 'lottery' ? d.purpose : 'committee',
    projectId: d.projectId,
    subject: d.subject,
    serverCommitment: d.serverCommitment,
    serverSeed: d.status === 'drawn' ? d.serverSeed : null,
    supervisorInput: d.supervisorInput ?? '',
    candidateListHash: d.candidateListHash,
    slots: d.slots as DrawSlot[],
  };
}

/**
 * 准备抽取: freezes the candidates of every vacancy and commits to a fresh server seed. A prepared draw not yet
 * run (the supervisor did not come) is voided by the next one: nobody could know its result.
 */
export async function prepareCommitteeDraw(db: Db, ctx: RequestContext, projectId: string): Promise<View> {
  authorize(ctx.actor, committeePolicy, 'prepareDraw');
  const now = ctx.clock.now();
  await db.transaction(async (tx) => {
    const l = await projectOpenForCommittee(tx, projectId, true);
    const committee = await committeeOf(tx, projectId, true);
    if (committee.reviewAt <= now) throw conflict('REVIEW_STARTED', '评审已开始，不能再抽取专家');
    const reviewDay = shanghaiDay(committee.reviewAt);
    const method = methodOf(l.row.method);
    const earliest = earliestDrawDay({ reviewDay, method, remote: committee.remote });
    if (earliest && shanghaiDay(now) < earliest)
      throw conflict('DRAW_TOO_EARLY', drawTooEarlyMessage(method, earliest), 'reviewAt');
    const seats = await tx.select().from(committeeSeats).where(eq(committeeSeats.committeeId, committee.id));
    const needs = vacanciesOf(committee, seats)
      .filter((v) => v.missing > 0)
      .map((v) => ({ key: (code: string) => slotKeyOf(v.index, code), spec: v.spec, missing: v.missing }));
    if (!needs.length) throw conflict('NO_VACANCY', '评审专家已足额，无需再抽取');
    const seated = new Set(seats.flatMap((s) => (s.expertId ? [s.expertId] : [])));
    const { slots, exclusions } = await committeeSlots(tx, {
      project: l,
      day: reviewDay,
      regionCodes: committee.regionCodes,
      seated,
      needs,
    });
    await commitDraw(tx, ctx, {
      projectId,
      committeeId: committee.id,
      purpose: 'committee',
      subject: 'committee',
      slots,
      exclusions,
    });
  });
  return readCommittee(db, ctx, projectId);
}

/**
 * Commits a draw: a fresh server seed, its SHA-256 and the candidate list's hash published (audited) before any
 * input. An earlier draw for the same subject still waiting for its input is voided: nobody knew its result.
 */
export async function commitDraw(
  tx: Tx,
  ctx: RequestContext,
  o: {
    projectId: string;
    committeeId: string | null;
    purpose: DrawPurpose;
    subject: string;
    slots: DrawSlot[];
    exclusions?: unknown[];
  },
): Promise<DrawRow> {
  const pending = await tx
    .update(draws)
    .set({ status: 'void' })
    .where(and(eq(draws.projectId, o.projectId), eq(draws.subject, o.subject), eq(draws.status, 'committed')))
    .returning({ id: draws.id });
  const serverSeed = newServerSeed();
  const [row] = await tx
    .insert(draws)
    .values({
      projectId: o.projectId,
      committeeId: o.committeeId,
      purpose: o.purpose,
      subject: o.subject,
      serverSeed,
      serverCommitment: await commitSeed(serverSeed),
      slots: o.slots,
      candidateListHash: await candidateListHash(o.slots),
      exclusions: o.exclusions ?? [],
      preparedBy: actorUserId(ctx.actor),
      preparedAt: ctx.clock.now(),
    })
    .returning();
  if (!row) throw new Error('draw insert returned nothing');
  await appendAudit(tx, ctx, {
    action: 'draw.committed',
    entityType: 'draw',
    entityId: row.id,
    after: {
      projectId: o.projectId,
      purpose: o.purpose,
      subject: o.subject,
      serverCommitment: row.serverCommitment,
      candidateListHash: row.candidateListHash,
      slots: o.slots.map((s) => ({
        key: s.key,
        count: s.count,
        alternates: s.alternates,
        candidates: s.candidates.length,
      })),
      voided: pending.map((p) => p.id),
    },
  });
  return row;
}

/**
 * 现场抽取: the supervisor's input runs a committed draw; the server seed is revealed with the result. The
 * caller acts on the result (seats for a committee, a ranking for a tie or a lottery) in the same transaction.
 */
export async function runCommittedDraw(
  tx: Tx,
  ctx: RequestContext,
  drawId: string,
  supervisorInput: string,
): Promise<{ draw: DrawRow; result: DrawResult }> {
  authorize(ctx.actor, committeePolicy, 'witnessDraw');
  const [d] = await tx.select().from(draws).where(eq(draws.id, drawId)).for('update');
  if (!d) throw notFound('抽取记录不存在');
  if (d.status !== 'committed')
    throw conflict(
      'DRAW_STATE',
      d.status === 'drawn' ? '本次抽取已经完成' : '本次抽取已作废，请使用最新的抽取',
    );
  const input = supervisorInput.normalize('NFC');
  const result = await runDraw({ ...inputsOf(d), serverSeed: d.serverSeed, supervisorInput: input });
  const [after] = await tx
    .update(draws)
    .set({
      status: 'drawn',
      supervisorInput: input,
      supervisorUserId: actorUserId(ctx.actor),
      drawnAt: ctx.clock.now(),
      seed: result.seed,
      result,
    })
    .where(eq(draws.id, d.id))
    .returning();
  if (!after) throw new Error('draw update returned nothing');
  await appendAudit(tx, ctx, {
    action: 'draw.drawn',
    entityType: 'draw',
    entityId: d.id,
    before: { status: 'committed', serverCommitment: d.serverCommitment },
    after: { status: 'drawn', supervisorInput: input, serverSeed: d.serverSeed, seed: result.seed, result },
  });
  return { draw: after, result };
}

/** A committee draw's result: the selected experts are invited, in the order drawn. */
export async function seatDrawnExperts(
  tx: Tx,
  ctx: RequestContext,
  d: DrawRow,
  result: DrawResult,
): Promise<void> {
  if (!d.committeeId) throw notFound('评审委员会不存在');
  const [committee] = await tx
    .select()
    .from(committees)
    .where(eq(committees.id, d.committeeId))
    .for('update');
  if (!committee) throw notFound('评审委员会不存在');
  await projectOpenForCommittee(tx, d.projectId, true);
  if (committee.reviewAt <= ctx.clock.now()) throw conflict('REVIEW_STARTED', '评审已开始，不能再抽取专家');
  const [last] = await tx
    .select({ n: max(committeeSeats.position) })
    .from(committeeSeats)
    .where(and(eq(committeeSeats.committeeId, committee.id), eq(committeeSeats.kind, 'expert')));
  let position = last?.n ?? 0;
  for (const slot of result.slots) {
    for (const expertId of slot.selected) {
      await tx.insert(committeeSeats).values({
        committeeId: committee.id,
        kind: 'expert',
        expertId,
        drawId: d.id,
        slotKey: slot.key,
        position: ++position,
        status: 'invited',
        createdAt: ctx.clock.now(),
      });
    }
  }
}

/** A project whose result is public: the draws and the experts' names are published with it (87号令 第四十七条). */
export const RESULT_PUBLIC_STATES: readonly string[] = ['awarded', 'contracted'];

/**
 * 公开的抽取记录: once the result notice is out, anyone may download a project's drawn draws, with the experts' names
 * and units, and replay them (the portal's /draws/verify page, or `zhengcai draw verify`). Before that: not found.
 */
export async function publicDraws(db: Db, ctx: RequestContext, projectId: string): Promise<DrawExport[]> {
  authorize(ctx.actor, publicDrawPolicy, 'read');
  const [project] = await db
    .select({ status: projects.status })
    .from(projects)
    .where(eq(projects.id, projectId));
  if (!project || !RESULT_PUBLIC_STATES.includes(project.status)) throw notFound('抽取记录尚未公开');
  const rows = await db
    .select()
    .from(draws)
    .where(and(eq(draws.projectId, projectId), eq(draws.status, 'drawn')))
    .orderBy(asc(draws.drawnAt));
  const out: DrawExport[] = [];
  for (const d of rows) out.push(await exportOf(db, d, true));
  return out;
}

async function exportOf(db: Db, d: DrawRow, named: boolean): Promise<DrawExport> {
  const result = d.result as DrawResult;
  const out: DrawExport = { inputs: inputsOf(d), result };
  if (!named) return out;
  const ids = [...new Set(result.slots.flatMap((s) => s.order))];
  const people = ids.length
    ? await db
        .select({ id: experts.id, name: experts.name, employer: experts.employer })
        .from(experts)
        .where(inArray(experts.id, ids))
    : [];
  // Tie-break and lottery candidates are bids: labelled with their bidders' names.
  const firms = ids.length
    ? await db
        .select({ id: bids.id, name: suppliers.name })
        .from(bids)
        .innerJoin(suppliers, eq(suppliers.id, bids.supplierId))
        .where(inArray(bids.id, ids))
    : [];
  out.candidates = Object.fromEntries([
    ...people.map((r) => [r.id, `${r.name}（${r.employer}）`] as const),
    ...firms.map((r) => [r.id, r.name] as const),
  ]);
  return out;
}

/**
 * The draw as a file anyone can replay with `zhengcai draw verify`: inputs, result, and — once the review has
 * started — the experts' names and units as labels.
 */
export async function exportDraw(db: Db, ctx: RequestContext, drawId: string): Promise<DrawExport> {
  authorize(ctx.actor, committeePolicy, 'exportDraw');
  const [d] = await db.select().from(draws).where(eq(draws.id, drawId));
  if (!d) throw notFound('抽取记录不存在');
  if (d.status !== 'drawn' || !d.result) throw conflict('DRAW_STATE', '抽取尚未完成，暂无可验证的结果');
  const [committee] = d.committeeId
    ? await db.select().from(committees).where(eq(committees.id, d.committeeId))
    : [];
  // Names once the review has started; candidates of a tie or a lottery are bidders, known since the opening.
  return exportOf(
    db,
    d,
    d.purpose !== 'committee' || (committee !== undefined && ctx.clock.now() >= committee.reviewAt),
  );
}
