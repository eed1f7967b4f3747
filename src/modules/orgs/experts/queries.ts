import { shanghaiDay } from '../../../platform/clock.ts';
import { and, asc, count, desc, eq, gte, ilike, inArray, isNull, lte, not, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Tx } from '../../../platform/db/client.ts';
import type { RequestContext } from '../../../platform/auth/actor.ts';
import { abilities, authorize, can } from '../../../platform/auth/policy.ts';
import { notFound } from '../../../platform/errors.ts';
import type { coverageQuery, coverageReport, expertDetail, expertListQuery, expertView } from './contract.ts';
import { expertPolicy, type ExpertRecord } from './policy.ts';
import { likeTerm, oneOf, type Page } from '../queries.ts';
import { maskIdNumber, maskPhone } from '../rules.ts';
import {
  expertEmployments,
  expertLeaves,
  expertRelations,
  expertReviews,
  experts,
  expertSpecialties,
  purchasers,
  registryReviews,
  specialties,
  suppliers,
  type ExpertRow,
} from '../tables.ts';
import {
  addMonths,
  ALTERNATES,
  COMMITTEE_SIZE,
  DEMAND_MONTHS,
  EXPERT_STATUSES,
  EXPERT_TRANSITIONS,
  maskEmail,
  onLeave,
  poolCoverage,
  RECUSAL_YEARS,
  TITLE_LEVELS,
  yearlyCounts,
  type CoverageExpert,
} from './rules.ts';

type ExpertView = z.infer<typeof expertView>;
type ExpertDetail = z.infer<typeof expertDetail>;
type Reader = Db | Tx;

/** The specialty and every specialty below it. */
async function specialtySubtree(db: Reader, code: string): Promise<string[]> {
  const all = await db.select({ code: specialties.code, parent: specialties.parentCode }).from(specialties);
  const out = new Set([code]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of all) {
      if (s.parent && out.has(s.parent) && !out.has(s.code)) {
        out.add(s.code);
        grew = true;
      }
    }
  }
  return [...out];
}

const RECORD_ACTIONS = ['view', 'viewPersonalData', 'update', 'review', 'changeStatus', 'rate'] as const;

/**
 * What the caller may do with this expert now: the policy's grants, less what the status table forbids, so the
 * UI offers 审核 only on pending records and never re-implements the life cycle.
 */
function recordAbilities(ctx: RequestContext, e: ExpertRow): string[] {
  const status = oneOf(EXPERT_STATUSES, e.status, 'pending');
  const record: ExpertRecord = { id: e.id };
  return abilities(ctx.actor, expertPolicy, record).filter(
    (a) =>
      (RECORD_ACTIONS as readonly string[]).includes(a) &&
      (a !== 'review' || EXPERT_TRANSITIONS[status].review.length > 0) &&
      (a !== 'changeStatus' || EXPERT_TRANSITIONS[status].status.length > 0),
  );
}

function presentSummary(
  ctx: RequestContext,
  e: ExpertRow,
  specs: { code: string; name: string }[],
  leaveToday: boolean,
): ExpertView {
  const seeAll = can(ctx.actor, expertPolicy, 'viewPersonalData', { id: e.id });
  return {
    id: e.id,
    name: e.name,
    idNumber: seeAll ? e.idNumber : maskIdNumber(e.idNumber),
    phone: seeAll ? e.phone : maskPhone(e.phone),
    titleLevel: oneOf(TITLE_LEVELS, e.titleLevel, 'intermediate'),
    titleName: e.titleName,
    years: e.years,
    employer: e.employer,
    specialties: specs,
    status: oneOf(EXPERT_STATUSES, e.status, 'pending'),
    onLeave: leaveToday,
    abilities: recordAbilities(ctx, e),
  };
}

/** Experts with a leave covering the day, as a subquery. */
const onLeaveOn = (db: Reader, today: string) =>
  db
    .select({ id: expertLeaves.expertId })
    .from(expertLeaves)
    .where(and(lte(expertLeaves.startsOn, today), gte(expertLeaves.endsOn, today)));

