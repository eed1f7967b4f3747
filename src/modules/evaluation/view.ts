/**
 * The evaluation room as the caller may see it. A member sees nothing of the bids before it signs the
 * declaration; during a 暗标 lot's blind phase everyone sees 投标人A, B, C … and no price, declaration or
 * identified document; a member sees its own checks and points, the others' only in the report; deviations
 * go to the chair and the watchers once every score is in (87号令64).
 */
import { createReadStream } from 'node:fs';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/auth/actor.ts';
import { abilities, authorize } from '../../platform/auth/policy.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { FileStore } from '../../platform/files/store.ts';
import { bidRegistrations } from '../bidding/tables.ts';
import { suppliers } from '../orgs/tables.ts';
import { loadProject } from '../tendering/index.ts';
import { committeeOf } from './committee.ts';
import { correctionsOf, presentCorrection } from './corrections.ts';
import type { evaluationView, reportList, roomLotView } from './contract.ts';
import { evaluationPolicy } from './policy.ts';
import {
  checkConclusions,
  clausesOf,
  computeRanking,
  deviations,
  scoringItemsOf,
  submitted,
} from './progress.ts';
import {
  DECLARATION_TEXT,
  lotContext,
  roomAccess,
  type LotBid,
  type LotContext,
  type Member,
} from './room.ts';
import {
  abnormalReviews,
  evaluationChecks,
  evaluationDeclarations,
  evaluations,
  evaluationScores,
  evaluationSignatures,
} from './tables.ts';

const STATUS_LABELS: Record<string, string> = {
  blindScoring: '暗标评分',
  checking: '资格性和符合性审查',
  abnormal: '异常低价说明与认定',
  scoring: '综合评分',
  awaitingDraw: '排序（待抽签）',
  reporting: '评审报告签署',
  signed: '评审完成',
  failed: '废标',
};

const hidden = (c: LotContext) => c.evaluation.status === 'blindScoring';

function bidLabel(c: LotContext, b: LotBid): string {
  if (c.evaluation.blind && b.code)
    return hidden(c) ? `投标人${b.code}` : `${b.supplierName}（投标人${b.code}）`;
  return b.supplierName;
}

