/**
 * Fixtures for tests that need projects: thresholds for the test region (150102 → 150000), accepted plan lines,
 * lawful requirements and schedule, and a project taken through check and publication by the real API.
 */
import { expect } from 'vitest';
import { planLines, procurementThresholds } from '../../src/modules/planning/tables.ts';
import type { TestHarness } from './harness.ts';

export type Client = Awaited<ReturnType<TestHarness['signedIn']>>;

export async function insertThresholds(h: TestHarness): Promise<void> {
  await h.db.insert(procurementThresholds).values([
    ...(['goods', 'services'] as const).map((category) => ({
      jurisdiction: '150000',
      level: 'county',
      category,
      kind: 'openTender',
      amountFen: 2_000_000_00n,
      effectiveFrom: '2020-01-01',
      source: '测试区公开招标数额标准',
    })),
    {
      jurisdiction: '150000',
      level: 'county',
      category: 'works',
      kind: 'worksMandatoryTender',
      amountFen: 4_000_000_00n,
      effectiveFrom: '2018-06-01',
      source: '必须招标的工程项目规定',
    },
  ]);
}

/** An accepted plan line of the unit (the planning module's own tests drive the way there). */
export async function acceptedLine(
  h: TestHarness,
  purchaserId: string,
  o: { itemCode?: string; itemName?: string; yuan?: number; category?: string; month?: number } = {},
) {
  const [row] = await h.db
    .insert(planLines)
    .values({
      purchaserId,
      year: 2026,
      budgetItem: '设备购置',
      itemCode: o.itemCode ?? 'A02010104',
      itemName: o.itemName ?? '台式计算机',
      category: o.category ?? 'goods',
      quantity: '100 台',
      amountFen: BigInt(o.yuan ?? 900_000) * 100n,
      plannedMonth: o.month ?? 4,
      status: 'accepted',
      createdAt: h.clock.now(),
    })
    .returning();
  if (!row) throw new Error('plan line');
  return row;
}

export const cleanRequirements = {
  qualification: [{ id: 'Q1', text: '具有独立承担民事责任的能力' }],
  substantive: [{ id: 'S1', text: '★所投产品须为全新未使用产品，质保期不少于三年' }],
  specifications: [{ id: 'T1', text: '处理器不低于 8 核，内存不低于 16GB', lotNo: 1 }],
  scoring: [
    { id: 'P1', factor: '技术参数响应', text: '完全满足得 40 分，每负偏离一项扣 5 分', weightBp: 4000 },
    { id: 'P2', factor: '售后服务', text: '服务方案完整可行得 20 分', weightBp: 2000 },
  ],
  evaluationMethod: 'bestValue',
  priceWeightBp: 4000,
  sme: { mode: 'deduction', smallMicroRateBp: 1000 },
  depositFen: '1000000',
  bondBp: 500,
};

/** For a project published on 2026-03-02 (the harness's first day). */
export const lawfulSchedule = {
  documentsIssuedOn: '2026-03-03',
  documentsAvailableUntil: '2026-03-10',
  bidDeadlineAt: '2026-03-23T09:30:00+08:00',
  openingPlace: '云岭县政府采购中心开标一室',
};

export async function newProject(agent: Client, body: Record<string, unknown>) {
  const res = await agent.request({ method: 'POST', url: '/api/projects', payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; code: string; status: string } & Record<string, unknown>>();
}

/** A goods project with `lotCount` lots, checked and published with the lawful schedule. */
export async function publishedProject(
  h: TestHarness,
  agent: Client,
  purchaserId: string,
  name: string,
  lotCount = 1,
  requirements: Record<string, unknown> = cleanRequirements,
) {
  const line = await acceptedLine(h, purchaserId, { yuan: 500_000 });
  const p = await newProject(agent, {
    name,
    category: 'goods',
    method: 'openTender',
    shares: [{ planLineId: line.id }],
    lots: Array.from({ length: lotCount }, (_, i) => ({
      name: `设备${i + 1}`,
      budgetFen: String(50_000_000 / lotCount),
    })),
    requirements,
  });
  await agent.request({ method: 'POST', url: `/api/projects/${p.id}/lint` });
  const res = await agent.request({
    method: 'POST',
    url: `/api/projects/${p.id}/publish`,
    payload: lawfulSchedule,
  });
  expect(res.statusCode, res.body).toBe(200);
  return { ...p, line };
}
