/**
 * After signing: the 合同公告 (条例50: within 2 WD), the filing with the finance department (法47: within 7 WD), and
 * amendments — supplementary contracts (法49: all add-ons together ≤ 10% of the original amount), changes and
 * termination. Late publication or filing is recorded and flagged, never refused.
 */
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { appendAudit } from '../../../platform/audit/log.ts';
import { actorUserId, type RequestContext } from '../../../platform/auth/actor.ts';
import { authorize } from '../../../platform/auth/policy.ts';
import { shanghaiDay } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError, badRequest, conflict } from '../../../platform/errors.ts';
import { purchasers, suppliers } from '../../orgs/index.ts';
import { projects, publishNotice, yuan, yuanInWords } from '../../tendering/index.ts';
import { addOnProblems } from '../rules/contract-terms.ts';
import { contractAmendments, contracts } from '../tables.ts';
import type { amendmentBody, contractView, filingBody } from './contract.ts';
import type { ContractDocument } from './document.ts';
import './events.ts';
import type { ContractRow } from './generate.ts';
import { contractPolicy } from './policy.ts';
import { contractFor, isConcluded, presentContract } from './view.ts';

type View = z.infer<typeof contractView>;
const record = (c: ContractRow) => ({ purchaserId: c.purchaserId, supplierId: c.supplierId });

/** The text of the 合同公告: the parties, the amount, the main subject, the performance period. */
export function contractNoticeText(
  c: ContractRow,
  names: {
    projectCode: string;
    projectName: string;
    purchaserName: string;
    supplierName: string;
    supplierAddress: string | null;
  },
): { title: string; body: string } {
  const doc = c.document as unknown as Partial<ContractDocument>;
  const subject = doc.subject ?? doc.title ?? names.projectName;
  return {
    title: `${names.projectName}（第${c.lotNo}包）政府采购合同公告`,
    body: [
      `一、合同编号：${c.code}`,
      `二、合同名称：${doc.title ?? names.projectName} 政府采购合同`,
      `三、项目编号：${names.projectCode}`,
      `四、采购人（甲方）：${names.purchaserName}`,
      `五、供应商（乙方）：${names.supplierName}${names.supplierAddress ? `，地址：${names.supplierAddress}` : ''}`,
      `六、合同金额：${yuan(c.amountFen)}元（人民币${yuanInWords(c.amountFen)}）`,
      `七、主要标的：${subject}`,
      `八、履约期限：${c.performancePeriod ?? '按合同约定'}；履约地点：${c.deliveryPlace ?? '按合同约定'}`,
      `九、合同签订日期：${c.signedOn ?? ''}`,
      `十、合同公告日期：见本公告发布日期（政府采购法实施条例第五十条：自合同签订之日起2个工作日内公告）`,
    ].join('\n'),
  };
}

export async function publishContract(db: Db, ctx: RequestContext, id: string): Promise<View> {
  return db.transaction(async (tx) => {
    const c = await contractFor(tx, ctx, id, true);
    authorize(ctx.actor, contractPolicy, 'publish', record(c));
    if (!isConcluded(c.status) || !c.signedOn)
      throw conflict('CONTRACT_NOT_SIGNED', '合同双方签署后才能公告', 'status');
    if (c.noticeId) throw conflict('ALREADY_PUBLISHED', '该合同已公告');
    const [names] = await tx
      .select({
        projectCode: projects.code,
        projectName: projects.name,
        purchaserName: purchasers.name,
        supplierName: suppliers.name,
        supplierAddress: suppliers.address,
      })
      .from(projects)
      .innerJoin(purchasers, eq(purchasers.id, c.purchaserId))
      .innerJoin(suppliers, eq(suppliers.id, c.supplierId))
      .where(eq(projects.id, c.projectId));
    if (!names) throw new Error('contract without project');
    const notice = await publishNotice(tx, ctx, c.projectId, 'contract', contractNoticeText(c, names));
    const now = ctx.clock.now();
    const [after] = await tx
      .update(contracts)
      .set({ noticeId: notice.id, publishedOn: notice.publishedOn, updatedAt: now })
      .where(eq(contracts.id, id))
      .returning();
    if (!after) throw new Error('contract update returned nothing');
    await appendAudit(tx, ctx, {
      action: 'contract.published',
      entityType: 'contract',
      entityId: id,
      after: {
        noticeId: notice.id,
        publishedOn: notice.publishedOn,
        publicationDueOn: c.publicationDueOn,
        late: c.publicationDueOn !== null && notice.publishedOn > c.publicationDueOn,
      },
    });
    return presentContract(tx, ctx, after);
  });
}

