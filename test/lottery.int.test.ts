import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projects } from '../src/modules/tendering/tables.ts';
import { drawExportSchema, runDraw, verifyDraw } from '../src/modules/evaluation/draw.contract.ts';
import { startHarness, type TestHarness } from './support/harness.ts';
import { cleanRequirements, insertThresholds } from './support/projects.ts';
import {
  lot1,
  passAllChecks,
  reviewReady,
  signAll,
  startWithDeclarations,
  type Review,
} from './support/evaluation.ts';

/**
 * 合理定价评审抽签法 end to end (seed 000; RULES.md §10.3): the documents announce 定标价 = 财政评审价 × (1 − 下浮比例);
 * bidders bid that price; a bid at another price is void; the qualified bidders (at least three) are put in
 * order by a public, verifiable lottery — the centre commits, a supervisor gives the on-site input, anyone replays.
 */
let h: TestHarness;
let r: Review;
// 财政评审价 480 000.00 元, 下浮 8% → 定标价 441 600.00 元 (within the 500 000.00 元 budget).
const LOTTERY_PRICE = '44160000';

beforeAll(async () => {
  h = await startHarness();
  await insertThresholds(h);
  r = await reviewReady(h, {
    name: '合理定价抽签测试项目',
    specialty: 'L01',
    requirements: {
      ...cleanRequirements,
      scoring: [],
      priceWeightBp: null,
      evaluationMethod: 'priceLottery',
      lottery: {
        floatDownBp: 800,
        rounding: 'yuan',
        mode: 'halfUp',
        reviewed: [{ lotNo: 1, reviewedFen: '48000000' }],
      },
    },
    bids: [
      { priceFen: LOTTERY_PRICE },
      { priceFen: LOTTERY_PRICE },
      { priceFen: LOTTERY_PRICE },
      // Quoted its own price instead of the announced one.
      { priceFen: '43000000' },
    ],
  });
});
afterAll(async () => {
  await h.close();
});

describe('合理定价评审抽签法', () => {
  it('announces the 定标价, voids another price, and draws the order of the qualified bidders verifiably', async () => {
    const project = (await r.agent.request({ method: 'GET', url: `/api/projects/${r.projectId}` })).json();
    expect(project.lots[0].lotteryPriceFen).toBe(LOTTERY_PRICE);
    const list = (await r.agent.request({ method: 'GET', url: '/api/portal/notices?pageSize=100' })).json();
    const notice = list.items.find((n: { projectCode: string }) => n.projectCode === project.code);
    const text = (await r.agent.request({ method: 'GET', url: `/api/portal/notices/${notice.id}` })).json();
    expect(text.body).toContain('定标价：第1包 441,600.00元');

    await startWithDeclarations(r);
    await passAllChecks(r);
    // No abnormal-low check and no scoring: the price is fixed (87号令55); the lot waits for its lottery.
    const waiting = await lot1(r.agent, r.projectId);
    expect(waiting.status).toBe('awaitingDraw');
    const [a, b, c, d] = r.bidders.map((x) => x.bidId);
    const void4 = waiting.bids.find((x) => x.bidId === d);
    expect(void4?.qualified).toBe(false);
    expect(void4?.automatic[0]).toContain('定标价');
    expect(waiting.pendingDraws).toEqual([{ purpose: 'lottery', subject: 'lot-1:lottery', candidates: 3 }]);

    // Only the centre prepares; only a supervisor draws.
    const byMember = await (r.members[0] as typeof r.agent).request({
      method: 'POST',
      url: `/api/projects/${r.projectId}/evaluation/lots/1/draws`,
    });
    expect(byMember.statusCode).toBe(403);
    const prepared = await r.agent.request({
      method: 'POST',
      url: `/api/projects/${r.projectId}/evaluation/lots/1/draws`,
    });
    expect(prepared.statusCode, prepared.body).toBe(201);
    expect(prepared.json()).toMatchObject({ purpose: 'lottery', status: 'committed', serverSeed: null });
    const drawn = await r.supervisor.request({
      method: 'POST',
      url: `/api/draws/${prepared.json().id}/witness`,
      payload: { supervisorInput: '抽签现场 2026-03-24 甲乙丙' },
    });
    expect(drawn.statusCode, drawn.body).toBe(200);

    // The ranking is the drawn order; the export replays to the same order.
    const ranked = await lot1(r.agent, r.projectId);
    expect(ranked.status).toBe('reporting');
    const order = (ranked.ranking as { entries: { bidId: string; rank: number }[] }).entries.map(
      (e) => e.bidId,
    );
    const exported = drawExportSchema.parse(
      (await r.supervisor.request({ method: 'GET', url: `/api/draws/${prepared.json().id}/export` })).json(),
    );
    expect(await verifyDraw(exported.inputs, exported.result)).toEqual({ ok: true });
    expect((await runDraw(exported.inputs)).slots[0]?.order).toEqual(order);
    expect([...order].sort()).toEqual([a, b, c].sort());

    await signAll(r);
    expect((await lot1(r.agent, r.projectId)).status).toBe('signed');

    // Public only with the result: before it, nobody outside sees the draws; after it, anyone replays them,
    // names included (87号令 第四十七条). The award itself is the next stage's: set here by SQL.
    const visitor = await h.client();
    const url = `/api/portal/projects/${r.projectId}/draws`;
    expect((await visitor.request({ method: 'GET', url })).statusCode).toBe(404);
    await h.db.update(projects).set({ status: 'awarded' }).where(eq(projects.id, r.projectId));
    const published = await visitor.request({ method: 'GET', url });
    expect(published.statusCode, published.body).toBe(200);
    const records = published.json().map((x: unknown) => drawExportSchema.parse(x));
    expect(records.map((x: { inputs: { purpose: string } }) => x.inputs.purpose)).toEqual([
      'committee',
      'lottery',
    ]);
    for (const record of records)
      expect(await verifyDraw(record.inputs, record.result)).toEqual({ ok: true });
    const [committeeDraw, lotteryDraw] = records;
    expect(Object.values(committeeDraw.candidates ?? {}).length).toBeGreaterThanOrEqual(4);
    expect(Object.keys(lotteryDraw.candidates ?? {}).sort()).toEqual([a, b, c].sort());
  });
});
