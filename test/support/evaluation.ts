/**
 * A one-lot project brought to its review through the API, for tests of the evaluation room: bids sealed and
 * uploaded (each with its technical document), deposits paid and confirmed where asked, a committee of four drawn
 * experts (异地评审, so the draw may be made on the first day) and the purchaser's representative, the opening on
 * 2026-03-23 and the clock at the review, 2026-03-24 09:00, every client signed in again.
 */
import { expect } from 'vitest';
import type { z } from 'zod';
import type { evaluationView } from '../../src/modules/evaluation/contract.ts';
import type { Declarations } from '../../src/modules/bidding/sealing.contract.ts';
import { eq } from 'drizzle-orm';
import { expertSpecialties, specialties, suppliers } from '../../src/modules/orgs/tables.ts';
import type { TestHarness } from './harness.ts';
import { again, custodians, handIn, projectWithCustodians, sealedBid } from './opening.ts';
import type { Client } from './projects.ts';

export const small: Declarations = {
  sme: { size: 'small', statement: '小型企业' },
  domesticProduct: null,
  other: {},
};
export const large: Declarations = { sme: { size: 'none', statement: '' }, domesticProduct: null, other: {} };

export interface BidSpec {
  priceFen: string;
  declarations?: Declarations;
  /** Pays the deposit the documents ask, confirmed by the centre; default true. */
  deposit?: boolean;
  /** The text of an anonymised technical part (暗标), when the bid has one; given the bidder's name. */
  blindText?: (supplierName: string) => string;
}

export async function reviewReady(
  h: TestHarness,
  o: { name: string; requirements?: Record<string, unknown>; bids: BidSpec[]; specialty: string },
) {
  // Every review starts from the harness's first day, whatever an earlier test did to the clock.
  h.clock.set(new Date('2026-03-02T01:00:00Z'));
  const c = await custodians(h);
  let { agent, supervisor } = c;
  let rep = await h.signedIn('purchaser');
  const p = await projectWithCustodians(h, {
    agent,
    supervisor,
    purchaserId: rep.user.purchaserId ?? '',
    name: o.name,
    lots: 1,
    ...(o.requirements ? { requirements: o.requirements } : {}),
  });
  const projectId = p.id;
  const bidders: { client: Client; bidId: string }[] = [];
  for (const [i, b] of o.bids.entries()) {
    const bytes = new TextEncoder().encode(`第 ${i + 1} 家投标人的技术方案`);
    const supplier = await h.signedIn('supplier');
    const [firm] = await h.db
      .select({ name: suppliers.name })
      .from(suppliers)
      .where(eq(suppliers.id, supplier.user.supplierId ?? ''));
    bidders.push(
      await sealedBid(h, projectId, [[1, b.priceFen]], {
        documents: [
          { kind: 'technical', name: '技术方案.txt', mime: 'text/plain', bytes },
          ...(b.blindText === undefined
            ? []
            : [
                {
                  kind: 'blindTechnical' as const,
                  name: '暗标技术方案.txt',
                  mime: 'text/plain',
                  bytes: new TextEncoder().encode(b.blindText(firm?.name ?? '')),
                },
              ]),
        ],
        declarations: b.declarations ?? small,
        supplier,
      }),
    );
    if (b.deposit === false) continue;
    const client = bidders[i]?.client as Client;
    const d = await client.request({
      method: 'POST',
      url: `/api/projects/${projectId}/deposit`,
      payload: {
        form: 'bankGuarantee',
        amountFen: '1000000',
        payerName: `投标人${i + 1}`,
        guaranteeNo: `BH-${i}`,
      },
    });
    expect(d.statusCode, d.body).toBe(200);
    const ok = await agent.request({ method: 'POST', url: `/api/deposits/${d.json().id}/confirm` });
    expect(ok.statusCode, ok.body).toBe(200);
  }

  await h.db.insert(specialties).values([{ code: o.specialty, name: '评审测试专业', parentCode: null }]);
  const pool: { id: string; username: string; password: string }[] = [];
  for (let i = 0; i < 6; i++) {
    const u = await h.createUser('expert');
    await h.db.insert(expertSpecialties).values({ expertId: u.expertId ?? '', specialtyCode: o.specialty });
    pool.push({ id: u.expertId ?? '', username: u.username, password: u.password });
  }
  const formed = await agent.request({
    method: 'POST',
    url: `/api/projects/${projectId}/committee`,
    payload: {
      reviewAt: '2026-03-24T09:00:00+08:00',
      reviewPlace: '评标一室',
      remote: true,
      slots: [{ specialtyCode: o.specialty, count: 4, alternates: 1 }],
      purchaserReps: [{ name: '采购人代表', userId: rep.user.id }],
    },
  });
  expect(formed.statusCode, formed.body).toBe(201);
  const prepared = await agent.request({ method: 'POST', url: `/api/projects/${projectId}/committee/draws` });
  const witnessed = await supervisor.request({
    method: 'POST',
    url: `/api/draws/${prepared.json().draws[0].id}/witness`,
    payload: { supervisorInput: '评审专家现场抽取 4711' },
  });
  expect(witnessed.statusCode, witnessed.body).toBe(200);
  let members: Client[] = [];
  let outsider: Client | null = null;
  for (const e of pool) {
    const client = Object.assign(await h.client(), { user: { username: e.username, password: e.password } });
    await client.login(e.username, e.password);
    const [inv] = (await client.request({ method: 'GET', url: '/api/my/invitations' })).json().items;
    if (!inv) {
      outsider = client as unknown as Client;
      continue;
    }
    await client.request({
      method: 'POST',
      url: `/api/committee-seats/${inv.seatId}/respond`,
      payload: { accept: true },
    });
    members.push(client as unknown as Client);
  }
  expect(members).toHaveLength(4);

  h.clock.set(new Date('2026-03-23T01:30:00Z'));
  agent = await again(h, agent);
  supervisor = await again(h, supervisor);
  expect(
    (await agent.request({ method: 'POST', url: `/api/projects/${projectId}/opening` })).statusCode,
  ).toBe(200);
  await handIn(agent, projectId, 'centre', c.keys);
  expect((await handIn(supervisor, projectId, 'supervisor', c.keys)).json().status).toBe('opened');

  h.clock.set(new Date('2026-03-24T01:00:00Z'));
  agent = await again(h, agent);
  supervisor = await again(h, supervisor);
  rep = await again(h, rep);
  members = await Promise.all(members.map((m) => again(h, m)));
  for (const b of bidders) b.client = await again(h, b.client);
  return {
    projectId,
    agent,
    supervisor,
    rep,
    members,
    outsider: outsider ? await again(h, outsider) : null,
    bidders,
  };
}

