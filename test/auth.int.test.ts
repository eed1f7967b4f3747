import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { auditEvents } from '../src/platform/audit/tables.ts';
import { loginAttempts, sessions, users } from '../src/platform/auth/tables.ts';
import { startHarness, TEST_PASSWORD, type TestHarness } from './support/harness.ts';
import { testDbKind } from './support/database.ts';

let h: TestHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe('health', () => {
  it('reports the database kind and the newest migration', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('ok');
    expect(body.database).toBe(testDbKind());
    expect(body.migration.pending).toBe(0);
    expect(body.migration.version).toMatch(/^\d{4}_/);
  });
});

describe('OpenAPI', () => {
  it('describes every route with its request schema', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/users', '/api/health']),
    );
    expect(doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual(
      ['username', 'password'],
    );
  });
});

describe('security headers', () => {
  it('sends helmet headers and a content security policy', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-request-id']).toBeTruthy();
  });
});

describe('session and login', () => {
  it('gives the anonymous caller no user and a CSRF token', async () => {
    const c = await h.client();
    const res = await c.request({ method: 'GET', url: '/api/auth/session' });
    expect(res.json()).toMatchObject({ user: null });
    expect(c.csrf.length).toBeGreaterThan(20);
  });

  it('signs in with an httpOnly session cookie and reports role and abilities', async () => {
    const u = await h.createUser('admin');
    const c = await h.client();
    const res = await c.login(u.username, u.password);
    expect(res.statusCode).toBe(200);
    const setCookie = [res.headers['set-cookie']].flat().join('\n');
    expect(setCookie).toMatch(/zc_session=[^;]+;.*HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const body = res.json();
    expect(body.user).toMatchObject({ username: u.username, role: 'admin', roleLabel: '系统管理员' });
    expect(body.abilities.user).toEqual(expect.arrayContaining(['list', 'create']));
    const again = await c.request({ method: 'GET', url: '/api/auth/session' });
    expect(again.json().user.username).toBe(u.username);
  });

  it('refuses a wrong password in Chinese, and an unknown user the same way', async () => {
    const u = await h.createUser('agent');
    const c = await h.client();
    const wrong = await c.login(u.username, 'not-the-password1');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ code: 'AUTH_INVALID_CREDENTIALS', message: '用户名或密码错误' });
    const unknown = await c.login('nobody-here', 'whatever123');
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('refuses a state-changing request without the CSRF token, writing nothing', async () => {
    const u = await h.createUser('agent');
    const c = await h.client();
    const before = await h.db.select({ n: count() }).from(loginAttempts);
    const res = await c.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u.username, password: u.password },
      csrf: false,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_INVALID');
    const after = await h.db.select({ n: count() }).from(loginAttempts);
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it('refuses a pre-login CSRF token after login (tokens are bound to the session)', async () => {
    const u = await h.createUser('director');
    const c = await h.client();
    const anonymousToken = c.csrf;
    await c.login(u.username, u.password);
    const res = await c.request({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { 'x-csrf-token': anonymousToken },
      csrf: false,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_INVALID');
  });

  it('refuses the sixth wrong password within a minute, then admits again after the minute', async () => {
    const u = await h.createUser('purchaser');
    const c = await h.client();
    for (let i = 0; i < 5; i++) {
      expect((await c.login(u.username, `wrong-pass-${i}`)).statusCode).toBe(401);
    }
    const sixth = await c.login(u.username, u.password);
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json()).toMatchObject({ code: 'AUTH_RATE_LIMITED' });
    expect(sixth.json().message).toMatch(/频繁/);
    h.clock.advance(61_000);
    expect((await c.login(u.username, u.password)).statusCode).toBe(200);
  });

  it('locks the account after 10 wrong passwords in 15 minutes and audits the lock', async () => {
    const u = await h.createUser('supplier');
    const c = await h.client();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 5; i++) await c.login(u.username, `wrong-pass-${round}${i}`);
      h.clock.advance(61_000);
    }
    const locked = await c.login(u.username, u.password);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().code).toBe('AUTH_LOCKED');
    const events = await h.db.select().from(auditEvents).where(eq(auditEvents.entityId, u.id));
    expect(events.map((e) => e.action)).toContain('auth.locked');
    h.clock.advance(15 * 60_000);
    expect((await c.login(u.username, u.password)).statusCode).toBe(200);
  });

  it('logs out: the session row is gone and the cookie no longer works', async () => {
    const c = await h.signedIn('expert');
    const res = await c.request({ method: 'POST', url: '/api/auth/logout' });
    expect(res.statusCode).toBe(204);
    const rows = await h.db.select().from(sessions).where(eq(sessions.userId, c.user.id));
    expect(rows).toHaveLength(0);
    const after = await c.request({ method: 'GET', url: '/api/auth/session' });
    expect(after.json().user).toBeNull();
  });

  it('changes the password: the old one stops working, weak ones are refused with the field path', async () => {
    const c = await h.signedIn('financeSupervisor');
    const weak = await c.request({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'abcdefgh' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ code: 'PASSWORD_WEAK', path: 'body.newPassword' });
    const wrongCurrent = await c.request({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: 'nope12345', newPassword: 'NewPass2026' },
    });
    expect(wrongCurrent.json()).toMatchObject({ code: 'PASSWORD_WRONG', path: 'body.currentPassword' });
    const ok = await c.request({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'NewPass2026' },
    });
    expect(ok.statusCode).toBe(204);
    const fresh = await h.client();
    expect((await fresh.login(c.user.username, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await fresh.login(c.user.username, 'NewPass2026')).statusCode).toBe(200);
  });

  it('does not admit a disabled account', async () => {
    const u = await h.createUser('agent');
    await h.db.update(users).set({ status: 'disabled' }).where(eq(users.id, u.id));
    const c = await h.client();
    const res = await c.login(u.username, u.password);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('AUTH_DISABLED');
  });
});
