/**
 * A drawn expert's invitation: it confirms or declines with a reason before the review. A decline seats the
 * next expert of the same slot in the draw's committed order — no new randomness (ADR 0006); when the order is
 * exhausted the vacancy waits for a supplementary draw (87号令 第四十九条). The committee is formed when every
 * slot is filled by confirmed experts.
 */
import { and, asc, eq, max } from 'drizzle-orm';
import type { z } from 'zod';
import { appendAudit } from '../../platform/audit/log.ts';
import type { RequestContext } from '../../platform/auth/actor.ts';
import { abilities, authorize } from '../../platform/auth/policy.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { specialties } from '../orgs/tables.ts';
import { projects } from '../tendering/index.ts';
import { SEAT_STATUS_LABELS, vacanciesOf } from './committee.ts';
import type { invitationList, invitationView, respondBody } from './contract.ts';
import { replacementFor, type DrawResult } from './draw.contract.ts';
import './events.ts';
import { invitationPolicy } from './policy.ts';
import { committeeSeats, committees, draws, type CommitteeRow } from './tables.ts';

type Invitation = z.infer<typeof invitationView>;
type Status = keyof typeof SEAT_STATUS_LABELS;
const statusOf = (s: string): Status =>
  (Object.keys(SEAT_STATUS_LABELS) as Status[]).find((x) => x === s) ?? 'invited';
const codeOf = (slotKey: string | null): string | null => slotKey?.split('-').slice(1).join('-') ?? null;

async function invitations(db: Db | Tx, ctx: RequestContext, expertId: string, seatId?: string) {
  const rows = await db
    .select({
      s: committeeSeats,
      c: committees,
      p: { id: projects.id, code: projects.code, name: projects.name },
    })
    .from(committeeSeats)
    .innerJoin(committees, eq(committees.id, committeeSeats.committeeId))
    .innerJoin(projects, eq(projects.id, committees.projectId))
    .where(
      seatId
        ? and(eq(committeeSeats.expertId, expertId), eq(committeeSeats.id, seatId))
        : eq(committeeSeats.expertId, expertId),
    )
    .orderBy(asc(committees.reviewAt));
  const names = new Map(
    (await db.select({ code: specialties.code, name: specialties.name }).from(specialties)).map((s) => [
      s.code,
      s.name,
    ]),
  );
  const now = ctx.clock.now();
  return rows.map(({ s, c, p }): Invitation => {
    const status = statusOf(s.status);
    const code = codeOf(s.slotKey);
    return {
      seatId: s.id,
      projectId: p.id,
      projectCode: p.code,
      projectName: p.name,
      reviewAt: c.reviewAt.toISOString(),
      reviewPlace: c.reviewPlace,
      remote: c.remote,
      specialtyName: code ? (names.get(code) ?? code) : null,
      status,
      statusLabel: SEAT_STATUS_LABELS[status],
      invitedAt: s.createdAt.toISOString(),
      respondedAt: s.respondedAt?.toISOString() ?? null,
      declineReason: s.declineReason,
      abilities:
        status === 'invited' && c.reviewAt > now
          ? abilities(ctx.actor, invitationPolicy, { expertId: s.expertId }).filter((a) => a === 'respond')
          : [],
    };
  });
}

/** 我的评审邀请. */
export async function myInvitations(db: Db, ctx: RequestContext): Promise<z.infer<typeof invitationList>> {
  authorize(ctx.actor, invitationPolicy, 'listMine');
  const expertId = ctx.actor.kind === 'user' ? ctx.actor.expertId : null;
  if (!expertId) return { items: [] };
  return { items: await invitations(db, ctx, expertId) };
}

/** The committee is formed once no slot has a vacancy and no drawn expert is still to answer. */
async function settle(tx: Tx, committee: CommitteeRow): Promise<void> {
  const seats = await tx.select().from(committeeSeats).where(eq(committeeSeats.committeeId, committee.id));
  const full = vacanciesOf(committee, seats).every((v) => v.missing === 0);
  const answered = seats.every((s) => s.status !== 'invited');
  const status = full && answered ? 'formed' : 'forming';
  if (status !== committee.status)
    await tx.update(committees).set({ status }).where(eq(committees.id, committee.id));
}