export type Review = Awaited<ReturnType<typeof reviewReady>>;

export async function room(c: Client, projectId: string) {
  const res = await c.request({ method: 'GET', url: `/api/projects/${projectId}/evaluation` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<z.infer<typeof evaluationView>>();
}

/** The room's only lot, as the caller sees it. */
export async function lot1(c: Client, projectId: string) {
  const [lot] = (await room(c, projectId)).lots;
  if (!lot) throw new Error('no lot in the room');
  return lot;
}

/** The review started with the first confirmed expert as chair; every member has declared. */
export async function startWithDeclarations(r: Review) {
  const committee = (
    await r.agent.request({ method: 'GET', url: `/api/projects/${r.projectId}/committee` })
  ).json();
  const chairSeatId = committee.seats.find(
    (s: { kind: string; status: string }) => s.kind === 'expert' && s.status === 'confirmed',
  ).id;
  const started = await r.agent.request({
    method: 'POST',
    url: `/api/projects/${r.projectId}/evaluation`,
    payload: { chairSeatId },
  });
  expect(started.statusCode, started.body).toBe(200);
  for (const m of [...r.members, r.rep]) {
    const d = await m.request({ method: 'POST', url: `/api/projects/${r.projectId}/evaluation/declaration` });
    expect(d.statusCode, d.body).toBe(200);
  }
}

/** Every member passes every requirement of every bid and locks its checks. */
export async function passAllChecks(r: Review) {
  const lot = await lot1(r.agent, r.projectId);
  const results = [
    ...lot.clauses.qualification.map((c) => ({ kind: 'qualification' as const, clauseId: c.id, pass: true })),
    ...lot.clauses.compliance.map((c) => ({ kind: 'compliance' as const, clauseId: c.id, pass: true })),
  ];
  for (const m of [...r.members, r.rep]) {
    for (const b of r.bidders) {
      const res = await m.request({
        method: 'POST',
        url: `/api/projects/${r.projectId}/evaluation/lots/1/checks`,
        payload: { bidId: b.bidId, results },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const s = await m.request({
      method: 'POST',
      url: `/api/projects/${r.projectId}/evaluation/lots/1/submit`,
      payload: { phase: 'checks' },
    });
    expect(s.statusCode, s.body).toBe(200);
  }
}

/** Every member signs the report as it stands. */
export async function signAll(r: Review) {
  const lot = await lot1(r.agent, r.projectId);
  for (const m of [...r.members, r.rep]) {
    const res = await m.request({
      method: 'POST',
      url: `/api/projects/${r.projectId}/evaluation/lots/1/sign`,
      payload: { agree: true, reportHash: lot.reportHash },
    });
    expect(res.statusCode, res.body).toBe(200);
  }
}
