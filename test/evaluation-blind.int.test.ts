import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawExportSchema, verifyDraw } from '../src/modules/evaluation/draw.contract.ts';
import { startHarness, type TestHarness } from './support/harness.ts';
import { cleanRequirements, insertThresholds, type Client } from './support/projects.ts';
import {
  lot1,
  passAllChecks,
  reviewReady,
  signAll,
  startWithDeclarations,
  type Review,
} from './support/evaluation.ts';

/**
 * Two evaluations the main test does not cover: a 暗标 lot, scored on anonymised parts as 投标人A, B, C… with
 * prices and names hidden until every blind score is locked (RULES.md §10.2); and a 最低评标价法 lot whose equal
 * evaluated prices are ordered by a verifiable draw (87号令68).
 */
let h: TestHarness;
afterAll(async () => {
  await h.close();
});
beforeAll(async () => {
  h = await startHarness();
  await insertThresholds(h);
});

async function scoreAll(r: Review, points: Record<string, [string, string]>) {
  for (const m of [...r.members, r.rep]) {
    for (const b of r.bidders) {
      const [p1, p2] = points[b.bidId] ?? ['30', '15'];
      const res = await m.request({
        method: 'POST',
        url: `/api/projects/${r.projectId}/evaluation/lots/1/scores`,
        payload: {
          bidId: b.bidId,
          items: [
            { itemId: 'P1', points: p1 },
            { itemId: 'P2', points: p2 },
          ],
        },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const s = await m.request({
      method: 'POST',
      url: `/api/projects/${r.projectId}/evaluation/lots/1/submit`,
      payload: { phase: 'blind' },
    });
    expect(s.statusCode, s.body).toBe(200);
  }
}

describe('暗标', () => {
  it('scores anonymised parts as 投标人A… and reveals who is who only after every blind score is locked', async () => {
    const r = await reviewReady(h, {
      name: '暗标评审测试项目',
      specialty: 'B01',
      requirements: { ...cleanRequirements, blindTechnical: true },
      bids: [
        { priceFen: '40000000', blindText: () => '本方案采用模块化部署，分三个阶段实施。' },
        { priceFen: '41000000', blindText: () => '项目负责人具有十年经验，实施周期 30 天。' },
        { priceFen: '42000000', blindText: (name) => `本项目由${name}组织实施，售后热线见附件。` },
      ],
    });
    await startWithDeclarations(r);
    const member = r.members[0] as Client;
    const blind = await lot1(member, r.projectId);
    expect(blind.status).toBe('blindScoring');
    expect(blind.bids.map((b) => b.label).sort()).toEqual(['投标人A', '投标人B', '投标人C']);
    expect(
      blind.bids.every((b) => b.supplierName === null && b.priceFen === null && b.declarations === null),
    ).toBe(true);
    // Only the anonymised parts, under neutral names; the named technical part stays closed.
    expect(
      blind.bids.every((b) => b.documents.length === 1 && b.documents[0]?.kind === 'blindTechnical'),
    ).toBe(true);
    const first = blind.bids.find((b) => b.bidId === r.bidders[0]?.bidId);
    const anonymous = await member.request({
      method: 'GET',
      url: `/api/projects/${r.projectId}/evaluation/documents/${first?.bidId}/doc:1`,
    });
    expect(anonymous.body).toBe('本方案采用模块化部署，分三个阶段实施。');
    expect(decodeURIComponent(String(anonymous.headers['content-disposition']))).toContain(
      `投标人${first?.code}-暗标技术文件.txt`,
    );
    const named = await member.request({
      method: 'GET',
      url: `/api/projects/${r.projectId}/evaluation/documents/${first?.bidId}/doc:0`,
    });
    expect(named.json().code).toBe('BLIND_PHASE');
    // The third bidder wrote its own name into the anonymised part: the committee gets the leak report,
    // with the name masked.
    const leaky = blind.bids.find((b) => b.bidId === r.bidders[2]?.bidId);
    const findings = (leaky?.scan as { findings: { kind: string; excerpt: string }[] }[])[0]?.findings ?? [];
    expect(findings.some((f) => f.kind === 'name' && f.excerpt.includes('■'))).toBe(true);
    const clean = blind.bids.find((b) => b.bidId === r.bidders[0]?.bidId);
    expect(
      (clean?.scan as { findings: { severity: string }[] }[])[0]?.findings.filter(
        (f) => f.severity === 'high',
      ),
    ).toEqual([]);
    // The watchers see codes too: nobody learns the mapping before the scores are locked.
    expect((await lot1(r.agent, r.projectId)).bids.every((b) => b.supplierName === null)).toBe(true);

    await scoreAll(r, {});
    const revealed = await lot1(member, r.projectId);
    expect(revealed.status).toBe('checking');
    expect(revealed.bids.every((b) => b.supplierName !== null && b.label.includes('（投标人'))).toBe(true);
    // The blind scores were locked before the checks: they cannot change now.
    const late = await member.request({
      method: 'POST',
      url: `/api/projects/${r.projectId}/evaluation/lots/1/scores`,
      payload: { bidId: r.bidders[0]?.bidId, items: [{ itemId: 'P1', points: '1' }] },
    });
    expect(late.statusCode).toBe(409);

    await passAllChecks(r);
    const ranked = await lot1(r.agent, r.projectId);
    expect(ranked.status).toBe('reporting');
    await signAll(r);
    expect((await lot1(r.agent, r.projectId)).status).toBe('signed');
  });
});

describe('ties', () => {
  it('orders equal evaluated prices by a verifiable tie-break draw', async () => {
    const r = await reviewReady(h, {
      name: '最低评标价并列测试项目',
      specialty: 'T01',
      requirements: {
        ...cleanRequirements,
        evaluationMethod: 'lowestPrice',
        scoring: [],
        priceWeightBp: null,
      },
      bids: [{ priceFen: '40000000' }, { priceFen: '40000000' }, { priceFen: '45000000' }],
    });
    await startWithDeclarations(r);
    await passAllChecks(r);
    const waiting = await lot1(r.agent, r.projectId);
    expect(waiting.status).toBe('awaitingDraw');
    expect(waiting.pendingDraws).toHaveLength(1);
    expect(waiting.pendingDraws[0]).toMatchObject({ purpose: 'tieBreak', candidates: 2 });
    const prepared = await r.agent.request({
      method: 'POST',
      url: `/api/projects/${r.projectId}/evaluation/lots/1/draws`,
    });
    expect(prepared.statusCode, prepared.body).toBe(201);
    const drawn = await r.supervisor.request({
      method: 'POST',
      url: `/api/draws/${prepared.json().id}/witness`,
      payload: { supervisorInput: '并列抽签 0324' },
    });
    expect(drawn.statusCode, drawn.body).toBe(200);
    const ranked = await lot1(r.agent, r.projectId);
    expect(ranked.status).toBe('reporting');
    const entries = (ranked.ranking as { entries: { bidId: string; rank: number }[] }).entries;
    const exported = drawExportSchema.parse(
      (await r.agent.request({ method: 'GET', url: `/api/draws/${prepared.json().id}/export` })).json(),
    );
    expect(await verifyDraw(exported.inputs, exported.result)).toEqual({ ok: true });
    // The two tied bids first, in the drawn order; the dearer one third.
    expect(entries.map((e) => e.bidId)).toEqual([
      ...(exported.result.slots[0]?.order ?? []),
      r.bidders[2]?.bidId,
    ]);
    expect(entries.map((e) => e.rank)).toEqual([1, 2, 3]);
  });
});

describe('raised abnormal-low rates', () => {
  it('applies the rates the documents raised (at most 65%, 财库〔2026〕2号)', async () => {
    const requirements = {
      ...cleanRequirements,
      evaluationMethod: 'lowestPrice',
      scoring: [],
      priceWeightBp: null,
      abnormalRates: { averageBp: 6500, secondLowestBp: 6500, ceilingBp: 6500 },
    };
    // 250 000.00 元 is above every default threshold (17.8, 20 and 22.5 万元) but below 65% of the second-lowest
    // (26 万元) and of the budget (32.5 万元).
    const r = await reviewReady(h, {
      name: '提高异常低价标准测试项目',
      specialty: 'R01',
      requirements,
      bids: [{ priceFen: '40000000' }, { priceFen: '42000000' }, { priceFen: '25000000' }],
    });
    await startWithDeclarations(r);
    await passAllChecks(r);
    const lot = await lot1(r.agent, r.projectId);
    expect(lot.status).toBe('abnormal');
    expect(lot.abnormal.map((a) => [a.bidId, a.triggers.map((t) => t.kind).sort()])).toEqual([
      [r.bidders[2]?.bidId, ['ceiling', 'secondLowest']],
    ]);
    // Above 65% the documents are refused when they are written.
    const tooHigh = await r.agent.request({
      method: 'POST',
      url: '/api/projects',
      payload: {
        name: '超限测试',
        requirements: { ...requirements, abnormalRates: { ...requirements.abnormalRates, ceilingBp: 6600 } },
      },
    });
    expect(tooHigh.statusCode).toBe(400);
    expect(JSON.stringify(tooHigh.json())).toContain('abnormalRates');
  });
});
