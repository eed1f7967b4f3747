/**
 * What the OCDS builder reads, for a batch of projects at once: one query per table (about twenty for the batch,
 * whatever its size), never one per project or per release.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
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
    .select({ amendment: contractAmendments })
    .from(contractAmendments)
    .innerJoin(contracts, eq(contracts.id, contractAmendments.contractId))
    .where(ofContracts)
    .orderBy(asc(contractAmendments.recordedAt), asc(contractAmendments.id));
  const milestoneRows = await db
    .select({ milestone: milestones })
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
    lotRows,
    shareRows,
    noticeRows,
    openingRows,
    bidRows,
    bidLotRows,
    bidOpeningRows,
    priceRows,
    evaluationRows,
    correctionRows,
    awardRows,
    complaintRows,
    contractRows,
    signatureRows,
    amendmentRows: amendmentRows.map((r) => r.amendment),
    milestoneRows: milestoneRows.map((r) => r.milestone),
    acceptanceRows,
    paymentRows,
  };
}

type Batch = Awaited<ReturnType<typeof loadBatch>>;
type Rows<K extends keyof Batch> = Batch[K];
type Row<K extends keyof Batch> = Batch[K][number];

/** One project and everything about it the builder may publish (and some it must hold back until its time). */
export interface ProjectData {
  project: Row<'projectRows'>['project'];
  programmeName: string | null;
  priorCode: string | null;
  lots: Rows<'lotRows'>;
  shares: Rows<'shareRows'>;
  notices: Rows<'noticeRows'>;
  openings: Rows<'openingRows'>;
  bids: Rows<'bidRows'>;
  bidLots: Rows<'bidLotRows'>;
  bidOpenings: Rows<'bidOpeningRows'>;
  prices: Rows<'priceRows'>;
  evaluations: Rows<'evaluationRows'>;
  corrections: Rows<'correctionRows'>;
  awards: Rows<'awardRows'>;
  complaints: Rows<'complaintRows'>;
  contracts: Rows<'contractRows'>;
  signatures: Rows<'signatureRows'>;
  amendments: Rows<'amendmentRows'>;
  milestones: Rows<'milestoneRows'>;
  acceptances: Rows<'acceptanceRows'>;
  payments: Rows<'paymentRows'>;
}

export type CentreRow = typeof centres.$inferSelect;

export async function loadCentre(db: Db): Promise<CentreRow | null> {
  const [centre] = await db.select().from(centres).limit(1);
  return centre ?? null;
}

const by = <T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> => {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
};

/** The batch's projects, in the order of `ids`; ids of unknown projects are skipped. */
export async function loadProjects(db: Db, ids: readonly string[]): Promise<ProjectData[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const b = await loadBatch(db, unique);
  const contractProject = new Map(b.contractRows.map((r) => [r.contract.id, r.contract.projectId]));
  const bidProject = new Map(b.bidRows.map((r) => [r.id, r.projectId]));
  const ofContract = <T extends { contractId: string }>(rows: readonly T[]) =>
    by(rows, (r) => contractProject.get(r.contractId) ?? '');
  const ofBid = <T extends { bidId: string }>(rows: readonly T[]) =>
    by(rows, (r) => bidProject.get(r.bidId) ?? '');
  const g = {
    lots: by(b.lotRows, (r) => r.projectId),
    shares: by(b.shareRows, (r) => r.projectId),
    notices: by(b.noticeRows, (r) => r.projectId),
    openings: by(b.openingRows, (r) => r.projectId),
    bids: by(b.bidRows, (r) => r.projectId),
    bidLots: ofBid(b.bidLotRows),
    bidOpenings: ofBid(b.bidOpeningRows),
    prices: ofBid(b.priceRows),
    evaluations: by(b.evaluationRows, (r) => r.projectId),
    corrections: by(b.correctionRows, (r) => r.projectId),
    awards: by(b.awardRows, (r) => r.award.projectId),
    complaints: by(b.complaintRows, (r) => r.projectId),
    contracts: by(b.contractRows, (r) => r.contract.projectId),
    signatures: ofContract(b.signatureRows),
    amendments: ofContract(b.amendmentRows),
    milestones: ofContract(b.milestoneRows),
    acceptances: ofContract(b.acceptanceRows),
    payments: ofContract(b.paymentRows),
  };
  const rowsById = new Map(b.projectRows.map((r) => [r.project.id, r]));
  return unique.flatMap((id) => {
    const r = rowsById.get(id);
    if (!r) return [];
    const of = <T>(m: Map<string, T[]>): T[] => m.get(id) ?? [];
    return [
      {
        project: r.project,
        programmeName: r.programmeName,
        priorCode: r.priorCode,
        lots: of(g.lots),
        shares: of(g.shares),
        notices: of(g.notices),
        openings: of(g.openings),
        bids: of(g.bids),
        bidLots: of(g.bidLots),
        bidOpenings: of(g.bidOpenings),
        prices: of(g.prices),
        evaluations: of(g.evaluations),
        corrections: of(g.corrections),
        awards: of(g.awards),
        complaints: of(g.complaints),
        contracts: of(g.contracts),
        signatures: of(g.signatures),
        amendments: of(g.amendments),
        milestones: of(g.milestones),
        acceptances: of(g.acceptances),
        payments: of(g.payments),
      },
    ];
  });
}