async function lotView(
  tx: Db | Tx,
  ctx: RequestContext,
  c: LotContext,
  me: Member | null,
): Promise<z.infer<typeof roomLotView>> {
  const projectId = c.project.row.id;
  const lotNo = c.lot.no;
  const locked = {
    blind: [...(await submitted(tx, c, 'blind'))],
    checks: [...(await submitted(tx, c, 'checks'))],
    scores: [...(await submitted(tx, c, 'scores'))],
  };
  const concluded = c.evaluation.qualified !== null;
  const conclusions = concluded ? await checkConclusions(tx, c) : [];
  const myChecks = me
    ? await tx
        .select()
        .from(evaluationChecks)
        .where(
          and(
            eq(evaluationChecks.projectId, projectId),
            eq(evaluationChecks.lotNo, lotNo),
            eq(evaluationChecks.seatId, me.seatId),
          ),
        )
    : [];
  const myScores = me
    ? await tx
        .select()
        .from(evaluationScores)
        .where(
          and(
            eq(evaluationScores.projectId, projectId),
            eq(evaluationScores.lotNo, lotNo),
            eq(evaluationScores.seatId, me.seatId),
          ),
        )
    : [];
  const reviews = await tx
    .select()
    .from(abnormalReviews)
    .where(and(eq(abnormalReviews.projectId, projectId), eq(abnormalReviews.lotNo, lotNo)));
  const signatures = await tx
    .select()
    .from(evaluationSignatures)
    .where(and(eq(evaluationSignatures.projectId, projectId), eq(evaluationSignatures.lotNo, lotNo)))
    .orderBy(asc(evaluationSignatures.signedAt));
  const allScored =
    c.members.length > 0 &&
    c.members.every((m) => locked.scores.includes(m.seatId) || locked.blind.includes(m.seatId));
  const seeDeviations = allScored && (me === null || me.chair);
  const pending = c.evaluation.status === 'awaitingDraw' ? (await computeRanking(tx, c)).pending : [];
  return {
    lotNo,
    lotName: c.lot.name,
    status: c.evaluation.status,
    statusLabel: STATUS_LABELS[c.evaluation.status] ?? c.evaluation.status,
    method: c.evaluation.method,
    blind: c.evaluation.blind,
    failedReason: c.evaluation.failedReason,
    clauses: clausesOf(c.requirements, lotNo),
    scoringItems: scoringItemsOf(c.requirements).map((i) => ({
      id: i.id,
      factor: i.factor,
      text: i.text,
      maxPoints: (i.maxCenti / 100).toFixed(2),
    })),
    priceWeightBp: c.requirements.priceWeightBp,
    locked,
    bids: c.bids.map((b) => {
      const k = conclusions.find((x) => x.bidId === b.bidId);
      const secret = hidden(c);
      return {
        bidId: b.bidId,
        label: bidLabel(c, b),
        code: b.code,
        supplierName: secret ? null : b.supplierName,
        priceFen: secret ? null : String(b.priceFen),
        items: secret ? null : b.items,
        declarations: secret ? null : b.declarations,
        documents: b.documents
          .filter((d) => !secret || d.kind === 'blindTechnical')
          .map((d) => ({
            part: d.part,
            kind: d.kind,
            name: secret ? `投标人${b.code}-暗标技术文件` : (d.name ?? d.part),
          })),
        automatic: secret ? [] : (k?.automatic ?? []),
        qualified: k ? k.qualified : null,
        failed: k ? k.failed : null,
        scan: c.evaluation.blind ? b.scan : null,
      };
    }),
    myChecks: myChecks.map((x) => ({
      bidId: x.bidId,
      kind: x.kind,
      clauseId: x.clauseId,
      pass: x.pass,
      reason: x.reason,
    })),
    myScores: myScores.map((x) => ({
      bidId: x.bidId,
      itemId: x.itemId,
      points: (x.centiPoints / 100).toFixed(2),
    })),
    corrections: (await correctionsOf(tx, projectId, lotNo)).map((r) => presentCorrection(r)),
    abnormal: reviews.map((r) => {
      const b = c.bids.find((x) => x.bidId === r.bidId);
      return {
        id: r.id,
        bidId: r.bidId,
        label: b ? bidLabel(c, b) : '',
        triggers: (r.triggers as { kind: string; message: string }[]).map((x) => ({
          kind: x.kind,
          message: x.message,
        })),
        requestedAt: r.requestedAt.toISOString(),
        dueAt: r.dueAt.toISOString(),
        explanation: r.explanation,
        explainedAt: r.explainedAt?.toISOString() ?? null,
        decision: r.decision,
        decisionReason: r.decisionReason,
      };
    }),
    deviations: seeDeviations
      ? (await deviations(tx, c)).map((d) => ({
          criterionId: d.criterionId,
          seatId: d.expertId,
          bidId: d.bidId ?? null,
          points: d.points,
          low: d.low,
          high: d.high,
        }))
      : [],
    ranking: c.evaluation.ranking ?? null,
    pendingDraws: pending.map((p) => ({ purpose: p.purpose, subject: p.subject, candidates: p.ids.length })),
    report: c.evaluation.report ?? null,
    reportHash: c.evaluation.reportHash,
    signatures: signatures
      .filter((s) => s.reportHash === c.evaluation.reportHash)
      .map((s) => ({
        seatId: s.seatId,
        name: c.members.find((m) => m.seatId === s.seatId)?.name ?? '',
        agree: s.agree,
        dissent: s.dissent,
        signedAt: s.signedAt.toISOString(),
      })),
    signedReport: c.evaluation.signedReport ?? null,
  };
}

