import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { performanceAlerts, savingsOf } from '../src/modules/award/performance/index.ts';
import type { checklistView, PerformanceView } from '../src/modules/award/performance/contract.ts';
import { canonicalJson } from '../src/modules/award/performance/rules.ts';
import { challenges, contractAmendments, contracts } from '../src/modules/award/tables.ts';
import { notices } from '../src/modules/tendering/tables.ts';
import { auditEvents } from '../src/platform/audit/tables.ts';
import { awardedProject, signedContract, type AwardedProject } from './support/award.ts';
import { startHarness, type TestHarness } from './support/harness.ts';
import { again } from './support/opening.ts';
import { insertThresholds, type Client } from './support/projects.ts';

/**
 * Performance of one signed contract through the API, from the plan to the last payment: a milestone reported late,
 * an issue answered and closed, performance suspended by a challenge that may affect the result (条例54), a failed
 * acceptance that opens an issue, a passed public-service acceptance with its notice and hashed report, the SME
 * payment due 30 days after acceptance and flagged late, an overpayment refused, the contract completed when paid,
 * and the savings measured against the contract and then against the payment.
 *
 * The contract row is inserted directly (status 'signed') on the awarded project until the contracts part's
 * `signedContract(h)` fixture is available.
 */
let h: TestHarness;
let a: AwardedProject;
let rep: Client;
let supplier: Client;
let agent: Client;
let finance: Client;
let loser: Client;
let stranger: Client;
let contractId: string;

/** The value, or the test fails here. */
function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('expected a value');
  return value;
}

const url = (what: string) => `/api/contracts/${contractId}/${what}`;

/** Moves the clock to 09:00 Shanghai of the day and signs everybody in again. */
async function on(day: string) {
  h.clock.set(new Date(`${day}T01:00:00Z`));
  [rep, supplier, agent, finance, loser, stranger] = (await Promise.all(
    [rep, supplier, agent, finance, loser, stranger].map((c) => again(h, c)),
  )) as [Client, Client, Client, Client, Client, Client];
}

async function view(c: Client = rep) {
  const res = await c.request({ method: 'GET', url: url('performance') });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<PerformanceView>();
}

async function call(c: Client, method: 'POST' | 'PUT', path: string, payload: unknown, status = 200) {
  const res = await c.request({ method, url: path, payload: payload as Record<string, unknown> });
  expect(res.statusCode, res.body).toBe(status);
  return res.json<PerformanceView & { code: string }>();
}

beforeAll(async () => {
  h = await startHarness();
  await insertThresholds(h);
  a = await awardedProject(h); // noticed 2026-03-24; budget 500 000.00 元; winner 400 000.00 元, small enterprise
  rep = a.rep;
  supplier = a.winner.client;
  agent = a.agent;
  finance = a.finance;
  loser = a.bidders[1]?.client as Client;
  stranger = await h.signedIn('purchaser');
  // Signed on 2026-03-30 by both parties through the contracts' own routes.
  await on('2026-03-30');
  contractId = await signedContract(h, { ...a, rep, agent, winner: { ...a.winner, client: supplier } });
  await on('2026-04-01');
}, 240_000);

afterAll(async () => {
  await h?.close();
});

