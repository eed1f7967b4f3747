/**
 * What the public may read of a project: its page (once a notice is out), its committee list and procurement
 * documents (once the result is public), and the contract text of a contract notice.
 *
 * The result is public once the project is awarded or contracted, or once a result notice was published
 * (条例43: the result notice names the 评审专家; 87号令 第四十七条 … the draws are published with it). Before that
 * the committee is secret (招标投标法 第三十七条: 评标委员会成员的名单在中标结果确定前应当保密), so the routes answer
 * "not found" exactly as for a project that does not exist.
 */
import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../platform/db/client.ts';
import { notFound } from '../../../platform/errors.ts';
import { awards, contracts } from '../../award/tables.ts';
import { committees, committeeSeats, draws } from '../../evaluation/tables.ts';
import { experts, suppliers } from '../../orgs/tables.ts';
import {
  categoryOf,
  loadProject,
  METHOD_LABELS,
  methodOf,
  projectRenderInput,
  renderDocument,
  stateOf,
  toDocx,
} from '../../tendering/index.ts';
import { lots, notices, projects, type ProjectRow } from '../../tendering/tables.ts';
import {
  CATEGORY_LABELS,
  PROJECT_STATUS_LABELS,
  type attachment,
  type publicCommittee,
  type publicProjectView,
  type publicWinner,
} from './contract.ts';
import { projectNotices, purchaserNamesOf } from './summaries.ts';

type Attachment = z.infer<typeof attachment>;
type Winner = z.infer<typeof publicWinner>;

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** Award rows whose winner is public: the result notice is out. */
const NOTICED = 'noticed';
const RESULT_PUBLIC_STATES: readonly string[] = ['awarded', 'contracted'];

/** Whether the project's result is public (status awarded/contracted, or a result notice published). */
async function resultIsPublic(db: Db, p: Pick<ProjectRow, 'id' | 'status'>): Promise<boolean> {
  if (RESULT_PUBLIC_STATES.includes(p.status)) return true;
  const [r] = await db
    .select({ id: notices.id })
    .from(notices)
    .where(and(eq(notices.projectId, p.id), eq(notices.kind, 'result')))
    .limit(1);
  return r !== undefined;
}

/** The public winners (result notice out) of each project's lots, in one query. */
export async function winnersOf(db: Db, projectIds: readonly string[]): Promise<Map<string, Winner[]>> {
  const out = new Map<string, Winner[]>();
  if (!projectIds.length) return out;
  const rows = await db
    .select({
      projectId: awards.projectId,
      lotNo: awards.lotNo,
      name: suppliers.name,
      amountFen: awards.amountFen,
    })
    .from(awards)
    .innerJoin(suppliers, eq(suppliers.id, awards.winnerSupplierId))
    .where(and(inArray(awards.projectId, [...projectIds]), eq(awards.status, NOTICED)))
    .orderBy(awards.projectId, awards.lotNo);
  for (const r of rows) {
    const w = { lotNo: r.lotNo, supplierName: r.name, amountFen: (r.amountFen ?? 0n).toString() };
    out.set(r.projectId, [...(out.get(r.projectId) ?? []), w]);
  }
  return out;
}

/** The amount of each project's published contracts (合同公告 out), in one query. */
export async function contractAmountsOf(db: Db, projectIds: readonly string[]): Promise<Map<string, bigint>> {
  const out = new Map<string, bigint>();
  if (!projectIds.length) return out;
  const rows = await db
    .select({ projectId: contracts.projectId, amountFen: contracts.amountFen })
    .from(contracts)
    .where(and(inArray(contracts.projectId, [...projectIds]), isNotNull(contracts.noticeId)));
  for (const r of rows) out.set(r.projectId, (out.get(r.projectId) ?? 0n) + r.amountFen);
  return out;
}

/** The committee list of a project whose result is public; null before (or when it had no committee). */
async function committeeOf(db: Db, p: ProjectRow): Promise<z.infer<typeof publicCommittee> | null> {
  const [c] = await db.select().from(committees).where(eq(committees.projectId, p.id));
  if (!c) return null;
  const seats = await db
    .select({ s: committeeSeats, expertName: experts.name })
    .from(committeeSeats)
    .leftJoin(experts, eq(experts.id, committeeSeats.expertId))
    .where(and(eq(committeeSeats.committeeId, c.id), eq(committeeSeats.status, 'confirmed')))
    .orderBy(asc(committeeSeats.kind), asc(committeeSeats.position));
  const [drawn] = await db
    .select({ id: draws.id })
    .from(draws)
    .where(and(eq(draws.projectId, p.id), eq(draws.purpose, 'committee'), eq(draws.status, 'drawn')))
    .limit(1);
  return {
    projectId: p.id,
    projectCode: p.code,
    projectName: p.name,
    reviewAt: c.reviewAt.toISOString(),
    members: seats
      // The chair first, then the drawn experts in the order drawn, then the purchaser's representatives.
      .sort((a, b) => Number(b.s.chair) - Number(a.s.chair))
      .map(({ s, expertName }) => ({
        name: (s.kind === 'expert' ? expertName : s.name) ?? '',
        role: s.kind === 'purchaserRep' ? ('purchaserRep' as const) : ('expert' as const),
        roleLabel: s.kind === 'purchaserRep' ? '采购人代表' : '评审专家',
        chair: s.chair,
      })),
    drawsUrl: drawn ? `/api/portal/projects/${p.id}/draws` : null,
  };
}

