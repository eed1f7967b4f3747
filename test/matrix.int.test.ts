/// <reference types="vite/client" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type ActorRole } from '../src/platform/auth/actor.ts';
import { startHarness, type TestHarness } from './support/harness.ts';

/**
 * The role × route matrix, written out by hand in test/matrix/*.ts (one file per area): who may call each route
 * at all. A new route fails this test until it is listed there, and a policy change fails it until the table
 * agrees.
 */
const MATRIX: Record<string, readonly ActorRole[]> = Object.assign(
  {},
  ...Object.values(
    import.meta.glob<Record<string, readonly ActorRole[]>>('./matrix/*.ts', {
      eager: true,
      import: 'MATRIX',
    }),
  ),
);
const ALL: ActorRole[] = ['public', ...ROLES];

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

const fill = (url: string): string =>
  url.replace(':id', '00000000-0000-4000-8000-000000000000').replace(':hash', 'a'.repeat(64));

let h: TestHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

/** One signed-in client per role, reused across routes: signing in for every route trips the login limit. */
const sessions = new Map<ActorRole, Awaited<ReturnType<TestHarness['client']>>>();
async function as(role: ActorRole) {
  const known = sessions.get(role);
  if (known) return known;
  const c = role === 'public' ? await h.client() : await h.signedIn(role);
  sessions.set(role, c);
  return c;
}

describe('role × route matrix', () => {
  it('lists every route the server has, and no route the server lacks', () => {
    const served = h.app.routeTable.map((r) => `${r.method} ${r.url}`).sort();
    expect(served).toEqual(Object.keys(MATRIX).sort());
  });

  for (const [route, allowed] of Object.entries(MATRIX)) {
    const [method = 'GET', url = '/'] = route.split(' ');
    it(`${route}: ${allowed.length === ALL.length ? 'everyone' : allowed.join(', ')}`, async () => {
      for (const role of ALL) {
        const c = await as(role);
        const res = await c.request({
          method: METHODS.find((m) => m === method) ?? 'GET',
          url: fill(url),
          ...(method === 'GET' ? {} : { payload: {} }),
        });
        // Sign-out and password routes may end the session: the next route signs in afresh.
        if (url.startsWith('/api/auth/')) sessions.delete(role);
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
