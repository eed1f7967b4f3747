/**
 * 履约验收 (政府采购法 第四十一条 ✅P; 政府采购法实施条例 第四十五条 ✅P; 财库〔2016〕205号 ⚠️): the checklist derived
 * from the requirements, the winner's commitments and the contract; the acceptance body's findings line by line;
 * the 验收书 with its SHA-256; for public services the 验收结果公告. A failed acceptance leaves the contract being
 * performed and opens an issue; a passed one moves it to 'accepted' and starts the payment clock.
 */
import { createHash } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { appendAudit } from '../../../platform/audit/log.ts';
import { actorUserId, type RequestContext } from '../../../platform/auth/actor.ts';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { bidLotPrices } from '../../bidding/tables.ts';
import { purchasers, suppliers } from '../../orgs/tables.ts';
import { lots, publishNotice, toDocx, type RenderedDocument } from '../../tendering/index.ts';
import { yuanText } from '../rules/contract-terms.ts';
import { acceptances, invoices, milestones, payments, type AcceptanceItem } from '../tables.ts';
import {
  ITEM_RESULT_LABELS,
  type acceptanceBody,
  type acceptanceReportView,
  type checklistView,
} from './contract.ts';
import { contractPaymentDue } from './due.ts';
import './events.ts';
import { openIssue } from './issues.ts';
import {
  amendmentsOf,
  loadContract,
  moveContract,
  requireNotSuspended,
  requireSigned,
  type Loaded,
} from './load.ts';
import {
  LARGE_PROJECT_FEN,
  acceptanceProblems,
  canonicalJson,
  conclusionOf,
  deriveChecklist,
  joinOpinion,
  paidTotals,
  splitOpinion,
  type ChecklistLine,
} from './rules.ts';

type AcceptanceRow = typeof acceptances.$inferSelect;

async function projectBudgetFen(tx: Db | Tx, projectId: string): Promise<bigint> {
  const rows = await tx.select({ budgetFen: lots.budgetFen }).from(lots).where(eq(lots.projectId, projectId));
  return rows.reduce((a, r) => a + r.budgetFen, 0n);
}

async function checklistOf(tx: Db | Tx, l: Loaded): Promise<ChecklistLine[]> {
  const c = l.contract;
  const [prices] = await tx
    .select({ items: bidLotPrices.items })
    .from(bidLotPrices)
    .where(and(eq(bidLotPrices.bidId, c.bidId), eq(bidLotPrices.lotNo, c.lotNo)));
  const amendments = await amendmentsOf(tx, c.id);
  const plan = await tx.select().from(milestones).where(eq(milestones.contractId, c.id));
  return deriveChecklist({
    lotNo: c.lotNo,
    requirements: {
      substantive: l.project.requirements.substantive ?? [],
      specifications: l.project.requirements.specifications ?? [],
      deliveryPeriod: l.project.requirements.deliveryPeriod ?? null,
      deliveryPlace: l.project.requirements.deliveryPlace ?? null,
    },
    commitments: prices?.items ?? {},
    contract: {
      amountFen: c.amountFen,
      amendmentsFen: amendments.reduce((a, b) => a + b, 0n),
      performancePeriod: c.performancePeriod,
      deliveryPlace: c.deliveryPlace,
    },
    milestones: plan,
  });
}

export async function proposeChecklist(
  db: Db,
  ctx: RequestContext,
  contractId: string,
): Promise<z.infer<typeof checklistView>> {
  const l = await loadContract(db, ctx, contractId, 'read');
  const budget = await projectBudgetFen(db, l.contract.projectId);
  return {
    items: await checklistOf(db, l),
    projectBudgetFen: String(budget),
    largeProject: budget >= LARGE_PROJECT_FEN,
  };
}

