/**
 * Draft contracts of a lot whose result is noticed: one per purchaser share of the lot (a bundled lot gives each
 * purchaser its own contract), generated from the project's template and the award. The centre may regenerate the
 * drafts with new terms until the first party signs.
 */
import { and, eq, inArray, isNull, ne, or } from 'drizzle-orm';
import type { z } from 'zod';
import { appendAudit } from '../../../platform/audit/log.ts';
import { actorUserId, type RequestContext } from '../../../platform/auth/actor.ts';
import { authorize } from '../../../platform/auth/policy.ts';
import { shanghaiDay } from '../../../platform/clock.ts';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { AppError, conflict, notFound } from '../../../platform/errors.ts';
import { bidLotPrices, bidOpenings } from '../../bidding/tables.ts';
import { purchasers, suppliers } from '../../orgs/index.ts';
import { loadProject, methodOf, projectRenderInput } from '../../tendering/index.ts';
import { contractSigningDue, paymentDue } from '../rules/clocks.ts';
import { performanceBondProblems } from '../rules/contract-terms.ts';
import { awards, contracts, contractSignatures } from '../tables.ts';
import type { generateBody } from './contract.ts';
import { contractDocument, type BondForm, type ContractFacts } from './document.ts';
import './events.ts';
import { contractPolicy } from './policy.ts';
import { canonicalHash } from './signature.contract.ts';
import { splitByShares } from './split.ts';

export type ContractRow = typeof contracts.$inferSelect;

const METHOD_LABELS = {
  openTender: '公开招标',
  invitedTender: '邀请招标',
  negotiation: '竞争性谈判',
  consultation: '竞争性磋商',
  rfq: '询价',
  singleSource: '单一来源采购',
} as const;

const SME_SIZES = ['medium', 'small', 'micro'];

/**
 * Whether the winner is an SME for the payment rules: as it declared in its bid (中小企业声明函, 财库〔2020〕46号),
 * else as registered (监狱企业 and 残疾人福利性单位 count as small and micro enterprises).
 */
async function smeOf(tx: Tx, bidId: string, supplier: typeof suppliers.$inferSelect): Promise<boolean> {
  const [opened] = await tx.select().from(bidOpenings).where(eq(bidOpenings.bidId, bidId));
  const declared = (opened?.declarations as { sme?: { size?: string } | null } | null)?.sme?.size;
  if (declared !== undefined) return SME_SIZES.includes(declared);
  return SME_SIZES.includes(supplier.size) || supplier.prisonEnterprise || supplier.disabledWelfareUnit;
}

