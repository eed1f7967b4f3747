import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  commitSeed,
  drawExportSchema,
  runDraw,
  verifyDraw,
} from '../src/modules/evaluation/draw.contract.ts';
import { draws } from '../src/modules/evaluation/tables.ts';
import {
  expertEmployments,
  expertLeaves,
  experts,
  expertSpecialties,
  purchasers,
  specialties,
  suppliers,
} from '../src/modules/orgs/tables.ts';
import { startHarness, type TestHarness } from './support/harness.ts';
import { insertThresholds, publishedProject, type Client } from './support/projects.ts';

/**
 * The committee of a project, end to end through the API: the composition checked against 87号令47, the draw
 * refused earlier than 2 working days before the review (198号), candidates filtered (recusal, leave), the
 * commitment published before the supervisor's input, the result replayable from the export, names hidden
 * until the review, a decline filled from the committed order.
 */
let h: TestHarness;
let agent: Client;
let purchaserId: string;
let purchaserName: string;
const pool: { expertId: string; username: string; password: string }[] = [];
let recusedByEmployment: string;
let recusedAsPurchaser: string;
let onLeave: string;

const REVIEW_AT = '2026-03-24T09:00:00+08:00';
const committeeBody = (count: number, reps = 1) => ({
  reviewAt: REVIEW_AT,
  reviewPlace: '云岭县政府采购中心评标一室',
  slots: [{ specialtyCode: 'T0101', count, alternates: 2 }],
  purchaserReps: Array.from({ length: reps }, (_, i) => ({ name: `采购人代表${i + 1}` })),
});

beforeAll(async () => {
  h = await startHarness(); // 2026-03-02 09:00 Shanghai; bids close 2026-03-23 09:30
  await insertThresholds(h);
  agent = await h.signedIn('agent');
  const purchaser = await h.signedIn('purchaser');
  purchaserId = purchaser.user.purchaserId ?? '';
  purchaserName = (await h.db.select().from(purchasers).where(eq(purchasers.id, purchaserId)))[0]?.name ?? '';
  await h.db.insert(specialties).values([
    { code: 'T', name: '货物类', parentCode: null },
    { code: 'T01', name: '信息技术设备', parentCode: 'T' },
    { code: 'T0101', name: '计算机', parentCode: 'T01' },
    { code: 'T0102', name: '网络设备', parentCode: 'T01' },
  ]);
  for (let i = 0; i < 11; i++) {
    const u = await h.createUser('expert');
    if (!u.expertId) throw new Error('expert account without expert');
    pool.push({ expertId: u.expertId, username: u.username, password: u.password });
    await h.db.insert(expertSpecialties).values({ expertId: u.expertId, specialtyCode: 'T0101' });
  }
  [recusedByEmployment, recusedAsPurchaser, onLeave] = pool.slice(0, 3).map((p) => p.expertId) as [
    string,
    string,
    string,
  ];
  await h.db.update(experts).set({ employer: purchaserName }).where(eq(experts.id, recusedAsPurchaser));
  await h.db
    .insert(expertLeaves)
    .values({ expertId: onLeave, startsOn: '2026-03-23', endsOn: '2026-03-25', reason: '出差' });
});
afterAll(async () => {
  await h.close();
});

async function again(c: Client): Promise<Client> {
  const fresh = await h.client();
  const res = await fresh.login(c.user.username, c.user.password);
  expect(res.statusCode, res.body).toBe(200);
  return Object.assign(fresh, { user: c.user });
}

async function asExpert(expertId: string) {
  const p = pool.find((x) => x.expertId === expertId);
  if (!p) throw new Error('not in the pool');
  const c = await h.client();
  expect((await c.login(p.username, p.password)).statusCode).toBe(200);
  return c;
}

