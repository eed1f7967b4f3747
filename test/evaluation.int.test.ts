import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expertReviews } from '../src/modules/orgs/tables.ts';
import { verifyStatement, type SignedStatement } from '../src/platform/signing.ts';
import { startHarness, type TestHarness } from './support/harness.ts';
import { large, lot1 as lotOf, reviewReady, room as roomOf, type Review } from './support/evaluation.ts';
import { insertThresholds, type Client } from './support/projects.ts';

/**
 * A 综合评分法 lot evaluated end to end through the API: the review starts with an expert as chair, members
 * declare before they see a bid, checks are decided by majority with reasons, a bid without its deposit is void
 * whatever the members say, an abnormally low bid is explained by its bidder and decided by the chair, points
 * stay within range, price scores are computed from the SME-deducted prices, a deviating score is flagged,
 * every member signs the report (one dissenting) and the platform signs it.
 */
let h: TestHarness;
let r: Review;
let agent: Client;
let supervisor: Client;
let rep: Client;
let members: Client[];
let projectId: string;
let bidders: Record<'A' | 'B' | 'C' | 'D', { client: Client; bidId: string }>;
let outsider: Client;

const room = (c: Client) => roomOf(c, projectId);
const lot1 = (c: Client) => lotOf(c, projectId);
const lotUrl = (what: string) => `/api/projects/${projectId}/evaluation/lots/1/${what}`;

beforeAll(async () => {
  h = await startHarness(); // 2026-03-02 09:00 Shanghai; bids close 2026-03-23 09:30
  await insertThresholds(h);
  // Budget 500 000.00 元; 10% small/micro deduction; deposit 10 000.00 元 (cleanRequirements). D pays none.
  r = await reviewReady(h, {
    name: '综合评分测试项目',
    specialty: 'E01',
    bids: [
      { priceFen: '40000000' },
      { priceFen: '15000000', declarations: large },
      { priceFen: '39000000' },
      { priceFen: '38000000', deposit: false },
    ],
  });
  ({ agent, supervisor, rep, members, projectId } = r);
  const [a, b, c, d] = r.bidders;
  if (!a || !b || !c || !d || !r.outsider) throw new Error('setup');
  bidders = { A: a, B: b, C: c, D: d };
  outsider = r.outsider;
});
afterAll(async () => {
  await h.close();
});

