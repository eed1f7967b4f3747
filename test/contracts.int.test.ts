import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { contractView } from '../src/modules/award/contracts/contract.ts';
import { bidDeposits } from '../src/modules/bidding/tables.ts';
import { contractAlerts } from '../src/modules/award/contracts/index.ts';
import {
  MIN_SIGNING_KEY_ITERATIONS,
  canonicalHash,
  contractExportSchema,
  newSigningKey,
  signStatement,
  unwrapSigningKey,
  verifyContractExport,
  type ContractSignatureStatement,
} from '../src/modules/award/contracts/signature.contract.ts';
import { challenges } from '../src/modules/award/tables.ts';
import { awardedProject, type AwardedProject } from './support/award.ts';
import { startHarness, type TestHarness } from './support/harness.ts';
import { again } from './support/opening.ts';
import { insertThresholds, type Client } from './support/projects.ts';

const PASS = '供应商签名口令-2026';
const REP_PASS = '采购人签名口令-2026';

let h: TestHarness;
let a: AwardedProject;
let contractId = '';

beforeAll(async () => {
  h = await startHarness();
  await insertThresholds(h);
  a = await awardedProject(h);
}, 600_000);
afterAll(async () => {
  await h.close();
});

const terms = {
  bondFen: '2000000',
  bondForm: 'bankGuarantee',
  paymentTermsDays: 30,
  performancePeriod: '合同签订后30日内交货',
  deliveryPlace: '采购人指定地点',
};

