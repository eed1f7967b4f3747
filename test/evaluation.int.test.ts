import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { evaluationView } from '../src/modules/evaluation/contract.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expertReviews, expertSpecialties, specialties } from '../src/modules/orgs/tables.ts';
import { verifyStatement, type SignedStatement } from '../src/platform/signing.ts';
import { startHarness, type TestHarness } from './support/harness.ts';
import { again, custodians, handIn, projectWithCustodians, sealedBid } from './support/opening.ts';
import { insertThresholds, type Client } from './support/projects.ts';

/**
 * A 综合评分法 lot evaluated end to end through the API: the review starts with an expert as chair, members
 * declare before they see a bid, checks are decided by majority with reasons, a bid without its deposit is void
 * whatever the members say, an abnormally low bid is explained by its bidder and decided by the chair, points
 * stay within range, price scores are computed from the SME-deducted prices, a deviating score is flagged,
 * every member signs the report (one dissenting) and the platform signs it.
 */
let h: TestHarness;
let agent: Client;
let supervisor: Client;
let rep: Client;
const members: Client[] = [];
let projectId: string;
const bidders: Record<'A' | 'B' | 'C' | 'D', { client: Client; bidId: string }> = {} as never;
let outsider: Client;

async function room(c: Client) {
  const res = await c.request({ method: 'GET', url: `/api/projects/${projectId}/evaluation` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<z.infer<typeof evaluationView>>();
}
/** The room's only lot, as the caller sees it. */
async function lot1(c: Client) {
  const [lot] = (await room(c)).lots;
  if (!lot) throw new Error('no lot in the room');
  return lot;
}
const lotUrl = (what: string) => `/api/projects/${projectId}/evaluation/lots/1/${what}`;

beforeAll(async () => {
  h = await startHarness(); // 2026-03-02 09:00 Shanghai; bids close 2026-03-23 09:30
  await insertThresholds(h);
  const c = await custodians(h);
  ({ agent, supervisor } = c);
  rep = await h.signedIn('purchaser');
  const p = await projectWithCustodians(h, {
    agent,
    supervisor,
    purchaserId: rep.user.purchaserId ?? '',
    name: '综合评分测试项目',
    lots: 1,
  });
  projectId = p.id;
  // Budget 500 000.00 元; 10% small/micro deduction; deposit 10 000.00 元 (cleanRequirements).
  const doc = (text: string) => [
    {
      kind: 'technical' as const,
      name: '技术方案.txt',
      mime: 'text/plain',
      bytes: new TextEncoder().encode(text),
    },
  ];
  const small = { sme: { size: 'small' as const, statement: '小型企业' }, domesticProduct: null, other: {} };
  const large = { sme: { size: 'none' as const, statement: '' }, domesticProduct: null, other: {} };
  bidders.A = await sealedBid(h, projectId, [[1, '40000000']], {
    documents: doc('甲方案'),
    declarations: small,
  });
  bidders.B = await sealedBid(h, projectId, [[1, '15000000']], {
    documents: doc('乙方案'),
    declarations: large,
  });
  bidders.C = await sealedBid(h, projectId, [[1, '39000000']], {
    documents: doc('丙方案'),
    declarations: small,
  });
  bidders.D = await sealedBid(h, projectId, [[1, '38000000']], {
    documents: doc('丁方案'),
    declarations: small,
  });
  // A, B and C pay the deposit and the centre confirms it; D never pays.
  for (const [i, k] of (['A', 'B', 'C'] as const).entries()) {
    const d = await bidders[k].client.request({
      method: 'POST',
      url: `/api/projects/${projectId}/deposit`,
      payload: {
        form: 'bankGuarantee',
        amountFen: '1000000',
        payerName: `${k}公司`,
        guaranteeNo: `BH2026-${i}`,
      },
    });
    expect(d.statusCode, d.body).toBe(200);
    expect(
      (await agent.request({ method: 'POST', url: `/api/deposits/${d.json().id}/confirm` })).statusCode,
    ).toBe(200);
  }

  // The committee: four experts drawn (异地评审, so the draw may be made today) and the purchaser's representative.
  await h.db.insert(specialties).values([{ code: 'E01', name: '计算机设备', parentCode: null }]);
  const pool: { id: string; username: string; password: string }[] = [];
  for (let i = 0; i < 6; i++) {
    const u = await h.createUser('expert');
    await h.db.insert(expertSpecialties).values({ expertId: u.expertId ?? '', specialtyCode: 'E01' });
    pool.push({ id: u.expertId ?? '', username: u.username, password: u.password });
  }
  const formed = await agent.request({
    method: 'POST',
    url: `/api/projects/${projectId}/committee`,
    payload: {
      reviewAt: '2026-03-24T09:00:00+08:00',
      reviewPlace: '评标一室',
      remote: true,
      slots: [{ specialtyCode: 'E01', count: 4, alternates: 1 }],
      purchaserReps: [{ name: '采购人代表', userId: rep.user.id }],
    },
  });
  expect(formed.statusCode, formed.body).toBe(201);
  const prepared = await agent.request({ method: 'POST', url: `/api/projects/${projectId}/committee/draws` });
  const drawId = prepared.json().draws[0].id;
  const witnessed = await supervisor.request({
    method: 'POST',
    url: `/api/draws/${drawId}/witness`,
    payload: { supervisorInput: '评审专家现场抽取 4711' },
  });
  expect(witnessed.statusCode, witnessed.body).toBe(200);
  for (const p2 of pool) {
    const c2 = await h.client();
    await c2.login(p2.username, p2.password);
    const [inv] = (await c2.request({ method: 'GET', url: '/api/my/invitations' })).json().items;
    if (inv) {
      await c2.request({
        method: 'POST',
        url: `/api/committee-seats/${inv.seatId}/respond`,
        payload: { accept: true },
      });
      members.push(
        Object.assign(c2, { user: { username: p2.username, password: p2.password } }) as unknown as Client,
      );
    } else
      outsider = Object.assign(c2, {
        user: { username: p2.username, password: p2.password },
      }) as unknown as Client;
  }
  expect(members).toHaveLength(4);

  // The opening: 2026-03-23 09:30.
  h.clock.set(new Date('2026-03-23T01:30:00Z'));
  agent = await again(h, agent);
  supervisor = await again(h, supervisor);
  expect(
    (await agent.request({ method: 'POST', url: `/api/projects/${projectId}/opening` })).statusCode,
  ).toBe(200);
  await handIn(agent, projectId, 'centre', c.keys);
  const opened = await handIn(supervisor, projectId, 'supervisor', c.keys);
  expect(opened.json().status).toBe('opened');

  // The review: 2026-03-24 09:00.
  h.clock.set(new Date('2026-03-24T01:00:00Z'));
  agent = await again(h, agent);
  supervisor = await again(h, supervisor);
  rep = await again(h, rep);
  for (const [i, m] of members.entries()) members[i] = await again(h, m);
  outsider = await again(h, outsider);
  for (const k of ['A', 'B', 'C', 'D'] as const) bidders[k].client = await again(h, bidders[k].client);
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
    expect(doc.body).toBe('甲方案');

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

    const chairClient = await (async () => {
      for (const m of sitting) if ((await room(m)).me.chair) return m;
      throw new Error('no chair');
    })();
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
    // Price score = 150 000 / price × 40. A: P1 (40·4 + 10)/5 = 34, P2 18, price 16.67 → 68.67;
    // B: 20 + 10 + 40 = 70; C: 39 + 19 + 17.09 → 75.09.
    const ranked = await lot1(agent);
    expect(ranked.status).toBe('reporting');
    const entries = (
      ranked.ranking as { entries: { bidId: string; total: { rounded: string }; evaluatedFen: string }[] }
    ).entries;
    expect(entries.map((e) => [e.bidId, e.total.rounded, e.evaluatedFen])).toEqual([
      [bidders.C.bidId, '75.09', '35100000'],
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
    const reviews = await h.db.select().from(expertReviews).where(eq(expertReviews.specialtyCode, 'E01'));
    expect(reviews).toHaveLength(4);
  });
});
