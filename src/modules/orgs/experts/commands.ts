import { shanghaiDay } from '../../../platform/clock.ts';
/**
 * Use cases that change the expert pool. Each runs in one transaction: lock the expert, authorise against it,
 * ask the pure rules, write with a status-conditional update, and append the audit event before commit.
 */
import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { appendAudit } from '../../../platform/audit/log.ts';
import type { RequestContext } from '../../../platform/auth/actor.ts';
import { authorize } from '../../../platform/auth/policy.ts';
import { hashPassword, passwordProblem } from '../../../platform/auth/passwords.ts';
import { users } from '../../../platform/auth/tables.ts';
import { recordReview } from '../reviews.ts';
import { badRequest, conflict, notFound } from '../../../platform/errors.ts';
import type {
  addEmploymentBody,
  addLeaveBody,
  cancelLeaveBody,
  declareRelationBody,
  endEmploymentBody,
  expertApplicationBody,
  expertDetail,
  expertRatingBody,
  expertReviewBody,
  expertStatusBody,
  expertUpdateBody,
  withdrawRelationBody,
} from './contract.ts';
import { expertPolicy } from './policy.ts';
import { presentDetail } from './queries.ts';
import { oneOf } from '../queries.ts';
import {
  expertEmployments,
  expertLeaves,
  expertRelations,
  expertReviews,
  experts,
  expertSpecialties,
  specialties,
  type ExpertRow,
} from '../tables.ts';
import {
  EXPERT_STATUSES,
  idNumberProblem,
  TITLE_LEVELS,
  titleQualificationProblem,
  transitionProblem,
  type ExpertStatus,
} from './rules.ts';

type ExpertDetail = z.infer<typeof expertDetail>;

const statusOf = (e: ExpertRow): ExpertStatus => oneOf(EXPERT_STATUSES, e.status, 'pending');
const actorUserId = (ctx: RequestContext): string | null =>
  ctx.actor.kind === 'user' ? ctx.actor.userId : null;

/** Loads the expert for a change, locked, and checks the caller may perform the action on it. */
async function lockedExpert(
  tx: Tx,
  ctx: RequestContext,
  id: string,
  action: 'update' | 'review' | 'changeStatus' | 'rate',
): Promise<ExpertRow> {
  const [row] = await tx.select().from(experts).where(eq(experts.id, id)).for('update');
  if (!row) throw notFound('专家不存在');
  authorize(ctx.actor, expertPolicy, action, { id: row.id });
  return row;
}

/** Declared specialties must exist and be leaves: draws filter on leaves, a category would match too widely. */
async function checkSpecialties(tx: Tx, codes: readonly string[], path: string): Promise<void> {
  const unique = [...new Set(codes)];
  const found = await tx
    .select({ code: specialties.code })
    .from(specialties)
    .where(inArray(specialties.code, unique));
  const children = await tx
    .select({ parent: specialties.parentCode })
    .from(specialties)
    .where(inArray(specialties.parentCode, unique));
  const known = new Set(found.map((f) => f.code));
  const parents = new Set(children.map((c) => c.parent));
  for (const [i, code] of codes.entries()) {
    if (!known.has(code)) throw badRequest('SPECIALTY_UNKNOWN', `评审专业“${code}”不存在`, `${path}.${i}`);
    if (parents.has(code)) {
      throw badRequest(
        'SPECIALTY_NOT_LEAF',
        `评审专业“${code}”不是末级专业，请选择其下级专业`,
        `${path}.${i}`,
      );
    }
  }
}

/** Dates an applicant or expert states must not lie in the future: history is what has happened. */
function notAfterToday(ctx: RequestContext, day: string, path: string, what: string): void {
  if (day > shanghaiDay(ctx.clock.now())) throw badRequest('DATE_IN_FUTURE', `${what}不能晚于今天`, path);
}

/**
 * 评审专家网上申请. Anyone may apply without an account: the expert record (status pending — not drawable until
 * the centre approves it), its specialties, employments, declared relations and the applicant's own sign-in
 * account are written together, so a half-registered applicant cannot exist.
 */
