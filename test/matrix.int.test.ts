import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type ActorRole, type Role } from '../src/platform/auth/actor.ts';
import { startHarness, type TestHarness } from './support/harness.ts';

/**
 * The role × route matrix, written out by hand: who may call each route at all. A new route fails this test
 * until it is added here, and a policy change fails it until the table agrees.
 */
const ALL: ActorRole[] = ['public', ...ROLES];
const SIGNED_IN: Role[] = [...ROLES];
const CENTRE_AND_SUPERVISORS: Role[] = [
  'admin',
  'agent',
  'director',
  'financeSupervisor',
  'disciplineSupervisor',
];
const AUDIT_READERS: Role[] = ['admin', 'director', 'financeSupervisor', 'disciplineSupervisor'];

const MATRIX: Record<string, readonly ActorRole[]> = {
  'GET /api/health': ALL,
  'GET /api/openapi.json': ALL,
  'GET /api/auth/session': ALL,
  'POST /api/auth/login': ALL,
  'POST /api/auth/logout': SIGNED_IN,
  'POST /api/auth/password': SIGNED_IN,
  'GET /api/audit': AUDIT_READERS,
  'GET /api/audit/verify': AUDIT_READERS,
  'POST /api/files': SIGNED_IN,
  'GET /api/files/:hash': SIGNED_IN,
  'GET /api/users': ['admin', 'director'],
  'POST /api/users': ['admin'],
  'PATCH /api/users/:id': ['admin'],
  'POST /api/users/:id/reset-password': ['admin'],
  'GET /api/purchasers': CENTRE_AND_SUPERVISORS,
  'GET /api/suppliers': CENTRE_AND_SUPERVISORS,
  'GET /api/experts': CENTRE_AND_SUPERVISORS,
  'GET /api/portal/summary': ALL,
};

const fill = (url: string): string =>
  url.replace(':id', '00000000-0000-4000-8000-000000000000').replace(':hash', 'a'.repeat(64));

let h: TestHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe('role × route matrix', () => {
  it('lists every route the server has, and no route the server lacks', () => {
    const served = h.app.routeTable.map((r) => `${r.method} ${r.url}`).sort();
    expect(served).toEqual(Object.keys(MATRIX).sort());
  });

  for (const [route, allowed] of Object.entries(MATRIX)) {
    const [method = 'GET', url = '/'] = route.split(' ');
    it(`${route}: ${allowed.length === ALL.length ? 'everyone' : allowed.join(', ')}`, async () => {
      for (const role of ALL) {
        const c = role === 'public' ? await h.client() : await h.signedIn(role);
        const res = await c.request({
          method: method === 'POST' ? 'POST' : method === 'PATCH' ? 'PATCH' : 'GET',
          url: fill(url),
          ...(method === 'GET' ? {} : { payload: {} }),
        });
        const refused = res.statusCode === 401 || res.statusCode === 403;
        const expected = allowed.includes(role);
        expect({ role, refused, status: res.statusCode }).toEqual({
          role,
          refused: !expected,
          status: res.statusCode,
        });
        if (!expected) {
          expect(res.statusCode).toBe(role === 'public' ? 401 : 403);
          expect(res.json().code).toBe(role === 'public' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
        }
      }
    });
  }
});
