/**
 * 节约资金 per contract, per lot and in total, for the contract view and the statistics (issue 8). Savings count
 * against the amount actually paid once the contract is fully paid (status 'completed'), else against the contract
 * amount (`savings()` in ../rules/contract-terms.ts, which reads the seeds' reports).
 */
import { and, eq, inArray, sum, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { lots } from '../../tendering/index.ts';
import { savings, type Savings } from '../rules/contract-terms.ts';
import { contracts, payments } from '../tables.ts';
import type { SavingsView } from './contract.ts';
import { PERFORMING } from './load.ts';

export interface ContractSavings {
  contractId: string;
  code: string;
  projectId: string;
  lotNo: number;
  purchaserId: string;
  supplierId: string;
  budgetFen: bigint;
  contractFen: bigint;
  /** What was paid in total (whether or not complete). */
  paidSoFarFen: bigint;
  /** 实际支付, once the contract is fully paid; null before. */
  paidFen: bigint | null;
  savings: Savings;
}

export interface AggregateSavings {
  budgetFen: bigint;
  contractFen: bigint;
  paidFen: bigint | null;
  savings: Savings;
  measuredAgainst: 'paid' | 'contract' | 'mixed';
}

export interface LotSavings extends AggregateSavings {
  projectId: string;
  lotNo: number;
  contractIds: string[];
}

export interface SavingsReport {
  contracts: ContractSavings[];
  lots: LotSavings[];
  /** Over every contract: Σ budget against Σ (paid, or contract amount) — null when there is none. */
  total: AggregateSavings | null;
}

/**
 * Aggregates contracts: savings against each contract's own measure (paid or contract amount); `paidFen` only when
 * every one of them is fully paid.
 */
function aggregate(budgetFen: bigint, rows: readonly ContractSavings[]): AggregateSavings {
  const contractFen = rows.reduce((a, r) => a + r.contractFen, 0n);
  const measured = rows.reduce((a, r) => a + (r.paidFen ?? r.contractFen), 0n);
  const allPaid = rows.length > 0 && rows.every((r) => r.paidFen !== null);
  const somePaid = rows.some((r) => r.paidFen !== null);
  const paidFen = allPaid ? measured : null;
  return {
    budgetFen,
    contractFen,
    paidFen,
    savings: savings({ budgetFen, contractFen: measured, paidFen }),
    measuredAgainst: allPaid ? 'paid' : somePaid ? 'mixed' : 'contract',
  };
}

/** Savings of every performed contract (signed, accepted, completed), optionally of one project. */
export async function savingsOf(db: Db | Tx, filter: { projectId?: string } = {}): Promise<SavingsReport> {
  const where: SQL[] = [inArray(contracts.status, [...PERFORMING])];
  if (filter.projectId) where.push(eq(contracts.projectId, filter.projectId));
  const rows = await db
    .select()
    .from(contracts)
    .where(and(...where))
    .orderBy(contracts.code);
  if (rows.length === 0) return { contracts: [], lots: [], total: null };
  const ids = rows.map((r) => r.id);
  const paidRows = await db
    .select({ contractId: payments.contractId, paid: sum(payments.amountFen) })
    .from(payments)
    .where(inArray(payments.contractId, ids))
    .groupBy(payments.contractId);
  const paid = new Map(paidRows.map((p) => [p.contractId, BigInt(p.paid ?? '0')]));
  const perContract: ContractSavings[] = rows.map((c) => {
    const paidSoFarFen = paid.get(c.id) ?? 0n;
    const paidFen = c.status === 'completed' ? paidSoFarFen : null;
    return {
      contractId: c.id,
      code: c.code,
      projectId: c.projectId,
      lotNo: c.lotNo,
      purchaserId: c.purchaserId,
      supplierId: c.supplierId,
      budgetFen: c.budgetFen,
      contractFen: c.amountFen,
      paidSoFarFen,
      paidFen,
      savings: savings({ budgetFen: c.budgetFen, contractFen: c.amountFen, paidFen }),
    };
  });

  const projectIds = [...new Set(rows.map((r) => r.projectId))];
  const lotRows = await db
    .select({ projectId: lots.projectId, no: lots.no, budgetFen: lots.budgetFen })
    .from(lots)
    .where(inArray(lots.projectId, projectIds));
  const perLot: LotSavings[] = [];
  for (const lot of lotRows.sort((a, b) => a.projectId.localeCompare(b.projectId) || a.no - b.no)) {
    const of = perContract.filter((c) => c.projectId === lot.projectId && c.lotNo === lot.no);
    if (of.length === 0) continue;
    perLot.push({
      projectId: lot.projectId,
      lotNo: lot.no,
      contractIds: of.map((c) => c.contractId),
      ...aggregate(lot.budgetFen, of),
    });
  }
  const total = aggregate(
    perContract.reduce((a, c) => a + c.budgetFen, 0n),
    perContract,
  );
  return { contracts: perContract, lots: perLot, total };
}

/** As the API shows it (fen as decimal strings). */
export function presentSavings(s: {
  budgetFen: bigint;
  contractFen: bigint;
  paidFen: bigint | null;
  savings: Savings;
  measuredAgainst?: 'paid' | 'contract' | 'mixed';
}): SavingsView {
  return {
    budgetFen: String(s.budgetFen),
    contractFen: String(s.contractFen),
    paidFen: s.paidFen === null ? null : String(s.paidFen),
    savingsFen: String(s.savings.savingsFen),
    measuredAgainst: s.measuredAgainst ?? s.savings.measuredAgainst,
    savingsRateBp: Number(s.savings.savingsRateBp),
    savingsRateText: s.savings.savingsRateText,
  };
}