export async function applyAsExpert(
  db: Db,
  ctx: RequestContext,
  body: z.infer<typeof expertApplicationBody>,
): Promise<{ id: string; name: string; status: 'pending'; username: string }> {
  authorize(ctx.actor, expertPolicy, 'apply');
  const idProblem = idNumberProblem(body.idNumber);
  if (idProblem) throw badRequest('ID_NUMBER_INVALID', idProblem, 'body.idNumber');
  const titleProblem = titleQualificationProblem(body.titleLevel, body.years);
  if (titleProblem) throw badRequest('TITLE_NOT_QUALIFIED', titleProblem, 'body.years');
  const weak = passwordProblem(body.password);
  if (weak) throw badRequest('PASSWORD_WEAK', weak, 'body.password');
  notAfterToday(ctx, body.currentEmployer.startedOn, 'body.currentEmployer.startedOn', '入职日期');
  for (const [i, job] of body.pastEmployers.entries()) {
    notAfterToday(ctx, job.endedOn, `body.pastEmployers.${i}.endedOn`, '离职日期');
  }
  const passwordHash = await hashPassword(body.password);
  const now = ctx.clock.now();

  return db.transaction(async (tx) => {
    const [sameId] = await tx
      .select({ id: experts.id })
      .from(experts)
      .where(eq(experts.idNumber, body.idNumber));
    if (sameId) throw conflict('ID_NUMBER_TAKEN', '该身份证号已申请或已在专家库中', 'body.idNumber');
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.username, body.username));
    if (taken) throw conflict('USERNAME_TAKEN', `用户名“${body.username}”已被使用`, 'body.username');
    await checkSpecialties(tx, body.specialtyCodes, 'body.specialtyCodes');

    const [expert] = await tx
      .insert(experts)
      .values({
        name: body.name,
        idNumber: body.idNumber,
        phone: body.phone,
        email: body.email,
        titleLevel: body.titleLevel,
        titleName: body.titleName,
        years: body.years,
        employer: body.currentEmployer.employer,
        regionCode: body.regionCode,
        status: 'pending',
        createdAt: now,
      })
      .returning();
    if (!expert) throw new Error('expert insert returned nothing');
    const codes = [...new Set(body.specialtyCodes)];
    await tx
      .insert(expertSpecialties)
      .values(codes.map((code) => ({ expertId: expert.id, specialtyCode: code })));
    const employments = await tx
      .insert(expertEmployments)
      .values(
        [{ ...body.currentEmployer, endedOn: null }, ...body.pastEmployers].map((j) => ({
          expertId: expert.id,
          employer: j.employer,
          creditCode: j.creditCode ?? null,
          position: j.position ?? null,
          startedOn: j.startedOn,
          endedOn: j.endedOn,
        })),
      )
      .returning();
    const relations = body.relations.length
      ? await tx
          .insert(expertRelations)
          .values(
            body.relations.map((r) => ({
              expertId: expert.id,
              kind: r.kind,
              name: r.name,
              relation: r.relation,
              organisation: r.organisation ?? null,
              creditCode: r.creditCode ?? null,
              note: r.note ?? null,
              declaredAt: now,
            })),
          )
          .returning()
      : [];
    const [user] = await tx
      .insert(users)
      .values({
        username: body.username,
        displayName: body.name,
        role: 'expert',
        passwordHash,
        // The applicant chose this password just now; forcing a change would only annoy.
        mustChangePassword: false,
        expertId: expert.id,
        phone: body.phone,
        passwordChangedAt: now,
        createdAt: now,
      })
      .returning();
    if (!user) throw new Error('user insert returned nothing');
    await appendAudit(tx, ctx, {
      action: 'expert.applied',
      entityType: 'expert',
      entityId: expert.id,
      after: { ...expert, specialtyCodes: codes, employments, relations },
    });
    await appendAudit(tx, ctx, {
      action: 'user.created',
      entityType: 'user',
      entityId: user.id,
      after: user,
    });
    return { id: expert.id, name: expert.name, status: 'pending', username: user.username };
  });
}

