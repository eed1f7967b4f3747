import { and, asc, count, eq, ilike, inArray, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../platform/db/client.ts';
import type { RequestContext } from '../../../platform/auth/actor.ts';
import { abilities, can } from '../../../platform/auth/policy.ts';
import type { expertListQuery, expertView } from '../contract.ts';
import { expertPolicy } from '../policy.ts';
import { likeTerm, oneOf, type Page } from '../queries.ts';
import { maskIdNumber, maskPhone } from '../rules.ts';
import { experts, expertSpecialties, specialties } from '../tables.ts';

/** The specialty and every specialty below it. */
async function specialtySubtree(db: Db, code: string): Promise<string[]> {
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

const EXPERT_STATUSES = ['pending', 'active', 'suspended', 'removed', 'rejected'] as const;
const TITLE_LEVELS = ['senior', 'intermediate'] as const;

export async function listExperts(
  db: Db,
  ctx: RequestContext,
  q: z.infer<typeof expertListQuery>,
): Promise<Page<z.infer<typeof expertView>>> {
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
  const seeAll = can(ctx.actor, expertPolicy, 'viewPersonalData');
  return {
    items: rows.map((e) => ({
      id: e.id,
      name: e.name,
      idNumber: seeAll ? e.idNumber : maskIdNumber(e.idNumber),
      phone: seeAll ? e.phone : maskPhone(e.phone),
      titleLevel: oneOf(TITLE_LEVELS, e.titleLevel, 'intermediate'),
      titleName: e.titleName,
      years: e.years,
      employer: e.employer,
      specialties: specs.filter((s) => s.expertId === e.id).map(({ code, name }) => ({ code, name })),
      status: oneOf(EXPERT_STATUSES, e.status, 'pending'),
      abilities: abilities(ctx.actor, expertPolicy),
    })),
    total: totalRow?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
    abilities: abilities(ctx.actor, expertPolicy),
  };
}