describe('performance of a signed contract', () => {
  it('is visible to its purchaser, its supplier, the centre and the supervisors; others are told it does not exist', async () => {
    for (const c of [rep, supplier, agent, finance]) await view(c);
    for (const c of [loser, stranger]) {
      const res = await c.request({ method: 'GET', url: url('performance') });
      expect(res.statusCode).toBe(404);
    }
    const v = await view(rep);
    expect(v.contract).toMatchObject({ status: 'signed', amountFen: '40000000', sme: true });
    expect(v.abilities).toEqual(
      expect.arrayContaining([
        'read',
        'plan',
        'confirm',
        'raiseIssue',
        'closeIssue',
        'accept',
        'recordPayment',
      ]),
    );
    expect(v.abilities).not.toContain('report');
    expect((await view(supplier)).abilities).toEqual(['read', 'report', 'answerIssue', 'recordInvoice']);
    expect((await view(finance)).abilities).toEqual(['read', 'raiseIssue']);
  });

  it('plans milestones; the supplier reports one late and the purchaser confirms it; a reported one is fixed', async () => {
    const plan = {
      milestones: [
        { kind: 'delivery', title: '设备到货', dueOn: '2026-04-10' },
        { kind: 'training', title: '操作培训', dueOn: '2026-04-20' },
        { kind: 'service', title: '运维服务期', dueOn: '2026-04-21', periodEndsOn: '2027-04-20' },
      ],
    };
    const noPeriod = structuredClone(plan);
    delete (noPeriod.milestones[2] as { periodEndsOn?: string }).periodEndsOn;
    expect((await call(rep, 'PUT', url('milestones'), noPeriod, 400)).code).toBe('SERVICE_PERIOD_END');
    expect(
      (await supplier.request({ method: 'PUT', url: url('milestones'), payload: plan })).statusCode,
    ).toBe(403);
    const planned = await call(rep, 'PUT', url('milestones'), plan);
    expect(planned.milestones.map((m: { seq: number; late: boolean }) => [m.seq, m.late])).toEqual([
      [1, false],
      [2, false],
      [3, false],
    ]);

    await on('2026-04-13');
    const before = await view(rep);
    const delivery = must(before.milestones[0]);
    expect(delivery).toMatchObject({ title: '设备到货', late: true, daysLate: 3, reportedOn: null });
    const alerts = await performanceAlerts(h.db, '2026-04-13');
    expect(alerts.filter((x) => x.kind === 'milestone')).toEqual([
      expect.objectContaining({ entityId: delivery.id, dueOn: '2026-04-10', daysLate: 3 }),
    ]);

    const reported = await call(supplier, 'POST', `/api/milestones/${delivery.id}/report`, {
      reportedOn: '2026-04-12',
      note: '设备已全部送达',
    });
    expect(reported.milestones[0]).toMatchObject({ reportedOn: '2026-04-12', late: true, daysLate: 2 });
    const confirmed = await call(rep, 'POST', `/api/milestones/${delivery.id}/confirm`, {});
    expect(must(confirmed.milestones[0]).confirmedOn).toBe('2026-04-13');
    expect(must(confirmed.milestones[0]).abilities).toEqual([]);

    const changed = before.milestones.map((m) => ({
      id: m.id,
      kind: m.kind,
      title: m.title,
      dueOn: m.dueOn,
      periodEndsOn: m.periodEndsOn,
    }));
    must(changed[0]).dueOn = '2026-04-15';
    expect((await call(rep, 'PUT', url('milestones'), { milestones: changed }, 409)).code).toBe(
      'MILESTONE_REPORTED',
    );
    // The unreported part may still change: the training moves a day later.
    const kept = await call(rep, 'PUT', url('milestones'), {
      milestones: [{ ...changed[1], dueOn: '2026-04-21' }, changed[2]],
    });
    expect(kept.milestones.map((m: { title: string; dueOn: string }) => `${m.title}@${m.dueOn}`)).toEqual([
      '设备到货@2026-04-10',
      '操作培训@2026-04-21',
      '运维服务期@2026-04-21',
    ]);
  });

  it('issues: raised with a working-day answer period, answered by the supplier, closed by the purchaser', async () => {
    const raised = await call(
      rep,
      'POST',
      url('issues'),
      { category: 'quality', description: '两台设备外壳有划痕，请更换' },
      201,
    );
    const issue = must(raised.issues[0]);
    // Monday 2026-04-13 + 3 working days.
    expect(issue).toMatchObject({ status: 'open', responseDueOn: '2026-04-16', late: false });
    const byFinance = await call(
      finance,
      'POST',
      url('issues'),
      { category: 'late', description: '到货逾期，请说明原因', responseDays: 1 },
      201,
    );
    expect(byFinance.issues[1]).toMatchObject({ responseDueOn: '2026-04-14', categoryLabel: '逾期履约' });
    expect(
      (
        await loser.request({
          method: 'POST',
          url: `/api/performance-issues/${issue.id}/answer`,
          payload: { response: '不是我' },
        })
      ).statusCode,
    ).toBe(404);

    await on('2026-04-15');
    const lateOnes = (await performanceAlerts(h.db, '2026-04-15')).filter((x) => x.kind === 'issueResponse');
    expect(lateOnes).toEqual([
      expect.objectContaining({ entityId: must(byFinance.issues[1]).id, daysLate: 1 }),
    ]);

    const answered = await call(supplier, 'POST', `/api/performance-issues/${issue.id}/answer`, {
      response: '已于今日更换两台设备',
    });
    expect(answered.issues[0]).toMatchObject({ status: 'answered', late: false, abilities: ['answer'] });
    const closed = await call(rep, 'POST', `/api/performance-issues/${issue.id}/close`, {
      resolution: '已更换，问题解决',
    });
    expect(closed.issues[0]).toMatchObject({ status: 'closed', resolution: '已更换，问题解决' });
    const again2 = await supplier.request({
      method: 'POST',
      url: `/api/performance-issues/${issue.id}/answer`,
      payload: { response: '补充说明' },
    });
    expect(again2.json().code).toBe('ISSUE_CLOSED');
    await call(rep, 'POST', `/api/performance-issues/${must(byFinance.issues[1]).id}/close`, {
      resolution: '已说明',
    });
  });

  it('is suspended while a challenge that may affect the result is unanswered (条例54)', async () => {
    const [challenge] = await h.db
      .insert(challenges)
      .values({
        projectId: a.projectId,
        lotNo: 1,
        supplierId: a.bidders[1]?.supplierId ?? '',
        subject: 'result',
        requests: '重新评审',
        facts: '中标人资格存疑',
        filedAt: h.clock.now(),
        filedOn: '2026-04-15',
        windowClosesOn: '2026-04-15',
        replyDueOn: '2026-04-24',
        affectsResult: true,
        status: 'received',
      })
      .returning();
    const v = await view(supplier);
    expect(v.suspension.suspended).toBe(true);
    expect(v.abilities).not.toContain('report');
    const training = must(v.milestones[1]);
    const refused = await supplier.request({
      method: 'POST',
      url: `/api/milestones/${training.id}/report`,
      payload: { reportedOn: '2026-04-15', note: '培训已完成' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('PERFORMANCE_SUSPENDED');
    await h.db
      .update(challenges)
      .set({ status: 'answered', outcome: 'dismissed' })
      .where(eq(challenges.id, challenge?.id ?? ''));
    const ok = await call(supplier, 'POST', `/api/milestones/${training.id}/report`, {
      reportedOn: '2026-04-15',
      note: '培训已完成',
    });
    expect(ok.milestones[1]).toMatchObject({ reportedOn: '2026-04-15', late: false });
  });

  it('an invoice before acceptance has no due day: the clock starts at acceptance', async () => {
    // An add-on purchase (法49, ≤ 10%): 10 000.00 元 more may be paid.
    await h.db.insert(contractAmendments).values({
      contractId,
      kind: 'addOn',
      amountFen: 1_000_000n,
      content: '追加两台同型号设备',
      reason: '教学需要',
      effectiveOn: '2026-04-15',
      recordedAt: h.clock.now(),
    });
    const v = await call(
      supplier,
      'POST',
      url('invoices'),
      { number: 'FP-0001', amountFen: '41000000', issuedOn: '2026-04-14', receivedOn: '2026-04-15' },
      201,
    );
    expect(v.invoices[0]).toMatchObject({ number: 'FP-0001', dueOn: null, status: 'received' });
    expect(v.settlement).toMatchObject({ due: null, late: false });
    expect(v.settlement.dueNote).toContain('验收合格之日起算');
    const twice = await supplier.request({
      method: 'POST',
      url: url('invoices'),
      payload: { number: 'FP-0001', amountFen: '100', issuedOn: '2026-04-14', receivedOn: '2026-04-15' },
    });
    expect(twice.json().code).toBe('INVOICE_NUMBER_TAKEN');
  });

  let passedId = '';
  it('acceptance: the checklist from requirements, commitments and contract; a failure opens an issue', async () => {
    await on('2026-04-22');
    const list = (await rep.request({ method: 'GET', url: url('acceptance/checklist') })).json<
      z.infer<typeof checklistView>
    >();
    expect(list.largeProject).toBe(false);
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([
      'req:S1',
      'spec:T1',
      'bid:交货期',
      'contract:amount',
      'contract:period',
      'contract:place',
      'milestone:1',
      'milestone:2',
      'milestone:3',
    ]);
    expect(list.items[2]).toMatchObject({ source: 'commitment', expected: '30 日' });
    expect(must(list.items[3]).expected).toContain('410000.00 元（含变更/补充 10000.00 元）');

    const answer = (fail: string | null) =>
      list.items.map((i: { id: string }) =>
        i.id === fail ? { id: i.id, result: 'fail', note: '内存仅 8GB' } : { id: i.id, result: 'pass' },
      );
    const body = {
      members: ['王验收', '李验收'],
      opinion: '按合同约定逐项验收',
      acceptedOn: '2026-04-22',
    };
    const few = await rep.request({
      method: 'POST',
      url: url('acceptances'),
      payload: { ...body, members: ['王验收'], items: answer(null) },
    });
    expect(few.statusCode).toBe(422);
    expect(few.json().code).toBe('MEMBERS_TOO_FEW');
    const missing = await rep.request({
      method: 'POST',
      url: url('acceptances'),
      payload: { ...body, items: answer(null).slice(1) },
    });
    expect(missing.json().code).toBe('ITEMS_MISSING');

    const failed = await call(rep, 'POST', url('acceptances'), { ...body, items: answer('spec:T1') }, 201);
    expect(failed.contract.status).toBe('signed');
    expect(failed.acceptances[0]).toMatchObject({
      conclusion: 'failed',
      publicService: false,
      noticeId: null,
    });
    const opened = must(failed.issues.at(-1));
    expect(opened).toMatchObject({ category: 'quality', status: 'open' });
    expect(opened.description).toContain('内存仅 8GB');

    const noRecipients = await rep.request({
      method: 'POST',
      url: url('acceptances'),
      payload: { ...body, items: answer(null), publicService: true },
    });
    expect(noRecipients.json().code).toBe('RECIPIENTS_OPINION_REQUIRED');
    const passed = await call(
      rep,
      'POST',
      url('acceptances'),
      { ...body, items: answer(null), publicService: true, recipientsOpinion: '师生对设备和培训满意' },
      201,
    );
    expect(passed.contract.status).toBe('accepted');
    const acc = must(passed.acceptances[1]);
    expect(acc).toMatchObject({
      conclusion: 'passed',
      publicService: true,
      recipientsOpinion: '师生对设备和培训满意',
      opinion: '按合同约定逐项验收',
    });
    passedId = acc.id;
    const [notice] = await h.db
      .select()
      .from(notices)
      .where(eq(notices.id, must(acc.noticeId)));
    expect(notice).toMatchObject({ kind: 'acceptance', projectId: a.projectId, publishedOn: '2026-04-22' });
    expect(notice?.body).toContain('服务对象意见：师生对设备和培训满意');

    const again3 = await rep.request({
      method: 'POST',
      url: url('acceptances'),
      payload: { ...body, items: answer(null) },
    });
    expect(again3.json().code).toBe('CONTRACT_STATUS');
  });

  it('the acceptance report carries the SHA-256 of its canonical form', async () => {
    const res = await supplier.request({ method: 'GET', url: `/api/acceptances/${passedId}/report` });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.hashMatches).toBe(true);
    expect(createHash('sha256').update(canonicalJson(r.report)).digest('hex')).toBe(r.reportHash);
    expect(r.report).toMatchObject({ conclusion: 'passed', publicService: true, acceptedOn: '2026-04-22' });
    expect(
      r.document.blocks.some((b: { kind: string; text?: string }) => b.text?.includes(r.reportHash)),
    ).toBe(true);
    expect(
      (await stranger.request({ method: 'GET', url: `/api/acceptances/${passedId}/report` })).statusCode,
    ).toBe(404);
    const docx = await rep.request({ method: 'GET', url: `/api/acceptances/${passedId}/report/docx` });
    expect(docx.statusCode).toBe(200);
    const [signed] = await h.db.select().from(contracts).where(eq(contracts.id, contractId));
    expect(docx.headers['content-disposition']).toContain(
      encodeURIComponent(`${signed?.code ?? ''}-履约验收书.docx`),
    );
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('SME payment: due 30 days after acceptance, flagged late, overpayment refused, completed when paid', async () => {
    let v = await view(rep);
    // 2026-04-22 + 30 日 = 2026-05-22 (a Friday) (保障中小企业款项支付条例 第九条、第十条).
    expect(v.settlement.due).toMatchObject({ dueOn: '2026-05-22', capped: false });
    expect(must(v.settlement.due).rule).toContain('保障中小企业款项支付条例第九条、第十条');
    expect(must(v.invoices[0]).dueOn).toBe('2026-05-22');
    expect(v.settlement).toMatchObject({ payableFen: '41000000', paidFen: '0', late: false });

    await on('2026-05-20');
    v = await call(
      rep,
      'POST',
      url('payments'),
      { amountFen: '30000000', paidOn: '2026-05-20', reference: 'ZF-001', invoiceId: must(v.invoices[0]).id },
      201,
    );
    expect(v.payments[0]).toMatchObject({ dueOn: '2026-05-22', late: false });
    expect(v.contract.status).toBe('accepted');

    await on('2026-05-25');
    v = await view(rep);
    expect(v.settlement).toMatchObject({ late: true, daysLate: 3, outstandingFen: '11000000' });
    expect((await performanceAlerts(h.db, '2026-05-25')).filter((x) => x.kind === 'payment')).toEqual([
      expect.objectContaining({ entityId: contractId, dueOn: '2026-05-22', daysLate: 3 }),
    ]);
    expect((await supplier.request({ method: 'POST', url: url('payments'), payload: {} })).statusCode).toBe(
      403,
    );
    const over = await rep.request({
      method: 'POST',
      url: url('payments'),
      payload: { amountFen: '11000001', paidOn: '2026-05-25', reference: 'ZF-002', invoiceId: null },
    });
    expect(over.statusCode).toBe(409);
    expect(over.json().code).toBe('OVERPAID');

    v = await call(
      rep,
      'POST',
      url('payments'),
      { amountFen: '11000000', paidOn: '2026-05-25', reference: 'ZF-002', invoiceId: must(v.invoices[0]).id },
      201,
    );
    expect(v.contract.status).toBe('completed');
    expect(v.payments[1]).toMatchObject({ late: true, daysLate: 3 });
    expect(v.settlement).toMatchObject({ fullyPaid: true, late: true, daysLate: 3, outstandingFen: '0' });
    expect(v.invoices[0]).toMatchObject({ status: 'paid', paidFen: '41000000' });
    expect(v.abilities).not.toContain('recordPayment');
    expect((await performanceAlerts(h.db, '2026-05-25')).filter((x) => x.kind === 'payment')).toEqual([]);
    const [row] = await h.db.select().from(contracts).where(eq(contracts.id, contractId));
    expect(row?.status).toBe('completed');
  });

  it('savings: against the contract amount until paid, then against the payment (exact figures)', async () => {
    const v = await view(finance);
    // Budget 500 000.00 − paid 410 000.00 = 90 000.00 元, 18.00%.
    expect(v.savings.contract).toEqual({
      budgetFen: '50000000',
      contractFen: '40000000',
      paidFen: '41000000',
      savingsFen: '9000000',
      measuredAgainst: 'paid',
      savingsRateBp: 1800,
      savingsRateText: '18.00%',
    });
    expect(v.savings.lot).toMatchObject({ lotNo: 1, budgetFen: '50000000', savingsFen: '9000000' });
    const report = await savingsOf(h.db, { projectId: a.projectId });
    expect(report.total?.savings.savingsRateText).toBe('18.00%');
    expect(report.contracts).toHaveLength(1);
    // Before completion, the contract amount counted: 500 000.00 − 400 000.00 = 20.00% (seen at the start).
    await h.db.update(contracts).set({ status: 'accepted' }).where(eq(contracts.id, contractId));
    const before = await savingsOf(h.db, { projectId: a.projectId });
    expect(before.contracts[0]?.savings).toMatchObject({
      savingsFen: 10_000_000n,
      savingsRateText: '20.00%',
    });
    await h.db.update(contracts).set({ status: 'completed' }).where(eq(contracts.id, contractId));
  });

  it('every step left its audit event', async () => {
    const rows = await h.db.select({ action: auditEvents.action }).from(auditEvents);
    const actions = new Set(rows.map((r) => r.action));
    for (const a of [
      'milestone.planned',
      'milestone.reported',
      'milestone.confirmed',
      'issue.raised',
      'issue.answered',
      'issue.closed',
      'acceptance.recorded',
      'acceptance.noticePublished',
      'invoice.recorded',
      'payment.recorded',
      'contract.accepted',
      'contract.completed',
    ])
      expect(actions, a).toContain(a);
    const completed = await h.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'contract.completed'), eq(auditEvents.entityId, contractId)));
    expect(completed).toHaveLength(1);
  });
});