/** 确认参加 / 不能参加. */
export async function respondToInvitation(
  db: Db,
  ctx: RequestContext,
  seatId: string,
  body: z.infer<typeof respondBody>,
): Promise<Invitation> {
  const now = ctx.clock.now();
  const expertId = await db.transaction(async (tx) => {
    const [seat] = await tx.select().from(committeeSeats).where(eq(committeeSeats.id, seatId)).for('update');
    if (!seat || seat.kind !== 'expert') throw notFound('评审邀请不存在');
    authorize(ctx.actor, invitationPolicy, 'respond', { expertId: seat.expertId });
    const [committee] = await tx
      .select()
      .from(committees)
      .where(eq(committees.id, seat.committeeId))
      .for('update');
    if (!committee) throw notFound('评审邀请不存在');
    if (seat.status !== 'invited') throw conflict('INVITATION_ANSWERED', '您已答复过该评审邀请');
    if (committee.reviewAt <= now) throw conflict('REVIEW_STARTED', '评审已开始，不能再答复');
    await tx
      .update(committeeSeats)
      .set({
        status: body.accept ? 'confirmed' : 'declined',
        declineReason: body.accept ? null : body.reason,
        respondedAt: now,
      })
      .where(eq(committeeSeats.id, seat.id));
    await appendAudit(tx, ctx, {
      action: body.accept ? 'committee.seatConfirmed' : 'committee.seatDeclined',
      entityType: 'committeeSeat',
      entityId: seat.id,
      before: { status: 'invited' },
      after: { status: body.accept ? 'confirmed' : 'declined', reason: body.accept ? null : body.reason },
    });
    if (!body.accept && seat.drawId && seat.slotKey)
      await fillFromOrder(tx, ctx, committee, seat.drawId, seat.slotKey, seat.id);
    await settle(tx, committee);
    return seat.expertId;
  });
  const [view] = await invitations(db, ctx, expertId ?? '', seatId);
  if (!view) throw notFound('评审邀请不存在');
  return view;
}

/** The next expert in the slot's committed order takes the declined seat. */
async function fillFromOrder(
  tx: Tx,
  ctx: RequestContext,
  committee: CommitteeRow,
  drawId: string,
  slotKey: string,
  vacated: string,
): Promise<void> {
  const [d] = await tx.select().from(draws).where(eq(draws.id, drawId));
  if (!d?.result) return;
  // This draw's declines in the order they happened, the one just made last.
  const declined = await tx
    .select({
      expertId: committeeSeats.expertId,
      respondedAt: committeeSeats.respondedAt,
      id: committeeSeats.id,
    })
    .from(committeeSeats)
    .where(and(eq(committeeSeats.drawId, drawId), eq(committeeSeats.status, 'declined')))
    .orderBy(asc(committeeSeats.respondedAt), asc(committeeSeats.position));
  const ordered = [
    ...declined.filter((s) => s.id !== vacated),
    ...declined.filter((s) => s.id === vacated),
  ].flatMap((s) => (s.expertId ? [s.expertId] : []));
  const next = replacementFor(d.result as DrawResult, slotKey, ordered);
  if (!next) return;
  const [last] = await tx
    .select({ n: max(committeeSeats.position) })
    .from(committeeSeats)
    .where(and(eq(committeeSeats.committeeId, committee.id), eq(committeeSeats.kind, 'expert')));
  const [seat] = await tx
    .insert(committeeSeats)
    .values({
      committeeId: committee.id,
      kind: 'expert',
      expertId: next,
      drawId,
      slotKey,
      position: (last?.n ?? 0) + 1,
      status: 'invited',
      replaces: vacated,
      createdAt: ctx.clock.now(),
    })
    .returning({ id: committeeSeats.id });
  if (!seat) throw new Error('seat insert returned nothing');
  await appendAudit(tx, ctx, {
    action: 'committee.seatFilled',
    entityType: 'committeeSeat',
    entityId: seat.id,
    after: { drawId, slotKey, replaces: vacated, from: 'committedOrder' },
  });
}