/** The centre's decision on a pending application (198号: the finance department's pool keeper reviews). */
export async function reviewExpert(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof expertReviewBody>,
): Promise<ExpertDetail> {
  return db.transaction(async (tx) => {
    const before = await lockedExpert(tx, ctx, id, 'review');
    const to: ExpertStatus = body.decision === 'approved' ? 'active' : 'rejected';
    const problem = transitionProblem(statusOf(before), 'review', to);
    if (problem) throw conflict('EXPERT_NOT_PENDING', problem);
    const reason = body.reason ?? null;
    const [after] = await tx
      .update(experts)
      .set({ status: to, reviewNote: reason })
      .where(and(eq(experts.id, id), eq(experts.status, before.status)))
      .returning();
    if (!after) throw conflict('EXPERT_CHANGED', '专家记录已被他人修改，请刷新后重试');
    await recordReview(tx, ctx, { type: 'expert', id }, body.decision, reason);
    await appendAudit(tx, ctx, {
      action: 'expert.reviewed',
      entityType: 'expert',
      entityId: id,
      before,
      after: { ...after, decision: body.decision },
    });
    return presentDetail(tx, ctx, after);
  });
}

/** Suspend, reinstate or remove an expert of the pool; the reason is kept in the audit log. */
export async function changeExpertStatus(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof expertStatusBody>,
): Promise<ExpertDetail> {
  return db.transaction(async (tx) => {
    const before = await lockedExpert(tx, ctx, id, 'changeStatus');
    const problem = transitionProblem(statusOf(before), 'status', body.status);
    if (problem) throw conflict('EXPERT_STATUS_CONFLICT', problem, 'body.status');
    const [after] = await tx
      .update(experts)
      .set({ status: body.status, reviewNote: body.reason })
      .where(and(eq(experts.id, id), eq(experts.status, before.status)))
      .returning();
    if (!after) throw conflict('EXPERT_CHANGED', '专家记录已被他人修改，请刷新后重试');
    await appendAudit(tx, ctx, {
      action: 'expert.statusChanged',
      entityType: 'expert',
      entityId: id,
      before,
      after: { ...after, reason: body.reason },
    });
    return presentDetail(tx, ctx, after);
  });
}

/**
 * Records that the expert sat on a review, with the centre's rating. Until evaluation (issue 6) writes these
 * itself, this is also how the coverage report learns of demand.
 */
export async function rateExpert(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof expertRatingBody>,
): Promise<ExpertDetail> {
  notAfterToday(ctx, body.reviewedOn, 'body.reviewedOn', '评审日期');
  return db.transaction(async (tx) => {
    const expert = await lockedExpert(tx, ctx, id, 'rate');
    const [spec] = await tx
      .select({ code: specialties.code })
      .from(specialties)
      .where(eq(specialties.code, body.specialtyCode));
    if (!spec)
      throw badRequest('SPECIALTY_UNKNOWN', `评审专业“${body.specialtyCode}”不存在`, 'body.specialtyCode');
    const [row] = await tx
      .insert(expertReviews)
      .values({
        expertId: id,
        projectRef: body.projectRef,
        specialtyCode: body.specialtyCode,
        reviewedOn: body.reviewedOn,
        rating: body.rating,
        ratingNote: body.note ?? null,
        ratedBy: actorUserId(ctx),
      })
      .returning();
    await appendAudit(tx, ctx, { action: 'expert.rated', entityType: 'expert', entityId: id, after: row });
    return presentDetail(tx, ctx, expert);
  });
}

/**
 * The expert's own edits. Contact details and region take effect at once; a new title or new specialties are
 * claims the centre has not checked, so they send the record back to review (registryReviews 'resubmitted')
 * and the expert is not drawable until approved again.
 */