/** The procurement documents, public with the result (财库〔2015〕135号: 招标文件随中标、成交结果同时公告). */
async function attachmentsOf(
  db: Db,
  p: ProjectRow,
  resultPublic: boolean,
  noticeId: string | undefined,
): Promise<Attachment[]> {
  const out: Attachment[] = [];
  if (resultPublic) {
    out.push({
      kind: 'procurementDocument',
      name: `${p.code}-采购文件.docx`,
      url: `/api/portal/projects/${p.id}/document`,
      contentType: DOCX,
    });
  }
  if (noticeId) {
    const published = await db
      .select({ code: contracts.code })
      .from(contracts)
      .where(eq(contracts.noticeId, noticeId));
    for (const c of published) {
      out.push({
        kind: 'contract',
        name: `${c.code}-政府采购合同.docx`,
        url: `/api/portal/notices/${noticeId}/contract`,
        contentType: DOCX,
      });
    }
  }
  return out;
}

/**
 * What is public with the result: the procurement documents (and the contract text of a contract notice) and,
 * when `withCommittee`, the committee list — the result's publicity read once.
 */
export async function resultParts(
  db: Db,
  p: ProjectRow,
  o: { noticeId?: string; withCommittee: boolean },
): Promise<{ attachments: Attachment[]; committee: z.infer<typeof publicCommittee> | null }> {
  const resultPublic = await resultIsPublic(db, p);
  return {
    attachments: await attachmentsOf(db, p, resultPublic, o.noticeId),
    committee: resultPublic && o.withCommittee ? await committeeOf(db, p) : null,
  };
}

/** A project with at least one published notice; "not found" otherwise. */
async function publicProjectRow(db: Db, id: string): Promise<ProjectRow> {
  const [p] = await db
    .select()
    .from(projects)
    .where(
      and(
        eq(projects.id, id),
        sql`exists (select 1 from ${notices} where ${notices.projectId} = ${projects.id})`,
      ),
    );
  if (!p) throw notFound('项目不存在或尚未公告');
  return p;
}

export async function readPublicProject(db: Db, id: string): Promise<z.infer<typeof publicProjectView>> {
  const p = await publicProjectRow(db, id);
  const lotRows = await db.select().from(lots).where(eq(lots.projectId, id)).orderBy(asc(lots.no));
  const winners = (await winnersOf(db, [id])).get(id) ?? [];
  const contractFen = (await contractAmountsOf(db, [id])).get(id);
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    category: categoryOf(p.category),
    categoryLabel: CATEGORY_LABELS[categoryOf(p.category)],
    method: methodOf(p.method),
    methodLabel: METHOD_LABELS[methodOf(p.method)],
    status: stateOf(p.status),
    statusLabel: PROJECT_STATUS_LABELS[stateOf(p.status)],
    purchaserNames: (await purchaserNamesOf(db, [id])).get(id) ?? [],
    budgetFen: lotRows.reduce((s, l) => s + l.budgetFen, 0n).toString(),
    noticePublishedOn: p.noticePublishedOn,
    lots: lotRows.map((l) => ({
      no: l.no,
      name: l.name,
      budgetFen: l.budgetFen.toString(),
      winner: winners.find((w) => w.lotNo === l.no) ?? null,
    })),
    contractAmountFen: contractFen === undefined ? null : contractFen.toString(),
    notices: await projectNotices(db, id),
    ...(await resultParts(db, p, { withCommittee: true })),
  };
}

export async function readPublicCommittee(db: Db, id: string): Promise<z.infer<typeof publicCommittee>> {
  const p = await publicProjectRow(db, id);
  const c = (await resultIsPublic(db, p)) ? await committeeOf(db, p) : null;
  if (!c) throw notFound('评审委员会名单在结果公告后公开');
  return c;
}

/** The procurement documents as the suppliers got them, rendered from the project's template version. */
export async function publicProjectDocument(db: Db, id: string): Promise<{ filename: string; body: Buffer }> {
  const p = await publicProjectRow(db, id);
  if (!(await resultIsPublic(db, p))) throw notFound('采购文件随中标（成交）结果公告后公开');
  const l = await loadProject(db, id);
  if (!l) throw notFound('项目不存在或尚未公告');
  return {
    filename: `${p.code}-采购文件.docx`,
    body: await toDocx(renderDocument(await projectRenderInput(db, l))),
  };
}

/** The text of the contract a contract notice announced (条例50: the contract itself is published). */
export async function publicContractDocument(
  db: Db,
  noticeId: string,
): Promise<{ filename: string; body: Buffer }> {
  const [c] = await db
    .select({ code: contracts.code, document: contracts.document })
    .from(contracts)
    .innerJoin(notices, eq(notices.id, contracts.noticeId))
    .where(and(eq(contracts.noticeId, noticeId), eq(notices.kind, 'contract')))
    .limit(1);
  if (!c) throw notFound('该公告没有公开的合同文本');
  return { filename: `${c.code}-政府采购合同.docx`, body: await toDocx(documentOf(c.document)) };
}

/** The stored contract document is the renderer's own model (award/contracts/document.ts), kept as JSON. */
function documentOf(stored: Record<string, unknown>): Parameters<typeof toDocx>[0] {
  return stored as unknown as Parameters<typeof toDocx>[0];
}