describe('committee and draw', () => {
  it('forms a lawful committee, draws it verifiably, and fills a decline from the committed order', async () => {
    const project = await publishedProject(h, agent, purchaserId, '计算机采购项目');
    // A registered supplier that one expert worked for two years ago: that expert is recused (条例9).
    const supplier = await h.signedIn('supplier');
    expect(
      (await supplier.request({ method: 'POST', url: `/api/projects/${project.id}/registration` }))
        .statusCode,
    ).toBe(200);
    const [firm] = await h.db
      .select()
      .from(suppliers)
      .where(eq(suppliers.id, supplier.user.supplierId ?? ''));
    await h.db.insert(expertEmployments).values({
      expertId: recusedByEmployment,
      employer: firm?.name ?? '',
      creditCode: firm?.creditCode ?? null,
      position: '技术部经理',
      startedOn: '2019-05-01',
      endedOn: '2024-06-30',
    });
    const url = `/api/projects/${project.id}/committee`;

    // 87号令47: an open tender's committee has at least five members, an odd number, two thirds experts.
    const small = await agent.request({ method: 'POST', url, payload: committeeBody(2) });
    expect(small.statusCode, small.body).toBe(400);
    expect(small.json()).toMatchObject({ code: 'COMMITTEE_COMPOSITION' });
    expect(small.json().message).toContain('少于法定最少人数 5 人');
    const even = await agent.request({ method: 'POST', url, payload: committeeBody(5) });
    expect(even.json().message).toContain('单数');
    const thirds = await agent.request({ method: 'POST', url, payload: committeeBody(3, 2) });
    expect(thirds.json().message).toContain('三分之二');

    const formed = await agent.request({ method: 'POST', url, payload: committeeBody(4) });
    expect(formed.statusCode, formed.body).toBe(201);
    expect(formed.json()).toMatchObject({
      status: 'forming',
      problems: [],
      // Review Tue 2026-03-24: the draw may start on Fri 2026-03-20, two working days before (198号).
      earliestDrawDay: '2026-03-20',
      vacancies: [{ key: '1-T0101', missing: 4 }],
      purchaserReps: 1,
    });

    // Nobody else sees the committee: not the purchaser, not a supplier.
    const purchaserView = await (await h.signedIn('purchaser')).request({ method: 'GET', url });
    expect(purchaserView.statusCode).toBe(403);

    const early = await agent.request({ method: 'POST', url: `${url}/draws` });
    expect(early.statusCode, early.body).toBe(409);
    expect(early.json()).toMatchObject({ code: 'DRAW_TOO_EARLY' });
    expect(early.json().message).toContain('2026-03-20');

    // Friday 2026-03-20, 09:00 Beijing time: the centre prepares the draw.
    h.clock.set(new Date('2026-03-20T01:00:00Z'));
    agent = await again(agent);
    const prepared = await agent.request({ method: 'POST', url: `${url}/draws` });
    expect(prepared.statusCode, prepared.body).toBe(201);
    const draw = prepared.json().draws[0];
    expect(draw).toMatchObject({ status: 'committed', serverSeed: null, seed: null });
    expect(draw.serverCommitment).toMatch(/^[0-9a-f]{64}$/);
    expect(draw.slots).toEqual([
      expect.objectContaining({ key: '1-T0101', count: 4, alternates: 2, candidates: 8, fallbackFrom: null }),
    ]);
    expect(draw.exclusions).toEqual(
      expect.arrayContaining([
        { reason: '回避（条例第九条）', count: 2 },
        { reason: '评审当日请假', count: 1 },
      ]),
    );
    const [stored] = await h.db.select().from(draws).where(eq(draws.id, draw.id));
    const ids = (stored?.slots as { candidates: { id: string }[] }[])[0]?.candidates.map((c) => c.id);
    for (const barred of [recusedByEmployment, recusedAsPurchaser, onLeave])
      expect(ids).not.toContain(barred);

    // Only a supervisor gives the on-site input.
    const witnessUrl = `/api/draws/${draw.id}/witness`;
    const byAgent = await agent.request({
      method: 'POST',
      url: witnessUrl,
      payload: { supervisorInput: '现场随机 8231' },
    });
    expect(byAgent.statusCode).toBe(403);
    const supervisor = await h.signedIn('disciplineSupervisor');
    const drawn = await supervisor.request({
      method: 'POST',
      url: witnessUrl,
      payload: { supervisorInput: '现场随机 8231' },
    });
    expect(drawn.statusCode, drawn.body).toBe(200);
    expect(drawn.json()).toMatchObject({ status: 'drawn', supervisorInput: '现场随机 8231' });
    expect(await commitSeed(drawn.json().serverSeed)).toBe(draw.serverCommitment);
    const after = (await supervisor.request({ method: 'GET', url })).json();
    expect(after.draws[0]).toMatchObject({ status: 'drawn', serverSeed: drawn.json().serverSeed });
    const experts4 = after.seats.filter((s: { kind: string }) => s.kind === 'expert');
    expect(experts4).toHaveLength(4);
    // Names are secret before the review (87号令47): the centre sees 专家 1…4.
    expect(experts4.map((s: { name: string; expertId: string | null }) => [s.name, s.expertId])).toEqual([
      ['专家 1', null],
      ['专家 2', null],
      ['专家 3', null],
      ['专家 4', null],
    ]);
    const again2 = await supervisor.request({
      method: 'POST',
      url: witnessUrl,
      payload: { supervisorInput: 'x'.repeat(8) },
    });
    expect(again2.json()).toMatchObject({ code: 'DRAW_STATE' });

    // The export replays: same seed, same committee, by the published algorithm.
    const exported = drawExportSchema.parse(
      (await supervisor.request({ method: 'GET', url: `/api/draws/${draw.id}/export` })).json(),
    );
    expect(await verifyDraw(exported.inputs, exported.result)).toEqual({ ok: true });
    expect(exported.candidates).toBeUndefined();
    const replay = await runDraw(exported.inputs);
    const [slot] = replay.slots;
    if (!slot) throw new Error('no slot');
    expect(slot.selected).toHaveLength(4);
    const tampered = { ...exported.inputs, supervisorInput: '现场随机 8232' };
    expect((await verifyDraw(tampered, exported.result)).ok).toBe(false);

    // The drawn experts are invited; others have nothing.
    const [first, second, third, fourth] = slot.selected as [string, string, string, string];
    const outsider = pool.find((p) => !slot.order.slice(0, 6).includes(p.expertId) && p.expertId !== onLeave);
    if (!outsider) throw new Error('no outsider');
    const outsiderClient = await asExpert(outsider.expertId);
    expect(
      (await outsiderClient.request({ method: 'GET', url: '/api/my/invitations' })).json().items,
    ).toEqual([]);
    const firstClient = await asExpert(first);
    const mine = (await firstClient.request({ method: 'GET', url: '/api/my/invitations' })).json().items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      projectCode: project.code,
      reviewPlace: '云岭县政府采购中心评标一室',
      status: 'invited',
      abilities: ['respond'],
    });
    const foreign = await outsiderClient.request({
      method: 'POST',
      url: `/api/committee-seats/${mine[0].seatId}/respond`,
      payload: { accept: true },
    });
    // Another expert's invitation does not exist for it.
    expect(foreign.statusCode).toBe(404);
    const noReason = await firstClient.request({
      method: 'POST',
      url: `/api/committee-seats/${mine[0].seatId}/respond`,
      payload: { accept: false },
    });
    expect(noReason.statusCode).toBe(400);

    // A decline seats the first alternate of the committed order — no new randomness.
    const declined = await firstClient.request({
      method: 'POST',
      url: `/api/committee-seats/${mine[0].seatId}/respond`,
      payload: { accept: false, reason: '评审当日需出席单位会议' },
    });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.json()).toMatchObject({ status: 'declined', abilities: [] });
    const alternate = slot.order[4] as string;
    for (const id of [second, third, fourth, alternate]) {
      const c = await asExpert(id);
      const [inv] = (await c.request({ method: 'GET', url: '/api/my/invitations' })).json().items;
      expect(inv?.status).toBe('invited');
      const ok = await c.request({
        method: 'POST',
        url: `/api/committee-seats/${inv.seatId}/respond`,
        payload: { accept: true },
      });
      expect(ok.statusCode, ok.body).toBe(200);
    }
    const full = (await agent.request({ method: 'GET', url })).json();
    expect(full).toMatchObject({ status: 'formed', vacancies: [{ missing: 0 }] });
    const changed = await agent.request({ method: 'PUT', url, payload: committeeBody(6) });
    expect(changed.json()).toMatchObject({ code: 'COMMITTEE_DRAWN' });

    // At the review the names show, with the replacement marked.
    h.clock.set(new Date('2026-03-24T01:00:00Z'));
    agent = await again(agent);
    const atReview = (await agent.request({ method: 'GET', url })).json();
    const shown = atReview.seats.filter((s: { kind: string }) => s.kind === 'expert');
    expect(
      shown.every(
        (s: { expertId: string | null; name: string }) => s.expertId && !s.name.startsWith('专家 '),
      ),
    ).toBe(true);
    expect(shown.find((s: { expertId: string }) => s.expertId === alternate)?.replaces).toBe(
      shown.find((s: { expertId: string }) => s.expertId === first)?.id,
    );
    const labelled = drawExportSchema.parse(
      (await agent.request({ method: 'GET', url: `/api/draws/${draw.id}/export` })).json(),
    );
    expect(Object.keys(labelled.candidates ?? {})).toEqual(expect.arrayContaining(slot.selected));
    const late = await agent.request({ method: 'POST', url: `${url}/draws` });
    expect(late.json()).toMatchObject({ code: 'REVIEW_STARTED' });
  });
});
