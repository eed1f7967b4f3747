import { and, arrayContains, asc, count, eq, ilike, inArray, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../platform/db/client.ts';
import { appendAudit } from '../../../platform/audit/log.ts';
import type { RequestContext } from '../../../platform/auth/actor.ts';
import { abilities, authorize, can } from '../../../platform/auth/policy.ts';
import { AppError, conflict, notFound } from '../../../platform/errors.ts';
import { recordReview } from '../reviews.ts';
import { likeTerm, oneOf, type Page } from '../queries.ts';
import { creditCodeProblem } from '../rules.ts';
import { shanghaiDay } from '../../../platform/clock.ts';
import { intermediaries, qualifications, type IntermediaryRow } from '../tables.ts';
import type {
  intermediaryListQuery,
  intermediaryRegistrationBody,
  intermediaryReviewBody,
  intermediaryView,
} from './contract.ts';
import { intermediaryPolicy } from './policy.ts';
import { INTERMEDIARY_STATUS_LABELS, SERVICE_CATEGORIES, SERVICE_CATEGORY_CODES } from './rules.ts';

type View = z.infer<typeof intermediaryView>;
const STATUSES = ['pending', 'approved', 'rejected'] as const;

async function present(db: Db, ctx: RequestContext, rows: IntermediaryRow[]): Promise<View[]> {
  const today = shanghaiDay(ctx.clock.now());
  const quals = rows.length
    ? await db
        .select()
        .from(qualifications)
        .where(
          inArray(
            qualifications.intermediaryId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  return rows.map((r) => {
    const status = oneOf(STATUSES, r.status, 'pending');
    return {
      id: r.id,
      name: r.name,
      creditCode: r.creditCode,
      legalRepresentative: r.legalRepresentative,
      regionCode: r.regionCode,
      address: r.address,
      contactName: r.contactName,
      contactPhone: r.contactPhone,
      serviceCategories: r.serviceCategories.flatMap((c) => {
        const code = SERVICE_CATEGORY_CODES.find((x) => x === c);
        return code ? [{ code, label: SERVICE_CATEGORIES[code] }] : [];
      }),
      qualifications: quals
        .filter((q) => q.intermediaryId === r.id)
        .map((q) => ({
          name: q.name,
          certificateNo: q.certificateNo,
          issuer: q.issuer,
          grade: q.grade,
          validFrom: q.validFrom,
          validUntil: q.validUntil,
          fileHash: q.fileHash,
          expired: q.validUntil !== null && q.validUntil < today,
        })),
      status,
      statusLabel: INTERMEDIARY_STATUS_LABELS[status],
      reviewNote: r.reviewNote,
      abilities: abilities(ctx.actor, intermediaryPolicy).filter(
        (a) => a !== 'review' || status === 'pending',
      ),
    };
  });
}

export async function registerIntermediary(
  db: Db,
  ctx: RequestContext,
  body: z.infer<typeof intermediaryRegistrationBody>,
): Promise<View> {
  authorize(ctx.actor, intermediaryPolicy, 'register');
  const problem = creditCodeProblem(body.creditCode);
  if (problem) throw new AppError(400, `CREDIT_CODE_${problem.code}`, problem.message, 'body.creditCode');
  const row = await db.transaction(async (tx) => {
    const [dup] = await tx
      .select({ id: intermediaries.id })
      .from(intermediaries)
      .where(eq(intermediaries.creditCode, body.creditCode));
    if (dup) throw conflict('INTERMEDIARY_EXISTS', '该统一社会信用代码已登记', 'body.creditCode');
    const { qualifications: quals, ...fields } = body;
    const [created] = await tx
      .insert(intermediaries)
      .values({ ...fields, status: 'pending', createdAt: ctx.clock.now() })
      .returning();
    if (!created) throw new Error('intermediary insert returned nothing');
    if (quals.length)
      await tx.insert(qualifications).values(quals.map((q) => ({ ...q, intermediaryId: created.id })));
    await appendAudit(tx, ctx, {
      action: 'intermediary.registered',
      entityType: 'intermediary',
      entityId: created.id,
      after: { ...created, qualifications: quals },
    });
    return created;
  });
  const [view] = await present(db, ctx, [row]);
  if (!view) throw new Error('present returned nothing');
  return view;
}

/** Everyone sees approved intermediaries; the centre and supervisors see all, and may filter by status. */
export async function listIntermediaries(
  db: Db,
  ctx: RequestContext,
  q: z.infer<typeof intermediaryListQuery>,
): Promise<Page<View>> {
  const all = can(ctx.actor, intermediaryPolicy, 'listAll');
  const conds: SQL[] = [];
  if (!all) conds.push(eq(intermediaries.status, 'approved'));
  else if (q.status) conds.push(eq(intermediaries.status, q.status));
  if (q.q) {
    const byText = or(
      ilike(intermediaries.name, likeTerm(q.q)),
      ilike(intermediaries.creditCode, likeTerm(q.q)),
    );
    if (byText) conds.push(byText);
  }
  if (q.category) conds.push(arrayContains(intermediaries.serviceCategories, [q.category]));
  const where = conds.length ? and(...conds) : undefined;
  const [totalRow] = await db.select({ n: count() }).from(intermediaries).where(where);
  const rows = await db
    .select()
    .from(intermediaries)
    .where(where)
    .orderBy(asc(intermediaries.name))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return {
    items: await present(db, ctx, rows),
    total: totalRow?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
    abilities: abilities(ctx.actor, intermediaryPolicy),
  };
}

export async function reviewIntermediary(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof intermediaryReviewBody>,
): Promise<View> {
  const row = await db.transaction(async (tx) => {
    const [before] = await tx.select().from(intermediaries).where(eq(intermediaries.id, id)).for('update');
    if (!before) throw notFound('中介机构不存在');
    authorize(ctx.actor, intermediaryPolicy, 'review');
    if (before.status !== 'pending') throw conflict('INTERMEDIARY_NOT_PENDING', '该中介机构不在待审核状态');
    const now = ctx.clock.now();
    const [after] = await tx
      .update(intermediaries)
      .set({ status: body.decision, reviewNote: body.reason, reviewedAt: now })
      .where(eq(intermediaries.id, id))
      .returning();
    if (!after) throw notFound('中介机构不存在');
    await recordReview(tx, ctx, { type: 'intermediary', id }, body.decision, body.reason);
    await appendAudit(tx, ctx, {
      action: 'intermediary.reviewed',
      entityType: 'intermediary',
      entityId: id,
      before,
      after,
    });
    return after;
  });
  const [view] = await present(db, ctx, [row]);
  if (!view) throw new Error('present returned nothing');
  return view;
}
