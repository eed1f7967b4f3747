import { and, asc, count, eq, getTableColumns, ilike, inArray, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../platform/db/client.ts';
import type { RequestContext } from '../../platform/auth/actor.ts';
import { abilities, can } from '../../platform/auth/policy.ts';
import type {
  expertListQuery,
  expertView,
  purchaserListQuery,
  purchaserView,
  supplierListQuery,
  supplierView,
} from './contract.ts';
import { expertPolicy, purchaserPolicy, supplierPolicy } from './policy.ts';
import {
  maskIdNumber,
  maskPhone,
  PURCHASER_LEVEL_LABELS,
  PURCHASER_LEVELS,
  SUPPLIER_SIZE_LABELS,
  SUPPLIER_SIZES,
  SUPPLIER_STATUSES,
} from './rules.ts';
import { experts, expertSpecialties, purchasers, specialties, suppliers } from './tables.ts';

/** Narrows a text column to its declared values (the database CHECK guarantees one of them). */
const oneOf = <T extends string>(values: readonly T[], v: string, fallback: T): T =>
  values.find((x) => x === v) ?? fallback;

/** `%term%` for ILIKE with the user's own % and _ taken literally. */
export const likeTerm = (q: string): string => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  abilities: string[];
}

export async function listPurchasers(
  db: Db,
  ctx: RequestContext,
  q: z.infer<typeof purchaserListQuery>,
): Promise<Page<z.infer<typeof purchaserView>>> {
  const conds: SQL[] = [];
  if (q.q) conds.push(ilike(purchasers.name, likeTerm(q.q)));
  if (q.level) conds.push(eq(purchasers.level, q.level));
  const where = conds.length ? and(...conds) : undefined;
  const parent = alias(purchasers, 'parent');
  const [totalRow] = await db.select({ n: count() }).from(purchasers).where(where);
  const rows = await db
    .select({ ...getTableColumns(purchasers), parentName: parent.name })
    .from(purchasers)
    .leftJoin(parent, eq(parent.id, purchasers.parentId))
    .where(where)
    .orderBy(asc(purchasers.level), asc(purchasers.name))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return {
    items: rows.map(({ parentName, ...p }) => {
      const level = oneOf(PURCHASER_LEVELS, p.level, 'county');
      return {
        id: p.id,
        name: p.name,
        level,
        levelLabel: PURCHASER_LEVEL_LABELS[level],
        parentId: p.parentId,
        parentName,
        regionCode: p.regionCode,
        creditCode: p.creditCode,
        financeUnit: p.financeUnit,
        contactName: p.contactName,
        contactPhone: p.contactPhone,
        status: oneOf(['active', 'inactive'] as const, p.status, 'active'),
        abilities: abilities(ctx.actor, purchaserPolicy),
      };
    }),
    total: totalRow?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
    abilities: abilities(ctx.actor, purchaserPolicy),
  };
}

export async function listSuppliers(
  db: Db,
  ctx: RequestContext,
  q: z.infer<typeof supplierListQuery>,
): Promise<Page<z.infer<typeof supplierView>>> {
  const conds: SQL[] = [];
  if (q.q) {
    const term = likeTerm(q.q);
    const byName = or(ilike(suppliers.name, term), ilike(suppliers.creditCode, term));
    if (byName) conds.push(byName);
  }
  if (q.status) conds.push(eq(suppliers.status, q.status));
  const where = conds.length ? and(...conds) : undefined;
  const [totalRow] = await db.select({ n: count() }).from(suppliers).where(where);
  const rows = await db
    .select()
    .from(suppliers)
    .where(where)
    .orderBy(asc(suppliers.name))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return {
    items: rows.map((s) => {
      const size = oneOf(SUPPLIER_SIZES, s.size, 'small');
      return {
        id: s.id,
        name: s.name,
        creditCode: s.creditCode,
        legalRepresentative: s.legalRepresentative,
        size,
        sizeLabel: SUPPLIER_SIZE_LABELS[size],
        regionCode: s.regionCode,
        contactName: s.contactName,
        contactPhone: s.contactPhone,
        status: oneOf(SUPPLIER_STATUSES, s.status, 'pending'),
        createdAt: s.createdAt.toISOString(),
        abilities: abilities(ctx.actor, supplierPolicy),
      };
    }),
    total: totalRow?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
    abilities: abilities(ctx.actor, supplierPolicy),
  };
}

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

const EXPERT_STATUSES = ['pending', 'active', 'suspended', 'removed'] as const;
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
