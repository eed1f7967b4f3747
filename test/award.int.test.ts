/**
 * The award decision (条例43; 87号令68–69): the signed report reaches the purchaser, who confirms in the report's
 * order within 5 WD (or the first candidate is deemed confirmed when the period runs out, by a job that fires
 * once); the result notice and the letters; deposits of the losers fall due for refund.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueJobs } from '../src/platform/jobs/runner.ts';
import { jobHandlers } from '../src/app.ts';
import { bidDeposits } from '../src/modules/bidding/tables.ts';
import { startHarness, type TestHarness } from './support/harness.ts';
import { insertThresholds } from './support/projects.ts';
import { again } from './support/opening.ts';
import {
  confirmFirst,
  lowestPriceRequirements,
  publishResult,
  signedLot,
  type SignedLot,
} from './support/award.ts';
import { passAllChecks, reviewReady, startWithDeclarations } from './support/evaluation.ts';

let h: TestHarness;
let r: SignedLot;

beforeAll(async () => {
  h = await startHarness();
  await insertThresholds(h);
  r = await signedLot(h, { name: '定标测试项目' });
});
afterAll(async () => {
  await h.close();
});

const url = (p: SignedLot, what = '') => `/api/projects/${p.projectId}/award${what}`;

describe('定标', () => {
  it('gives the purchaser the report candidates and 5 working days, in the report order', async () => {
    const view = (await r.rep.request({ method: 'GET', url: url(r) })).json();
    const [lot] = view.lots;
    expect(lot.status).toBe('awaitingConfirmation');
    // Signed on Tue 2026-03-24: 5 WD → Tue 2026-03-31.
    expect(lot.reportDeliveredOn).toBe('2026-03-24');
    expect(lot.confirmation.dueOn).toBe('2026-03-31');
    expect(lot.confirmation.basis).toContain('第四十三条');
    expect(lot.candidates.map((c: { bidId: string }) => c.bidId)).toEqual(r.bidders.map((b) => b.bidId));
    expect(lot.candidates.map((c: { priceFen: string }) => c.priceFen)).toEqual([
      '40000000',
      '42000000',
      '45000000',
    ]);

    // Skipping the first candidate needs its lawful reason (条例43).
    const skip = await r.rep.request({
      method: 'POST',
      url: url(r, '/lots/1/confirm'),
      payload: { bidId: r.bidders[1]?.bidId },
    });
    expect(skip.statusCode).toBe(400);
    expect(skip.json()).toMatchObject({ code: 'AWARD_ORDER_NOT_FOLLOWED', path: 'body.passedOver' });
    // Neither the centre nor a supplier confirms; another purchaser does not see the project.
    expect(
      (
        await r.agent.request({
          method: 'POST',
          url: url(r, '/lots/1/confirm'),
          payload: { bidId: r.bidders[0]?.bidId },
        })
      ).statusCode,
    ).toBe(403);
    const stranger = await h.signedIn('purchaser');
    expect((await stranger.request({ method: 'GET', url: url(r) })).statusCode).toBe(404);
    // No result before every lot is decided.
    const early = await r.agent.request({ method: 'POST', url: url(r, '/result') });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('RESULT_NOT_READY');
  });

  it('confirms the winner, publishes the result with letters, and sets the losers’ deposits to be refunded', async () => {
    const confirmed = await confirmFirst(r);
    expect(confirmed.lots[0]).toMatchObject({
      status: 'confirmed',
      winner: { bidId: r.bidders[0]?.bidId, amountFen: '40000000', deemed: false, confirmedOn: '2026-03-24' },
      resultNotice: { dueOn: '2026-03-26', late: false },
      savingsFen: '10000000',
    });
    const view = await publishResult(r);
    expect(view.projectStatus).toBe('awarded');
    expect(view.lots[0]).toMatchObject({
      status: 'noticed',
      noticedOn: '2026-03-24',
      noticePeriodEndsOn: '2026-03-25',
    });
    const notice = (
      await (
        await h.client()
      ).request({ method: 'GET', url: `/api/portal/notices/${view.lots[0]?.noticeId}` })
    ).json();
    expect(notice.title).toContain('中标结果公告');
    expect(notice.body).toContain('肆拾万元整');

    // Each bidder reads its own letter only, with its own rank and the reason it lost.
    const [win, second, third] = r.bidders;
    const winLetters = (await win!.client.request({ method: 'GET', url: '/api/my/award-letters' })).json()
      .items;
    expect(winLetters).toHaveLength(1);
    expect(winLetters[0]).toMatchObject({ kind: 'award', content: { title: '中标通知书', ownRank: 1 } });
    const lost = (await second!.client.request({ method: 'GET', url: '/api/my/award-letters' })).json().items;
    expect(lost[0]).toMatchObject({ kind: 'result', content: { ownRank: 2, ownPriceFen: '42000000' } });
    // Its evaluated price after the 10% small-enterprise deduction, against the winner's.
    expect(lost[0].content.reasons[0]).toContain('378000.00');
    expect(lost[0].content.reasons[0]).toContain('360000.00');
    const other = await third!.client.request({
      method: 'POST',
      url: `/api/award-letters/${lost[0].id}/read`,
    });
    expect(other.statusCode).toBe(404);
    const read = await second!.client.request({
      method: 'POST',
      url: `/api/award-letters/${lost[0].id}/read`,
    });
    expect(read.json().readAt).not.toBeNull();

    const deposits = await h.db.select().from(bidDeposits).where(eq(bidDeposits.projectId, r.projectId));
    const bySupplier = new Map(deposits.map((d) => [d.supplierId, d]));
    expect(bySupplier.get(win!.supplierId)?.status).toBe('confirmed');
    for (const b of [second!, third!]) {
      expect(bySupplier.get(b.supplierId)).toMatchObject({ status: 'refundDue', refundDueOn: '2026-03-31' });
    }
    // The committee's draws are public with the result (87号令47).
    const draws = await (
      await h.client()
    ).request({ method: 'GET', url: `/api/portal/projects/${r.projectId}/draws` });
    expect(draws.statusCode).toBe(200);
  });
});

describe('视为确定 (87号令68)', () => {
  it('deems the first candidate confirmed once the 5 working days run out, exactly once', async () => {
    const p = await signedLot(h);
    // Across 清明 (2026-04-04…06): signed Tue 03-24, due Tue 03-31; the job runs just after that day ends.
    h.clock.set(new Date('2026-03-31T15:00:00Z')); // 23:00 Shanghai on the last day: still pending
    await runDueJobs(h.db, h.clock, jobHandlers, 'test'); // whatever else is due (earlier projects' closings)
    const pending = (await (await again(h, p.agent)).request({ method: 'GET', url: url(p) })).json();
    expect(pending.lots[0].status).toBe('awaitingConfirmation');
    h.clock.set(new Date('2026-03-31T16:00:01Z'));
    expect(await runDueJobs(h.db, h.clock, jobHandlers, 'test')).toBe(1);
    expect(await runDueJobs(h.db, h.clock, jobHandlers, 'test')).toBe(0);
    const agent = await again(h, p.agent);
    const view = (await agent.request({ method: 'GET', url: url(p) })).json();
    expect(view.lots[0]).toMatchObject({
      status: 'confirmed',
      winner: { bidId: p.bidders[0]?.bidId, deemed: true, confirmedOn: '2026-03-31' },
      // 2 WD from 03-31: 04-01, 04-02.
      resultNotice: { dueOn: '2026-04-02' },
    });
    // The notice still due: an overdue alert once 04-02 has passed (清明 04-04…06, so 04-07 is the next WD).
    h.clock.set(new Date('2026-04-07T02:00:00Z'));
    const late = (await (await again(h, p.agent)).request({ method: 'GET', url: url(p) })).json();
    expect(late.lots[0].resultNotice.late).toBe(true);
  });

  it('does not deem a winner when the purchaser gave a lawful reason', async () => {
    h.clock.set(new Date('2026-03-02T01:00:00Z'));
    const p = await signedLot(h);
    const delayed = await p.rep.request({
      method: 'POST',
      url: url(p, '/lots/1/delay'),
      payload: { reason: '第一中标候选人涉嫌提供虚假材料，正在核查' },
    });
    expect(delayed.statusCode, delayed.body).toBe(200);
    h.clock.set(new Date('2026-04-01T02:00:00Z'));
    await runDueJobs(h.db, h.clock, jobHandlers, 'test');
    const view = (await (await again(h, p.agent)).request({ method: 'GET', url: url(p) })).json();
    expect(view.lots[0]).toMatchObject({
      status: 'awaitingConfirmation',
      delayReason: expect.stringContaining('核查'),
    });
    expect(view.lots[0].confirmation.late).toBe(true);
  });
});

describe('废标 and 重新组织采购 (法36–37)', () => {
  it('publishes the 废标公告, frees the deposits, and procures again as a new draft by another method', async () => {
    h.clock.set(new Date('2026-03-02T01:00:00Z'));
    // One bidder paid no deposit: its bid is void (条例33), two qualified bids are too few (法36(1)).
    const p = await reviewReady(h, {
      name: '废标测试项目',
      specialty: 'AWF1',
      requirements: lowestPriceRequirements,
      bids: [{ priceFen: '40000000' }, { priceFen: '42000000' }, { priceFen: '45000000', deposit: false }],
    });
    await startWithDeclarations(p);
    await passAllChecks(p);
    const project = (await p.agent.request({ method: 'GET', url: `/api/projects/${p.projectId}` })).json();
    expect(project.status).toBe('failed');
    const failure = project.notices.find((n: { kind: string }) => n.kind === 'failure');
    expect(failure?.title).toBe('废标测试项目废标公告');
    const deposits = await h.db.select().from(bidDeposits).where(eq(bidDeposits.projectId, p.projectId));
    // Tue 2026-03-24 + 5 WD.
    expect(deposits.map((d) => [d.status, d.refundDueOn])).toEqual([
      ['refundDue', '2026-03-31'],
      ['refundDue', '2026-03-31'],
    ]);

    const again1 = await p.agent.request({
      method: 'POST',
      url: `/api/projects/${p.projectId}/retender`,
      payload: {
        reason: '合格投标人不足三家，重新组织采购',
        method: 'consultation',
        methodReason: '公开招标失败后改为竞争性磋商',
      },
    });
    expect(again1.statusCode, again1.body).toBe(201);
    const fresh = again1.json();
    expect(fresh).toMatchObject({ status: 'draft', method: 'consultation', name: '废标测试项目' });
    expect(fresh.code).not.toBe(project.code);
    const twice = await p.agent.request({
      method: 'POST',
      url: `/api/projects/${p.projectId}/retender`,
      payload: { reason: '再次重新组织采购' },
    });
    expect(twice.statusCode).toBe(409);
    // The failed project stays failed, on record; the purchaser follows the new one.
    expect(
      (await p.agent.request({ method: 'GET', url: `/api/projects/${p.projectId}` })).json().status,
    ).toBe('failed');
    expect((await p.rep.request({ method: 'GET', url: `/api/projects/${fresh.id}` })).statusCode).toBe(200);
  });
});