export async function generateContracts(
  db: Db,
  ctx: RequestContext,
  projectId: string,
  lotNo: number,
  body: z.infer<typeof generateBody>,
): Promise<string[]> {
  authorize(ctx.actor, contractPolicy, 'generate');
  return db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const [award] = await tx
      .select()
      .from(awards)
      .where(and(eq(awards.projectId, projectId), eq(awards.lotNo, lotNo)))
      .for('update');
    if (!award) throw notFound('该包尚无评审结果');
    const { winnerBidId, winnerSupplierId, amountFen, noticedOn } = award;
    if (award.status !== 'noticed' || !winnerBidId || !winnerSupplierId || !amountFen || !noticedOn)
      throw conflict('AWARD_NOT_NOTICED', '该包的中标（成交）结果尚未公告，不能生成合同', 'status');
    const l = await loadProject(tx, projectId);
    if (!l) throw notFound('项目不存在');
    const lot = l.lots.find((x) => x.no === lotNo);
    if (!lot) throw notFound('该包不存在');

    const existing = await tx
      .select()
      .from(contracts)
      .where(
        and(
          eq(contracts.projectId, projectId),
          eq(contracts.lotNo, lotNo),
          ne(contracts.status, 'terminated'),
        ),
      )
      .for('update');
    if (existing.some((c) => c.status !== 'draft'))
      throw conflict('CONTRACT_SIGNING_STARTED', '合同已开始签署，不能重新生成', 'status');
    if (existing.length) {
      const signed = await tx
        .select({ id: contractSignatures.contractId })
        .from(contractSignatures)
        .where(
          inArray(
            contractSignatures.contractId,
            existing.map((c) => c.id),
          ),
        );
      if (signed.length) throw conflict('CONTRACT_SIGNING_STARTED', '合同已开始签署，不能重新生成', 'status');
    }

    const shares = l.shares.filter((s) => s.lotNo === lotNo || s.lotNo === null);
    if (!shares.length) throw conflict('NO_SHARES', '该包没有采购人份额，无法生成合同');
    const weights = shares.map((s) => s.amountFen);
    const bondTotal = BigInt(body.bondFen);
    const lotProblem = performanceBondProblems(bondTotal, amountFen)[0];
    if (lotProblem) throw new AppError(422, 'BOND_TOO_HIGH', lotProblem.message, 'body.bondFen');
    const amounts = splitByShares(amountFen, weights);
    const bonds = splitByShares(bondTotal, weights);

    const [supplier] = await tx.select().from(suppliers).where(eq(suppliers.id, winnerSupplierId));
    if (!supplier) throw notFound('中标供应商不存在');
    const sme = await smeOf(tx, winnerBidId, supplier);
    if (paymentDue({ acceptedOn: noticedOn, termsDays: body.paymentTermsDays, sme })?.capped)
      throw new AppError(
        422,
        'SME_PAYMENT_TERMS',
        `中标供应商为中小企业，付款期限最长不得超过60日（保障中小企业款项支付条例第九条），所填为 ${body.paymentTermsDays} 日`,
        'body.paymentTermsDays',
      );

    const [price] = await tx
      .select()
      .from(bidLotPrices)
      .where(and(eq(bidLotPrices.bidId, winnerBidId), eq(bidLotPrices.lotNo, lotNo)));
    const render = await projectRenderInput(tx, l);
    const units = await tx
      .select()
      .from(purchasers)
      .where(
        inArray(
          purchasers.id,
          shares.map((s) => s.purchaserId),
        ),
      );
    const signingDueOn = contractSigningDue(noticedOn).dueOn;
    const ids: string[] = [];
    for (const [i, share] of shares.entries()) {
      const amount = amounts[i] ?? 0n;
      const bond = bonds[i] ?? 0n;
      if (amount <= 0n) throw conflict('AMOUNT_TOO_SMALL', '中标金额过小，无法按份额分摊到每份合同');
      const problem = performanceBondProblems(bond, amount)[0];
      if (problem) throw new AppError(422, 'BOND_TOO_HIGH', problem.message, 'body.bondFen');
      const unit = units.find((u) => u.id === share.purchaserId);
      const code = shares.length > 1 ? `${l.row.code}-HT${lotNo}-${i + 1}` : `${l.row.code}-HT${lotNo}`;
      const bondForm: BondForm = bond === 0n ? 'none' : body.bondForm;
      const facts: ContractFacts = {
        code,
        centreName: render.centreName,
        project: { code: l.row.code, name: l.row.name, methodLabel: METHOD_LABELS[methodOf(l.row.method)] },
        lot: { no: lotNo, name: lot.name, lots: l.lots.length },
        purchaser: {
          name: share.purchaserName,
          creditCode: unit?.creditCode ?? null,
          address: unit?.address ?? null,
        },
        supplier: {
          name: supplier.name,
          creditCode: supplier.creditCode,
          legalRepresentative: supplier.legalRepresentative,
          address: supplier.address,
          sme,
        },
        subject: `${share.itemName}${share.quantity ? `（${share.quantity}）` : ''}`,
        budgetFen: share.amountFen,
        amountFen: amount,
        lotAmountFen: amountFen,
        noticedOn,
        terms: {
          bondFen: bond,
          bondForm,
          paymentTermsDays: body.paymentTermsDays,
          performancePeriod: body.performancePeriod,
          deliveryPlace: body.deliveryPlace,
        },
        commitments: { priceFen: price?.priceFen ?? amountFen, items: price?.items ?? {} },
        render,
      };
      const document = contractDocument(facts);
      const values = {
        code,
        projectId,
        lotNo,
        purchaserId: share.purchaserId,
        planLineId: share.planLineId,
        supplierId: winnerSupplierId,
        bidId: winnerBidId,
        status: 'draft',
        budgetFen: share.amountFen,
        amountFen: amount,
        bondFen: bond,
        bondForm: bondForm === 'none' ? null : bondForm,
        paymentTermsDays: body.paymentTermsDays,
        sme,
        performancePeriod: body.performancePeriod,
        deliveryPlace: body.deliveryPlace,
        document: document as unknown as Record<string, unknown>,
        documentHash: await canonicalHash(document),
        signingDueOn,
        updatedAt: now,
      };
      const before = existing.find((c) => c.planLineId === share.planLineId) ?? null;
      const [row] = before
        ? await tx.update(contracts).set(values).where(eq(contracts.id, before.id)).returning()
        : await tx
            .insert(contracts)
            .values({ ...values, createdAt: now, createdBy: actorUserId(ctx.actor) })
            .returning();
      if (!row) throw new Error('contract write returned nothing');
      ids.push(row.id);
      await appendAudit(tx, ctx, {
        action: 'contract.generated',
        entityType: 'contract',
        entityId: row.id,
        before: before ? { documentHash: before.documentHash, amountFen: before.amountFen } : null,
        after: {
          code,
          projectId,
          lotNo,
          purchaserId: share.purchaserId,
          supplierId: winnerSupplierId,
          amountFen: String(amount),
          bondFen: String(bond),
          documentHash: row.documentHash,
          signingDueOn,
          today: shanghaiDay(now),
        },
      });
    }
    // Drafts of shares no longer in the lot (the project's shares changed before signing) go.
    const stale = existing.filter((c) => !ids.includes(c.id));
    if (stale.length)
      await tx.delete(contracts).where(
        and(
          inArray(
            contracts.id,
            stale.map((c) => c.id),
          ),
          or(eq(contracts.status, 'draft'), isNull(contracts.signedOn)),
        ),
      );
    return ids;
  });
}
