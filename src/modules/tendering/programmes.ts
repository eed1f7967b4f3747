/**
 * Programmes (专项: 校安工程, 一事一议 …) with their own totals, and bundle suggestions (打包采购, seed 000):
 * accepted plan lines of several units for the same 品目 in nearby months, not yet in a project.
 */
import { and, asc, count, desc, eq, inArray, notInArray } from 'drizzle-orm';
import type { z } from 'zod';
import { appendAudit } from '../../platform/audit/log.ts';
import type { RequestContext } from '../../platform/auth/actor.ts';
import { abilities, authorize } from '../../platform/auth/policy.ts';
import type { Db } from '../../platform/db/client.ts';
import { purchasers } from '../orgs/tables.ts';
import { planLines } from '../planning/tables.ts';
import type {
  bundleSuggestionQuery,
  bundleSuggestions,
  programmeBody,
  programmePage,
  programmeView,
} from './contract.ts';
import { bundlePolicy, programmePolicy } from './policy.ts';
import { suggestBundles } from './rules/bundles.ts';
import { lots, programmes, projects, projectShares } from './tables.ts';
import { categoryOf, userId } from './loaded.ts';

export const PROGRAMME_KIND_LABELS = {
  schoolSafety: '校安工程',
  caseByCase: '一事一议',
  other: '其他专项',
} as const;
type Kind = keyof typeof PROGRAMME_KIND_LABELS;
const kindOf = (s: string): Kind => (s === 'schoolSafety' || s === 'caseByCase' ? s : 'other');

async function totals(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({ programmeId: projects.programmeId, projectId: projects.id, budgetFen: lots.budgetFen })
    .from(projects)
    .innerJoin(lots, eq(lots.projectId, projects.id))
    .where(and(inArray(projects.programmeId, ids), notInArray(projects.status, ['terminated'])));
}

export async function listProgrammes(
  db: Db,
  ctx: RequestContext,
  q: { page: number; pageSize: number },
): Promise<z.infer<typeof programmePage>> {
  authorize(ctx.actor, programmePolicy, 'list');
  const [total] = await db.select({ n: count() }).from(programmes);
  const rows = await db
    .select()
    .from(programmes)
    .orderBy(desc(programmes.year), asc(programmes.name))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const sums = await totals(
    db,
    rows.map((r) => r.id),
  );
  const items: z.infer<typeof programmeView>[] = rows.map((r) => {
    const mine = sums.filter((s) => s.programmeId === r.id);
    const kind = kindOf(r.kind);
    return {
      id: r.id,
      name: r.name,
      kind,
      kindLabel: PROGRAMME_KIND_LABELS[kind],
      year: r.year,
      description: r.description,
      projectCount: new Set(mine.map((s) => s.projectId)).size,
      lotCount: mine.length,
      budgetFen: mine.reduce((sum, s) => sum + s.budgetFen, 0n).toString(),
      abilities: [],
    };
  });
  return {
    items,
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
    abilities: abilities(ctx.actor, programmePolicy),
  };
}

export async function createProgramme(
  db: Db,
  ctx: RequestContext,
  body: z.infer<typeof programmeBody>,
): Promise<z.infer<typeof programmeView>> {
  authorize(ctx.actor, programmePolicy, 'create');
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(programmes)
      .values({ ...body, createdBy: userId(ctx), createdAt: ctx.clock.now() })
      .returning();
    if (!created) throw new Error('programme insert returned nothing');
    await appendAudit(tx, ctx, {
      action: 'programme.created',
      entityType: 'programme',
      entityId: created.id,
      after: created,
    });
    return created;
  });
  const kind = kindOf(row.kind);
  return {
    id: row.id,
    name: row.name,
    kind,
    kindLabel: PROGRAMME_KIND_LABELS[kind],
    year: row.year,
    description: row.description,
    projectCount: 0,
    lotCount: 0,
    budgetFen: '0',
    abilities: [],
  };
}

export async function readBundleSuggestions(
  db: Db,
  ctx: RequestContext,
  q: z.infer<typeof bundleSuggestionQuery>,
): Promise<z.infer<typeof bundleSuggestions>> {
  authorize(ctx.actor, bundlePolicy, 'suggest');
  const inProjects = db
    .select({ id: projectShares.planLineId })
    .from(projectShares)
    .where(eq(projectShares.live, true));
  const rows = await db
    .select({ line: planLines, purchaserName: purchasers.name })
    .from(planLines)
    .innerJoin(purchasers, eq(purchasers.id, planLines.purchaserId))
    .where(
      and(eq(planLines.year, q.year), eq(planLines.status, 'accepted'), notInArray(planLines.id, inProjects)),
    )
    .orderBy(asc(planLines.itemCode), asc(planLines.plannedMonth));
  const bundles = suggestBundles(
    rows.map((r) => ({
      id: r.line.id,
      purchaserId: r.line.purchaserId,
      itemCode: r.line.itemCode,
      category: categoryOf(r.line.category),
      plannedMonth: r.line.plannedMonth,
      amountFen: r.line.amountFen,
    })),
    q.windowMonths,
  );
  return {
    items: bundles.map((b) => {
      const members = b.lineIds
        .map((id) => rows.find((r) => r.line.id === id))
        .filter((r) => r !== undefined);
      return {
        itemCode: b.itemCode,
        itemName: members[0]?.line.itemName ?? b.itemCode,
        category: b.category,
        fromMonth: b.fromMonth,
        toMonth: b.toMonth,
        totalFen: b.totalFen.toString(),
        lines: members.map((r) => ({
          planLineId: r.line.id,
          purchaserName: r.purchaserName,
          amountFen: r.line.amountFen.toString(),
          quantity: r.line.quantity,
          plannedMonth: r.line.plannedMonth,
        })),
      };
    }),
  };
}
