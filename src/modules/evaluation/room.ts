/**
 * The evaluation room (评审室): the review starts at its time with a formed committee and a chair who is not the
 * purchaser's representative (财库〔2012〕69号); each member signs the no-conflict declaration before seeing any
 * bid; members see only the projects they sit on. For 暗标 lots the bids are 投标人A, B, C … until every blind
 * score is locked (RULES.md §10.2).
 */
import { randomInt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { appendAudit } from '../../platform/audit/log.ts';
import type { RequestContext } from '../../platform/auth/actor.ts';
import { authorize, can } from '../../platform/auth/policy.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.ts';
import type { FileStore } from '../../platform/files/store.ts';
import {
  bidDeposits,
  bidDocuments,
  bidLotPrices,
  bidOpenings,
  bids,
  lotOpenings,
} from '../bidding/tables.ts';
import { nodePdfReader, scanDocument, type BidderIdentity } from '../bidding/index.ts';
import { experts, expertSpecialties, specialties, supplierPeople, suppliers } from '../orgs/tables.ts';
import type { Requirements } from '../tendering/contract.ts';
import { categoryOf, loadProject, methodOf, setState, step, type LoadedProject } from '../tendering/index.ts';
import { committeeOf, isLegalSpecialty } from './committee.ts';
import './events.ts';
import { evaluationPolicy } from './policy.ts';
import { committeeProblems, requiredCommitteeSize } from './rules/committee.ts';
import {
  blindCodes,
  committeeSeats,
  evaluationDeclarations,
  evaluations,
  priceCorrections,
  type CommitteeRow,
  type EvaluationRow,
} from './tables.ts';
import type { startBody } from './contract.ts';

export interface Member {
  seatId: string;
  kind: 'expert' | 'purchaserRep';
  expertId: string | null;
  userId: string | null;
  name: string;
  chair: boolean;
}

export interface LotBid {
  bidId: string;
  supplierId: string;
  supplierName: string;
  priceFen: bigint;
  items: Record<string, string>;
  declarations: {
    sme?: { size?: string } | null;
    domesticProduct?: boolean | null;
    other?: Record<string, string>;
  } | null;
  documents: {
    part: string;
    kind: string;
    name: string | null;
    mime: string | null;
    plainBlob: string | null;
  }[];
  code: string | null;
  scan: unknown;
  /** The price after an arithmetic correction the bidder confirmed (87号令 第五十九条); null when none. */
  correctedFen: bigint | null;
  /** A correction the bidder refused: the bid is void. */
  correctionRefused: boolean;
  /** A correction still waiting for the bidder's answer. */
  correctionPending: boolean;
}

export interface LotContext {
  project: LoadedProject;
  requirements: Requirements;
  lot: LoadedProject['lots'][number];
  evaluation: EvaluationRow;
  committee: CommitteeRow;
  members: Member[];
  bids: LotBid[];
}

export const DECLARATION_TEXT =
  '本人承诺：与本项目的供应商不存在《政府采购法实施条例》第九条规定的利害关系——评审前三年内与供应商存在劳动关系、担任供应商的董事监事、是供应商的控股股东或实际控制人，与供应商的法定代表人或负责人有夫妻、直系血亲、三代以内旁系血亲或近姻亲关系，或其他可能影响公正评审的关系；如有，立即申请回避。本人将独立评审，不私下接触供应商，不协商评分，不泄露评审情况（87号令第六十二条）。';

/** Confirmed experts and the purchaser's representatives: the committee that sits. */
export async function membersOf(tx: Db | Tx, committeeId: string): Promise<Member[]> {
  const rows = await tx
    .select({ s: committeeSeats, name: experts.name })
    .from(committeeSeats)
    .leftJoin(experts, eq(experts.id, committeeSeats.expertId))
    .where(eq(committeeSeats.committeeId, committeeId))
    .orderBy(asc(committeeSeats.kind), asc(committeeSeats.position));
  return rows
    .filter((r) => r.s.kind === 'purchaserRep' || r.s.status === 'confirmed')
    .map((r) => ({
      seatId: r.s.id,
      kind: r.s.kind === 'expert' ? ('expert' as const) : ('purchaserRep' as const),
      expertId: r.s.expertId,
      userId: r.s.userId,
      name: r.name ?? r.s.name ?? '',
      chair: r.s.chair,
    }));
}

/** The caller's seat on this committee, if it sits on it. */
export function memberOf(ctx: RequestContext, members: readonly Member[]): Member | null {
  if (ctx.actor.kind !== 'user') return null;
  const a = ctx.actor;
  return (
    members.find(
      (m) =>
        (m.kind === 'expert' && a.role === 'expert' && m.expertId !== null && m.expertId === a.expertId) ||
        (m.kind === 'purchaserRep' && m.userId !== null && m.userId === a.userId),
    ) ?? null
  );
}

/**
 * Who is asking: a member of the sitting committee (declared, unless `declared` is false), or centre staff and
 * supervisors who watch. Anyone else is told the evaluation does not exist.
 */
export async function roomAccess(
  tx: Db | Tx,
  ctx: RequestContext,
  committee: CommitteeRow,
  o: { declared?: boolean } = {},
): Promise<{ member: Member | null; members: Member[]; declared: boolean }> {
  const members = await membersOf(tx, committee.id);
  const member = memberOf(ctx, members);
  if (!member) {
    if (can(ctx.actor, evaluationPolicy, 'watch')) return { member: null, members, declared: false };
    throw notFound('评审项目不存在');
  }
  const [d] = await tx
    .select({ at: evaluationDeclarations.signedAt })
    .from(evaluationDeclarations)
    .where(eq(evaluationDeclarations.seatId, member.seatId));
  if ((o.declared ?? true) && !d)
    throw new AppError(403, 'DECLARATION_REQUIRED', '请先签署评审专家承诺书，再查看投标文件');
  return { member, members, declared: Boolean(d) };
}

/** Whether the caller sits on a committee at all (experts and representatives act only as members). */
export function requireMember(m: { member: Member | null }): Member {
  if (!m.member) throw new AppError(403, 'NOT_A_MEMBER', '只有评审委员会成员才能进行此项操作');
  return m.member;
}

export async function openedBids(tx: Db | Tx, projectId: string, lotNo: number): Promise<LotBid[]> {
  const rows = await tx
    .select({ bid: bids, price: bidLotPrices, opening: bidOpenings, supplierName: suppliers.name })
    .from(bidLotPrices)
    .innerJoin(bids, eq(bids.id, bidLotPrices.bidId))
    .innerJoin(bidOpenings, eq(bidOpenings.bidId, bids.id))
    .innerJoin(suppliers, eq(suppliers.id, bids.supplierId))
    .where(
      and(
        eq(bids.projectId, projectId),
        eq(bids.status, 'submitted'),
        eq(bidLotPrices.lotNo, lotNo),
        eq(bidOpenings.status, 'opened'),
      ),
    )
    .orderBy(asc(bids.submittedAt));
  const ids = rows.map((r) => r.bid.id);
  const docs = ids.length ? await tx.select().from(bidDocuments).where(inArray(bidDocuments.bidId, ids)) : [];
  const codes = ids.length
    ? await tx
        .select()
        .from(blindCodes)
        .where(and(eq(blindCodes.projectId, projectId), eq(blindCodes.lotNo, lotNo)))
    : [];
  const corrections = ids.length
    ? await tx
        .select()
        .from(priceCorrections)
        .where(and(eq(priceCorrections.projectId, projectId), eq(priceCorrections.lotNo, lotNo)))
    : [];
  return rows.map((r) => {
    const code = codes.find((c) => c.bidId === r.bid.id);
    return {
      bidId: r.bid.id,
      supplierId: r.bid.supplierId,
      supplierName: r.supplierName,
      priceFen: r.price.priceFen,
      items: r.price.items,
      declarations: (r.opening.declarations as LotBid['declarations']) ?? null,
      documents: r.bid.documents.map((m) => {
        const d = docs.find((x) => x.bidId === r.bid.id && x.part === m.part);
        return {
          part: m.part,
          kind: m.kind,
          name: d?.name ?? null,
          mime: d?.mime ?? null,
          plainBlob: d?.plainBlob ?? null,
        };
      }),
      code: code?.code ?? null,
      scan: code?.scan ?? null,
      correctedFen:
        corrections.find((x) => x.bidId === r.bid.id && x.bidderDecision === 'confirmed')?.correctedFen ??
        null,
      correctionRefused: corrections.some((x) => x.bidId === r.bid.id && x.bidderDecision === 'refused'),
      correctionPending: corrections.some((x) => x.bidId === r.bid.id && x.bidderDecision === null),
    };
  });
}

export async function lotContext(
  tx: Db | Tx,
  projectId: string,
  lotNo: number,
  lock = false,
): Promise<LotContext> {
  const project = await loadProject(tx, projectId, lock);
  if (!project) throw notFound('项目不存在');
  const lot = project.lots.find((l) => l.no === lotNo);
  if (!lot) throw notFound(`本项目没有第 ${lotNo} 包`);
  const q = tx
    .select()
    .from(evaluations)
    .where(and(eq(evaluations.projectId, projectId), eq(evaluations.lotNo, lotNo)));
  const [evaluation] = lock ? await q.for('update') : await q;
  if (!evaluation) throw notFound(`第 ${lotNo} 包尚未开始评审`);
  const committee = await committeeOf(tx, projectId);
  return {
    project,
    requirements: project.row.requirements,
    lot,
    evaluation,
    committee,
    members: await membersOf(tx, committee.id),
    bids: await openedBids(tx, projectId, lotNo),
  };
}

/** 投标人A … Z, then AA, AB …: the code of the i-th bid (0-based). */
export function blindCode(i: number): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return i < 26 ? (letters[i] ?? 'A') : `${letters[Math.floor(i / 26) - 1] ?? 'Z'}${letters[i % 26] ?? 'A'}`;
}

