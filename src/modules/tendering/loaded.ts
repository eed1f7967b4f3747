/** A project as the use cases load it: rows, lots, shares, approval, justifications; and the life-cycle step. */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { actorUserId, type RequestContext } from '../../platform/auth/actor.ts';
import { authorize, can } from '../../platform/auth/policy.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import { purchasers } from '../orgs/tables.ts';
import { planLines } from '../planning/tables.ts';
import './events.ts';
import { projectPolicy, type ProjectRecord } from './policy.ts';
import { type Category, type Method } from './requirements.ts';
import { TIMED_METHODS, type TimedMethod } from './rules/deadlines.ts';
import { next, STATES, type Event, type Facts, type State } from './rules/lifecycle.ts';
import {
  lintJustifications,
  lots,
  methodApprovals,
  projects,
  projectShares,
  type LotRow,
  type ProjectRow,
} from './tables.ts';

const CATEGORIES: readonly Category[] = ['goods', 'works', 'services'];
const METHODS: readonly Method[] = [
  'openTender',
  'invitedTender',
  'negotiation',
  'consultation',
  'rfq',
  'singleSource',
];
export const categoryOf = (s: string): Category => CATEGORIES.find((c) => c === s) ?? 'goods';
export const methodOf = (s: string): Method => METHODS.find((m) => m === s) ?? 'openTender';
export const stateOf = (s: string): State => STATES.find((x) => x === s) ?? 'draft';
export const timed = (m: Method): TimedMethod | null => TIMED_METHODS.find((t) => t === m) ?? null;
export const userId = (ctx: RequestContext): string | null => actorUserId(ctx.actor);
/** Published: a notice is out and the documents are on offer. */
export const PUBLISHED_STATES: readonly State[] = [
  'published',
  'corrected',
  'bidsClosed',
  'opened',
  'evaluating',
  'awarded',
  'contracted',
];
export const DEAD_STATES: readonly State[] = ['failed', 'terminated'];

export interface ShareDetail {
  planLineId: string;
  purchaserId: string;
  purchaserName: string;
  regionCode: string;
  itemCode: string;
  itemName: string;
  lotNo: number | null;
  quantity: string | null;
  amountFen: bigint;
}

export interface Loaded {
  row: ProjectRow;
  lots: LotRow[];
  shares: ShareDetail[];
  approval: typeof methodApprovals.$inferSelect | null;
  justifications: (typeof lintJustifications.$inferSelect)[];
}

export const recordOf = (l: Pick<Loaded, 'row' | 'shares'>): ProjectRecord => ({
  purchaserIds: [...new Set(l.shares.map((s) => s.purchaserId))],
  published: PUBLISHED_STATES.includes(stateOf(l.row.status)),
});

export const budgetOf = (ls: readonly { budgetFen: bigint }[]): bigint =>
  ls.reduce((sum, l) => sum + l.budgetFen, 0n);

export async function sharesOf(
  db: Db | Tx,
  projectIds: string[],
): Promise<(ShareDetail & { projectId: string })[]> {
  if (!projectIds.length) return [];
  const rows = await db
    .select({
      s: projectShares,
      purchaserName: purchasers.name,
      regionCode: purchasers.regionCode,
      itemCode: planLines.itemCode,
      itemName: planLines.itemName,
    })
    .from(projectShares)
    .innerJoin(purchasers, eq(purchasers.id, projectShares.purchaserId))
    .innerJoin(planLines, eq(planLines.id, projectShares.planLineId))
    .where(inArray(projectShares.projectId, projectIds))
    .orderBy(asc(purchasers.name), asc(planLines.itemCode));
  return rows.map((r) => ({
    projectId: r.s.projectId,
    planLineId: r.s.planLineId,
    purchaserId: r.s.purchaserId,
    purchaserName: r.purchaserName,
    regionCode: r.regionCode,
    itemCode: r.itemCode,
    itemName: r.itemName,
    lotNo: r.s.lotNo,
    quantity: r.s.quantity,
    amountFen: r.s.amountFen,
  }));
}

export async function loadProject(db: Db | Tx, id: string, lock = false): Promise<Loaded | null> {
  const q = db.select().from(projects).where(eq(projects.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) return null;
  // One after another: a transaction's queries share one connection.
  const lotRows = await db.select().from(lots).where(eq(lots.projectId, id)).orderBy(asc(lots.no));
  const shares = await sharesOf(db, [id]);
  const approvals = await db.select().from(methodApprovals).where(eq(methodApprovals.projectId, id));
  const justifications = await db
    .select()
    .from(lintJustifications)
    .where(eq(lintJustifications.projectId, id));
  return { row, lots: lotRows, shares, approval: approvals[0] ?? null, justifications };
}

/** Loads a project the caller may see (404 otherwise) and checks the action on it. */
export async function projectFor(
  db: Db | Tx,
  ctx: RequestContext,
  id: string,
  action: Parameters<typeof authorize<ProjectRecord, keyof typeof projectPolicy.rules>>[2],
  lock = false,
): Promise<Loaded> {
  const loaded = await loadProject(db, id, lock);
  if (!loaded || !can(ctx.actor, projectPolicy, 'read', recordOf(loaded))) throw notFound('项目不存在');
  authorize(ctx.actor, projectPolicy, action, recordOf(loaded));
  return loaded;
}

/** One life-cycle step on a locked project: refused with the table's Chinese reason. */
export function step(l: Loaded, event: Event, facts: Partial<Facts>): State {
  const all: Facts = {
    lintClear: false,
    requiresApproval: false,
    approvalGranted: false,
    scheduleLawful: false,
    bidDeadlinePassed: false,
    enoughBids: false,
    committeeFormed: false,
    winnerConfirmed: false,
    challengePending: false,
    groundRecorded: false,
    ...facts,
  };
  const r = next(stateOf(l.row.status), event, all);
  if (!r.ok) {
    if (r.code === 'TRANSITION_NOT_ALLOWED') throw conflict('PROJECT_STATE', r.message, r.path);
    throw new AppError(422, 'PROJECT_GUARD', r.message, r.path);
  }
  return r.state;
}

export async function setState(
  tx: Tx,
  l: Loaded,
  to: State,
  set: Partial<typeof projects.$inferInsert>,
  now: Date,
) {
  const [after] = await tx
    .update(projects)
    .set({ ...set, status: to, updatedAt: now })
    .where(and(eq(projects.id, l.row.id), eq(projects.status, l.row.status)))
    .returning();
  if (!after) throw conflict('PROJECT_CHANGED', '项目已被他人修改，请刷新后重试');
  return after;
}

export const EDITABLE: readonly State[] = ['draft', 'linted', 'approved'];

export type LoadedProject = Loaded;