export async function listExperts(
  db: Db,
  ctx: RequestContext,
  q: z.infer<typeof expertListQuery>,
): Promise<Page<ExpertView>> {
  authorize(ctx.actor, expertPolicy, 'list');
  const today = shanghaiDay(ctx.clock.now());
  const conds: SQL[] = [];
  if (q.q) {
    const term = likeTerm(q.q);
    const byText = or(ilike(experts.name, term), ilike(experts.employer, term));
    if (byText) conds.push(byText);
  }
  if (q.specialty) {
    const codes = await specialtySubtree(db, q.specialty);
    const ids = db
      .select({ id: expertSpecialties.expertId })
      .from(expertSpecialties)
      .where(inArray(expertSpecialties.specialtyCode, codes));
    conds.push(inArray(experts.id, ids));
  }
  if (q.status) conds.push(eq(experts.status, q.status));
  if (q.onLeave !== undefined) {
    const leaving = inArray(experts.id, onLeaveOn(db, today));
    conds.push(q.onLeave ? leaving : not(leaving));
  }
  const where = conds.length ? and(...conds) : undefined;
  const [totalRow] = await db.select({ n: count() }).from(experts).where(where);
  const rows = await db
    .select()
    .from(experts)
    .where(where)
    .orderBy(asc(experts.name))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const ids = rows.map((e) => e.id);
  const specs = ids.length
    ? await db
        .select({ expertId: expertSpecialties.expertId, code: specialties.code, name: specialties.name })
        .from(expertSpecialties)
        .innerJoin(specialties, eq(specialties.code, expertSpecialties.specialtyCode))
        .where(inArray(expertSpecialties.expertId, ids))
        .orderBy(asc(specialties.code))
    : [];
  const leaving = new Set(
    ids.length
      ? (
          await db
            .select({ id: expertLeaves.expertId })
            .from(expertLeaves)
            .where(
              and(
                inArray(expertLeaves.expertId, ids),
                lte(expertLeaves.startsOn, today),
                gte(expertLeaves.endsOn, today),
              ),
            )
        ).map((r) => r.id)
      : [],
  );
  return {
    items: rows.map((e) =>
      presentSummary(
        ctx,
        e,
        specs.filter((s) => s.expertId === e.id).map(({ code, name }) => ({ code, name })),
        leaving.has(e.id),
      ),
    ),
    total: totalRow?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
    abilities: abilities(ctx.actor, expertPolicy).filter((a) => a === 'list' || a === 'coverage'),
  };
}

