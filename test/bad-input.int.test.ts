import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import Fastify from 'fastify';
import { handleError } from '../src/platform/http/errors.ts';
import { users } from '../src/platform/auth/tables.ts';
import { auditEvents } from '../src/platform/audit/tables.ts';
import { startHarness, type TestHarness } from './support/harness.ts';

let h: TestHarness;
let admin: Awaited<ReturnType<TestHarness['signedIn']>>;
beforeAll(async () => {
  h = await startHarness({ config: { bodyLimit: 4096 } });
  admin = await h.signedIn('admin');
});
afterAll(async () => {
  await h.close();
});

async function rowCounts(): Promise<[number, number]> {
  const [u] = await h.db.select({ n: count() }).from(users);
  const [a] = await h.db.select({ n: count() }).from(auditEvents);
  return [u?.n ?? 0, a?.n ?? 0];
}

const valid = { username: 'new.agent', displayName: '王经办', role: 'agent', password: 'Start2026pw' };

describe('bad input gets a 4xx with code, path and a Chinese message, and nothing is written', () => {
  const cases: {
    name: string;
    payload: unknown;
    raw?: string;
    status: number;
    code: string;
    path?: string;
  }[] = [
    {
      name: 'missing field',
      payload: { ...valid, username: undefined },
      status: 400,
      code: 'VALIDATION_FAILED',
      path: 'body.username',
    },
    {
      name: 'wrong type',
      payload: { ...valid, displayName: 42 },
      status: 400,
      code: 'VALIDATION_FAILED',
      path: 'body.displayName',
    },
    {
      name: 'unknown role',
      payload: { ...valid, role: 'king' },
      status: 400,
      code: 'VALIDATION_FAILED',
      path: 'body.role',
    },
    {
      name: 'bad username characters',
      payload: { ...valid, username: '张三' },
      status: 400,
      code: 'VALIDATION_FAILED',
      path: 'body.username',
    },
    {
      name: 'weak password',
      payload: { ...valid, password: 'abcdefghij' },
      status: 400,
      code: 'PASSWORD_WEAK',
      path: 'body.password',
    },
    {
      name: 'purchaser without unit',
      payload: { ...valid, role: 'purchaser' },
      status: 400,
      code: 'BINDING_REQUIRED',
      path: 'body.purchaserId',
    },
    {
      name: 'agent bound to a supplier',
      payload: { ...valid, supplierId: '00000000-0000-4000-8000-000000000000' },
      status: 400,
      code: 'BINDING_NOT_ALLOWED',
      path: 'body.supplierId',
    },
    {
      name: 'purchaser unit that does not exist',
      payload: { ...valid, role: 'purchaser', purchaserId: '00000000-0000-4000-8000-000000000000' },
      status: 400,
      code: 'PURCHASER_NOT_FOUND',
      path: 'body.purchaserId',
    },
    {
      name: 'malformed JSON',
      payload: undefined,
      raw: '{"username": "x",',
      status: 400,
      code: 'MALFORMED_JSON',
    },
    {
      name: 'oversized body',
      payload: { ...valid, displayName: '长'.repeat(5000) },
      status: 413,
      code: 'BODY_TOO_LARGE',
    },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const before = await rowCounts();
      const res = await admin.request({
        method: 'POST',
        url: '/api/users',
        headers: { 'content-type': 'application/json' },
        payload: c.raw ?? JSON.stringify(c.payload),
      });
      expect(res.statusCode).toBe(c.status);
      const body = res.json();
      expect(body.code).toBe(c.code);
      if (c.path) expect(body.path).toBe(c.path);
      expect(body.message).toMatch(/[\u4e00-\u9fff]/);
      expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+|stack/i);
      expect(await rowCounts()).toEqual(before);
    });
  }

  it('a bad query parameter names it', async () => {
    const res = await admin.request({ method: 'GET', url: '/api/users?pageSize=5000' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', path: 'querystring.pageSize' });
  });

  it('a bad path parameter names it', async () => {
    const res = await admin.request({
      method: 'PATCH',
      url: '/api/users/not-a-uuid',
      payload: { displayName: 'x' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', path: 'params.id' });
  });

  it('an unknown route is a JSON 404', async () => {
    const res = await admin.request({ method: 'GET', url: '/api/nowhere' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
  });

  it('a well-formed request still works after all that', async () => {
    const res = await admin.request({ method: 'POST', url: '/api/users', payload: valid });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username: 'new.agent', role: 'agent', roleLabel: '经办人' });
  });
});

describe('unexpected errors', () => {
  it('are a 500 with an error id and no stack trace', async () => {
    const bare = Fastify({ logger: false });
    bare.setErrorHandler(handleError);
    bare.get('/boom', () => {
      throw new Error('secret internals at /srv/app.ts:12');
    });
    bare.addHook('onSend', async (req, reply) => {
      void reply.header('x-request-id', req.id);
    });
    const res = await bare.inject({ method: 'GET', url: '/boom' });
    expect(res.statusCode).toBe(500);
    const body = res.json();
    expect(body.code).toBe('INTERNAL_ERROR');
    expect(body.errorId).toBe(res.headers['x-request-id']);
    expect(res.body).not.toContain('secret internals');
  });
});