export async function updateOwnExpert(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof expertUpdateBody>,
): Promise<ExpertDetail> {
  return db.transaction(async (tx) => {
    const before = await lockedExpert(tx, ctx, id, 'update');
    const beforeCodes = (
      await tx
        .select({ code: expertSpecialties.specialtyCode })
        .from(expertSpecialties)
        .where(eq(expertSpecialties.expertId, id))
    )
      .map((r) => r.code)
      .sort();
    const titleLevel = body.titleLevel ?? oneOf(TITLE_LEVELS, before.titleLevel, 'intermediate');
    const years = body.years ?? before.years;
    const newCodes = body.specialtyCodes ? [...new Set(body.specialtyCodes)].sort() : beforeCodes;
    const titleChanged =
      titleLevel !== before.titleLevel ||
      (body.titleName !== undefined && body.titleName !== before.titleName) ||
      years !== before.years;
    const specialtiesChanged = newCodes.join() !== beforeCodes.join();
    const resubmit = titleChanged || specialtiesChanged;

    if (titleChanged) {
      const problem = titleQualificationProblem(titleLevel, years);
      if (problem) throw badRequest('TITLE_NOT_QUALIFIED', problem, 'body.years');
    }
    if (specialtiesChanged) await checkSpecialties(tx, body.specialtyCodes ?? [], 'body.specialtyCodes');
    if (resubmit) {
      const problem = transitionProblem(statusOf(before), 'resubmit', 'pending');
      if (problem) throw conflict('EXPERT_NOT_EDITABLE', problem);
    }

    const [after] = await tx
      .update(experts)
      .set({
        phone: body.phone ?? before.phone,
        email: body.email ?? before.email,
        regionCode: body.regionCode ?? before.regionCode,
        titleLevel,
        titleName: body.titleName ?? before.titleName,
        years,
        ...(resubmit ? { status: 'pending', reviewNote: null } : {}),
      })
      .where(and(eq(experts.id, id), eq(experts.status, before.status)))
      .returning();
    if (!after) throw conflict('EXPERT_CHANGED', '专家记录已被他人修改，请刷新后重试');
    if (specialtiesChanged) {
      await tx.delete(expertSpecialties).where(eq(expertSpecialties.expertId, id));
      await tx
        .insert(expertSpecialties)
        .values(newCodes.map((code) => ({ expertId: id, specialtyCode: code })));
    }
    if (resubmit) {
      await recordReview(
        tx,
        ctx,
        { type: 'expert', id },
        'resubmitted',
        [titleChanged ? '职称变更' : null, specialtiesChanged ? '评审专业变更' : null]
          .filter((x) => x !== null)
          .join('、'),
      );
    }
    await appendAudit(tx, ctx, {
      action: 'expert.updated',
      entityType: 'expert',
      entityId: id,
      before: { ...before, specialtyCodes: beforeCodes },
      after: { ...after, specialtyCodes: newCodes },
    });
    return presentDetail(tx, ctx, after);
  });
}

/** Appends one sub-record change to the audit log as an update of the expert, then re-reads the record. */
async function recordChange(
  tx: Tx,
  ctx: RequestContext,
  expert: ExpertRow,
  change: { before?: unknown; after?: unknown },
): Promise<ExpertDetail> {
  await appendAudit(tx, ctx, {
    action: 'expert.updated',
    entityType: 'expert',
    entityId: expert.id,
    ...change,
  });
  const [fresh] = await tx.select().from(experts).where(eq(experts.id, expert.id));
  return presentDetail(tx, ctx, fresh ?? expert);
}

/** A new employment. An open one becomes the current employer shown in the pool (条例9 checks all of them). */
export async function addEmployment(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof addEmploymentBody>,
): Promise<ExpertDetail> {
  notAfterToday(ctx, body.startedOn, 'body.startedOn', '入职日期');
  if (body.endedOn !== undefined) {
    notAfterToday(ctx, body.endedOn, 'body.endedOn', '离职日期');
    if (body.endedOn < body.startedOn)
      throw badRequest('PERIOD_INVALID', '离职日期不能早于入职日期', 'body.endedOn');
  }
  return db.transaction(async (tx) => {
    const expert = await lockedExpert(tx, ctx, id, 'update');
    const [row] = await tx
      .insert(expertEmployments)
      .values({
        expertId: id,
        employer: body.employer,
        creditCode: body.creditCode ?? null,
        position: body.position ?? null,
        startedOn: body.startedOn,
        endedOn: body.endedOn ?? null,
      })
      .returning();
    if (body.endedOn === undefined) {
      await tx.update(experts).set({ employer: body.employer }).where(eq(experts.id, id));
    }
    return recordChange(tx, ctx, expert, { after: { employment: row } });
  });
}

/**
 * Ends an employment. The expert's employer field keeps the last name until another current one is added: it
 * is a display field, and recusal reads the dated employments.
 */
