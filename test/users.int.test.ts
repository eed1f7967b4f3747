import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditEvents } from '../src/platform/audit/tables.ts';
import { startHarness, TEST_PASSWORD, type TestHarness } from './support/harness.ts';

let h: TestHarness;
let admin: Awaited<ReturnType<TestHarness['signedIn']>>;
beforeAll(async () => {
  h = await startHarness();
  admin = await h.signedIn('admin');
});
afterAll(async () => {
  await h.close();
});

describe('user administration', () => {
  it('creates a purchaser account bound to its unit, audited, who must change the password', async () => {
    const unit = await h.createPurchaser();
    const res = await admin.request({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'li.caigou',
        displayName: '李采购',
        role: 'purchaser',
        purchaserId: unit.id,
        password: 'First2026pw',
        phone: '13912345678',
      },
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ role: 'purchaser', orgName: unit.name, phone: '13912345678' });
    expect(created.abilities).toEqual(expect.arrayContaining(['update', 'resetPassword']));
    const events = await h.db.select().from(auditEvents).where(eq(auditEvents.entityId, created.id));
    expect(events.map((e) => e.action)).toEqual(['user.created']);
    expect(JSON.stringify(events[0]?.after)).not.toContain('scrypt');

    const c = await h.client();
    const login = await c.login('li.caigou', 'First2026pw');
    expect(login.json().user).toMatchObject({ mustChangePassword: true, purchaserId: unit.id });
  });

  it('refuses a taken username with 409 and the field', async () => {
    const u = await h.createUser('agent');
    const res = await admin.request({
      method: 'POST',
      url: '/api/users',
      payload: { username: u.username, displayName: 'x', role: 'agent', password: 'Another2026' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'USERNAME_TAKEN', path: 'body.username' });
  });

  it('lists with search and filters; the director reads masked phones and may not create', async () => {
    const director = await h.signedIn('director');
    const res = await director.request({ method: 'GET', url: '/api/users?q=li.caigou' });
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page.total).toBe(1);
    expect(page.items[0].phone).toBe('139****5678');
    expect(page.items[0].abilities).toEqual([]);
    expect(page.abilities).toEqual(['list']);
    const byRole = await admin.request({ method: 'GET', url: '/api/users?role=director&pageSize=100' });
    expect(byRole.json().items.every((u: { role: string }) => u.role === 'director')).toBe(true);
    expect(byRole.json().abilities).toEqual(expect.arrayContaining(['list', 'create']));
  });

  it('an administrator cannot disable itself through the admin routes: the record is "not found"', async () => {
    const res = await admin.request({
      method: 'PATCH',
      url: `/api/users/${admin.user.id}`,
      payload: { status: 'disabled' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
  });

  it('disabling an account ends its sessions at once', async () => {
    const agent = await h.signedIn('agent');
    expect((await agent.request({ method: 'GET', url: '/api/auth/session' })).json().user).not.toBeNull();
    const res = await admin.request({
      method: 'PATCH',
      url: `/api/users/${agent.user.id}`,
      payload: { status: 'disabled' },
    });
    expect(res.json().status).toBe('disabled');
    expect((await agent.request({ method: 'GET', url: '/api/auth/session' })).json().user).toBeNull();
  });

  it('resetting a password ends sessions and requires a change at next sign-in', async () => {
    const supplier = await h.signedIn('supplier');
    const res = await admin.request({
      method: 'POST',
      url: `/api/users/${supplier.user.id}/reset-password`,
      payload: { password: 'Temp2026pass' },
    });
    expect(res.statusCode).toBe(204);
    expect((await supplier.request({ method: 'GET', url: '/api/auth/session' })).json().user).toBeNull();
    const c = await h.client();
    expect((await c.login(supplier.user.username, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await c.login(supplier.user.username, 'Temp2026pass')).json().user.mustChangePassword).toBe(true);
  });

  it('unlocks a locked account', async () => {
    const u = await h.createUser('expert');
    const c = await h.client();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 5; i++) await c.login(u.username, `bad-guess-${round}${i}`);
      h.clock.advance(61_000);
    }
    expect((await c.login(u.username, u.password)).statusCode).toBe(423);
    const listed = await admin.request({ method: 'GET', url: `/api/users?q=${u.username}` });
    expect(listed.json().items[0].lockedUntil).not.toBeNull();
    await admin.request({ method: 'PATCH', url: `/api/users/${u.id}`, payload: { unlock: true } });
    expect((await c.login(u.username, u.password)).statusCode).toBe(200);
  });
});

describe('registries', () => {
  it('masks expert identity numbers and phones for everyone but the administrator', async () => {
    await h.createExpert();
    const agent = await h.signedIn('agent');
    const masked = (await agent.request({ method: 'GET', url: '/api/experts' })).json().items[0];
    expect(masked.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    expect(masked.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    const full = (await admin.request({ method: 'GET', url: '/api/experts' })).json().items[0];
    expect(full.idNumber).toMatch(/^\d{17}[\dX]$/);
  });

  it('searches suppliers by name or credit code', async () => {
    const s = await h.createSupplier();
    const agent = await h.signedIn('agent');
    const byCode = (await agent.request({ method: 'GET', url: `/api/suppliers?q=${s.creditCode}` })).json();
    expect(byCode.items.map((x: { id: string }) => x.id)).toEqual([s.id]);
    const none = (await agent.request({ method: 'GET', url: '/api/suppliers?q=%25' })).json();
    expect(none.total).toBe(0);
  });
});
