/** Reading contracts: the list (each caller sees its own), one contract with its clocks, signatures, amendments. */
import { and, asc, count, desc, eq, gt, ilike, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { RequestContext } from '../../../platform/auth/actor.ts';
import { abilities, authorize, can } from '../../../platform/auth/policy.ts';
import { users } from '../../../platform/auth/tables.ts';
import { shanghaiDay } from '../../../platform/clock.ts';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { notFound } from '../../../platform/errors.ts';
import { purchasers, suppliers } from '../../orgs/index.ts';
import { projects, toDocx, type RenderedDocument } from '../../tendering/index.ts';
import { signingSuspension } from '../challenges/suspension.ts';
import {
  CLOCK_RULES,
  contractFilingDue,
  contractPublicationDue,
  contractSigningDue,
  explain,
  isLate,
  type Due,
} from '../rules/clocks.ts';
import { addOnHeadroomFen } from '../rules/contract-terms.ts';
import { awards, contractAmendments, contracts, contractSignatures } from '../tables.ts';
import {
  AMENDMENT_KIND_LABELS,
  CONTRACT_STATUS_LABELS,
  contractStatus,
  type contractList,
  type contractSummary,
  type contractView,
  type listQuery,
} from './contract.ts';
import type { ContractRow } from './generate.ts';
import { activeKeyOf } from './keys.ts';
import { contractPolicy, type ContractRecord } from './policy.ts';
import { PARTY_LABELS, type ContractParty, type ContractSignatureStatement } from './signature.contract.ts';

type View = z.infer<typeof contractView>;
type Summary = z.infer<typeof contractSummary>;

export const SIGNED_STATUSES = ['signed', 'accepted', 'completed'] as const;
export const isConcluded = (status: string): boolean =>
  (SIGNED_STATUSES as readonly string[]).includes(status);

const recordOf = (c: Pick<ContractRow, 'purchaserId' | 'supplierId'>): ContractRecord => ({
  purchaserId: c.purchaserId,
  supplierId: c.supplierId,
});

/** The contract the caller may see (404 otherwise), optionally locked. */
export async function contractFor(
  tx: Db | Tx,
  ctx: RequestContext,
  id: string,
  lock = false,
): Promise<ContractRow> {
  const q = tx.select().from(contracts).where(eq(contracts.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row || !can(ctx.actor, contractPolicy, 'read', recordOf(row))) throw notFound('合同不存在');
  return row;
}

/** Which party the caller signs for on this contract, if any. */
export function partyOf(ctx: RequestContext, c: ContractRow): ContractParty | null {
  const a = ctx.actor;
  if (a.kind !== 'user') return null;
  if (a.role === 'purchaser' && a.purchaserId === c.purchaserId) return 'purchaser';
  if (a.role === 'supplier' && a.supplierId === c.supplierId) return 'supplier';
  return null;
}

/** What a party signs: the contract, its document hash and amount, the party, the signer and its key. */
export function statementFor(
  c: ContractRow,
  party: ContractParty,
  signerUserId: string,
  keyFingerprint: string,
): ContractSignatureStatement {
  return {
    kind: 'contractSignature',
    version: 1,
    contractId: c.id,
    code: c.code,
    documentHash: c.documentHash,
    amountFen: String(c.amountFen),
    party,
    signerUserId,
    keyFingerprint,
  };
}

function clock(d: Due, doneOn: string | null, today: string) {
  const e = explain(d);
  return {
    dueOn: d.dueOn,
    summary: e.summary,
    rule: e.rule,
    doneOn,
    late: doneOn !== null ? doneOn > d.dueOn : isLate(d.dueOn, today),
  };
}

/** Any clock overdue or met late (the stored due days make it a plain comparison). */
export function lateOf(c: ContractRow, today: string): boolean {
  const open = c.status !== 'terminated';
  const signing = c.signedOn ? c.signedOn > c.signingDueOn : open && today > c.signingDueOn;
  const publication =
    c.publicationDueOn !== null &&
    (c.publishedOn ? c.publishedOn > c.publicationDueOn : open && today > c.publicationDueOn);
  const filing =
    c.filingDueOn !== null && (c.filedOn ? c.filedOn > c.filingDueOn : open && today > c.filingDueOn);
  return signing || publication || filing;
}

/** The same test in SQL, for the list's filter. */
function lateSql(today: string): SQL {
  return or(
    gt(contracts.signedOn, contracts.signingDueOn),
    and(
      isNull(contracts.signedOn),
      inArray(contracts.status, ['draft', 'signing']),
      lt(contracts.signingDueOn, today),
    ),
    gt(contracts.publishedOn, contracts.publicationDueOn),
    and(
      isNull(contracts.publishedOn),
      lt(contracts.publicationDueOn, today),
      sql`${contracts.status} <> 'terminated'`,
    ),
    gt(contracts.filedOn, contracts.filingDueOn),
    and(
      isNull(contracts.filedOn),
      lt(contracts.filingDueOn, today),
      sql`${contracts.status} <> 'terminated'`,
    ),
  ) as SQL;
}

function fingerprintIn(statement: Record<string, unknown>): string {
  const f = statement.keyFingerprint;
  return typeof f === 'string' ? f : '';
}

const statusOf = (s: string) => contractStatus.catch('draft').parse(s);

interface Names {
  projectCode: string;
  projectName: string;
  purchaserName: string;
  supplierName: string;
}

function summary(ctx: RequestContext, c: ContractRow, n: Names, today: string): Summary {
  const status = statusOf(c.status);
  return {
    id: c.id,
    code: c.code,
    projectId: c.projectId,
    projectCode: n.projectCode,
    projectName: n.projectName,
    lotNo: c.lotNo,
    purchaserId: c.purchaserId,
    purchaserName: n.purchaserName,
    supplierId: c.supplierId,
    supplierName: n.supplierName,
    status,
    statusLabel: CONTRACT_STATUS_LABELS[status],
    amountFen: String(c.amountFen),
    signingDueOn: c.signingDueOn,
    signedOn: c.signedOn,
    publishedOn: c.publishedOn,
    filedOn: c.filedOn,
    late: lateOf(c, today),
    abilities: abilities(ctx.actor, contractPolicy, recordOf(c)),
  };
}

export async function listContracts(
  db: Db,
  ctx: RequestContext,
  query: z.infer<typeof listQuery>,
): Promise<z.infer<typeof contractList>> {
  authorize(ctx.actor, contractPolicy, 'list');
  const today = shanghaiDay(ctx.clock.now());
  const where: SQL[] = [];
  const a = ctx.actor;
  if (a.kind === 'user' && a.role === 'purchaser') where.push(eq(contracts.purchaserId, a.purchaserId ?? ''));
  if (a.kind === 'user' && a.role === 'supplier') where.push(eq(contracts.supplierId, a.supplierId ?? ''));
  if (query.projectId) where.push(eq(contracts.projectId, query.projectId));
  if (query.status) where.push(eq(contracts.status, query.status));
  if (query.late) where.push(lateSql(today));
  if (query.q) {
    const like = `%${query.q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
    where.push(
      or(
        ilike(contracts.code, like),
        ilike(projects.name, like),
        ilike(projects.code, like),
        ilike(suppliers.name, like),
        ilike(purchasers.name, like),
      ) as SQL,
    );
  }
  const base = db
    .select({
      c: contracts,
      projectCode: projects.code,
      projectName: projects.name,
      purchaserName: purchasers.name,
      supplierName: suppliers.name,
    })
    .from(contracts)
    .innerJoin(projects, eq(projects.id, contracts.projectId))
    .innerJoin(purchasers, eq(purchasers.id, contracts.purchaserId))
    .innerJoin(suppliers, eq(suppliers.id, contracts.supplierId))
    .where(and(...where));
  const rows = await base
    .orderBy(desc(contracts.createdAt), asc(contracts.code))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [total] = await db
    .select({ n: count() })
    .from(contracts)
    .innerJoin(projects, eq(projects.id, contracts.projectId))
    .innerJoin(purchasers, eq(purchasers.id, contracts.purchaserId))
    .innerJoin(suppliers, eq(suppliers.id, contracts.supplierId))
    .where(and(...where));
  return {
    items: rows.map((r) => summary(ctx, r.c, r, today)),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
    abilities: abilities(ctx.actor, contractPolicy),
  };
}

export async function presentContract(tx: Db | Tx, ctx: RequestContext, c: ContractRow): Promise<View> {
  const today = shanghaiDay(ctx.clock.now());
  const [names] = await tx
    .select({
      projectCode: projects.code,
      projectName: projects.name,
      purchaserName: purchasers.name,
      supplierName: suppliers.name,
      supplierCreditCode: suppliers.creditCode,
    })
    .from(projects)
    .innerJoin(purchasers, eq(purchasers.id, c.purchaserId))
    .innerJoin(suppliers, eq(suppliers.id, c.supplierId))
    .where(eq(projects.id, c.projectId));
  if (!names) throw notFound('合同不存在');
  const [award] = await tx
    .select({ noticedOn: awards.noticedOn })
    .from(awards)
    .where(and(eq(awards.projectId, c.projectId), eq(awards.lotNo, c.lotNo)));
  const sigs = await tx
    .select({ s: contractSignatures, signerName: users.displayName })
    .from(contractSignatures)
    .innerJoin(users, eq(users.id, contractSignatures.userId))
    .where(eq(contractSignatures.contractId, c.id))
    .orderBy(asc(contractSignatures.signedAt));
  const amendments = await tx
    .select()
    .from(contractAmendments)
    .where(eq(contractAmendments.contractId, c.id))
    .orderBy(asc(contractAmendments.recordedAt));
  const open = c.status === 'draft' || c.status === 'signing';
  const suspension = open
    ? await signingSuspension(tx, c.projectId, c.lotNo, today)
    : { suspended: false, reasons: [] };

  const signingDue: Due = award?.noticedOn
    ? contractSigningDue(award.noticedOn)
    : {
        startsOn: c.signingDueOn,
        dueOn: c.signingDueOn,
        dueAt: new Date(`${c.signingDueOn}T23:59:59.999+08:00`),
        rule: CLOCK_RULES.contractSigning,
      };
  const party = partyOf(ctx, c);
  let mySigning: View['mySigning'] = null;
  if (party && open && !sigs.some((s) => s.s.party === party) && ctx.actor.kind === 'user') {
    const key = await activeKeyOf(tx, ctx.actor.userId);
    if (key) mySigning = { party, statement: statementFor(c, party, ctx.actor.userId, key.fingerprint) };
  }
  const addOns = amendments.filter((x) => x.kind === 'addOn').map((x) => x.amountFen);
  const changes = amendments.filter((x) => x.kind !== 'termination').reduce((s, x) => s + x.amountFen, 0n);
  return {
    ...summary(ctx, c, names, today),
    supplierCreditCode: names.supplierCreditCode,
    bidId: c.bidId,
    budgetFen: String(c.budgetFen),
    currentAmountFen: String(c.amountFen + changes),
    addOnHeadroomFen: String(addOnHeadroomFen(c.amountFen, addOns)),
    bondFen: String(c.bondFen),
    bondForm: c.bondForm,
    paymentTermsDays: c.paymentTermsDays,
    sme: c.sme,
    performancePeriod: c.performancePeriod,
    deliveryPlace: c.deliveryPlace,
    document: c.document,
    documentHash: c.documentHash,
    noticeId: c.noticeId,
    filingReference: c.filingReference,
    terminatedReason: c.terminatedReason,
    clocks: {
      signing: clock(signingDue, c.signedOn, today),
      publication: c.signedOn ? clock(contractPublicationDue(c.signedOn), c.publishedOn, today) : null,
      filing: c.signedOn ? clock(contractFilingDue(c.signedOn), c.filedOn, today) : null,
    },
    signatures: sigs.map(({ s, signerName }) => {
      const p: ContractParty = s.party === 'purchaser' ? 'purchaser' : 'supplier';
      const signedOn = shanghaiDay(s.signedAt);
      return {
        party: p,
        partyLabel: PARTY_LABELS[p],
        userId: s.userId,
        signerName,
        keyFingerprint: fingerprintIn(s.statement),
        signedAt: s.signedAt.toISOString(),
        signedOn,
        late: signedOn > c.signingDueOn,
      };
    }),
    amendments: amendments.map((x) => {
      const kind = x.kind === 'addOn' || x.kind === 'termination' ? x.kind : 'change';
      return {
        id: x.id,
        kind,
        kindLabel: AMENDMENT_KIND_LABELS[kind],
        amountFen: String(x.amountFen),
        content: x.content,
        reason: x.reason,
        effectiveOn: x.effectiveOn,
        recordedAt: x.recordedAt.toISOString(),
      };
    }),
    suspension,
    mySigning,
  };
}

export async function readContract(db: Db, ctx: RequestContext, id: string): Promise<View> {
  return presentContract(db, ctx, await contractFor(db, ctx, id));
}

/** The contract as Word (.docx), laid out by the tender documents' writer. */
export async function contractDocx(
  db: Db,
  ctx: RequestContext,
  id: string,
): Promise<{ filename: string; body: Buffer }> {
  const c = await contractFor(db, ctx, id);
  return {
    filename: `${c.code}-政府采购合同.docx`,
    body: await toDocx(c.document as unknown as RenderedDocument),
  };
}