/** What identifies a bidder, for the 暗标 scan: the registry's record and its people. */
export async function identityOf(tx: Db | Tx, supplierId: string): Promise<BidderIdentity> {
  const [s] = await tx.select().from(suppliers).where(eq(suppliers.id, supplierId));
  const people = await tx
    .select({ name: supplierPeople.name, kind: supplierPeople.kind })
    .from(supplierPeople)
    .where(eq(supplierPeople.supplierId, supplierId));
  const some = (...xs: (string | null | undefined)[]): string[] => xs.filter((x): x is string => Boolean(x));
  return {
    names: some(s?.name),
    shortNames: [],
    creditCode: s?.creditCode ?? null,
    phones: some(s?.contactPhone),
    emails: some(s?.email),
    addresses: some(s?.address),
    people: [
      ...some(s?.legalRepresentative, s?.contactName),
      ...people.filter((p) => p.kind === 'person').map((p) => p.name),
    ],
  };
}

/**
 * 开始评审: at the review time, with the committee formed, every representative able to sign, a chair who is an
 * expert. Each opened lot gets its evaluation; 暗标 lots get random codes and an identity-leak report per bid.
 */
export async function startReview(
  db: Db,
  ctx: RequestContext,
  projectId: string,
  body: z.infer<typeof startBody>,
  store: FileStore,
): Promise<void> {
  authorize(ctx.actor, evaluationPolicy, 'conduct');
  const now = ctx.clock.now();
  await db.transaction(async (tx) => {
    const l = await loadProject(tx, projectId, true);
    if (!l) throw notFound('项目不存在');
    if (l.row.status !== 'opened') throw conflict('PROJECT_STATE', '项目开标后才能开始评审', 'status');
    const committee = await committeeOf(tx, projectId, true);
    if (committee.status !== 'formed') throw conflict('COMMITTEE_NOT_FORMED', '评审委员会尚未组建完成');
    if (now < committee.reviewAt) throw conflict('REVIEW_NOT_DUE', '评审时间未到');
    const members = await membersOf(tx, committee.id);
    const chair = members.find((m) => m.seatId === body.chairSeatId);
    if (!chair) throw badRequest('CHAIR_NOT_MEMBER', '组长须为本评审委员会成员', 'body.chairSeatId');
    const required = requiredCommitteeSize({
      method: methodOf(l.row.method),
      category: categoryOf(l.row.category),
      budgetFen: l.lots.reduce((s, x) => s + x.budgetFen, 0n),
      openTenderThresholdFen: 2n ** 62n,
      complex: committee.complex,
    });
    const legal = await legalExperts(tx, members);
    const problems = committeeProblems(
      required,
      members.map((m) => ({
        personId: m.seatId,
        kind: m.kind,
        chair: m.seatId === chair.seatId,
        agencyStaff: false,
        financeSupervisor: false,
        purchaserStaff: m.kind === 'purchaserRep',
        legalExpert: m.expertId !== null && legal.has(m.expertId),
      })),
    ).filter((p) => p.code !== 'COMMITTEE_TOO_SMALL' || members.length < required.min);
    if (problems.length) throw conflict('COMMITTEE_COMPOSITION', problems.map((p) => p.message).join('；'));
    const unsigned = members.filter((m) => m.kind === 'purchaserRep' && !m.userId);
    if (unsigned.length)
      throw conflict(
        'REP_ACCOUNT_REQUIRED',
        `采购人代表${unsigned.map((m) => m.name).join('、')}没有平台账号，无法在系统中评审和签署报告`,
      );
    await tx.update(committeeSeats).set({ chair: false }).where(eq(committeeSeats.committeeId, committee.id));
    await tx.update(committeeSeats).set({ chair: true }).where(eq(committeeSeats.id, chair.seatId));
    const to = step(l, 'startEvaluation', { committeeFormed: true });
    await setState(tx, l, to, {}, now);
    const opened = await tx
      .select()
      .from(lotOpenings)
      .where(and(eq(lotOpenings.projectId, projectId), eq(lotOpenings.status, 'opened')));
    const req = l.row.requirements;
    for (const o of opened) {
      await tx.insert(evaluations).values({
        projectId,
        lotNo: o.lotNo,
        status: req.blindTechnical ? 'blindScoring' : 'checking',
        method: req.evaluationMethod,
        blind: req.blindTechnical,
        startedAt: now,
      });
      if (!req.blindTechnical) continue;
      const lotBids = await openedBids(tx, projectId, o.lotNo);
      // A uniformly random assignment of codes (Fisher–Yates with the system's CSPRNG).
      const order = lotBids.map((_, i) => i);
      for (let i = order.length - 1; i > 0; i--) {
        const j = randomInt(i + 1);
        [order[i], order[j]] = [order[j] as number, order[i] as number];
      }
      for (const [i, b] of lotBids.entries()) {
        const identity = await identityOf(tx, b.supplierId);
        const reports = [];
        for (const d of b.documents.filter((x) => x.kind === 'blindTechnical' && x.plainBlob)) {
          const bytes = new Uint8Array(await readFile(store.pathOf(d.plainBlob as string)));
          reports.push(
            await scanDocument(d.name ?? d.part, bytes, identity, { pdf: nodePdfReader, redact: true }),
          );
        }
        await tx.insert(blindCodes).values({
          projectId,
          lotNo: o.lotNo,
          bidId: b.bidId,
          code: blindCode(order[i] ?? i),
          scan: reports,
        });
      }
    }
    await appendAudit(tx, ctx, {
      action: 'evaluation.started',
      entityType: 'project',
      entityId: projectId,
      before: { status: 'opened' },
      after: { status: to, chairSeatId: chair.seatId, lots: opened.map((o) => o.lotNo) },
    });
  });
}

