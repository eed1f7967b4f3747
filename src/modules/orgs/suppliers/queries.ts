import { and, asc, count, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../platform/db/client.ts';
import type { RequestContext } from '../../../platform/auth/actor.ts';
import { abilities } from '../../../platform/auth/policy.ts';
import type { supplierListQuery, supplierView } from '../contract.ts';
import { supplierPolicy } from '../policy.ts';
import { likeTerm, oneOf, type Page } from '../queries.ts';
import { SUPPLIER_SIZE_LABELS, SUPPLIER_SIZES, SUPPLIER_STATUSES } from '../rules.ts';
import { suppliers } from '../tables.ts';

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
