import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/platform/config.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import type { Role } from '../../src/platform/auth/actor.ts';
import { hashPassword } from '../../src/platform/auth/passwords.ts';
import { users } from '../../src/platform/auth/tables.ts';
import type { App } from '../../src/platform/http/server.ts';
import { experts, purchasers, suppliers } from '../../src/modules/orgs/tables.ts';
import { creditCodeCheckChar } from '../../src/modules/orgs/rules.ts';
import { freshDatabase } from './database.ts';

export const TEST_PASSWORD = 'Test1234pass';
let passwordHash: Promise<string> | undefined;

const suffix = (): string => randomBytes(4).toString('hex');

/** A valid 统一社会信用代码 for a test enterprise. */
export function testCreditCode(): string {
  const body = `91150102${randomBytes(5).readUInt32BE(0).toString().padStart(9, '0').slice(0, 9)}`;
  return body + creditCodeCheckChar(body);
}

export type TestHarness = Awaited<ReturnType<typeof startHarness>>;

/** A platform on a fresh database with a clock that only moves when told, and helpers to act as any role. */
export async function startHarness(opts: { config?: Partial<Config> } = {}) {
  const database = await freshDatabase();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'zc-test-'));
  const clock = fixedClock(new Date('2026-03-02T01:00:00Z'));
  const config: Config = { ...loadConfig({}), dataDir, loginRatePerMinute: 1000, ...opts.config };
  const app: App = await buildApp({
    config,
    database,
    clock,
    webDist: null,
  });
  const db = database.db;

  async function createPurchaser() {
    const [p] = await db
      .insert(purchasers)
      .values({ name: `测试单位${suffix()}`, level: 'county', regionCode: '150102', createdAt: clock.now() })
      .returning();
    if (!p) throw new Error('purchaser');
    return p;
  }
  async function createSupplier() {
    const [s] = await db
      .insert(suppliers)
      .values({
        name: `测试供应商${suffix()}有限公司`,
        creditCode: testCreditCode(),
        legalRepresentative: '张三',
        size: 'small',
        regionCode: '150102',
        status: 'approved',
        createdAt: clock.now(),
      })
      .returning();
    if (!s) throw new Error('supplier');
    return s;
  }
  async function createExpert() {
    const [e] = await db
      .insert(experts)
      .values({
        name: `专家${suffix()}`,
        idNumber: `1501021980${randomBytes(4).readUInt32BE(0).toString().padStart(10, '0').slice(0, 8)}`,
        phone: '13800000000',
        titleLevel: 'senior',
        titleName: '高级工程师',
        years: 12,
        employer: '测试单位',
        regionCode: '150102',
        status: 'active',
        createdAt: clock.now(),
      })
      .returning();
    if (!e) throw new Error('expert');
    return e;
  }

  /** An account of the role, bound to a new organisation where the role needs one. */
  async function createUser(role: Role, extra: { username?: string } = {}) {
    passwordHash ??= hashPassword(TEST_PASSWORD);
    const username = extra.username ?? `${role.toLowerCase()}_${suffix()}`;
    const [u] = await db
      .insert(users)
      .values({
        username,
        displayName: `测试${role}`,
        role,
        passwordHash: await passwordHash,
        purchaserId: role === 'purchaser' ? (await createPurchaser()).id : null,
        supplierId: role === 'supplier' ? (await createSupplier()).id : null,
        expertId: role === 'expert' ? (await createExpert()).id : null,
        passwordChangedAt: clock.now(),
        createdAt: clock.now(),
      })
      .returning();
    if (!u) throw new Error('user');
    return { ...u, password: TEST_PASSWORD };
  }

  /** A browser-like client: keeps cookies, fetches the CSRF token and sends it on unsafe requests. */
  async function client() {
    const jar = new Map<string, string>();
    let csrf = '';
    const cookieHeader = (): string => [...jar].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
    async function request(o: InjectOptions & { csrf?: boolean }): Promise<LightMyRequestResponse> {
      const headers: Record<string, string> = { ...(o.headers as Record<string, string> | undefined) };
      if (jar.size) headers.cookie = cookieHeader();
      if (o.csrf !== false && csrf && o.method && o.method !== 'GET') headers['x-csrf-token'] = csrf;
      const { csrf: _omit, ...rest } = o;
      const res = await app.inject({ ...rest, headers });
      for (const c of res.cookies) {
        if (c.value === '' || (c.expires && c.expires.getTime() <= clock.now().getTime())) jar.delete(c.name);
        else jar.set(c.name, c.value);
      }
      const body: unknown = res.headers['content-type']?.toString().includes('json') ? res.json() : null;
      if (body && typeof body === 'object' && 'csrfToken' in body && typeof body.csrfToken === 'string') {
        csrf = body.csrfToken;
      }
      return res;
    }
    await request({ method: 'GET', url: '/api/auth/session' });
    return {
      request,
      get csrf() {
        return csrf;
      },
      cookies: jar,
      async login(username: string, password: string) {
        return request({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      },
    };
  }

  /** A signed-in client for a new account of the role. */
  async function signedIn(role: Role) {
    const user = await createUser(role);
    const c = await client();
    const res = await c.login(user.username, user.password);
    if (res.statusCode !== 200) throw new Error(`login as ${role} failed: ${res.statusCode} ${res.body}`);
    return Object.assign(c, { user });
  }

  return {
    app,
    database,
    db,
    clock,
    config,
    createUser,
    createPurchaser,
    createSupplier,
    createExpert,
    client,
    signedIn,
    async close() {
      await app.close();
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
