/**
 * Loading a contract for performance work: the row (locked when the caller will change it), its project, and the
 * check that the caller may act on it — someone with no right to the contract is told it does not exist.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { RequestContext } from '../../../platform/auth/actor.ts';
import { authorize, can } from '../../../platform/auth/policy.ts';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { conflict, notFound } from '../../../platform/errors.ts';
import { shanghaiDay } from '../../../platform/clock.ts';
import { projects } from '../../tendering/tables.ts';
import { signingSuspension } from '../challenges/suspension.ts';
import { contractAmendments, contracts } from '../tables.ts';
import { performancePolicy, type PerformanceAction } from './policy.ts';

export type ContractRow = typeof contracts.$inferSelect;

/** Performance begins at signing: these are the statuses a contract is performed in. */
export const PERFORMING = ['signed', 'accepted', 'completed'] as const;

export interface Loaded {
  contract: ContractRow;
  project: {
    id: string;
    code: string;
    name: string;
    requirements: (typeof projects.$inferSelect)['requirements'];
  };
  today: string;
}

export async function loadContract(
  tx: Db | Tx,
  ctx: RequestContext,
  id: string,
  action: PerformanceAction,
  lock = false,
): Promise<Loaded> {
  const q = tx
    .select()
    .from(contracts)
    .where(and(eq(contracts.id, id), inArray(contracts.status, [...PERFORMING])));
  const [contract] = lock ? await q.for('update') : await q;
  if (!contract) throw notFound('合同不存在或尚未签订');
  authorize(ctx.actor, performancePolicy, action, contract);
  const [project] = await tx
    .select({
      id: projects.id,
      code: projects.code,
      name: projects.name,
      requirements: projects.requirements,
    })
    .from(projects)
    .where(eq(projects.id, contract.projectId));
  if (!project) throw notFound();
  return { contract, project, today: shanghaiDay(ctx.clock.now()) };
}

/** Whether the caller may perform the action on this contract (for abilities; no throw). */
export function may(ctx: RequestContext, action: PerformanceAction, c: ContractRow): boolean {
  return can(ctx.actor, performancePolicy, action, c);
}

/** 条例54 ✅P: 已经签订合同的，应当中止履行合同 — no report, confirmation or acceptance while suspended. */
export async function requireNotSuspended(tx: Db | Tx, l: Loaded): Promise<void> {
  const s = await signingSuspension(tx, l.contract.projectId, l.contract.lotNo, l.today);
  if (s.suspended)
    throw conflict(
      'PERFORMANCE_SUSPENDED',
      `合同履行已中止（政府采购法实施条例第五十四条）：${s.reasons.join('；')}`,
    );
}

/** Steps of performance happen while the contract is performed and not yet accepted. */
export function requireSigned(c: ContractRow, what: string): void {
  if (c.status !== 'signed')
    throw conflict(
      'CONTRACT_STATUS',
      `合同已${c.status === 'accepted' ? '验收' : '履约完毕'}，不能再${what}`,
      'status',
    );
}

/** Sum of add-ons and price changes (法49), in fen. */
export async function amendmentsOf(tx: Db | Tx, contractId: string): Promise<bigint[]> {
  const rows = await tx
    .select({ amountFen: contractAmendments.amountFen })
    .from(contractAmendments)
    .where(
      and(
        eq(contractAmendments.contractId, contractId),
        inArray(contractAmendments.kind, ['addOn', 'change']),
      ),
    );
  return rows.map((r) => r.amountFen);
}

/** Moves the contract on only from the status it was read in: a concurrent change makes this a conflict. */
export async function moveContract(
  tx: Tx,
  c: ContractRow,
  to: 'accepted' | 'completed',
  at: Date,
): Promise<void> {
  const from = to === 'accepted' ? 'signed' : 'accepted';
  const moved = await tx
    .update(contracts)
    .set({ status: to, updatedAt: at })
    .where(and(eq(contracts.id, c.id), eq(contracts.status, from)))
    .returning({ id: contracts.id });
  if (moved.length !== 1) throw conflict('CONTRACT_STATUS', '合同状态已变化，请刷新后重试', 'status');
  c.status = to;
}