/** The 验收书 as hashed: only facts stored with the acceptance and the contract, so it can be recomputed. */
function reportOf(
  l: Pick<Loaded, 'contract' | 'project'>,
  a: Omit<AcceptanceRow, 'reportHash' | 'noticeId' | 'recordedBy' | 'recordedAt'>,
  publicService: boolean,
) {
  const c = l.contract;
  return {
    kind: 'acceptanceReport',
    acceptanceId: a.id,
    contract: {
      id: c.id,
      code: c.code,
      projectCode: l.project.code,
      lotNo: c.lotNo,
      purchaserId: c.purchaserId,
      supplierId: c.supplierId,
      amountFen: String(c.amountFen),
      signedOn: c.signedOn,
    },
    items: a.items,
    members: a.members,
    testingBody: a.testingBody,
    opinion: a.opinion,
    publicService,
    acceptedOn: a.acceptedOn,
    conclusion: a.conclusion,
  };
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export async function recordAcceptance(
  db: Db,
  ctx: RequestContext,
  contractId: string,
  body: z.infer<typeof acceptanceBody>,
): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const l = await loadContract(tx, ctx, contractId, 'accept', true);
    requireSigned(l.contract, '验收');
    await requireNotSuspended(tx, l);
    const checklist = await checklistOf(tx, l);
    const problems = acceptanceProblems({
      checklist,
      results: body.items,
      members: body.members,
      testingBody: body.testingBody,
      projectBudgetFen: await projectBudgetFen(tx, l.contract.projectId),
      complex: body.complex,
      publicService: body.publicService,
      recipientsOpinion: body.recipientsOpinion,
      acceptedOn: body.acceptedOn,
      signedOn: l.contract.signedOn,
      today: l.today,
    });
    const first = problems[0];
    if (first) throw new AppError(422, first.code, first.message, first.path, problems);

    const results = new Map(body.items.map((r) => [r.id, r]));
    const items: AcceptanceItem[] = checklist.map((line) => {
      const r = results.get(line.id);
      if (!r) throw new Error('checked above');
      return { ...line, result: r.result, ...(r.note ? { note: r.note } : {}) };
    });
    const members = [...new Set(body.members.map((m) => m.trim()))];
    const conclusion = conclusionOf(items);
    const now = ctx.clock.now();
    const fields = {
      id: crypto.randomUUID(),
      contractId,
      items,
      conclusion,
      acceptedOn: body.acceptedOn,
      members,
      testingBody: body.testingBody?.trim() || null,
      opinion: joinOpinion(body.opinion, body.publicService ? body.recipientsOpinion : null),
    };
    const reportHash = sha256(canonicalJson(reportOf(l, fields, body.publicService)));
    const [row] = await tx
      .insert(acceptances)
      .values({ ...fields, reportHash, recordedBy: actorUserId(ctx.actor), recordedAt: now })
      .returning();
    if (!row) throw new Error('acceptance insert returned nothing');
    await appendAudit(tx, ctx, {
      action: 'acceptance.recorded',
      entityType: 'acceptance',
      entityId: row.id,
      after: {
        contractId,
        conclusion,
        acceptedOn: body.acceptedOn,
        members,
        reportHash,
        publicService: body.publicService,
      },
    });

    if (body.publicService) {
      // 财库〔2016〕205号 ⚠️: 公共服务项目…验收结果应当向社会公告.
      const notice = await publishNotice(
        tx,
        ctx,
        l.contract.projectId,
        'acceptance',
        acceptanceNoticeText(l, row),
      );
      await tx.update(acceptances).set({ noticeId: notice.id }).where(eq(acceptances.id, row.id));
      await appendAudit(tx, ctx, {
        action: 'acceptance.noticePublished',
        entityType: 'acceptance',
        entityId: row.id,
        after: { noticeId: notice.id },
      });
    }

    if (conclusion === 'failed') {
      const failed = items.filter((i) => i.result === 'fail');
      await openIssue(tx, ctx, contractId, {
        category: 'quality',
        description: `履约验收不合格（${body.acceptedOn}）：${failed.map((i) => `${i.item}${i.note ? `——${i.note}` : ''}`).join('；')}`,
        milestoneId: null,
        responseDays: 3,
      });
      return { id: row.id };
    }

    await moveContract(tx, l.contract, 'accepted', now);
    const due = contractPaymentDue(l.contract, body.acceptedOn);
    await tx
      .update(invoices)
      .set({ dueOn: due?.dueOn ?? null })
      .where(eq(invoices.contractId, contractId));
    await appendAudit(tx, ctx, {
      action: 'contract.accepted',
      entityType: 'contract',
      entityId: contractId,
      before: { status: 'signed' },
      after: { status: 'accepted', acceptedOn: body.acceptedOn, paymentDueOn: due?.dueOn ?? null },
    });
    // Paid in full in advance: nothing is left to settle.
    const paid = await tx
      .select({ amountFen: payments.amountFen })
      .from(payments)
      .where(eq(payments.contractId, contractId));
    const totals = paidTotals(
      l.contract.amountFen,
      await amendmentsOf(tx, contractId),
      paid.map((p) => p.amountFen),
    );
    if (totals.fullyPaid) {
      await moveContract(tx, l.contract, 'completed', now);
      await appendAudit(tx, ctx, {
        action: 'contract.completed',
        entityType: 'contract',
        entityId: contractId,
        before: { status: 'accepted' },
        after: { status: 'completed', paidFen: String(totals.paidFen) },
      });
    }
    return { id: row.id };
  });
}

