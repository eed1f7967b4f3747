/**
 * The portal's search index: each notice's lexemes (title, project name and code, purchasers, plan items, lots
 * and — once there is a winner — suppliers), written to `notices.search` in the publishing transaction, when
 * tendering tells that a notice went out (`tendering.noticePublished`). The vector is derived data, not a state
 * change of its own: no audit event (the notice's publication has one).
 *
 * Notices published before the index existed, or by a process that did not load this module, keep a null vector
 * until the server starts: `backfillNoticeSearch` fills them in batches, touching only null rows, so running it
 * again (or in two processes at once) changes nothing.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { RequestContext } from '../../../platform/auth/actor.ts';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { awards, contracts } from '../../award/tables.ts';
import { purchasers, suppliers } from '../../orgs/tables.ts';
import { planLines } from '../../planning/tables.ts';
import { lots, notices, projects, projectShares } from '../../tendering/tables.ts';
import { documentVector } from './tokenize.ts';

/** Notices that name the supplier: from the result on. */
const NAMES_SUPPLIERS: readonly string[] = ['result', 'contract', 'acceptance'];
const BATCH = 500;

/** What a notice is found by. */
export interface NoticeSearchFields {
  title: string;
  projectName: string;
  projectCode: string;
  purchaserNames: readonly string[];
  supplierNames: readonly string[];
  /** Plan-line items (品目) and lot names. */
  itemNames: readonly string[];
}

/** The `tsvector` literal of a notice (the benchmark builds its rows with this too). */
export function noticeVector(f: NoticeSearchFields): string {
  return documentVector([
    f.title,
    f.projectName,
    f.projectCode,
    ...f.purchaserNames,
    ...f.supplierNames,
    ...f.itemNames,
  ]);
}

type Row = { id: string; projectId: string; kind: string; title: string };

/** The vectors of `rows`, reading what they are found by in a few queries for the whole batch. */
async function vectorsOf(db: Db | Tx, rows: readonly Row[]): Promise<{ id: string; vector: string }[]> {
  const ids = [...new Set(rows.map((r) => r.projectId))];
  if (!ids.length) return [];
  const group = <T extends { projectId: string; name: string }>(list: readonly T[]) => {
    const m = new Map<string, Set<string>>();
    for (const x of list) m.set(x.projectId, (m.get(x.projectId) ?? new Set()).add(x.name));
    return (id: string) => [...(m.get(id) ?? [])];
  };
  const project = new Map(
    (
      await db
        .select({ id: projects.id, code: projects.code, name: projects.name })
        .from(projects)
        .where(inArray(projects.id, ids))
    ).map((p) => [p.id, p]),
  );
  const shares = await db
    .select({ projectId: projectShares.projectId, purchaser: purchasers.name, item: planLines.itemName })
    .from(projectShares)
    .innerJoin(purchasers, eq(purchasers.id, projectShares.purchaserId))
    .innerJoin(planLines, eq(planLines.id, projectShares.planLineId))
    .where(inArray(projectShares.projectId, ids));
  const lotNames = await db
    .select({ projectId: lots.projectId, name: lots.name })
    .from(lots)
    .where(inArray(lots.projectId, ids));
  const withSuppliers = [
    ...new Set(rows.filter((r) => NAMES_SUPPLIERS.includes(r.kind)).map((r) => r.projectId)),
  ];
  const winners = withSuppliers.length
    ? await db
        .select({ projectId: awards.projectId, name: suppliers.name })
        .from(awards)
        .innerJoin(suppliers, eq(suppliers.id, awards.winnerSupplierId))
        .where(
          and(inArray(awards.projectId, withSuppliers), inArray(awards.status, ['confirmed', 'noticed'])),
        )
    : [];
  const parties = withSuppliers.length
    ? await db
        .select({ projectId: contracts.projectId, name: suppliers.name })
        .from(contracts)
        .innerJoin(suppliers, eq(suppliers.id, contracts.supplierId))
        .where(inArray(contracts.projectId, withSuppliers))
    : [];
  const purchasersOf = group(shares.map((s) => ({ projectId: s.projectId, name: s.purchaser })));
  const itemsOf = group([...shares.map((s) => ({ projectId: s.projectId, name: s.item })), ...lotNames]);
  const suppliersOf = group([...winners, ...parties]);
  return rows.map((r) => {
    const p = project.get(r.projectId);
    return {
      id: r.id,
      vector: noticeVector({
        title: r.title,
        projectName: p?.name ?? '',
        projectCode: p?.code ?? '',
        purchaserNames: purchasersOf(r.projectId),
        supplierNames: NAMES_SUPPLIERS.includes(r.kind) ? suppliersOf(r.projectId) : [],
        itemNames: itemsOf(r.projectId),
      }),
    };
  });
}

async function write(db: Db | Tx, vectors: readonly { id: string; vector: string }[], onlyNull: boolean) {
  if (!vectors.length) return;
  const values = sql.join(
    vectors.map((v) => sql`(${v.id}::uuid, ${v.vector}::tsvector)`),
    sql`, `,
  );
  await db.execute(
    sql`update ${notices} set search = v.search from (values ${values}) as v(id, search)
        where ${notices.id} = v.id${onlyNull ? sql` and ${notices.search} is null` : sql``}`,
  );
}

/** `tendering.noticePublished`: the new notice is indexed in its publishing transaction. */
export async function onNoticePublished(
  tx: Tx,
  _ctx: RequestContext,
  e: { noticeId: string; projectId: string; kind: string },
): Promise<void> {
  const [row] = await tx
    .select({ id: notices.id, projectId: notices.projectId, kind: notices.kind, title: notices.title })
    .from(notices)
    .where(eq(notices.id, e.noticeId));
  if (row) await write(tx, await vectorsOf(tx, [row]), false);
}

/** Fills every null vector, BATCH notices at a time; returns how many were filled. */
export async function backfillNoticeSearch(db: Db): Promise<number> {
  let filled = 0;
  for (;;) {
    const rows = await db
      .select({ id: notices.id, projectId: notices.projectId, kind: notices.kind, title: notices.title })
      .from(notices)
      .where(isNull(notices.search))
      .orderBy(notices.id)
      .limit(BATCH);
    if (!rows.length) return filled;
    await write(db, await vectorsOf(db, rows), true);
    filled += rows.length;
    if (rows.length < BATCH) return filled;
  }
}
