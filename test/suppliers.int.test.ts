import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditEvents } from '../src/platform/audit/tables.ts';
import { startHarness, testCreditCode, type TestHarness } from './support/harness.ts';

let h: TestHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

let n = 0;
function registration(over: Record<string, unknown> = {}) {
  n++;
  return {
    name: `云岭测试科技有限公司${n}`,
    creditCode: testCreditCode(),
    legalRepresentative: '王建国',
    size: 'small',
    regionCode: '150439',
    businessScope: '计算机及办公设备销售',
    address: '云岭县兴隆大街 8 号',
    contactName: '王经理',
    contactPhone: '13912340000',
    email: 'sales@example.cn',
    username: `supplier${n}${Date.now() % 100000}`,
    password: 'Supplier2026',
    ...over,
  };
}

/** Registers through the portal and signs in as the new supplier. */
async function registered(over: Record<string, unknown> = {}) {
  const c = await h.client();
  const body = registration(over);
  const res = await c.request({ method: 'POST', url: '/api/supplier-registrations', payload: body });
  expect(res.statusCode).toBe(201);
  await c.login(body.username, body.password);
  return Object.assign(c, { supplier: res.json(), body });
}

describe('supplier self-registration', () => {
  it('creates a pending supplier and its account, audited; the supplier signs in and sees its record', async () => {
    const s = await registered();
    expect(s.supplier).toMatchObject({
      status: 'pending',
      statusLabel: '待审核',
      countsAsSmallOrMicro: true,
    });
    const me = await s.request({ method: 'GET', url: '/api/suppliers/me' });
    expect(me.json()).toMatchObject({ detail: true, id: s.supplier.id, contactPhone: '13912340000' });
    const events = await h.db.select().from(auditEvents).where(eq(auditEvents.entityId, s.supplier.id));
    expect(events.map((e) => e.action)).toEqual(['supplier.registered']);
  });

  it.each([
    { code: '914403001922038217', error: 'CREDIT_CODE_CHECK', message: '第 18 位校验码应为“6”' },
    { code: '9144030019220382', error: 'CREDIT_CODE_LENGTH', message: '应为 18 位' },
    { code: '91440300192203821I', error: 'CREDIT_CODE_CHARACTER', message: '第 18 位“I”不是合法字符' },
  ])('refuses credit code $code naming what is wrong', async ({ code, error, message }) => {
    const c = await h.client();
    const res = await c.request({
      method: 'POST',
      url: '/api/supplier-registrations',
      payload: registration({ creditCode: code }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: error, path: 'body.creditCode' });
    expect(res.json().message).toContain(message);
  });

  it('refuses a second registration of the same credit code', async () => {
    const s = await registered();
    const c = await h.client();
    const res = await c.request({
      method: 'POST',
      url: '/api/supplier-registrations',
      payload: registration({ creditCode: s.body.creditCode }),
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'SUPPLIER_EXISTS', path: 'body.creditCode' });
  });
});

describe('review', () => {
  it('approves, refuses a second decision, and a change of reviewed facts sends it back to review', async () => {
    const s = await registered();
    const agent = await h.signedIn('agent');
    const noReason = await agent.request({
      method: 'POST',
      url: `/api/suppliers/${s.supplier.id}/review`,
      payload: { decision: 'rejected' },
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().path).toBe('body.reason');
    const ok = await agent.request({
      method: 'POST',
      url: `/api/suppliers/${s.supplier.id}/review`,
      payload: { decision: 'approved' },
    });
    expect(ok.json()).toMatchObject({ status: 'approved' });
    const again = await agent.request({
      method: 'POST',
      url: `/api/suppliers/${s.supplier.id}/review`,
      payload: { decision: 'approved' },
    });
    expect(again.statusCode).toBe(409);

    h.clock.advance(60_000);
    const contactOnly = await s.request({
      method: 'PATCH',
      url: `/api/suppliers/${s.supplier.id}`,
      payload: { contactPhone: '13800001111' },
    });
    expect(contactOnly.json().status).toBe('approved');
    const sizeChange = await s.request({
      method: 'PATCH',
      url: `/api/suppliers/${s.supplier.id}`,
      payload: { size: 'medium' },
    });
    expect(sizeChange.json()).toMatchObject({
      status: 'pending',
      size: 'medium',
      countsAsSmallOrMicro: false,
    });
    expect(sizeChange.json().reviews.map((r: { decision: string }) => r.decision)).toEqual([
      'approved',
      'resubmitted',
    ]);
  });

  it('a rejected supplier corrects its record and is back in the queue', async () => {
    const s = await registered();
    const director = await h.signedIn('director');
    await director.request({
      method: 'POST',
      url: `/api/suppliers/${s.supplier.id}/review`,
      payload: { decision: 'rejected', reason: '营业执照经营范围与申报不符' },
    });
    const mine = await s.request({ method: 'GET', url: '/api/suppliers/me' });
    expect(mine.json()).toMatchObject({ status: 'rejected', reviewNote: '营业执照经营范围与申报不符' });
    const fixed = await s.request({
      method: 'PATCH',
      url: `/api/suppliers/${s.supplier.id}`,
      payload: { businessScope: '计算机销售' },
    });
    expect(fixed.json().status).toBe('pending');
  });
});

describe('profile lists and who sees them', () => {
  it('a supplier keeps its shareholders and bank accounts; another supplier and the public cannot read them', async () => {
    const a = await registered();
    const people = await a.request({
      method: 'PUT',
      url: `/api/suppliers/${a.supplier.id}/people`,
      payload: {
        people: [
          {
            role: 'shareholder',
            kind: 'person',
            name: '王建国',
            idNumber: '11010519491231002X',
            shareBasisPoints: 6000,
          },
          {
            role: 'shareholder',
            kind: 'organisation',
            name: '深圳市腾讯计算机系统有限公司',
            creditCode: '91440300708461136T',
            shareBasisPoints: 4000,
          },
          { role: 'controller', kind: 'person', name: '王建国', idNumber: '11010519491231002X' },
        ],
      },
    });
    expect(people.statusCode).toBe(200);
    expect(people.json().people).toHaveLength(3);
    await a.request({
      method: 'PUT',
      url: `/api/suppliers/${a.supplier.id}/bank-accounts`,
      payload: {
        accounts: [
          {
            bankName: '中国农业银行云岭县支行',
            accountName: a.body.name,
            accountNumber: '15230101040012345',
          },
        ],
      },
    });
    const agent = await h.signedIn('agent');
    await agent.request({
      method: 'POST',
      url: `/api/suppliers/${a.supplier.id}/review`,
      payload: { decision: 'approved' },
    });

    const b = await registered();
    const byB = await b.request({ method: 'GET', url: `/api/suppliers/${a.supplier.id}` });
    expect(byB.statusCode).toBe(200);
    expect(byB.json().detail).toBe(false);
    expect(byB.body).not.toContain('15230101040012345');
    expect(byB.body).not.toContain('11010519491231002X');
    const writeByB = await b.request({
      method: 'PUT',
      url: `/api/suppliers/${a.supplier.id}/bank-accounts`,
      payload: { accounts: [] },
    });
    expect(writeByB.statusCode).toBe(404);

    const anonymous = await h.client();
    const pub = await anonymous.request({ method: 'GET', url: `/api/suppliers/${a.supplier.id}` });
    expect(pub.json()).toMatchObject({ detail: false, name: a.body.name, status: 'approved', barred: false });
    expect(pub.body).not.toContain('15230101040012345');
    expect(pub.body).not.toContain('13912340000');

    const supervisor = await h.signedIn('disciplineSupervisor');
    const full = await supervisor.request({ method: 'GET', url: `/api/suppliers/${a.supplier.id}` });
    expect(full.json().bankAccounts[0].accountNumber).toBe('15230101040012345');
  });

  it('the public does not see a supplier still under review', async () => {
    const s = await registered();
    const anonymous = await h.client();
    const res = await anonymous.request({ method: 'GET', url: `/api/suppliers/${s.supplier.id}` });
    expect(res.statusCode).toBe(404);
  });

  it('refuses a shareholder with a bad ID number and shares over 100%', async () => {
    const s = await registered();
    const bad = await s.request({
      method: 'PUT',
      url: `/api/suppliers/${s.supplier.id}/people`,
      payload: {
        people: [{ role: 'shareholder', kind: 'person', name: '李四', idNumber: '110105194912310021' }],
      },
    });
    expect(bad.json()).toMatchObject({ code: 'ID_NUMBER_INVALID', path: 'body.people.0.idNumber' });
    const over = await s.request({
      method: 'PUT',
      url: `/api/suppliers/${s.supplier.id}/people`,
      payload: {
        people: [
          {
            role: 'shareholder',
            kind: 'person',
            name: '甲',
            idNumber: '11010519491231002X',
            shareBasisPoints: 7000,
          },
          {
            role: 'shareholder',
            kind: 'organisation',
            name: '乙',
            creditCode: '914403001922038216',
            shareBasisPoints: 4000,
          },
        ],
      },
    });
    expect(over.json().code).toBe('SHARES_OVER_100');
  });

  it('marks expired qualifications and sends the record back to review when they change', async () => {
    const s = await registered();
    const agent = await h.signedIn('agent');
    await agent.request({
      method: 'POST',
      url: `/api/suppliers/${s.supplier.id}/review`,
      payload: { decision: 'approved' },
    });
    const res = await s.request({
      method: 'PUT',
      url: `/api/suppliers/${s.supplier.id}/qualifications`,
      payload: {
        qualifications: [
          {
            name: '信息系统集成资质',
            certificateNo: 'XZ-2023-001',
            issuer: '中国电子信息行业联合会',
            validUntil: '2025-12-31',
          },
          {
            name: 'ISO 9001 质量管理体系认证',
            certificateNo: 'Q-88',
            issuer: '中国质量认证中心',
            validUntil: '2028-06-30',
          },
        ],
      },
    });
    expect(res.json().qualifications.map((q: { expired: boolean }) => q.expired)).toEqual([true, false]);
    expect(res.json().status).toBe('pending');
  });
});

describe('sanctions', () => {
  it('the finance supervisor records a debarment; the public sees the supplier barred while it is in force', async () => {
    const s = await registered();
    const agent = await h.signedIn('agent');
    await agent.request({
      method: 'POST',
      url: `/api/suppliers/${s.supplier.id}/review`,
      payload: { decision: 'approved' },
    });
    const finance = await h.signedIn('financeSupervisor');
    const res = await finance.request({
      method: 'POST',
      url: `/api/suppliers/${s.supplier.id}/sanctions`,
      payload: {
        kind: 'debarred',
        reason: '提供虚假材料谋取中标',
        source: '云财购〔2026〕3号',
        startsOn: '2026-01-15',
        endsOn: '2027-01-14',
      },
    });
    expect(res.statusCode).toBe(200);
    const anonymous = await h.client();
    const pub = (await anonymous.request({ method: 'GET', url: `/api/suppliers/${s.supplier.id}` })).json();
    expect(pub.barred).toBe(true);
    expect(pub.sanctions[0]).toMatchObject({
      kind: 'debarred',
      kindLabel: '禁止参加政府采购活动',
      inForce: true,
    });
    const backwards = await finance.request({
      method: 'POST',
      url: `/api/suppliers/${s.supplier.id}/sanctions`,
      payload: {
        kind: 'dishonest',
        reason: '失信',
        source: '信用中国',
        startsOn: '2026-05-01',
        endsOn: '2026-04-01',
      },
    });
    expect(backwards.json()).toMatchObject({ code: 'VALIDATION_FAILED', path: 'body.endsOn' });
  });
});

describe('abilities', () => {
  it('the session tells a supplier it may update its own record; review is offered only while pending', async () => {
    const s = await registered();
    const session = (await s.request({ method: 'GET', url: '/api/auth/session' })).json();
    expect(session.abilities.supplier).toEqual(expect.arrayContaining(['update', 'read']));
    const agent = await h.signedIn('agent');
    const pending = (await agent.request({ method: 'GET', url: `/api/suppliers/${s.supplier.id}` })).json();
    expect(pending.abilities).toContain('review');
    const approved = (
      await agent.request({
        method: 'POST',
        url: `/api/suppliers/${s.supplier.id}/review`,
        payload: { decision: 'approved' },
      })
    ).json();
    expect(approved.abilities).not.toContain('review');
  });
});