/** 签署承诺书. */
export async function signDeclaration(db: Db, ctx: RequestContext, projectId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const committee = await committeeOf(tx, projectId);
    const member = requireMember(await roomAccess(tx, ctx, committee, { declared: false }));
    const [done] = await tx
      .select()
      .from(evaluationDeclarations)
      .where(eq(evaluationDeclarations.seatId, member.seatId));
    if (done) return;
    await tx
      .insert(evaluationDeclarations)
      .values({ seatId: member.seatId, text: DECLARATION_TEXT, signedAt: ctx.clock.now() });
    await appendAudit(tx, ctx, {
      action: 'evaluation.declared',
      entityType: 'committeeSeat',
      entityId: member.seatId,
      after: { projectId, text: DECLARATION_TEXT },
    });
  });
}

/** The sitting experts registered in a legal specialty (74号令 第七条). */
async function legalExperts(tx: Db | Tx, members: readonly Member[]): Promise<Set<string>> {
  const ids = members.flatMap((m) => (m.expertId ? [m.expertId] : []));
  if (!ids.length) return new Set();
  const rows = await tx
    .select({ expertId: expertSpecialties.expertId, name: specialties.name })
    .from(expertSpecialties)
    .innerJoin(specialties, eq(specialties.code, expertSpecialties.specialtyCode))
    .where(inArray(expertSpecialties.expertId, ids));
  return new Set(rows.filter((r) => isLegalSpecialty(r.name)).map((r) => r.expertId));
}

/** Whether a supplier's deposit is in when the documents ask for one (条例33: no deposit, void bid). */
export async function depositsIn(tx: Db | Tx, projectId: string): Promise<Set<string>> {
  const rows = await tx
    .select({ supplierId: bidDeposits.supplierId, status: bidDeposits.status })
    .from(bidDeposits)
    .where(eq(bidDeposits.projectId, projectId));
  return new Set(rows.filter((r) => r.status !== 'recorded').map((r) => r.supplierId));
}
