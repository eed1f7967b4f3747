/**
 * What the OCDS builder reads, for a batch of projects at once: one query per table (about twenty for the batch,
 * whatever its size), never one per project or per release.
 */
import { and, asc, eq, getTableColumns, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../../platform/db/client.ts';
import {
  acceptances,
  awards,
  challenges,
  complaints,
  contractAmendments,
  contracts,
  contractSignatures,
  milestones,
  payments,
} from '../../award/tables.ts';
import { bidLotPrices, bidLots, bidOpenings, bids, lotOpenings } from '../../bidding/tables.ts';
import { evaluations, priceCorrections } from '../../evaluation/tables.ts';
import { centres, purchasers, suppliers } from '../../orgs/tables.ts';
import { commissions, intentions, planLines } from '../../planning/tables.ts';
import { lots, notices, programmes, projects, projectShares } from '../../tendering/tables.ts';

const partyColumns = (t: typeof suppliers | typeof purchasers) => ({
  id: t.id,
  name: t.name,
  creditCode: t.creditCode,
  address: t.address,
});

const supplierColumns = { ...partyColumns(suppliers), size: suppliers.size };

const winner = alias(suppliers, 'winner');
const prior = alias(projects, 'prior');

async function loadBatch(db: Db, ids: string[]) {
  const projectRows = await db
    .select({
      project: projects,
      programmeName: programmes.name,
      priorCode: prior.code,
    })
    .from(projects)
    .leftJoin(programmes, eq(programmes.id, projects.programmeId))
    .leftJoin(prior, eq(prior.id, projects.retenderOf))
    .where(inArray(projects.id, ids));
  const lotRows = await db
    .select()
    .from(lots)
    .where(inArray(lots.projectId, ids))
    .orderBy(asc(lots.projectId), asc(lots.no));
  const shareRows = await db
    .select({
      projectId: projectShares.projectId,
      lotNo: projectShares.lotNo,
      quantity: projectShares.quantity,
      amountFen: projectShares.amountFen,
      line: {
        id: planLines.id,
        year: planLines.year,
        budgetItem: planLines.budgetItem,
        itemCode: planLines.itemCode,
        itemName: planLines.itemName,
        quantity: planLines.quantity,
      },
      purchaser: {
        ...partyColumns(purchasers),
        level: purchasers.level,
        contactName: purchasers.contactName,
        contactPhone: purchasers.contactPhone,
      },
      intention: {
        summary: intentions.summary,
        expectedStartOn: intentions.expectedStartOn,
        publishedAt: intentions.publishedAt,
        urgent: intentions.urgent,
      },
      commissionDecidedAt: commissions.decidedAt,
    })
    .from(projectShares)
    .innerJoin(planLines, eq(planLines.id, projectShares.planLineId))
    .innerJoin(purchasers, eq(purchasers.id, projectShares.purchaserId))
    .leftJoin(intentions, eq(intentions.planLineId, planLines.id))
    .leftJoin(commissions, eq(commissions.planLineId, planLines.id))
    .where(inArray(projectShares.projectId, ids))
    .orderBy(asc(projectShares.projectId), asc(projectShares.lotNo), asc(planLines.id));
  const noticeRows = await db
    .select({
      id: notices.id,
      projectId: notices.projectId,
      kind: notices.kind,
      title: notices.title,
      body: notices.body,
      bidDeadlineAt: notices.bidDeadlineAt,
      publishedAt: notices.publishedAt,
    })
    .from(notices)
    .where(inArray(notices.projectId, ids))
    .orderBy(asc(notices.publishedAt), asc(notices.id));
  const openingRows = await db
    .select({
      projectId: lotOpenings.projectId,
      lotNo: lotOpenings.lotNo,
      status: lotOpenings.status,
      bidCount: lotOpenings.bidCount,
      startedAt: lotOpenings.startedAt,
      completedAt: lotOpenings.completedAt,
    })
    .from(lotOpenings)
    .where(inArray(lotOpenings.projectId, ids));
  // Live bids only (a replaced or withdrawn one was never opened); their content is read only once opened.
  const live = and(inArray(bids.projectId, ids), eq(bids.status, 'submitted'));
  const bidRows = await db
    .select({
      id: bids.id,
      projectId: bids.projectId,
      submittedAt: bids.submittedAt,
      supplier: supplierColumns,
    })
    .from(bids)
    .innerJoin(suppliers, eq(suppliers.id, bids.supplierId))
    .where(live)
    .orderBy(asc(bids.submittedAt), asc(bids.id));
  const bidLotRows = await db
    .select({ bidId: bidLots.bidId, lotNo: bidLots.lotNo })
    .from(bidLots)
    .innerJoin(bids, eq(bids.id, bidLots.bidId))
    .where(live);
  const bidOpeningRows = await db
    .select({ bidId: bidOpenings.bidId, status: bidOpenings.status })
    .from(bidOpenings)
    .innerJoin(bids, eq(bids.id, bidOpenings.bidId))
    .where(live);
  const priceRows = await db
    .select({ bidId: bidLotPrices.bidId, lotNo: bidLotPrices.lotNo, priceFen: bidLotPrices.priceFen })
    .from(bidLotPrices)
    .innerJoin(bids, eq(bids.id, bidLotPrices.bidId))
    .where(live);
  const evaluationRows = await db
    .select({
      projectId: evaluations.projectId,
      lotNo: evaluations.lotNo,
      status: evaluations.status,
      method: evaluations.method,
      blind: evaluations.blind,
      qualified: evaluations.qualified,
    })
    .from(evaluations)
    .where(inArray(evaluations.projectId, ids));
  const correctionRows = await db
    .select({
      projectId: priceCorrections.projectId,
      lotNo: priceCorrections.lotNo,
      bidId: priceCorrections.bidId,
      correctedFen: priceCorrections.correctedFen,
    })
    .from(priceCorrections)
    .where(and(inArray(priceCorrections.projectId, ids), eq(priceCorrections.bidderDecision, 'confirmed')));
  const awardRows = await db
    .select({
      award: awards,
      winner: {
        id: winner.id,
        name: winner.name,
        creditCode: winner.creditCode,
        address: winner.address,
        size: winner.size,
      },
    })
    .from(awards)
    .leftJoin(winner, eq(winner.id, awards.winnerSupplierId))
    .where(inArray(awards.projectId, ids))
    .orderBy(asc(awards.projectId), asc(awards.lotNo));
  const complaintRows = await db
    .select({
      id: complaints.id,
      projectId: complaints.projectId,
      decision: complaints.decision,
      outcome: complaints.outcome,
      remedy: complaints.remedy,
      decidedAt: complaints.decidedAt,
      subject: challenges.subject,
      lotNo: challenges.lotNo,
      complainant: suppliers.name,
    })
    .from(complaints)
    .innerJoin(challenges, eq(challenges.id, complaints.challengeId))
    .innerJoin(suppliers, eq(suppliers.id, complaints.supplierId))
    .where(and(inArray(complaints.projectId, ids), eq(complaints.status, 'decided')))
    .orderBy(asc(complaints.decidedAt), asc(complaints.id));
  const contractRows = await db
    .select({ contract: contracts, purchaser: partyColumns(purchasers), supplier: partyColumns(suppliers) })
    .from(contracts)
    .innerJoin(purchasers, eq(purchasers.id, contracts.purchaserId))
    .innerJoin(suppliers, eq(suppliers.id, contracts.supplierId))
    .where(inArray(contracts.projectId, ids))
    .orderBy(asc(contracts.projectId), asc(contracts.lotNo), asc(contracts.code));
  const ofContracts = inArray(contracts.projectId, ids);
  const signatureRows = await db
    .select({ contractId: contractSignatures.contractId, signedAt: contractSignatures.signedAt })
    .from(contractSignatures)
    .innerJoin(contracts, eq(contracts.id, contractSignatures.contractId))
    .where(ofContracts);
  const amendmentRows = await db
    .select(getTableColumns(contractAmendments))
    .from(contractAmendments)
    .innerJoin(contracts, eq(contracts.id, contractAmendments.contractId))
    .where(ofContracts)
    .orderBy(asc(contractAmendments.recordedAt), asc(contractAmendments.id));
  const milestoneRows = await db
    .select(getTableColumns(milestones))
    .from(milestones)
    .innerJoin(contracts, eq(contracts.id, milestones.contractId))
    .where(ofContracts)
    .orderBy(asc(milestones.contractId), asc(milestones.seq));
  const acceptanceRows = await db
    .select({
      id: acceptances.id,
      contractId: acceptances.contractId,
      conclusion: acceptances.conclusion,
      acceptedOn: acceptances.acceptedOn,
      opinion: acceptances.opinion,
      reportHash: acceptances.reportHash,
      noticeId: acceptances.noticeId,
      recordedAt: acceptances.recordedAt,
    })
    .from(acceptances)
    .innerJoin(contracts, eq(contracts.id, acceptances.contractId))
    .where(ofContracts)
    .orderBy(asc(acceptances.recordedAt), asc(acceptances.id));
  const paymentRows = await db
    .select({
      id: payments.id,
      contractId: payments.contractId,
      amountFen: payments.amountFen,
      paidOn: payments.paidOn,
      recordedAt: payments.recordedAt,
    })
    .from(payments)
    .innerJoin(contracts, eq(contracts.id, payments.contractId))
    .where(ofContracts)
    .orderBy(asc(payments.recordedAt), asc(payments.id));

  return {
    projectRows,
    rows: {
      lots: lotRows,
      shares: shareRows,
      notices: noticeRows,
      openings: openingRows,
      bids: bidRows,
      bidLots: bidLotRows,
      bidOpenings: bidOpeningRows,
      prices: priceRows,
      evaluations: evaluationRows,
      corrections: correctionRows,
      awards: awardRows,
      complaints: complaintRows,
      contracts: contractRows,
      signatures: signatureRows,
      amendments: amendmentRows,
      milestones: milestoneRows,
      acceptances: acceptanceRows,
      payments: paymentRows,
    },
  };
}

type Batch = Awaited<ReturnType<typeof loadBatch>>;
type Rows = Batch['rows'];

/** One project and everything about it the builder may publish (and some it must hold back until its time). */
export interface ProjectData extends Rows {
  project: Batch['projectRows'][number]['project'];
  programmeName: string | null;
  priorCode: string | null;
}

export type CentreRow = typeof centres.$inferSelect;

export async function loadCentre(db: Db): Promise<CentreRow | null> {
  const [centre] = await db.select().from(centres).limit(1);
  return centre ?? null;
}

/** Each list of `rows` split by project: `keyOf` names the project of a row. */
function byProject<R extends Record<string, readonly unknown[]>>(
  rows: R,
  keyOf: { [K in keyof R]: (row: R[K][number]) => string },
): (projectId: string) => R {
  const groups = Object.entries(rows).map(([name, list]) => {
    const key = keyOf[name] as (row: unknown) => string;
    const m = new Map<string, unknown[]>();
    for (const r of list) {
      const k = key(r);
      const group = m.get(k);
      if (group) group.push(r);
      else m.set(k, [r]);
    }
    return [name, m] as const;
  });
  // Every list of R, split: the same keys, each a part of the same list (a cast the checker cannot see through).
  return (projectId) =>
    Object.fromEntries(groups.map(([name, m]) => [name, m.get(projectId) ?? []])) as unknown as R;
}

/** The batch's projects, in the order of `ids`; ids of unknown projects are skipped. */
export async function loadProjects(db: Db, ids: readonly string[]): Promise<ProjectData[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const b = await loadBatch(db, unique);
  const contractProject = new Map(b.rows.contracts.map((r) => [r.contract.id, r.contract.projectId]));
  const bidProject = new Map(b.rows.bids.map((r) => [r.id, r.projectId]));
  const ofProject = (r: { projectId: string }) => r.projectId;
  const ofContract = (r: { contractId: string }) => contractProject.get(r.contractId) ?? '';
  const ofBid = (r: { bidId: string }) => bidProject.get(r.bidId) ?? '';
  const rowsOf = byProject(b.rows, {
    lots: ofProject,
    shares: ofProject,
    notices: ofProject,
    openings: ofProject,
    bids: ofProject,
    bidLots: ofBid,
    bidOpenings: ofBid,
    prices: ofBid,
    evaluations: ofProject,
    corrections: ofProject,
    awards: (r) => r.award.projectId,
    complaints: ofProject,
    contracts: (r) => r.contract.projectId,
    signatures: ofContract,
    amendments: ofContract,
    milestones: ofContract,
    acceptances: ofContract,
    payments: ofContract,
  });
  const projectRows = new Map(b.projectRows.map((r) => [r.project.id, r]));
  return unique.flatMap((id) => {
    const r = projectRows.get(id);
    return r ? [{ ...r, ...rowsOf(id) }] : [];
  });
}