/** The full record as the caller may see it; the caller has already been authorised to view it. */
export async function presentDetail(db: Reader, ctx: RequestContext, e: ExpertRow): Promise<ExpertDetail> {
  const today = shanghaiDay(ctx.clock.now());
  const [specs, employments, relations, leaves, reviews, ratings] = await Promise.all([
    db
      .select({ code: specialties.code, name: specialties.name })
      .from(expertSpecialties)
      .innerJoin(specialties, eq(specialties.code, expertSpecialties.specialtyCode))
      .where(eq(expertSpecialties.expertId, e.id))
      .orderBy(asc(specialties.code)),
    db
      .select()
      .from(expertEmployments)
      .where(eq(expertEmployments.expertId, e.id))
      .orderBy(desc(expertEmployments.startedOn), asc(expertEmployments.id)),
    db
      .select()
      .from(expertRelations)
      .where(eq(expertRelations.expertId, e.id))
      .orderBy(asc(expertRelations.declaredAt), asc(expertRelations.id)),
    db
      .select()
      .from(expertLeaves)
      .where(eq(expertLeaves.expertId, e.id))
      .orderBy(desc(expertLeaves.startsOn), asc(expertLeaves.id)),
    db
      .select()
      .from(registryReviews)
      .where(and(eq(registryReviews.entityType, 'expert'), eq(registryReviews.entityId, e.id)))
      .orderBy(asc(registryReviews.at), asc(registryReviews.id)),
    db
      .select()
      .from(expertReviews)
      .where(eq(expertReviews.expertId, e.id))
      .orderBy(desc(expertReviews.reviewedOn), asc(expertReviews.id)),
  ]);
  const seeAll = can(ctx.actor, expertPolicy, 'viewPersonalData', { id: e.id });
  return {
    ...presentSummary(ctx, e, specs, onLeave(leaves, today)),
    email: e.email === null ? null : seeAll ? e.email : maskEmail(e.email),
    regionCode: e.regionCode,
    reviewNote: e.reviewNote,
    createdAt: e.createdAt.toISOString(),
    employments: employments.map((j) => ({
      id: j.id,
      employer: j.employer,
      creditCode: j.creditCode,
      position: j.position,
      startedOn: j.startedOn,
      endedOn: j.endedOn,
    })),
    relations: relations.map((r) => ({
      id: r.id,
      kind: oneOf(['relative', 'conflict'] as const, r.kind, 'conflict'),
      name: r.name,
      relation: r.relation,
      organisation: r.organisation,
      creditCode: r.creditCode,
      note: r.note,
      declaredAt: r.declaredAt.toISOString(),
    })),
    leaves: leaves.map((l) => ({ id: l.id, startsOn: l.startsOn, endsOn: l.endsOn, reason: l.reason })),
    reviews: reviews.map((r) => ({
      decision: oneOf(['approved', 'rejected', 'resubmitted'] as const, r.decision, 'resubmitted'),
      reason: r.reason,
      at: r.at.toISOString(),
    })),
    ratings: ratings.map((r) => ({
      id: r.id,
      projectRef: r.projectRef,
      specialtyCode: r.specialtyCode,
      reviewedOn: r.reviewedOn,
      rating: r.rating,
      note: r.ratingNote,
    })),
    yearlyReviewCounts: yearlyCounts(ratings.map((r) => r.reviewedOn)),
  };
}

export async function getExpert(db: Db, ctx: RequestContext, id: string): Promise<ExpertDetail> {
  const [row] = await db.select().from(experts).where(eq(experts.id, id));
  if (!row) throw notFound('专家不存在');
  authorize(ctx.actor, expertPolicy, 'view', { id: row.id });
  return presentDetail(db, ctx, row);
}

/** The signed-in expert's own record, application included. */
export async function getMyExpert(db: Db, ctx: RequestContext): Promise<ExpertDetail> {
  authorize(ctx.actor, expertPolicy, 'viewOwn');
  const id = ctx.actor.kind === 'user' ? ctx.actor.expertId : null;
  if (!id) throw notFound('当前账号未绑定评审专家');
  return getExpert(db, ctx, id);
}

/** A party key names a purchaser or a supplier, so a township and a firm of the same name never merge. */
const partyKey = (kind: 'purchaser' | 'supplier', id: string): string => `${kind}:${id}`;

/**
 * The pool coverage report. The database supplies the facts — active experts, their leaves, their employments
 * matched to purchasers and suppliers (by credit code, else by exact name), and the review history — and the
 * pure `poolCoverage` does the arithmetic.
 */
