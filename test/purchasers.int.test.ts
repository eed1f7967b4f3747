import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditEvents } from '../src/platform/audit/tables.ts';
import { startHarness, type TestHarness } from './support/harness.ts';

let h: TestHarness;
let admin: Awaited<ReturnType<TestHarness['signedIn']>>;
beforeAll(async () => {
  h = await startHarness();
  admin = await h.signedIn('admin');
});
afterAll(async () => {
  await h.close();
});

async function create(body: Record<string, unknown>) {
  return admin.request({
    method: 'POST',
    url: '/api/purchasers',
    payload: { regionCode: '150439', ...body },
  });
}

describe('purchaser units', () => {
  it('builds township → village, audited, and refuses a village without its township', async () => {
    const town = await create({
      name: '哈达乡人民政府',
      level: 'township',
      regionCode: '150439201',
      financeUnit: '哈达乡财政所',
    });
    expect(town.statusCode).toBe(201);
    const village = await create({
      name: '哈达乡红山村民委员会',
      level: 'village',
      parentId: town.json().id,
      regionCode: '150439201201',
    });
    expect(village.json()).toMatchObject({ parentName: '哈达乡人民政府', levelLabel: '村级' });
    const orphan = await create({ name: '无主村民委员会', level: 'village' });
    expect(orphan.json()).toMatchObject({
      code: 'PURCHASER_HIERARCHY',
      path: 'body.parentId',
      message: '村级单位须隶属于一个乡镇',
    });
    const detail = await admin.request({ method: 'GET', url: `/api/purchasers/${town.json().id}` });
    expect(detail.json().children.map((c: { name: string }) => c.name)).toEqual(['哈达乡红山村民委员会']);
    const events = await h.db.select().from(auditEvents).where(eq(auditEvents.entityId, town.json().id));
    expect(events.map((e) => e.action)).toEqual(['purchaser.created']);
  });

  it('validates the credit code and refuses a duplicate name', async () => {
    const bad = await create({ name: '县统计局', level: 'county', creditCode: '11150439MB1234567X' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().path).toBe('body.creditCode');
    await create({ name: '县档案馆', level: 'county' });
    const dup = await create({ name: '县档案馆', level: 'county' });
    expect(dup.json()).toMatchObject({ code: 'PURCHASER_NAME_TAKEN', path: 'body.name' });
  });

  it('a purchaser reads its own unit and its staff; another unit is "not found"', async () => {
    const p = await h.signedIn('purchaser');
    const own = await p.request({ method: 'GET', url: `/api/purchasers/${p.user.purchaserId}` });
    expect(own.statusCode).toBe(200);
    expect(own.json().staff.map((s: { username: string }) => s.username)).toContain(p.user.username);
    const other = await h.createPurchaser();
    const res = await p.request({ method: 'GET', url: `/api/purchasers/${other.id}` });
    expect(res.statusCode).toBe(404);
  });

  it('updates and deactivates a unit', async () => {
    const unit = (await create({ name: '县地震局', level: 'county' })).json();
    const res = await admin.request({
      method: 'PATCH',
      url: `/api/purchasers/${unit.id}`,
      payload: { contactName: '赵六', contactPhone: '0476-7520001', status: 'inactive' },
    });
    expect(res.json()).toMatchObject({ contactName: '赵六', status: 'inactive' });
  });
});