export async function endEmployment(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof endEmploymentBody>,
): Promise<ExpertDetail> {
  notAfterToday(ctx, body.endedOn, 'body.endedOn', '离职日期');
  return db.transaction(async (tx) => {
    const expert = await lockedExpert(tx, ctx, id, 'update');
    const [job] = await tx
      .select()
      .from(expertEmployments)
      .where(and(eq(expertEmployments.id, body.employmentId), eq(expertEmployments.expertId, id)));
    if (!job) throw notFound('工作经历不存在');
    if (job.endedOn !== null) throw conflict('EMPLOYMENT_ENDED', '该工作经历已结束', 'body.employmentId');
    if (body.endedOn < job.startedOn) {
      throw badRequest('PERIOD_INVALID', '离职日期不能早于入职日期', 'body.endedOn');
    }
    const [after] = await tx
      .update(expertEmployments)
      .set({ endedOn: body.endedOn })
      .where(eq(expertEmployments.id, job.id))
      .returning();
    return recordChange(tx, ctx, expert, { before: { employment: job }, after: { employment: after } });
  });
}

/** A relative or conflict of interest the expert declares (条例9 第二、三项), matched at every draw. */
export async function declareRelation(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof declareRelationBody>,
): Promise<ExpertDetail> {
  return db.transaction(async (tx) => {
    const expert = await lockedExpert(tx, ctx, id, 'update');
    const [row] = await tx
      .insert(expertRelations)
      .values({
        expertId: id,
        kind: body.kind,
        name: body.name,
        relation: body.relation,
        organisation: body.organisation ?? null,
        creditCode: body.creditCode ?? null,
        note: body.note ?? null,
        declaredAt: ctx.clock.now(),
      })
      .returning();
    return recordChange(tx, ctx, expert, { after: { relation: row } });
  });
}

/** Withdraws a declaration that no longer holds; the audit log keeps what was declared and when. */
export async function withdrawRelation(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof withdrawRelationBody>,
): Promise<ExpertDetail> {
  return db.transaction(async (tx) => {
    const expert = await lockedExpert(tx, ctx, id, 'update');
    const [row] = await tx
      .delete(expertRelations)
      .where(and(eq(expertRelations.id, body.relationId), eq(expertRelations.expertId, id)))
      .returning();
    if (!row) throw notFound('申报的关系不存在');
    return recordChange(tx, ctx, expert, { before: { relation: row } });
  });
}

/** A period the expert cannot be drawn. Leaves may not overlap, so each day has one reason. */
export async function addLeave(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof addLeaveBody>,
): Promise<ExpertDetail> {
  if (body.endsOn < shanghaiDay(ctx.clock.now())) {
    throw badRequest('LEAVE_IN_PAST', '请假结束日期不能早于今天', 'body.endsOn');
  }
  return db.transaction(async (tx) => {
    const expert = await lockedExpert(tx, ctx, id, 'update');
    const [overlap] = await tx
      .select({ id: expertLeaves.id })
      .from(expertLeaves)
      .where(
        and(
          eq(expertLeaves.expertId, id),
          lte(expertLeaves.startsOn, body.endsOn),
          gte(expertLeaves.endsOn, body.startsOn),
        ),
      );
    if (overlap) throw conflict('LEAVE_OVERLAPS', '与已登记的请假期间重叠', 'body.startsOn');
    const [row] = await tx
      .insert(expertLeaves)
      .values({ expertId: id, startsOn: body.startsOn, endsOn: body.endsOn, reason: body.reason })
      .returning();
    return recordChange(tx, ctx, expert, { after: { leave: row } });
  });
}

/** Cancels a leave not yet over; past leaves are history and stay. */
export async function cancelLeave(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof cancelLeaveBody>,
): Promise<ExpertDetail> {
  return db.transaction(async (tx) => {
    const expert = await lockedExpert(tx, ctx, id, 'update');
    const [leave] = await tx
      .select()
      .from(expertLeaves)
      .where(and(eq(expertLeaves.id, body.leaveId), eq(expertLeaves.expertId, id)));
    if (!leave) throw notFound('请假记录不存在');
    if (leave.endsOn < shanghaiDay(ctx.clock.now())) {
      throw conflict('LEAVE_OVER', '已结束的请假不能撤销', 'body.leaveId');
    }
    await tx.delete(expertLeaves).where(eq(expertLeaves.id, leave.id));
    return recordChange(tx, ctx, expert, { before: { leave } });
  });
}
