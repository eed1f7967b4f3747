import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditEvents } from '../src/platform/audit/tables.ts';
import { startHarness, type TestHarness } from './support/harness.ts';

let h: TestHarness;
beforeAll(async () => {
  h = await startHarness(); // the clock stands at 2026-03-02 09:00 Beijing time
});
afterAll(async () => {
  await h.close();
});

const line = {
  year: 2026,
  budgetItem: '教育信息化设备购置',
  itemCode: 'A02010104',
  itemName: '台式计算机',
  category: 'goods',
  quantity: '120 台',
  amountFen: '72000000',
  plannedMonth: 4,
  description: '中小学计算机教室更新',
};

describe('plan line → intention → commission → accepted', () => {
  it('runs the whole way, audited, and is published in the monthly plan', async () => {
    const purchaser = await h.signedIn('purchaser');
    const created = await purchaser.request({ method: 'POST', url: '/api/plan-lines', payload: line });
    expect(created.statusCode).toBe(201);
    const id: string = created.json().id;
    expect(created.json()).toMatchObject({
      status: 'draft',
      amountFen: '72000000',
      purchaserId: purchaser.user.purchaserId,
    });
    expect(created.json().abilities).toEqual(expect.arrayContaining(['publishIntention', 'cancel']));
    expect(created.json().abilities).not.toContain('commission');

    const early = await purchaser.request({
      method: 'POST',
      url: `/api/plan-lines/${id}/intention`,
      payload: { summary: '采购台式计算机 120 台', expectedStartOn: '2026-03-20' },
    });
    expect(early.statusCode).toBe(400);
    expect(early.json()).toMatchObject({ code: 'INTENTION_TOO_LATE', path: 'body.expectedStartOn' });
    expect(early.json().message).toContain('现仅提前 18 日');

    const published = await purchaser.request({
      method: 'POST',
      url: `/api/plan-lines/${id}/intention`,
      payload: { summary: '采购台式计算机 120 台', expectedStartOn: '2026-04-06' },
    });
    expect(published.json()).toMatchObject({
      status: 'intentionPublished',
      intention: { publishedOn: '2026-03-02' },
    });

    const commissioned = await purchaser.request({
      method: 'POST',
      url: `/api/plan-lines/${id}/commission`,
      payload: {},
    });
    expect(commissioned.json().status).toBe('commissioned');

    const agent = await h.signedIn('agent');
    const noReason = await agent.request({
      method: 'POST',
      url: `/api/plan-lines/${id}/decision`,
      payload: { decision: 'return' },
    });
    expect(noReason.json()).toMatchObject({ code: 'VALIDATION_FAILED', path: 'body.note' });
    const returned = await agent.request({
      method: 'POST',
      url: `/api/plan-lines/${id}/decision`,
      payload: { decision: 'return', note: '请补充技术参数' },
    });
    expect(returned.json()).toMatchObject({
      status: 'returned',
      commission: { decisionNote: '请补充技术参数' },
    });
    await purchaser.request({
      method: 'POST',
      url: `/api/plan-lines/${id}/commission`,
      payload: { note: '已补充' },
    });
    const director = await h.signedIn('director');
    const accepted = await director.request({
      method: 'POST',
      url: `/api/plan-lines/${id}/decision`,
      payload: { decision: 'accept' },
    });
    expect(accepted.json().status).toBe('accepted');
    const again = await director.request({
      method: 'POST',
      url: `/api/plan-lines/${id}/decision`,
      payload: { decision: 'accept' },
    });
    expect(again.statusCode).toBe(409);

    const visitor = await h.client();
    const plan = (
      await visitor.request({ method: 'GET', url: '/api/portal/monthly-plan?year=2026&month=4' })
    ).json();
    expect(plan.lines).toEqual([
      expect.objectContaining({
        itemName: '台式计算机',
        amountFen: '72000000',
        expectedStartOn: '2026-04-06',
      }),
    ]);
    expect(plan.totalFen).toBe('72000000');
    const notices = (await visitor.request({ method: 'GET', url: '/api/portal/intentions' })).json();
    expect(notices.items[0]).toMatchObject({ itemName: '台式计算机', publishedOn: '2026-03-02' });

    const events = await h.db.select().from(auditEvents).where(eq(auditEvents.entityId, id));
    expect(events.map((e) => e.action)).toEqual([
      'planLine.created',
      'planLine.intentionPublished',
      'planLine.commissioned',
      'planLine.returned',
      'planLine.commissioned',
      'planLine.accepted',
    ]);
  });

  it('an urgent intention needs its reason, and is then allowed at short notice', async () => {
    const purchaser = await h.signedIn('purchaser');
    const id = (
      await purchaser.request({
        method: 'POST',
        url: '/api/plan-lines',
        payload: { ...line, plannedMonth: 3 },
      })
    ).json().id;
    const noReason = await purchaser.request({
      method: 'POST',
      url: `/api/plan-lines/${id}/intention`,
      payload: { summary: '防汛物资', expectedStartOn: '2026-03-05', urgent: true },
    });
    expect(noReason.json()).toMatchObject({ code: 'INTENTION_TOO_LATE', path: 'body.urgentReason' });
    const ok = await purchaser.request({
      method: 'POST',
      url: `/api/plan-lines/${id}/intention`,
      payload: {
        summary: '防汛物资',
        expectedStartOn: '2026-03-05',
        urgent: true,
        urgentReason: '汛期防洪抢险急需，无法提前预见',
      },
    });
    expect(ok.json().intention).toMatchObject({ urgent: true });
  });

  it('tells a purchaser it may create plan lines, and lets it withdraw a draft', async () => {
    const p = await h.signedIn('purchaser');
    const list = (await p.request({ method: 'GET', url: '/api/plan-lines' })).json();
    expect(list.abilities).toEqual(expect.arrayContaining(['list', 'create']));
    const session = (await p.request({ method: 'GET', url: '/api/auth/session' })).json();
    expect(session.abilities.planLine).toContain('create');
    const id = (await p.request({ method: 'POST', url: '/api/plan-lines', payload: line })).json().id;
    const cancelled = await p.request({ method: 'POST', url: `/api/plan-lines/${id}/cancel` });
    expect(cancelled.json()).toMatchObject({
      status: 'cancelled',
      abilities: expect.not.arrayContaining(['cancel']),
    });
    const twice = await p.request({ method: 'POST', url: `/api/plan-lines/${id}/cancel` });
    expect(twice.statusCode).toBe(409);
  });

  it('keeps each unit to its own plan, and checks the 品目 against the category', async () => {
    const a = await h.signedIn('purchaser');
    const id = (await a.request({ method: 'POST', url: '/api/plan-lines', payload: line })).json().id;
    const b = await h.signedIn('purchaser');
    const list = (await b.request({ method: 'GET', url: '/api/plan-lines' })).json();
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain(id);
    const act = await b.request({ method: 'POST', url: `/api/plan-lines/${id}/commission`, payload: {} });
    expect(act.statusCode).toBe(404);
    const wrong = await a.request({
      method: 'POST',
      url: '/api/plan-lines',
      payload: { ...line, category: 'works' },
    });
    expect(wrong.json()).toMatchObject({ code: 'ITEM_CODE_CATEGORY', path: 'body.itemCode' });
    const float = await a.request({
      method: 'POST',
      url: '/api/plan-lines',
      payload: { ...line, amountFen: '720000.5' },
    });
    expect(float.json()).toMatchObject({ code: 'VALIDATION_FAILED', path: 'body.amountFen' });
  });
});