export async function poolCoverageReport(
  db: Db,
  ctx: RequestContext,
  q: z.infer<typeof coverageQuery>,
): Promise<z.infer<typeof coverageReport>> {
  authorize(ctx.actor, expertPolicy, 'coverage');
  const asOf = q.asOf ?? shanghaiDay(ctx.clock.now());
  const recusalFrom = addMonths(asOf, -12 * RECUSAL_YEARS);
  const demandFrom = addMonths(asOf, -DEMAND_MONTHS);

  const [specs, pool, links, leaves, jobs, ps, ss, demand] = await Promise.all([
    db.select().from(specialties).orderBy(asc(specialties.code)),
    db.select({ id: experts.id }).from(experts).where(eq(experts.status, 'active')),
    db
      .select({ expertId: expertSpecialties.expertId, code: expertSpecialties.specialtyCode })
      .from(expertSpecialties)
      .innerJoin(experts, eq(experts.id, expertSpecialties.expertId))
      .where(eq(experts.status, 'active')),
    db
      .select()
      .from(expertLeaves)
      .where(and(lte(expertLeaves.startsOn, asOf), gte(expertLeaves.endsOn, asOf))),
    db
      .select()
      .from(expertEmployments)
      .where(
        and(
          lte(expertEmployments.startedOn, asOf),
          or(isNull(expertEmployments.endedOn), gte(expertEmployments.endedOn, recusalFrom)),
        ),
      ),
    db
      .select({ id: purchasers.id, name: purchasers.name, creditCode: purchasers.creditCode })
      .from(purchasers),
    db.select({ id: suppliers.id, name: suppliers.name, creditCode: suppliers.creditCode }).from(suppliers),
    db
      .select({
        specialtyCode: expertReviews.specialtyCode,
        projectRef: expertReviews.projectRef,
        reviewedOn: expertReviews.reviewedOn,
      })
      .from(expertReviews)
      .where(and(gte(expertReviews.reviewedOn, demandFrom), lte(expertReviews.reviewedOn, asOf))),
  ]);

  const byCode = new Map<string, string>();
  const byName = new Map<string, string>();
  const names = new Map<string, string>();
  for (const [kind, rows] of [
    ['purchaser', ps],
    ['supplier', ss],
  ] as const) {
    for (const r of rows) {
      const key = partyKey(kind, r.id);
      names.set(key, r.name);
      if (r.creditCode) byCode.set(r.creditCode, key);
      if (!byName.has(r.name)) byName.set(r.name, key);
    }
  }
  const partyOf = (j: { employer: string; creditCode: string | null }): string | null =>
    (j.creditCode ? byCode.get(j.creditCode) : undefined) ?? byName.get(j.employer) ?? null;

  const group = <T extends { expertId: string }>(rows: readonly T[]): Map<string, T[]> => {
    const out = new Map<string, T[]>();
    for (const r of rows) out.set(r.expertId, [...(out.get(r.expertId) ?? []), r]);
    return out;
  };
  const codesOf = group(links);
  const leavesOf = group(leaves);
  const jobsOf = group(jobs);
  const coverageExperts: CoverageExpert[] = pool.map((e) => ({
    id: e.id,
    status: 'active',
    specialtyCodes: (codesOf.get(e.id) ?? []).map((l) => l.code),
    leaves: leavesOf.get(e.id) ?? [],
    employments: (jobsOf.get(e.id) ?? []).map((j) => ({
      startedOn: j.startedOn,
      endedOn: j.endedOn,
      partyKey: partyOf(j),
    })),
  }));
  const rows = poolCoverage({ asOf, specialties: specs, experts: coverageExperts, demand });
  return {
    asOf,
    committeeSize: COMMITTEE_SIZE,
    alternates: ALTERNATES,
    rows: rows.map((r) => ({
      ...r,
      worstCaseParty: r.worstCaseParty === null ? null : (names.get(r.worstCaseParty) ?? null),
    })),
  };
}

/** The whole classification in code order, each code marked leaf or not. */
export async function listSpecialties(
  db: Db,
): Promise<{ items: { code: string; name: string; parentCode: string | null; leaf: boolean }[] }> {
  const rows = await db
    .select({ code: specialties.code, name: specialties.name, parentCode: specialties.parentCode })
    .from(specialties)
    .orderBy(asc(specialties.code));
  const parents = new Set(rows.flatMap((r) => (r.parentCode ? [r.parentCode] : [])));
  return { items: rows.map((r) => ({ ...r, leaf: !parents.has(r.code) })) };
}
