import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditEvents } from '../src/platform/audit/tables.ts';
import {
  expertEmployments,
  expertLeaves,
  expertReviews,
  experts,
  expertSpecialties,
  registryReviews,
  specialties,
} from '../src/modules/orgs/tables.ts';
import { startHarness, type TestHarness } from './support/harness.ts';

let h: TestHarness;
let admin: Awaited<ReturnType<TestHarness['signedIn']>>;
let director: Awaited<ReturnType<TestHarness['signedIn']>>;
let agent: Awaited<ReturnType<TestHarness['signedIn']>>;

/** Each test file gets its own fresh database; the specialty tree is made here, unique to this file. */
beforeAll(async () => {
  h = await startHarness();
  await h.db.insert(specialties).values([
    { code: 'T', name: '测试货物', parentCode: null },
    { code: 'T01', name: '测试计算机', parentCode: 'T' },
    { code: 'T02', name: '测试网络', parentCode: 'T' },
  ]);
  [admin, director, agent] = await Promise.all([
    h.signedIn('admin'),
    h.signedIn('director'),
    h.signedIn('agent'),
  ]);
});
afterAll(async () => {
  await h.close();
});

let seq = 0;
/** A valid ID number, different on every call (GB 11643 check digit). */
function idNumber(): string {
  seq++;
  const first17 = `1501021980${String(100 + (seq % 12)).slice(1)}${String(10 + (seq % 18)).padStart(2, '0')}${String(seq).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (w[i] ?? 0);
  return first17 + ('10X98765432'[sum % 11] ?? '');
}

function application(overrides: Record<string, unknown> = {}) {
  return {
    name: '赵明远',
    idNumber: idNumber(),
    phone: '13912345678',
    email: 'zhao@example.com',
    titleLevel: 'intermediate',
    titleName: '工程师',
    years: 9,
    currentEmployer: { employer: '云岭县大数据中心', startedOn: '2020-05-01', position: '工程师' },
    pastEmployers: [
      { employer: '内蒙古云图信息技术有限公司', startedOn: '2015-07-01', endedOn: '2020-04-30' },
    ],
    specialtyCodes: ['T01'],
    regionCode: '150439',
    relations: [
      { kind: 'relative', name: '赵丽', relation: '配偶', organisation: '云岭县联创电脑科技有限公司' },
    ],
    username: `zhao.${seq}`,
    password: 'Zhuanjia2026',
    ...overrides,
  };
}

async function apply(overrides: Record<string, unknown> = {}) {
  const c = await h.client();
  const body = application(overrides);
  const res = await c.request({ method: 'POST', url: '/api/expert-applications', payload: body });
  return { c, body, res };
}

describe('online application and review', () => {
  it('application → sign in → see own pending record → approved by the director → active', async () => {
    const { res, body } = await apply();
    expect(res.statusCode).toBe(201);
    const { id } = res.json();
    expect(res.json()).toMatchObject({ status: 'pending', username: body.username });
    const events = await h.db.select().from(auditEvents).where(eq(auditEvents.entityId, id));
    expect(events.map((e) => e.action)).toEqual(['expert.applied']);

    const me = await h.client();
    expect((await me.login(body.username, body.password)).statusCode).toBe(200);
    const mine = await me.request({ method: 'GET', url: '/api/experts/me' });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({
      id,
      status: 'pending',
      idNumber: body.idNumber, // the expert sees its own data in full
      phone: '13912345678',
      employer: '云岭县大数据中心',
      specialties: [{ code: 'T01', name: '测试计算机' }],
    });
    expect(mine.json().employments).toHaveLength(2);
    expect(mine.json().relations).toMatchObject([{ kind: 'relative', relation: '配偶' }]);
    expect(mine.json().abilities).toEqual(expect.arrayContaining(['view', 'update']));

    const byAgent = await agent.request({
      method: 'POST',
      url: `/api/experts/${id}/review`,
      payload: { decision: 'approved' },
    });
    expect(byAgent.statusCode).toBe(403);
    const ok = await director.request({
      method: 'POST',
      url: `/api/experts/${id}/review`,
      payload: { decision: 'approved' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('active');
    expect(ok.json().reviews).toMatchObject([{ decision: 'approved', reason: null }]);
    const again = await director.request({
      method: 'POST',
      url: `/api/experts/${id}/review`,
      payload: { decision: 'rejected', reason: '重复审核' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('EXPERT_NOT_PENDING');
    const actions = (await h.db.select().from(auditEvents).where(eq(auditEvents.entityId, id))).map(
      (e) => e.action,
    );
    expect(actions).toEqual(['expert.applied', 'expert.reviewed']);
  });

  it('rejection needs a reason, and is recorded with it', async () => {
    const { res } = await apply();
    const { id } = res.json();
    const bare = await admin.request({
      method: 'POST',
      url: `/api/experts/${id}/review`,
      payload: { decision: 'rejected' },
    });
    expect(bare.statusCode).toBe(400);
    expect(JSON.stringify(bare.json())).toContain('reason');
    const withReason = await admin.request({
      method: 'POST',
      url: `/api/experts/${id}/review`,
      payload: { decision: 'rejected', reason: '职称证书与申报不符' },
    });
    expect(withReason.statusCode).toBe(200);
    expect(withReason.json()).toMatchObject({ status: 'rejected', reviewNote: '职称证书与申报不符' });
    const rows = await h.db.select().from(registryReviews).where(eq(registryReviews.entityId, id));
    expect(rows).toMatchObject([{ entityType: 'expert', decision: 'rejected', reviewerId: admin.user.id }]);
  });

  it('refuses bad applications with the field at fault', async () => {
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ idNumber: '150102198001010010' }, 400, 'ID_NUMBER_INVALID', 'body.idNumber'],
      [{ titleLevel: 'intermediate', years: 7 }, 400, 'TITLE_NOT_QUALIFIED', 'body.years'],
      [{ password: 'onlyletters' }, 400, 'PASSWORD_WEAK', 'body.password'],
      [{ specialtyCodes: ['T'] }, 400, 'SPECIALTY_NOT_LEAF', 'body.specialtyCodes.0'],
      [{ specialtyCodes: ['T01', 'ZZ99'] }, 400, 'SPECIALTY_UNKNOWN', 'body.specialtyCodes.1'],
    ];
    for (const [overrides, status, code, path] of cases) {
      const { res } = await apply(overrides);
      expect({ status: res.statusCode, code: res.json().code, path: res.json().path }).toEqual({
        status,
        code,
        path,
      });
    }
    const { body } = await apply();
    const dup = await apply({ idNumber: body.idNumber });
    expect(dup.res.statusCode).toBe(409);
    expect(dup.res.json()).toMatchObject({ code: 'ID_NUMBER_TAKEN', path: 'body.idNumber' });
    expect(dup.res.json().message).toMatch(/身份证号/);
  });
});

describe('expert self-service', () => {
  it('edits its own contact details, leaves, employments and relations; changing specialties goes back to review', async () => {
    const expert = await h.signedIn('expert');
    const id = expert.user.expertId;
    const patch = await expert.request({
      method: 'PATCH',
      url: `/api/experts/${id}`,
      payload: { phone: '13700001111', email: 'me@example.com' },
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json()).toMatchObject({ phone: '13700001111', status: 'active' });

    const leave = await expert.request({
      method: 'POST',
      url: `/api/experts/${id}/leaves`,
      payload: { startsOn: '2026-03-01', endsOn: '2026-03-10', reason: '外出培训' },
    });
    expect(leave.statusCode).toBe(200);
    expect(leave.json().onLeave).toBe(true);
    const overlapping = await expert.request({
      method: 'POST',
      url: `/api/experts/${id}/leaves`,
      payload: { startsOn: '2026-03-05', endsOn: '2026-03-20', reason: '出差' },
    });
    expect(overlapping.statusCode).toBe(409);
    const onLeave = await admin.request({ method: 'GET', url: '/api/experts?onLeave=true&pageSize=200' });
    expect(onLeave.json().items.map((e: { id: string }) => e.id)).toEqual([id]);

    const job = await expert.request({
      method: 'POST',
      url: `/api/experts/${id}/employments`,
      payload: { employer: '云岭县人民医院', startedOn: '2026-01-01' },
    });
    expect(job.statusCode).toBe(200);
    expect(job.json().employer).toBe('云岭县人民医院');
    const jobId = job.json().employments[0].id;
    const ended = await expert.request({
      method: 'POST',
      url: `/api/experts/${id}/employments/end`,
      payload: { employmentId: jobId, endedOn: '2026-02-28' },
    });
    expect(ended.json().employments[0].endedOn).toBe('2026-02-28');

    const rel = await expert.request({
      method: 'POST',
      url: `/api/experts/${id}/relations`,
      payload: { kind: 'conflict', name: '某公司', relation: '曾任顾问' },
    });
    expect(rel.json().relations).toHaveLength(1);
    const withdrawn = await expert.request({
      method: 'POST',
      url: `/api/experts/${id}/relations/withdraw`,
      payload: { relationId: rel.json().relations[0].id },
    });
    expect(withdrawn.json().relations).toHaveLength(0);

    const resubmitted = await expert.request({
      method: 'PATCH',
      url: `/api/experts/${id}`,
      payload: { specialtyCodes: ['T02'] },
    });
    expect(resubmitted.statusCode).toBe(200);
    expect(resubmitted.json()).toMatchObject({ status: 'pending', specialties: [{ code: 'T02' }] });
    expect(resubmitted.json().reviews.at(-1)).toMatchObject({ decision: 'resubmitted' });

    const events = await h.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.entityId, id ?? ''));
    expect(events.every((e) => e.action === 'expert.updated')).toBe(true);
    expect(events).toHaveLength(7);
  });

  it("another expert's record is not found to an expert", async () => {
    const [a, b] = await Promise.all([h.signedIn('expert'), h.signedIn('expert')]);
    for (const [method, url, payload] of [
      ['GET', `/api/experts/${b.user.expertId}`, undefined],
      ['PATCH', `/api/experts/${b.user.expertId}`, { phone: '13700002222' }],
      [
        'POST',
        `/api/experts/${b.user.expertId}/leaves`,
        { startsOn: '2026-04-01', endsOn: '2026-04-02', reason: '事假' },
      ],
    ] as const) {
      const res = await a.request({ method, url, ...(payload ? { payload } : {}) });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('NOT_FOUND');
    }
  });
});

describe('centre management', () => {
  it('masks personal data for everyone but the administrator', async () => {
    const e = await h.createExpert();
    const full = await admin.request({ method: 'GET', url: `/api/experts/${e.id}` });
    expect(full.json().idNumber).toBe(e.idNumber);
    for (const c of [director, agent, await h.signedIn('financeSupervisor')]) {
      const res = await c.request({ method: 'GET', url: `/api/experts/${e.id}` });
      expect(res.statusCode).toBe(200);
      expect(res.json().idNumber).toBe(`${e.idNumber.slice(0, 6)}********${e.idNumber.slice(-4)}`);
      expect(res.json().phone).toBe('138****0000');
    }
  });

  it('suspends with a reason, rates a review sat, and lists by status', async () => {
    const e = await h.createExpert();
    const suspended = await director.request({
      method: 'POST',
      url: `/api/experts/${e.id}/status`,
      payload: { status: 'suspended', reason: '连续两次无故缺席评审' },
    });
    expect(suspended.statusCode).toBe(200);
    expect(suspended.json().status).toBe('suspended');
    const removedToActive = await director.request({
      method: 'POST',
      url: `/api/experts/${e.id}/status`,
      payload: { status: 'removed', reason: '严重违规' },
    });
    expect(removedToActive.json().status).toBe('removed');
    const back = await director.request({
      method: 'POST',
      url: `/api/experts/${e.id}/status`,
      payload: { status: 'active', reason: '误操作' },
    });
    expect(back.statusCode).toBe(409);

    const rated = await agent.request({
      method: 'POST',
      url: `/api/experts/${e.id}/ratings`,
      payload: { projectRef: 'YLZC-2026-001', specialtyCode: 'T01', reviewedOn: '2026-02-10', rating: 4 },
    });
    expect(rated.statusCode).toBe(201);
    expect(rated.json().ratings).toMatchObject([{ projectRef: 'YLZC-2026-001', rating: 4 }]);
    expect(rated.json().yearlyReviewCounts).toEqual([{ year: 2026, count: 1 }]);
    const badRating = await agent.request({
      method: 'POST',
      url: `/api/experts/${e.id}/ratings`,
      payload: { projectRef: 'YLZC-2026-001', specialtyCode: 'T01', reviewedOn: '2026-02-10', rating: 6 },
    });
    expect(badRating.statusCode).toBe(400);

    const removed = await admin.request({ method: 'GET', url: '/api/experts?status=removed&pageSize=200' });
    expect(removed.json().items.map((x: { id: string }) => x.id)).toContain(e.id);
    expect(removed.json().items.every((x: { status: string }) => x.status === 'removed')).toBe(true);
  });
});

describe('pool coverage report', () => {
  it('is closed to suppliers and purchasers', async () => {
    for (const role of ['supplier', 'purchaser', 'expert'] as const) {
      const c = await h.signedIn(role);
      expect((await c.request({ method: 'GET', url: '/api/experts/coverage' })).statusCode).toBe(403);
    }
  });

  it('counts a small constructed pool on its own specialty', async () => {
    // A fresh subtree, so experts made by other tests do not count.
    await h.db.insert(specialties).values([
      { code: 'K', name: '覆盖测试', parentCode: null },
      { code: 'K01', name: '覆盖测试一', parentCode: 'K' },
      { code: 'K02', name: '覆盖测试二', parentCode: 'K' },
    ]);
    const supplier = await h.createSupplier();
    const purchaser = await h.createPurchaser();
    const make = async (
      code: string,
      extra: { employer?: string; leave?: boolean; endedOn?: string } = {},
    ) => {
      const e = await h.createExpert();
      await h.db.insert(expertSpecialties).values({ expertId: e.id, specialtyCode: code });
      if (extra.employer) {
        await h.db.insert(expertEmployments).values({
          expertId: e.id,
          employer: extra.employer,
          startedOn: '2018-01-01',
          endedOn: extra.endedOn ?? null,
        });
      }
      if (extra.leave) {
        await h.db
          .insert(expertLeaves)
          .values({ expertId: e.id, startsOn: '2026-02-20', endsOn: '2026-03-20', reason: '病假' });
      }
      return e;
    };
    // K01: 10 experts; 1 on leave; 3 worked for the supplier (one left in 2024: still within 3 years),
    // 2 for the purchaser, 1 left the supplier in 2022 (outside the window). Available 9, worst case 3 → 6.
    const k01 = [
      await make('K01', { employer: supplier.name }),
      await make('K01', { employer: supplier.name }),
      await make('K01', { employer: supplier.name, endedOn: '2024-06-30' }),
      await make('K01', { employer: supplier.name, endedOn: '2022-06-30' }),
      await make('K01', { employer: purchaser.name }),
      await make('K01', { employer: purchaser.name }),
      await make('K01', { employer: '不相关的单位' }),
      await make('K01'),
      await make('K01'),
      await make('K01', { leave: true }),
    ];
    // K02: 8 free experts: enough.
    for (let i = 0; i < 8; i++) await make('K02');
    // Demand: 3 projects in K01 in the last 12 months, one older one that does not count.
    const reviewed = (projectRef: string, reviewedOn: string, expertId: string) =>
      h.db.insert(expertReviews).values({ expertId, projectRef, specialtyCode: 'K01', reviewedOn });
    await reviewed('YLZC-2025-010', '2025-04-01', k01[7]?.id ?? '');
    await reviewed('YLZC-2025-010', '2025-04-01', k01[8]?.id ?? '');
    await reviewed('YLZC-2025-077', '2025-11-20', k01[7]?.id ?? '');
    await reviewed('YLZC-2026-003', '2026-01-15', k01[8]?.id ?? '');
    await reviewed('YLZC-2024-099', '2024-12-01', k01[8]?.id ?? '');

    const res = await director.request({ method: 'GET', url: '/api/experts/coverage?asOf=2026-03-02' });
    expect(res.statusCode).toBe(200);
    const rows: { code: string; flagged: boolean }[] = res.json().rows;
    const by = (code: string) => rows.find((r) => r.code === code);
    expect(by('K01')).toEqual({
      code: 'K01',
      name: '覆盖测试一',
      parentCode: 'K',
      leaf: true,
      available: 9,
      draws: 3,
      worstCaseRecused: 3,
      worstCaseParty: supplier.name,
      drawable: 6,
      flagged: true,
      demandPressure: 1.67,
    });
    expect(by('K02')).toMatchObject({
      available: 8,
      draws: 0,
      drawable: 8,
      flagged: false,
      demandPressure: 0,
    });
    expect(by('K')).toMatchObject({
      available: 17,
      draws: 3,
      worstCaseRecused: 3,
      drawable: 14,
      flagged: false,
    });
    // Flagged rows come before every unflagged one.
    const firstUnflagged = rows.findIndex((r) => !r.flagged);
    expect(rows.slice(firstUnflagged).every((r) => !r.flagged)).toBe(true);

    // Suspending one of the supplier's staff leaves 2 there and 2 at the purchaser: the worst case falls to 2.
    const first = k01[0];
    if (!first) throw new Error('pool');
    await h.db.update(experts).set({ status: 'suspended' }).where(eq(experts.id, first.id));
    const after = await director.request({ method: 'GET', url: '/api/experts/coverage?asOf=2026-03-02' });
    expect(after.json().rows.find((r: { code: string }) => r.code === 'K01')).toMatchObject({
      available: 8,
      worstCaseRecused: 2,
      drawable: 6,
      flagged: true,
    });
  });
});

describe('specialty classification', () => {
  it('is public, in code order, with leaves marked', async () => {
    const visitor = await h.client();
    const res = await visitor.request({ method: 'GET', url: '/api/specialties' });
    expect(res.statusCode).toBe(200);
    const items: { code: string; parentCode: string | null; leaf: boolean }[] = res.json().items;
    expect(items.some((i) => i.leaf) && items.some((i) => !i.leaf)).toBe(true);
    const codes = items.map((i) => i.code);
    expect(codes).toEqual([...codes].sort());
    for (const i of items) expect(i.leaf).toBe(!items.some((c) => c.parentCode === i.code));
  });
});
