import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, testCreditCode, type TestHarness } from './support/harness.ts';

let h: TestHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const firm = (over: Record<string, unknown> = {}) => ({
  name: `云岭正信工程造价咨询有限公司${Math.random().toString(36).slice(2, 6)}`,
  creditCode: testCreditCode(),
  legalRepresentative: '刘正信',
  regionCode: '150439',
  contactName: '刘工',
  contactPhone: '13700001234',
  serviceCategories: ['costConsulting', 'audit'],
  qualifications: [
    {
      name: '工程造价咨询企业甲级资质',
      certificateNo: '甲 150001',
      issuer: '内蒙古自治区住房和城乡建设厅',
      validUntil: '2028-12-31',
    },
  ],
  ...over,
});

describe('intermediaries', () => {
  it('a firm registers on the portal; the public sees it only once the centre approves it', async () => {
    const visitor = await h.client();
    const reg = await visitor.request({ method: 'POST', url: '/api/intermediaries', payload: firm() });
    expect(reg.statusCode).toBe(201);
    expect(reg.json()).toMatchObject({ status: 'pending', statusLabel: '待审核' });
    expect(reg.json().serviceCategories.map((c: { label: string }) => c.label)).toEqual([
      '工程造价咨询',
      '审计服务',
    ]);
    const before = await visitor.request({
      method: 'GET',
      url: '/api/intermediaries?category=costConsulting',
    });
    expect(before.json().items.map((i: { id: string }) => i.id)).not.toContain(reg.json().id);

    const agent = await h.signedIn('agent');
    const queue = await agent.request({ method: 'GET', url: '/api/intermediaries?status=pending' });
    expect(queue.json().items.map((i: { id: string }) => i.id)).toContain(reg.json().id);
    const approved = await agent.request({
      method: 'POST',
      url: `/api/intermediaries/${reg.json().id}/review`,
      payload: { decision: 'approved' },
    });
    expect(approved.json().status).toBe('approved');

    const after = await visitor.request({
      method: 'GET',
      url: '/api/intermediaries?category=costConsulting',
    });
    expect(after.json().items.map((i: { id: string }) => i.id)).toContain(reg.json().id);
    const other = await visitor.request({ method: 'GET', url: '/api/intermediaries?category=surveying' });
    expect(other.json().items.map((i: { id: string }) => i.id)).not.toContain(reg.json().id);
  });

  it('refuses an unknown category, a bad credit code and a rejection without reason', async () => {
    const visitor = await h.client();
    const cat = await visitor.request({
      method: 'POST',
      url: '/api/intermediaries',
      payload: firm({ serviceCategories: ['magic'] }),
    });
    expect(cat.json()).toMatchObject({ code: 'VALIDATION_FAILED', path: 'body.serviceCategories.0' });
    const code = await visitor.request({
      method: 'POST',
      url: '/api/intermediaries',
      payload: firm({ creditCode: '91440300708461136X' }),
    });
    expect(code.json()).toMatchObject({ code: 'CREDIT_CODE_CHECK', path: 'body.creditCode' });
    const reg = await visitor.request({ method: 'POST', url: '/api/intermediaries', payload: firm() });
    const director = await h.signedIn('director');
    const res = await director.request({
      method: 'POST',
      url: `/api/intermediaries/${reg.json().id}/review`,
      payload: { decision: 'rejected' },
    });
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', path: 'body.reason' });
  });
});