function acceptanceNoticeText(l: Loaded, a: AcceptanceRow): { title: string; body: string } {
  const { opinion, recipientsOpinion } = splitOpinion(a.opinion);
  const c = l.contract;
  return {
    title: `${l.project.name}（第${c.lotNo}包）履约验收结果公告`,
    body: [
      `项目编号：${l.project.code}`,
      `合同编号：${c.code}`,
      `合同金额：${yuanText(c.amountFen)} 元`,
      `验收日期：${a.acceptedOn}`,
      `验收结论：${a.conclusion === 'passed' ? '验收合格' : '验收不合格'}`,
      `验收小组成员：${a.members.join('、')}`,
      ...(a.testingBody ? [`质量检测机构：${a.testingBody}`] : []),
      `验收意见：${opinion}`,
      ...(recipientsOpinion ? [`服务对象意见：${recipientsOpinion}`] : []),
      '本项目为向社会公众提供的公共服务项目，验收结果依照财库〔2016〕205号向社会公告。',
    ].join('\n'),
  };
}

/** The latest passed acceptance of a contract, or null. */
export async function passedAcceptanceOf(tx: Db | Tx, contractId: string): Promise<AcceptanceRow | null> {
  const [row] = await tx
    .select()
    .from(acceptances)
    .where(and(eq(acceptances.contractId, contractId), eq(acceptances.conclusion, 'passed')))
    .orderBy(desc(acceptances.recordedAt))
    .limit(1);
  return row ?? null;
}

/** 验收书: the hashed report, whether it still matches its hash, and a printable document. */
export async function acceptanceReport(
  db: Db,
  ctx: RequestContext,
  acceptanceId: string,
): Promise<z.infer<typeof acceptanceReportView>> {
  const [a] = await db.select().from(acceptances).where(eq(acceptances.id, acceptanceId));
  if (!a) throw notFound();
  const l = await loadContract(db, ctx, a.contractId, 'read');
  const report = reportOf(l, a, a.noticeId !== null);
  const [purchaser] = await db
    .select({ name: purchasers.name })
    .from(purchasers)
    .where(eq(purchasers.id, l.contract.purchaserId));
  const [supplier] = await db
    .select({ name: suppliers.name })
    .from(suppliers)
    .where(eq(suppliers.id, l.contract.supplierId));
  const { opinion, recipientsOpinion } = splitOpinion(a.opinion);
  const SOURCE = { requirement: '采购需求', commitment: '投标承诺', contract: '合同约定' } as const;
  return {
    report,
    reportHash: a.reportHash,
    hashMatches: sha256(canonicalJson(report)) === a.reportHash,
    document: {
      title: l.project.name,
      subtitle: '政府采购项目履约验收书',
      blocks: [
        { kind: 'heading', level: 1, text: '政府采购项目履约验收书' },
        {
          kind: 'table',
          header: ['项目', '内容'],
          rows: [
            ['项目编号', l.project.code],
            ['合同编号', l.contract.code],
            ['包号', String(l.contract.lotNo)],
            ['采购人', purchaser?.name ?? ''],
            ['供应商', supplier?.name ?? ''],
            ['合同金额（元）', yuanText(l.contract.amountFen)],
            ['合同签订日期', l.contract.signedOn ?? ''],
            ['验收日期', a.acceptedOn],
          ],
        },
        { kind: 'heading', level: 2, text: '一、验收明细（政府采购法实施条例第四十五条）' },
        {
          kind: 'table',
          header: ['序号', '来源', '验收项目', '约定内容', '验收结果', '说明'],
          rows: a.items.map((i, n) => [
            String(n + 1),
            SOURCE[i.source],
            i.item,
            i.expected,
            ITEM_RESULT_LABELS[i.result],
            i.note ?? '',
          ]),
        },
        { kind: 'heading', level: 2, text: '二、验收意见' },
        { kind: 'paragraph', text: opinion },
        ...(recipientsOpinion
          ? [
              { kind: 'heading' as const, level: 2 as const, text: '三、服务对象意见（财库〔2016〕205号）' },
              { kind: 'paragraph' as const, text: recipientsOpinion },
            ]
          : []),
        { kind: 'heading', level: 2, text: '验收结论' },
        { kind: 'paragraph', text: a.conclusion === 'passed' ? '验收合格。' : '验收不合格。' },
        ...(a.testingBody
          ? [{ kind: 'paragraph' as const, text: `参加验收的质量检测机构：${a.testingBody}` }]
          : []),
        {
          kind: 'paragraph',
          text: `验收小组成员（签字，政府采购法第四十一条）：${a.members.join('、')}`,
        },
        { kind: 'paragraph', text: `验收书摘要（SHA-256）：${a.reportHash}` },
      ],
    },
  };
}

/** 验收书 as Word (.docx), laid out by the tender documents' writer. */
export async function acceptanceReportDocx(
  db: Db,
  ctx: RequestContext,
  acceptanceId: string,
): Promise<{ filename: string; body: Buffer }> {
  const r = await acceptanceReport(db, ctx, acceptanceId);
  const doc: RenderedDocument = r.document;
  const code = (r.report.contract as { code: string }).code;
  return { filename: `${code}-履约验收书.docx`, body: await toDocx(doc) };
}