/** 评审室. */
export async function readRoom(
  db: Db,
  ctx: RequestContext,
  projectId: string,
): Promise<z.infer<typeof evaluationView>> {
  const project = await loadProject(db, projectId);
  if (!project) throw notFound('项目不存在');
  const committee = await committeeOf(db, projectId).catch(() => {
    throw notFound('评审项目不存在');
  });
  const access = await roomAccess(db, ctx, committee, { declared: false });
  const declarations = await db
    .select({ seatId: evaluationDeclarations.seatId })
    .from(evaluationDeclarations)
    .where(
      inArray(
        evaluationDeclarations.seatId,
        access.members.map((m) => m.seatId).concat(['00000000-0000-4000-8000-000000000000']),
      ),
    );
  const declared = new Set(declarations.map((d) => d.seatId));
  const lotRows = await db
    .select({ lotNo: evaluations.lotNo })
    .from(evaluations)
    .where(eq(evaluations.projectId, projectId))
    .orderBy(asc(evaluations.lotNo));
  const me = access.member;
  const mayRead = me === null || declared.has(me.seatId);
  const lots = [];
  if (mayRead)
    for (const r of lotRows) lots.push(await lotView(db, ctx, await lotContext(db, projectId, r.lotNo), me));
  const bidders = await db
    .select({ name: suppliers.name })
    .from(bidRegistrations)
    .innerJoin(suppliers, eq(suppliers.id, bidRegistrations.supplierId))
    .where(eq(bidRegistrations.projectId, projectId))
    .orderBy(asc(suppliers.name));
  return {
    projectId,
    projectCode: project.row.code,
    projectName: project.row.name,
    projectStatus: project.row.status,
    reviewAt: committee.reviewAt.toISOString(),
    reviewPlace: committee.reviewPlace,
    started: lotRows.length > 0,
    me: {
      seatId: me?.seatId ?? null,
      member: me !== null,
      chair: me?.chair ?? false,
      declared: me ? declared.has(me.seatId) : false,
      declaration: DECLARATION_TEXT,
    },
    members: access.members.map((m) => ({
      seatId: m.seatId,
      name: m.name,
      role: m.kind === 'expert' ? '评审专家' : '采购人代表',
      chair: m.chair,
      declared: declared.has(m.seatId),
    })),
    bidders: bidders.map((b) => b.name),
    lots,
    abilities: [
      ...abilities(ctx.actor, evaluationPolicy, {}).filter((a) => a === 'conduct'),
      ...(me && !declared.has(me.seatId) && lotRows.length > 0 ? ['declare'] : []),
      ...(me && declared.has(me.seatId) ? ['sit'] : []),
    ],
  };
}

/**
 * A bid document as the committee reads it, decrypted at the opening. During the blind phase only the
 * anonymised technical part, under a neutral name.
 */
export async function readBidDocument(
  db: Db,
  ctx: RequestContext,
  o: { projectId: string; bidId: string; part: string },
  store: FileStore,
) {
  const committee = await committeeOf(db, o.projectId).catch(() => {
    throw notFound('评审项目不存在');
  });
  await roomAccess(db, ctx, committee);
  const lots = await db.select().from(evaluations).where(eq(evaluations.projectId, o.projectId));
  for (const e of lots) {
    const c = await lotContext(db, o.projectId, e.lotNo);
    const b = c.bids.find((x) => x.bidId === o.bidId);
    const d = b?.documents.find((x) => x.part === o.part);
    if (!b || !d) continue;
    if (hidden(c) && d.kind !== 'blindTechnical')
      throw new AppError(403, 'BLIND_PHASE', '暗标评分阶段只能查看暗标技术文件');
    if (!d.plainBlob) throw notFound('该文件未能解密');
    const ext = (d.name ?? '').match(/\.[A-Za-z0-9]{1,8}$/)?.[0] ?? '';
    return {
      stream: createReadStream(store.pathOf(d.plainBlob)),
      mime: d.mime ?? 'application/octet-stream',
      name: hidden(c) ? `投标人${b.code}-暗标技术文件${ext}` : (d.name ?? d.part),
    };
  }
  throw notFound('文件不存在');
}

/**
 * 评审报告 sent to the purchaser (87号令 第六十八条: the purchaser confirms the winner from it): the signed reports of
 * the project's lots, for the project's purchasers, the centre and the supervisors. Nothing before it is signed.
 */
export async function readReports(
  db: Db,
  ctx: RequestContext,
  projectId: string,
): Promise<z.infer<typeof reportList>> {
  authorize(ctx.actor, evaluationPolicy, 'readReports');
  const project = await loadProject(db, projectId);
  if (!project) throw notFound('项目不存在');
  const purchaserId = ctx.actor.kind === 'user' ? ctx.actor.purchaserId : null;
  if (ctx.actor.role === 'purchaser' && !project.shares.some((s) => s.purchaserId === purchaserId))
    throw notFound('项目不存在');
  const rows = await db
    .select()
    .from(evaluations)
    .where(eq(evaluations.projectId, projectId))
    .orderBy(asc(evaluations.lotNo));
  return {
    items: rows
      .filter((e) => e.status === 'signed' || e.status === 'failed')
      .map((e) => ({
        lotNo: e.lotNo,
        lotName: project.lots.find((l) => l.no === e.lotNo)?.name ?? '',
        status: e.status,
        failedReason: e.failedReason,
        report: e.report ?? null,
        reportHash: e.reportHash,
        signedReport: e.signedReport ?? null,
      })),
  };
}