async function generate(c: Client, body: Record<string, unknown>) {
  return c.request({ method: 'POST', url: `/api/projects/${a.projectId}/lots/1/contracts`, payload: body });
}
async function view(c: Client) {
  const res = await c.request({ method: 'GET', url: `/api/contracts/${contractId}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<z.infer<typeof contractView>>();
}
/** What the browser does: create a key (if needed) with the passphrase, register it, unwrap it, sign. */
async function registerKey(c: Client, passphrase: string) {
  const key = await newSigningKey(passphrase, MIN_SIGNING_KEY_ITERATIONS);
  const res = await c.request({
    method: 'POST',
    url: '/api/my/signing-key',
    payload: { publicKey: key.publicKey, fingerprint: key.fingerprint, wrapped: key.wrapped },
  });
  expect(res.statusCode, res.body).toBe(201);
  return key;
}
async function signInBrowser(c: Client, passphrase: string) {
  const mine = (await c.request({ method: 'GET', url: '/api/my/signing-key' })).json();
  const privateKey = await unwrapSigningKey(mine.key.wrapped, passphrase);
  const statement: ContractSignatureStatement | undefined = (await view(c)).mySigning?.statement;
  if (!statement) throw new Error('nothing to sign');
  return c.request({
    method: 'POST',
    url: `/api/contracts/${contractId}/signatures`,
    payload: { statement, signature: await signStatement(privateKey, statement) },
  });
}

describe('政府采购合同 from the award to filing', () => {
  it('generates the draft from the template and the award, within the bond and SME payment limits', async () => {
    const refused = await generate(a.winner.client, terms);
    expect(refused.statusCode).toBe(403);

    // 条例48: the bond may not exceed 10% of the amount (40 万元 → 4 万元; one fen more is refused).
    const high = await generate(a.agent, { ...terms, bondFen: '4000001' });
    expect(high.statusCode, high.body).toBe(422);
    expect(high.json().code).toBe('BOND_TOO_HIGH');
    // The winner declared itself a small enterprise: over 60 日 is refused (保障中小企业款项支付条例9).
    const slow = await generate(a.agent, { ...terms, paymentTermsDays: 90 });
    expect(slow.statusCode, slow.body).toBe(422);
    expect(slow.json().code).toBe('SME_PAYMENT_TERMS');

    const res = await generate(a.agent, terms);
    expect(res.statusCode, res.body).toBe(201);
    const [c] = res.json().items;
    contractId = c.id;
    expect(c).toMatchObject({
      status: 'draft',
      amountFen: '40000000',
      budgetFen: expect.any(String),
      bondFen: '2000000',
      supplierId: a.winner.supplierId,
      sme: true,
      signingDueOn: '2026-04-23',
    });
    expect(c.clocks.signing).toMatchObject({ dueOn: '2026-04-23', late: false });
    expect(c.clocks.signing.rule).toContain('政府采购法第四十六条');
    expect(c.document.amountWords).toBe('人民币肆拾万元整');
    expect(c.document.supplier.creditCode).toMatch(/^[0-9A-Z]{18}$/);
    const texts = (c.document.blocks as { text?: string }[]).map((b) => b.text ?? '').join('\n');
    // The template's 合同主要条款, rendered with this contract's terms.
    expect(texts).toContain('交货期限：合同签订后30日内交货；交货地点：采购人指定地点');
    expect(texts).toContain('合同金额：400,000.00元（人民币肆拾万元整）');
    expect(c.documentHash).toBe(await canonicalHash(c.document));

    // Regenerated with new terms before anyone signs: the same contract, a new text.
    const again2 = await generate(a.agent, { ...terms, deliveryPlace: '云岭县教育局仓库' });
    expect(again2.statusCode, again2.body).toBe(201);
    expect(again2.json().items[0].id).toBe(contractId);
    expect(again2.json().items[0].documentHash).not.toBe(c.documentHash);
  });

  it('shows the contract to its parties, the centre and supervisors only', async () => {
    const other = a.bidders[1]?.client as Client;
    expect((await other.request({ method: 'GET', url: `/api/contracts/${contractId}` })).statusCode).toBe(
      404,
    );
    expect((await other.request({ method: 'GET', url: '/api/contracts' })).json().total).toBe(0);
    expect((await a.winner.client.request({ method: 'GET', url: '/api/contracts' })).json().total).toBe(1);
    const mine = (
      await a.rep.request({ method: 'GET', url: `/api/contracts?projectId=${a.projectId}` })
    ).json();
    expect(mine.items.map((x: { id: string }) => x.id)).toEqual([contractId]);
    expect((await view(a.supervisor)).abilities).toEqual(['list', 'read', 'export']);
    expect((await view(a.rep)).abilities).toEqual(expect.arrayContaining(['sign', 'file', 'amend']));
    const docx = await a.rep.request({ method: 'GET', url: `/api/contracts/${contractId}/document` });
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('registers signing keys: Ed25519 only, with a matching fingerprint; a new key revokes the old', async () => {
    const key = await newSigningKey(PASS, MIN_SIGNING_KEY_ITERATIONS);
    const bad = await a.winner.client.request({
      method: 'POST',
      url: '/api/my/signing-key',
      payload: { publicKey: key.publicKey, fingerprint: 'a'.repeat(64), wrapped: key.wrapped },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('FINGERPRINT_MISMATCH');
    expect((await a.agent.request({ method: 'GET', url: '/api/my/signing-key' })).statusCode).toBe(403);
    expect(
      (await a.winner.client.request({ method: 'GET', url: '/api/my/signing-key' })).json().key,
    ).toBeNull();
    // No key yet: nothing to sign with.
    expect((await view(a.winner.client)).mySigning).toBeNull();
    const first = await registerKey(a.winner.client, PASS);
    const second = await registerKey(a.winner.client, PASS);
    const mine = (await a.winner.client.request({ method: 'GET', url: '/api/my/signing-key' })).json();
    expect(mine.key.fingerprint).toBe(second.fingerprint);
    expect(mine.key.fingerprint).not.toBe(first.fingerprint);
  });

  it('refuses a wrong party, a bad signature, and signing while a challenge may affect the result', async () => {
    const other = a.bidders[1]?.client as Client;
    const stranger = await other.request({
      method: 'POST',
      url: `/api/contracts/${contractId}/signatures`,
      payload: { statement: {}, signature: 'x'.repeat(88) },
    });
    expect([400, 404]).toContain(stranger.statusCode);
    await registerKey(other, PASS);
    const statement = (await view(a.winner.client)).mySigning?.statement;
    const forged = await other.request({
      method: 'POST',
      url: `/api/contracts/${contractId}/signatures`,
      payload: { statement, signature: 'A'.repeat(86) + '==' },
    });
    expect(forged.statusCode).toBe(404);

    // Signed with a key that is not the account's registered one.
    const rogue = await newSigningKey(PASS, MIN_SIGNING_KEY_ITERATIONS);
    const wrong = await a.winner.client.request({
      method: 'POST',
      url: `/api/contracts/${contractId}/signatures`,
      payload: { statement, signature: await signStatement(rogue.privateKey, statement) },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('BAD_SIGNATURE');

    // 条例54: a challenge that may affect the result suspends signing until it is answered. Inserted directly:
    // this test is about the refusal, not the challenge procedure.
    const [challenge] = await h.db
      .insert(challenges)
      .values({
        projectId: a.projectId,
        lotNo: 1,
        supplierId: a.bidders[1]?.supplierId ?? '',
        subject: 'result',
        requests: '重新评审',
        facts: '中标人报价低于成本',
        filedAt: h.clock.now(),
        filedOn: '2026-03-24',
        windowClosesOn: '2026-04-03',
        replyDueOn: '2026-04-02',
        affectsResult: true,
        status: 'received',
      })
      .returning();
    const suspended = await signInBrowser(a.winner.client, PASS);
    expect(suspended.statusCode, suspended.body).toBe(409);
    expect(suspended.json().code).toBe('SIGNING_SUSPENDED');
    expect(suspended.json().message).toContain('政府采购法实施条例第五十四条');
    expect((await view(a.agent)).suspension.suspended).toBe(true);
    await h.db
      .update(challenges)
      .set({ status: 'answered', outcome: 'dismissed', repliedOn: '2026-03-24' })
      .where(eq(challenges.id, challenge?.id ?? ''));
  });

  it('both parties sign: the contract is concluded, the project contracted, the deposit due for refund', async () => {
    h.clock.set(new Date('2026-03-26T02:00:00Z'));
    a.winner.client = await again(h, a.winner.client);
    a.rep = await again(h, a.rep);
    a.agent = await again(h, a.agent);
    a.supervisor = await again(h, a.supervisor);

    const first = await signInBrowser(a.winner.client, PASS);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ status: 'signing', signedOn: null });
    expect(first.json().signatures).toMatchObject([{ party: 'supplier', late: false }]);
    const twice = await signInBrowser(a.winner.client, PASS).catch(() => null);
    expect(twice).toBeNull(); // nothing left to sign: the view offers no statement
    const regenerate = await generate(a.agent, terms);
    expect(regenerate.statusCode).toBe(409);
    expect(regenerate.json().code).toBe('CONTRACT_SIGNING_STARTED');

    await registerKey(a.rep, REP_PASS);
    const second = await signInBrowser(a.rep, REP_PASS);
    expect(second.statusCode, second.body).toBe(200);
    const c = second.json();
    expect(c).toMatchObject({ status: 'signed', signedOn: '2026-03-26' });
    // 条例50: 2 WD; 法47: 7 WD (清明 2026-04-04…06 is not counted).
    expect(c.clocks.publication).toMatchObject({ dueOn: '2026-03-30', late: false });
    expect(c.clocks.filing).toMatchObject({ dueOn: '2026-04-07', late: false });

    const project = (await a.agent.request({ method: 'GET', url: `/api/projects/${a.projectId}` })).json();
    expect(project.status).toBe('contracted');
    const [deposit] = await h.db
      .select()
      .from(bidDeposits)
      .where(and(eq(bidDeposits.projectId, a.projectId), eq(bidDeposits.supplierId, a.winner.supplierId)));
    // 条例33: 5 WD from the contract.
    expect(deposit).toMatchObject({ status: 'refundDue', refundDueOn: '2026-04-02' });
  });

  it('publishes the 合同公告 and records the filing, late filing flagged and alerted', async () => {
    expect(
      (await a.rep.request({ method: 'POST', url: `/api/contracts/${contractId}/publication` })).statusCode,
    ).toBe(403);
    const pub = await a.agent.request({ method: 'POST', url: `/api/contracts/${contractId}/publication` });
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json()).toMatchObject({ publishedOn: '2026-03-26', noticeId: expect.any(String) });
    expect(pub.json().clocks.publication).toMatchObject({ doneOn: '2026-03-26', late: false });
    const dup = await a.agent.request({ method: 'POST', url: `/api/contracts/${contractId}/publication` });
    expect(dup.json().code).toBe('ALREADY_PUBLISHED');

    // Eight working days on: the filing (due 2026-04-07) is late, and the deposit refund (due 04-02) too.
    h.clock.set(new Date('2026-04-09T02:00:00Z'));
    a.rep = await again(h, a.rep);
    a.agent = await again(h, a.agent);
    const alerts = await contractAlerts(h.db, '2026-04-09');
    const mine = alerts.filter((x) => x.projectId === a.projectId);
    expect(new Set(mine.map((x) => x.kind))).toEqual(new Set(['contractFiling', 'depositRefund']));
    // Every overdue refund is listed (the losers' fell due with the result notice); the winner's among them.
    const [winnerDeposit] = await h.db
      .select({ id: bidDeposits.id })
      .from(bidDeposits)
      .where(and(eq(bidDeposits.projectId, a.projectId), eq(bidDeposits.supplierId, a.winner.supplierId)));
    expect(mine.find((x) => x.entityId === winnerDeposit?.id)).toMatchObject({
      kind: 'depositRefund',
      dueOn: '2026-04-02',
      daysLate: 4, // 04-03, 04-07, 04-08, 04-09 (清明 04-04…06)
    });
    expect(mine.find((x) => x.kind === 'contractFiling')).toMatchObject({ dueOn: '2026-04-07', daysLate: 2 });
    expect((await view(a.agent)).late).toBe(true);
    const late = (await a.agent.request({ method: 'GET', url: '/api/contracts?late=true' })).json();
    expect(late.items.map((x: { id: string }) => x.id)).toContain(contractId);

    const filed = await a.rep.request({
      method: 'POST',
      url: `/api/contracts/${contractId}/filing`,
      payload: { filingReference: '云财采备〔2026〕12号' },
    });
    expect(filed.statusCode, filed.body).toBe(200);
    expect(filed.json()).toMatchObject({ filedOn: '2026-04-09', filingReference: '云财采备〔2026〕12号' });
    expect(filed.json().clocks.filing).toMatchObject({ dueOn: '2026-04-07', late: true });
  });

  it('records amendments: add-ons within 10% of the original (法49), changes, termination', async () => {
    const over = await a.rep.request({
      method: 'POST',
      url: `/api/contracts/${contractId}/amendments`,
      payload: { kind: 'addOn', amountFen: '4000001', content: '追加同型号设备', reason: '学生人数增加' },
    });
    expect(over.statusCode).toBe(422);
    expect(over.json().code).toBe('ADD_ON_TOO_HIGH');
    const addOn = await a.rep.request({
      method: 'POST',
      url: `/api/contracts/${contractId}/amendments`,
      payload: {
        kind: 'addOn',
        amountFen: '3000000',
        content: '追加同型号设备 10 台',
        reason: '学生人数增加',
      },
    });
    expect(addOn.statusCode, addOn.body).toBe(200);
    expect(addOn.json()).toMatchObject({ currentAmountFen: '43000000', addOnHeadroomFen: '1000000' });
    const second = await a.agent.request({
      method: 'POST',
      url: `/api/contracts/${contractId}/amendments`,
      payload: { kind: 'addOn', amountFen: '1000001', content: '再追加', reason: '需要' },
    });
    expect(second.json().code).toBe('ADD_ON_TOO_HIGH');
    const other = await again(h, a.bidders[1]?.client as Client);
    const stranger = await other.request({
      method: 'POST',
      url: `/api/contracts/${contractId}/amendments`,
      payload: { kind: 'change', content: '变更', reason: '理由' },
    });
    expect(stranger.statusCode).toBe(403);
  });

  it('exports the signed contract, which checks offline; a tampered copy does not', async () => {
    a.winner.client = await again(h, a.winner.client);
    const res = await a.winner.client.request({ method: 'GET', url: `/api/contracts/${contractId}/export` });
    expect(res.statusCode, res.body).toBe(200);
    const record = contractExportSchema.parse(res.json());
    const platformKey = (await a.agent.request({ method: 'GET', url: '/api/receipts/public-key' })).json()
      .publicKey as string;
    const verdict = await verifyContractExport(record, platformKey);
    expect(verdict.checks.filter((c) => !c.ok)).toEqual([]);
    expect(verdict.ok).toBe(true);

    const tampered = structuredClone(record);
    (tampered.document as { amountFigures: string }).amountFigures = '500,000.00元';
    const bad = await verifyContractExport(tampered, platformKey);
    expect(bad.ok).toBe(false);
    expect(bad.checks.find((c) => c.label === '合同文本摘要')?.ok).toBe(false);
  });

  it('terminates the contract with its reason', async () => {
    const res = await a.agent.request({
      method: 'POST',
      url: `/api/contracts/${contractId}/amendments`,
      payload: { kind: 'termination', content: '双方协商解除合同', reason: '供应商无法按期交货' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'terminated', terminatedReason: '供应商无法按期交货' });
    expect(res.json().amendments.map((x: { kind: string }) => x.kind)).toEqual(['addOn', 'termination']);
  });
});
