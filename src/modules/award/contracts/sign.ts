/**
 * Signing by both parties (政府采购法 第四十六条): each party's account signs the contract's statement with its own
 * key in its own browser; the platform checks the signature against the account's active key before storing it.
 * Signing is refused while a challenge that may affect the result, or a complaint suspension, is pending (条例54;
 * 法57). Late signing (after the 30 日) is allowed and flagged. When both have signed the contract is concluded:
 * publication (2 WD, 条例50) and filing (7 WD, 法47) fall due, the winner's bid deposit falls due for refund
 * (5 WD, 条例33), and once every awarded lot is contracted the project moves on.
 */
import canonicalize from 'canonicalize';
import { and, eq, ne } from 'drizzle-orm';
import type { z } from 'zod';
import { appendAudit } from '../../../platform/audit/log.ts';
import type { RequestContext } from '../../../platform/auth/actor.ts';
import { authorize } from '../../../platform/auth/policy.ts';
import { shanghaiDay } from '../../../platform/clock.ts';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { AppError, badRequest, conflict } from '../../../platform/errors.ts';
import { depositRefundFalls } from '../../bidding/index.ts';
import { bidDeposits } from '../../bidding/tables.ts';
import { loadProject, setState, stateOf, step } from '../../tendering/index.ts';
import { signingSuspension } from '../challenges/suspension.ts';
import { contractFilingDue, contractPublicationDue } from '../rules/clocks.ts';
import { awards, contracts, contractSignatures } from '../tables.ts';
import type { contractView, signBody } from './contract.ts';
import './events.ts';
import type { ContractRow } from './generate.ts';
import { activeKeyOf } from './keys.ts';
import { contractPolicy } from './policy.ts';
import { verifyStatementSignature } from './signature.contract.ts';
import { contractFor, isConcluded, partyOf, presentContract, statementFor } from './view.ts';

export async function signContract(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof signBody>,
): Promise<z.infer<typeof contractView>> {
  return db.transaction(async (tx) => {
    const c = await contractFor(tx, ctx, id, true);
    authorize(ctx.actor, contractPolicy, 'sign', { purchaserId: c.purchaserId, supplierId: c.supplierId });
    const party = partyOf(ctx, c);
    if (!party || ctx.actor.kind !== 'user') throw conflict('NOT_A_PARTY', '只有合同当事人可以签署');
    const userId = ctx.actor.userId;
    if (c.status !== 'draft' && c.status !== 'signing')
      throw conflict('CONTRACT_NOT_SIGNABLE', '该合同不在待签署状态', 'status');
    const signed = await tx.select().from(contractSignatures).where(eq(contractSignatures.contractId, id));
    if (signed.some((s) => s.party === party)) throw conflict('ALREADY_SIGNED', '本方已签署该合同');

    const now = ctx.clock.now();
    const today = shanghaiDay(now);
    const suspension = await signingSuspension(tx, c.projectId, c.lotNo, today);
    if (suspension.suspended)
      throw new AppError(
        409,
        'SIGNING_SUSPENDED',
        `暂停签订合同：${suspension.reasons.join('；')}`,
        undefined,
        suspension.reasons.map((message) => ({ code: 'SUSPENDED', path: 'status', message })),
      );

    const key = await activeKeyOf(tx, userId);
    if (!key) throw conflict('NO_SIGNING_KEY', '请先创建签名密钥');
    const expected = statementFor(c, party, userId, key.fingerprint);
    if (canonicalize(expected) !== canonicalize(body.statement))
      throw conflict(
        'STATEMENT_MISMATCH',
        '签署内容与当前合同不符（合同可能已重新生成或密钥已更换），请刷新后重新签署',
        'body.statement',
      );
    if (!(await verifyStatementSignature(key.publicKey, expected, body.signature)))
      throw badRequest('BAD_SIGNATURE', '签名无效：不是本账户当前签名密钥对该合同的签名', 'body.signature');

    await tx.insert(contractSignatures).values({
      contractId: id,
      party,
      userId,
      keyId: key.id,
      statement: expected,
      signature: body.signature,
      signedAt: now,
    });
    const both = signed.length + 1 >= 2;
    const [after] = await tx
      .update(contracts)
      .set(
        both
          ? {
              status: 'signed',
              signedOn: today,
              publicationDueOn: contractPublicationDue(today).dueOn,
              filingDueOn: contractFilingDue(today).dueOn,
              updatedAt: now,
            }
          : { status: 'signing', updatedAt: now },
      )
      .where(eq(contracts.id, id))
      .returning();
    if (!after) throw new Error('contract update returned nothing');
    await appendAudit(tx, ctx, {
      action: 'contract.signed',
      entityType: 'contract',
      entityId: id,
      before: { status: c.status },
      after: {
        party,
        userId,
        keyId: key.id,
        keyFingerprint: key.fingerprint,
        documentHash: c.documentHash,
        signature: body.signature,
        late: today > c.signingDueOn,
      },
    });
    if (both) await conclude(tx, ctx, after, today);
    return presentContract(tx, ctx, after);
  });
}

