import { and, asc, count, eq, getTableColumns, ilike, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Db } from '../../../platform/db/client.ts';
import type { RequestContext } from '../../../platform/auth/actor.ts';
import { abilities } from '../../../platform/auth/policy.ts';
import type { purchaserListQuery, purchaserView } from '../contract.ts';
import { purchaserPolicy } from '../policy.ts';
import { likeTerm, oneOf, type Page } from '../queries.ts';
import { PURCHASER_LEVEL_LABELS, PURCHASER_LEVELS } from '../rules.ts';
import { purchasers } from '../tables.ts';

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