describe('评审', () => {
  it('evaluates a 综合评分法 lot from the checks to the signed report', async () => {
    const sitting = [...members, rep];
    // The chair: never the purchaser's representative (财库〔2012〕69号).
    const before = (
      await agent.request({ method: 'GET', url: `/api/projects/${projectId}/committee` })
    ).json();
    const repSeat = before.seats.find((s: { kind: string }) => s.kind === 'purchaserRep').id;
    const expertSeat = before.seats.find(
      (s: { kind: string; status: string }) => s.kind === 'expert' && s.status === 'confirmed',
    ).id;
    const repChair = await agent.request({
      method: 'POST',
      url: `/api/projects/${projectId}/evaluation`,
      payload: { chairSeatId: repSeat },
    });
    expect(repChair.statusCode).toBe(409);
    expect(repChair.json().message).toContain('采购人代表不得担任');
    const started = await agent.request({
      method: 'POST',
      url: `/api/projects/${projectId}/evaluation`,
      payload: { chairSeatId: expertSeat },
    });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json()).toMatchObject({ projectStatus: 'evaluating', started: true });

    // Nothing of the bids before the declaration; an expert of another project has no room; suppliers none.
    const undeclared = await room(members[0] as Client);
    expect(undeclared).toMatchObject({ lots: [], me: { member: true, declared: false } });
    expect(undeclared.abilities).toContain('declare');
    expect(undeclared.bidders).toHaveLength(4);
    const docUrl = `/api/projects/${projectId}/evaluation/documents/${bidders.A.bidId}/doc:0`;
    expect((await (members[0] as Client).request({ method: 'GET', url: docUrl })).json().code).toBe(
      'DECLARATION_REQUIRED',
    );
    expect(
      (await outsider.request({ method: 'GET', url: `/api/projects/${projectId}/evaluation` })).statusCode,
    ).toBe(404);
    expect(
      (await bidders.A.client.request({ method: 'GET', url: `/api/projects/${projectId}/evaluation` }))
        .statusCode,
    ).toBe(403);
    for (const m of sitting) {
      const d = await m.request({ method: 'POST', url: `/api/projects/${projectId}/evaluation/declaration` });
      expect(d.statusCode, d.body).toBe(200);
    }
    const doc = await (members[0] as Client).request({ method: 'GET', url: docUrl });
    expect(doc.body).toBe('第 1 家投标人的技术方案');

    // Checks: every requirement of every bid, a fail needs its reason; one member fails C alone.
    const lot = await lot1(members[0] as Client);
    expect(lot.status).toBe('checking');
    const clauses = [
      ...lot.clauses.qualification.map((c) => ({ kind: 'qualification' as const, clauseId: c.id })),
      ...lot.clauses.compliance.map((c) => ({ kind: 'compliance' as const, clauseId: c.id })),
    ];
    const noReason = await (members[1] as Client).request({
      method: 'POST',
      url: lotUrl('checks'),
      payload: { bidId: bidders.C.bidId, results: [{ kind: 'qualification', clauseId: 'Q1', pass: false }] },
    });
    expect(noReason.json()).toMatchObject({ code: 'REASON_REQUIRED' });
    const chairClient = await (async () => {
      for (const m of sitting) if ((await room(m)).me.chair) return m;
      throw new Error('no chair');
    })();
    // 算术修正 (87号令59): C wrote 叁拾捌万玖仟元整 in words beside 390 000.00 in figures — the words prevail.
    const byMember = await rep.request({
      method: 'POST',
      url: lotUrl('corrections'),
      payload: { bidId: bidders.C.bidId, words: '人民币叁拾捌万玖仟元整' },
    });
    expect(byMember.json().code).toBe('CHAIR_ONLY');
    const corrected = await chairClient.request({
      method: 'POST',
      url: lotUrl('corrections'),
      payload: { bidId: bidders.C.bidId, words: '人民币叁拾捌万玖仟元整' },
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect((await lot1(agent)).corrections).toEqual([
      expect.objectContaining({ originalFen: '39000000', correctedFen: '38900000', bidderDecision: null }),
    ]);
    const early = await rep.request({ method: 'POST', url: lotUrl('submit'), payload: { phase: 'checks' } });
    expect(early.json().code).toBe('WORK_INCOMPLETE');
    for (const [i, m] of sitting.entries()) {
      for (const k of ['A', 'B', 'C', 'D'] as const) {
        const results = clauses.map((c) =>
          i === 1 && k === 'C' && c.clauseId === 'Q1'
            ? { ...c, pass: false, reason: '营业执照经营范围不含计算机销售（招标文件资格条件Q1）' }
            : { ...c, pass: true },
        );
        const r = await m.request({
          method: 'POST',
          url: lotUrl('checks'),
          payload: { bidId: bidders[k].bidId, results },
        });
        expect(r.statusCode, r.body).toBe(200);
      }
      const s = await m.request({ method: 'POST', url: lotUrl('submit'), payload: { phase: 'checks' } });
      expect(s.statusCode, s.body).toBe(200);
    }
    const locked = await rep.request({
      method: 'POST',
      url: lotUrl('checks'),
      payload: { bidId: bidders.A.bidId, results: [{ kind: 'qualification', clauseId: 'Q1', pass: true }] },
    });
    expect(locked.statusCode).toBe(409);

    // The checks wait for C's answer to the correction; C confirms it.
    expect((await lot1(agent)).status).toBe('checking');
    const [correction] = (
      await bidders.C.client.request({
        method: 'GET',
        url: `/api/projects/${projectId}/evaluation/my-corrections`,
      })
    ).json().items;
    expect(
      (
        await bidders.A.client.request({
          method: 'POST',
          url: `/api/price-corrections/${correction.id}/answer`,
          payload: { accept: true },
        })
      ).statusCode,
    ).toBe(404);
    const confirmed = await bidders.C.client.request({
      method: 'POST',
      url: `/api/price-corrections/${correction.id}/answer`,
      payload: { accept: true },
    });
    expect(confirmed.json()).toMatchObject({ bidderDecision: 'confirmed', correctedFen: '38900000' });

    // D paid no deposit: void whatever the members found (条例33). C passes by majority (1 of 5 failed it).
    // B at 150 000.00 元 is below half the average and 45% of the budget: it must explain (财库〔2026〕2号).
    const afterChecks = await lot1(agent);
    expect(afterChecks.status).toBe('abnormal');
    const byId = (id: string) => afterChecks.bids.find((b) => b.bidId === id);
    expect(byId(bidders.D.bidId)).toMatchObject({ qualified: false });
    expect(byId(bidders.D.bidId)?.automatic[0]).toContain('投标保证金');
    expect(byId(bidders.C.bidId)).toMatchObject({ qualified: true, failed: [] });
    expect(afterChecks.abnormal).toHaveLength(1);
    const [review] = afterChecks.abnormal;
    if (!review) throw new Error('no abnormal review');
    expect(review.bidId).toBe(bidders.B.bidId);
    expect(review.triggers.map((t: { kind: string }) => t.kind).sort()).toEqual([
      'average',
      'ceiling',
      'secondLowest',
    ]);
    expect(Date.parse(review.dueAt) - Date.parse(review.requestedAt)).toBe(30 * 60_000);

    const tooSoon = await chairClient.request({
      method: 'POST',
      url: `/api/abnormal-reviews/${review.id}/decision`,
      payload: { accept: false, reason: '未在规定时间内说明' },
    });
    expect(tooSoon.json().code).toBe('EXPLANATION_TIME');
    const mine = (
      await bidders.B.client.request({
        method: 'GET',
        url: `/api/projects/${projectId}/evaluation/my-reviews`,
      })
    ).json();
    expect(mine.items).toHaveLength(1);
    expect(
      (
        await bidders.A.client.request({
          method: 'GET',
          url: `/api/projects/${projectId}/evaluation/my-reviews`,
        })
      ).json().items,
    ).toEqual([]);
    const foreign = await bidders.A.client.request({
      method: 'POST',
      url: `/api/abnormal-reviews/${review.id}/explanation`,
      payload: { text: '我公司并非该投标人，但试图提交说明以干扰评审的内容' },
    });
    expect(foreign.statusCode).toBe(404);
    const explained = await bidders.B.client.request({
      method: 'POST',
      url: `/api/abnormal-reviews/${review.id}/explanation`,
      payload: {
        text: '我公司为该产品的生产厂家，库存设备已计提折旧，报价包含全部运输安装和三年质保费用，附成本测算表。',
      },
    });
    expect(explained.statusCode, explained.body).toBe(200);
    const notChair = sitting.find((m) => m !== chairClient) as Client;
    expect(
      (
        await notChair.request({
          method: 'POST',
          url: `/api/abnormal-reviews/${review.id}/decision`,
          payload: { accept: true, reason: '说明合理' },
        })
      ).json().code,
    ).toBe('CHAIR_ONLY');
    const decided = await chairClient.request({
      method: 'POST',
      url: `/api/abnormal-reviews/${review.id}/decision`,
      payload: { accept: true, reason: '投标人提供了成本测算，能够证明报价合理' },
    });
    expect(decided.statusCode, decided.body).toBe(200);

    // Scores: within each item's range; one expert far below the others on A's P1.
    expect((await lot1(agent)).status).toBe('scoring');
    const tooHigh = await rep.request({
      method: 'POST',
      url: lotUrl('scores'),
      payload: { bidId: bidders.A.bidId, items: [{ itemId: 'P1', points: '40.01' }] },
    });
    expect(tooHigh.json()).toMatchObject({ code: 'SCORE_OUT_OF_RANGE', path: 'body.items.0.points' });
    const unqualified = await rep.request({
      method: 'POST',
      url: lotUrl('scores'),
      payload: { bidId: bidders.D.bidId, items: [{ itemId: 'P1', points: '10' }] },
    });
    expect(unqualified.json().code).toBe('BID_UNKNOWN');
    const points: Record<'A' | 'B' | 'C', [string, string]> = {
      A: ['40', '18'],
      B: ['20', '10'],
      C: ['39', '19'],
    };
    for (const [i, m] of sitting.entries()) {
      for (const k of ['A', 'B', 'C'] as const) {
        const [p1, p2] = points[k];
        const r = await m.request({
          method: 'POST',
          url: lotUrl('scores'),
          payload: {
            bidId: bidders[k].bidId,
            items: [
              { itemId: 'P1', points: i === 2 && k === 'A' ? '10' : p1 },
              { itemId: 'P2', points: p2 },
            ],
          },
        });
        expect(r.statusCode, r.body).toBe(200);
      }
      expect(
        (await m.request({ method: 'POST', url: lotUrl('submit'), payload: { phase: 'scores' } })).statusCode,
      ).toBe(200);
    }

    // Ranking: A 400 000 − 10% = 360 000; B 150 000 (large: no deduction) is the benchmark; C 351 000.
    // C is evaluated at its confirmed correction, 389 000 − 10% = 350 100.
    // Price score = 150 000 / price × 40. A: P1 (40·4 + 10)/5 = 34, P2 18, price 16.67 → 68.67;
    // B: 20 + 10 + 40 = 70; C: 39 + 19 + 17.14 → 75.14.
    const ranked = await lot1(agent);
    expect(ranked.status).toBe('reporting');
    const entries = (
      ranked.ranking as { entries: { bidId: string; total: { rounded: string }; evaluatedFen: string }[] }
    ).entries;
    expect(entries.map((e) => [e.bidId, e.total.rounded, e.evaluatedFen])).toEqual([
      [bidders.C.bidId, '75.14', '35010000'],
      [bidders.B.bidId, '70.00', '15000000'],
      [bidders.A.bidId, '68.67', '36000000'],
    ]);
    expect(ranked.deviations).toEqual([
      expect.objectContaining({ criterionId: 'P1', bidId: bidders.A.bidId, points: '10' }),
    ]);
    // A member who is not the chair does not see the deviations; its own points only.
    const plain = await lot1(notChair);
    expect(plain.deviations).toEqual([]);
    expect(plain.myScores).toHaveLength(6);

    // Signatures: on the report's hash; one member dissents with reasons.
    const wrongHash = await rep.request({
      method: 'POST',
      url: lotUrl('sign'),
      payload: { agree: true, reportHash: '0'.repeat(64) },
    });
    expect(wrongHash.json().code).toBe('REPORT_CHANGED');
    for (const [i, m] of sitting.entries()) {
      const r = await m.request({
        method: 'POST',
        url: lotUrl('sign'),
        payload:
          i === 3
            ? { agree: false, dissent: '认为乙公司报价明显偏低，存在履约风险', reportHash: ranked.reportHash }
            : { agree: true, reportHash: ranked.reportHash },
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    const signed = await lot1(supervisor);
    expect(signed.status).toBe('signed');
    expect(signed.signatures).toHaveLength(5);
    const statement = signed.signedReport as SignedStatement<{
      reportHash: string;
      signatures: { agree: boolean }[];
    }>;
    expect(verifyStatement(statement).ok).toBe(true);
    expect(statement.statement.reportHash).toBe(ranked.reportHash);
    expect(statement.statement.signatures.filter((s) => !s.agree)).toHaveLength(1);
    // The signed report goes to the purchaser; another unit's purchaser has no such project.
    const reports = (
      await rep.request({ method: 'GET', url: `/api/projects/${projectId}/evaluation/reports` })
    ).json();
    expect(reports.items).toEqual([
      expect.objectContaining({ lotNo: 1, status: 'signed', reportHash: ranked.reportHash }),
    ]);
    const stranger = await h.signedIn('purchaser');
    expect(
      (await stranger.request({ method: 'GET', url: `/api/projects/${projectId}/evaluation/reports` }))
        .statusCode,
    ).toBe(404);
    const reviews = await h.db.select().from(expertReviews).where(eq(expertReviews.specialtyCode, 'E01'));
    expect(reviews).toHaveLength(4);
  });
});