/** Both have signed: the deposit refund falls due and the project may move to contracted. */
async function conclude(tx: Tx, ctx: RequestContext, c: ContractRow, today: string): Promise<void> {
  const now = ctx.clock.now();
  // 条例33: the winner's deposit is refunded within 5 WD of the contract — of its last contract in the project.
  const winnerContracts = await tx
    .select({ status: contracts.status })
    .from(contracts)
    .where(
      and(
        eq(contracts.projectId, c.projectId),
        eq(contracts.supplierId, c.supplierId),
        ne(contracts.status, 'terminated'),
      ),
    );
  let deposit: { id: string; refundDueOn: string | null } | null = null;
  if (winnerContracts.every((x) => isConcluded(x.status))) {
    // Through the bidding module's own step, which writes the deposit's audit event.
    await depositRefundFalls(tx, ctx, c.projectId, c.supplierId);
    const [d] = await tx
      .select({ id: bidDeposits.id, refundDueOn: bidDeposits.refundDueOn })
      .from(bidDeposits)
      .where(
        and(
          eq(bidDeposits.projectId, c.projectId),
          eq(bidDeposits.supplierId, c.supplierId),
          eq(bidDeposits.status, 'refundDue'),
        ),
      );
    deposit = d ?? null;
  }

  // Every awarded lot has all its contracts signed: the project is contracted.
  let projectState: string | null = null;
  const lotAwards = await tx.select().from(awards).where(eq(awards.projectId, c.projectId));
  const live = lotAwards.filter((a) => a.status !== 'failed');
  if (live.length && live.every((a) => a.status === 'noticed')) {
    const all = await tx
      .select({ lotNo: contracts.lotNo, status: contracts.status })
      .from(contracts)
      .where(and(eq(contracts.projectId, c.projectId), ne(contracts.status, 'terminated')));
    const done = live.every((a) => {
      const mine = all.filter((x) => x.lotNo === a.lotNo);
      return mine.length > 0 && mine.every((x) => isConcluded(x.status));
    });
    if (done) {
      const l = await loadProject(tx, c.projectId, true);
      if (l && stateOf(l.row.status) === 'awarded') {
        const to = step(l, 'signContract', { challengePending: false });
        await setState(tx, l, to, {}, now);
        projectState = to;
      }
    }
  }

  await appendAudit(tx, ctx, {
    action: 'contract.concluded',
    entityType: 'contract',
    entityId: c.id,
    before: { status: 'signing' },
    after: {
      status: c.status,
      signedOn: c.signedOn,
      lateSigning: today > c.signingDueOn,
      publicationDueOn: c.publicationDueOn,
      filingDueOn: c.filingDueOn,
      depositRefund: deposit,
      projectState,
    },
  });
}