export async function fileContract(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof filingBody>,
): Promise<View> {
  return db.transaction(async (tx) => {
    const c = await contractFor(tx, ctx, id, true);
    authorize(ctx.actor, contractPolicy, 'file', record(c));
    if (!isConcluded(c.status) || !c.signedOn)
      throw conflict('CONTRACT_NOT_SIGNED', '合同双方签署后才能备案', 'status');
    if (c.filedOn) throw conflict('ALREADY_FILED', '该合同已备案');
    const today = shanghaiDay(ctx.clock.now());
    const filedOn = body.filedOn ?? today;
    if (filedOn > today) throw badRequest('FILED_IN_FUTURE', '备案日期不能晚于今天', 'body.filedOn');
    if (filedOn < c.signedOn)
      throw badRequest('FILED_BEFORE_SIGNING', '备案日期不能早于合同签订日期', 'body.filedOn');
    const [after] = await tx
      .update(contracts)
      .set({ filedOn, filingReference: body.filingReference, updatedAt: ctx.clock.now() })
      .where(eq(contracts.id, id))
      .returning();
    if (!after) throw new Error('contract update returned nothing');
    await appendAudit(tx, ctx, {
      action: 'contract.filed',
      entityType: 'contract',
      entityId: id,
      after: {
        filedOn,
        filingReference: body.filingReference,
        filingDueOn: c.filingDueOn,
        late: c.filingDueOn !== null && filedOn > c.filingDueOn,
      },
    });
    return presentContract(tx, ctx, after);
  });
}

export async function amendContract(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof amendmentBody>,
): Promise<View> {
  return db.transaction(async (tx) => {
    const c = await contractFor(tx, ctx, id, true);
    authorize(ctx.actor, contractPolicy, 'amend', record(c));
    const now = ctx.clock.now();
    const today = shanghaiDay(now);
    const amountFen = BigInt(body.amountFen);
    if (c.status === 'terminated') throw conflict('CONTRACT_TERMINATED', '合同已解除');
    if (body.kind !== 'termination' && !isConcluded(c.status))
      throw conflict('CONTRACT_NOT_SIGNED', '合同签订后才能变更或签订补充合同', 'status');
    if (body.kind === 'termination' && c.status === 'completed')
      throw conflict('CONTRACT_COMPLETED', '合同已履行完毕，不能解除', 'status');
    if (body.kind === 'addOn') {
      if (amountFen <= 0n) throw badRequest('ADD_ON_AMOUNT', '补充合同金额应大于 0', 'body.amountFen');
      const earlier = await tx
        .select({ amountFen: contractAmendments.amountFen })
        .from(contractAmendments)
        .where(and(eq(contractAmendments.contractId, id), eq(contractAmendments.kind, 'addOn')));
      const problem = addOnProblems(c.amountFen, [...earlier.map((e) => e.amountFen), amountFen])[0];
      if (problem) throw new AppError(422, 'ADD_ON_TOO_HIGH', problem.message, 'body.amountFen');
    }
    if (body.kind === 'termination' && amountFen !== 0n)
      throw badRequest('TERMINATION_AMOUNT', '解除合同不涉及金额', 'body.amountFen');
    const [row] = await tx
      .insert(contractAmendments)
      .values({
        contractId: id,
        kind: body.kind,
        amountFen,
        content: body.content,
        reason: body.reason,
        effectiveOn: body.effectiveOn ?? today,
        recordedBy: actorUserId(ctx.actor),
        recordedAt: now,
      })
      .returning();
    if (!row) throw new Error('amendment insert returned nothing');
    let after = c;
    if (body.kind === 'termination') {
      const [t] = await tx
        .update(contracts)
        .set({ status: 'terminated', terminatedReason: body.reason, updatedAt: now })
        .where(eq(contracts.id, id))
        .returning();
      if (!t) throw new Error('contract update returned nothing');
      after = t;
    }
    await appendAudit(tx, ctx, {
      action: body.kind === 'termination' ? 'contract.terminated' : 'contract.amended',
      entityType: 'contract',
      entityId: id,
      before: { status: c.status },
      after: { amendment: row, status: after.status },
    });
    return presentContract(tx, ctx, after);
  });
}
