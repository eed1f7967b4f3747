import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatisticsReport } from '../src/modules/statistics/contract.ts';
import { historicalImports, historicalProcurements } from '../src/modules/statistics/tables.ts';
import { purchasers } from '../src/modules/orgs/tables.ts';
import { projects } from '../src/modules/tendering/tables.ts';
import { auditEvents } from '../src/platform/audit/tables.ts';
import { awardedProject, signedContract, type AwardedProject } from './support/award.ts';
import { startHarness, type TestHarness } from './support/harness.ts';
import { again } from './support/opening.ts';
import { insertThresholds, type Client } from './support/projects.ts';

/**
 * The centre's report from live data: a project run through the platform to a contract signed by both parties, beside
 * rows of an earlier year's ledger, counted, summed and scoped as the seeds' tables are.
 */
let h: TestHarness;
let a: AwardedProject;
let rep: Client;
let agent: Client;
let director: Client;
let finance: Client;
let supplier: Client;
let stranger: Client;
let purchaserName: string;

async function report(c: Client, query: string, status = 200) {
  const res = await c.request({ method: 'GET', url: `/api/statistics/report?${query}` });
  expect(res.statusCode, res.body).toBe(status);
  return res.json<StatisticsReport>();
}

beforeAll(async () => {
  h = await startHarness();
  await insertThresholds(h);
  a = await awardedProject(h); // budget 500 000.00 元; winner 400 000.00 元
  h.clock.set(new Date('2026-03-30T01:00:00Z'));
  const [repAgain, agentAgain, winner] = await Promise.all([
    again(h, a.rep),
    again(h, a.agent),
    again(h, a.winner.client),
  ]);
  rep = repAgain;
  await signedContract(h, {
    ...a,
    rep: repAgain,
    agent: agentAgain,
    winner: { ...a.winner, client: winner },
  });
  agent = await h.signedIn('agent');
  director = await h.signedIn('director');
  finance = await h.signedIn('financeSupervisor');
  supplier = await h.signedIn('supplier');
  stranger = await h.signedIn('purchaser');
  const [p] = await h.db
    .select()
    .from(purchasers)
    .where(eq(purchasers.id, a.rep.user.purchaserId ?? ''));
  purchaserName = p?.name ?? '';

  // An earlier ledger: two works lots of one programme (one of them ≥ 1000万元), and one goods purchase of a village.
  const [imp] = await h.db
    .insert(historicalImports)
    .values({ fileName: '2025台账.xlsx', fileSha256: 'a'.repeat(64), rowCount: 3, importedAt: h.clock.now() })
    .returning();
  const base = {
    importId: imp?.id ?? '',
    purchaserName: '某乡人民政府',
    purchaserLevel: 'township',
    method: 'openTender',
    contractedOn: '2026-02-10',
  } as const;
  await h.db.insert(historicalProcurements).values([
    {
      ...base,
      rowNo: 2,
      projectCode: 'LS-2026-001',
      projectName: '校安工程一标段',
      lotNo: 1,
      category: 'works',
      programme: '校安工程',
      budgetFen: 1_200_000_000n,
      contractFen: 1_080_000_000n,
      paidFen: 1_050_000_000n,
      commissionedOn: '2025-12-01',
    },
    {
      ...base,
      rowNo: 3,
      projectCode: 'LS-2026-001',
      projectName: '校安工程二标段',
      lotNo: 2,
      category: 'works',
      programme: '校安工程',
      budgetFen: 300_000_000n,
      contractFen: 270_000_000n,
      paidFen: null,
      commissionedOn: '2025-12-01',
    },
    {
      ...base,
      rowNo: 4,
      projectCode: 'LS-2026-002',
      projectName: '村委会办公设备',
      purchaserName: '某村村民委员会',
      purchaserLevel: 'village',
      method: 'rfq',
      category: 'goods',
      budgetFen: 5_000_000n,
      contractFen: 4_600_000n,
      paidFen: 4_600_000n,
      commissionedOn: '2026-01-20',
    },
  ]);
}, 240_000);

afterAll(async () => {
  await h?.close();
});

describe('the report of a period', () => {
  it('counts the platform contract and the ledger rows, by category, with savings against paid or contract', async () => {
    const r = await report(agent, 'from=2026-01-01&to=2026-12-31');
    // Platform: 1 goods procurement, budget 500 000.00, contract 400 000.00, not paid → actual = contract.
    // Ledger: works project of 2 lots 1 500万 budget, actual 1 050万 (paid) + 270万 (contract); goods 5万 → 4.6万 paid.
    expect(r.total.procurements).toBe(3);
    expect(r.total.lots).toBe(4);
    expect(r.total.contracts).toBe(4);
    expect(r.total.budgetFen).toBe(String(50_000_000n + 1_500_000_000n + 5_000_000n));
    expect(r.total.actualFen).toBe(String(40_000_000n + 1_050_000_000n + 270_000_000n + 4_600_000n));
    expect(r.total.savingsFen).toBe(String(1_555_000_000n - 1_364_600_000n));
    expect(r.total.savingsRateText).toBe('12.24%'); // 190 400 000 / 1 555 000 000 = 12.244…%
    expect(r.total.allSettled).toBe(false);
    expect(r.headline).toBe(
      '共组织集中采购3次，完成采购预算1555万元，实际采购金额1365万元，节约资金190万元，资金节约率12.24%',
    );
    const goods = r.categories.find((c) => c.category === 'goods');
    expect(goods?.procurements).toBe(2);
    expect(goods?.budgetFen).toBe('55000000');
    const works = r.categories.find((c) => c.category === 'works');
    expect(works?.procurements).toBe(1);
    expect(works?.lots).toBe(2);
    expect(r.categories.find((c) => c.category === 'services')?.procurements).toBe(0);
    expect(r.categorySentences).toHaveLength(2);

    expect(r.programmes).toEqual([
      expect.objectContaining({ programme: '校安工程', procurements: 1, lots: 2 }),
    ]);
    expect(r.major.figures.procurements).toBe(1);
    expect(r.major.projects.map((p) => p.code)).toEqual(['LS-2026-001']);
    expect(r.levels.map((l) => l.level).sort()).toEqual(['county', 'township', 'village']);
    expect(r.monthly).toHaveLength(12);
    expect(r.monthly.find((m) => m.month === '2026-02')?.procurements).toBe(2);
    expect(r.monthly.find((m) => m.month === '2026-03')?.procurements).toBe(1);
    // Cycle: the ledger's works project 2025-12-01 → 2026-02-10 = 71 days; the village goods 21 days; the platform
    // project from its commission to 2026-03-30.
    const open = r.cycleTimes.byMethod.find((m) => m.method === 'openTender');
    expect(open?.procurements).toBeGreaterThanOrEqual(1);
    expect(r.cycleTimes.byMethod.find((m) => m.method === 'rfq')?.meanDays).toBe(21);
    expect(r.cycleTimes.histogram.reduce((n, b) => n + b.count, 0)).toBe(
      r.cycleTimes.byMethod.reduce((n, m) => n + m.procurements, 0),
    );
  });

  it('filters by period, source, level, category, programme and method', async () => {
    expect((await report(agent, 'from=2026-03-01&to=2026-03-31')).total.procurements).toBe(1);
    expect((await report(agent, 'from=2026-01-01&to=2026-12-31&source=historical')).total.procurements).toBe(
      2,
    );
    expect((await report(agent, 'from=2026-01-01&to=2026-12-31&source=platform')).total.procurements).toBe(1);
    expect((await report(agent, 'from=2026-01-01&to=2026-12-31&level=village')).total.budgetFen).toBe(
      '5000000',
    );
    expect((await report(agent, 'from=2026-01-01&to=2026-12-31&category=works')).total.lots).toBe(2);
    const prog = await report(
      agent,
      `from=2026-01-01&to=2026-12-31&programme=${encodeURIComponent('校安工程')}`,
    );
    expect(prog.total.budgetFen).toBe('1500000000');
    expect((await report(agent, 'from=2026-01-01&to=2026-12-31&method=rfq')).total.procurements).toBe(1);
    const empty = await report(agent, 'from=2025-01-01&to=2025-06-30');
    expect(empty.total.procurements).toBe(0);
    expect(empty.headline).toBe('本期间内没有完成的集中采购。');
  });

  it('refuses a bad period with the field and a Chinese message', async () => {
    const res = await agent.request({
      method: 'GET',
      url: '/api/statistics/report?from=2026-12-31&to=2026-01-01',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('起始日不能晚于截止日');
    const bad = await agent.request({
      method: 'GET',
      url: '/api/statistics/report?from=2026-13&to=2026-01-01',
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('who sees what', () => {
  it('gives a purchaser its own unit only', async () => {
    const own = await report(rep, 'from=2026-01-01&to=2026-12-31');
    expect(own.query.purchaserName).toBe(purchaserName);
    expect(own.total.procurements).toBe(1);
    await report(stranger, `from=2026-01-01&to=2026-12-31&purchaserId=${a.rep.user.purchaserId ?? ''}`, 404);
    const strangersOwn = await report(stranger, 'from=2026-01-01&to=2026-12-31');
    expect(strangersOwn.total.procurements).toBe(0);
  });

  it('lets the supervisors read and keeps suppliers out', async () => {
    expect((await report(finance, 'from=2026-01-01&to=2026-12-31')).total.procurements).toBe(3);
    const res = await supplier.request({
      method: 'GET',
      url: '/api/statistics/report?from=2026-01-01&to=2026-12-31',
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('targets', () => {
  it('is set by the director, audited, and measured in the year report', async () => {
    const refused = await agent.request({
      method: 'PUT',
      url: '/api/statistics/targets/2026',
      payload: { budgetFen: '10000000000', savingsRateBp: 1000 },
    });
    expect(refused.statusCode).toBe(403);
    const set = await director.request({
      method: 'PUT',
      url: '/api/statistics/targets/2026',
      payload: { budgetFen: '10000000000', savingsRateBp: 1000 },
    });
    expect(set.statusCode, set.body).toBe(200);
    const events = await h.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'statistics.targetSet'));
    expect(events).toHaveLength(1);
    const r = await report(agent, 'from=2026-01-01&to=2026-11-30');
    expect(r.target).toMatchObject({
      year: 2026,
      budgetText: '1亿元',
      savingsRateBp: 1000,
      savingsRateMet: true,
    });
    expect(r.target?.budgetProgressBp).toBe(1555); // 1555万 of 1亿
    expect(r.target?.budgetMet).toBe(false);
    // A scoped report is not measured against the centre's target.
    expect((await report(agent, 'from=2026-01-01&to=2026-11-30&category=goods')).target).toBeNull();
  });
});

describe('service kinds', () => {
  it('counts a platform services project under its sub-type, and a services ledger row without one as 非预选', async () => {
    // The platform project turned into a PPP services project (as the agent marks it on the project form).
    await h.db
      .update(projects)
      .set({ category: 'services', serviceKind: 'ppp' })
      .where(eq(projects.id, a.projectId));
    const [imp] = await h.db.select().from(historicalImports);
    await h.db.insert(historicalProcurements).values({
      importId: imp?.id ?? '',
      rowNo: 5,
      projectCode: 'LS-2026-003',
      projectName: '物业管理服务',
      purchaserName: '某乡人民政府',
      purchaserLevel: 'township',
      category: 'services',
      method: 'consultation',
      budgetFen: 10_000_000n,
      contractFen: 9_000_000n,
      contractedOn: '2026-02-11',
    });
    const r = await report(agent, 'from=2026-01-01&to=2026-12-31');
    expect(r.serviceKinds.map((k) => [k.serviceKind, k.procurements])).toEqual([
      ['nonPreselected', 1],
      ['ppp', 1],
    ]);
    const ppp = await report(agent, 'from=2026-01-01&to=2026-12-31&serviceKind=ppp');
    expect(ppp.total.budgetFen).toBe('50000000');
    const non = await report(agent, 'from=2026-01-01&to=2026-12-31&serviceKind=nonPreselected');
    expect(non.total.budgetFen).toBe('10000000');
  });
});
