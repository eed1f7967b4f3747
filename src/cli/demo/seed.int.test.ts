import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intentionProblem } from '../../modules/planning/rules.ts';
import { intentions, planLines } from '../../modules/planning/tables.ts';
import { count, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { freshDatabase } from '../../../test/support/database.ts';
import {
  centres,
  expertEmployments,
  expertLeaves,
  expertReviews,
  experts,
  expertSpecialties,
  purchasers,
  specialties,
  suppliers,
} from '../../modules/orgs/tables.ts';
import { poolCoverageReport } from '../../modules/orgs/experts/queries.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { verifyPassword } from '../../platform/auth/passwords.ts';
import { users } from '../../platform/auth/tables.ts';
import { verifyAudit } from '../../platform/audit/log.ts';
import { auditEvents } from '../../platform/audit/tables.ts';
import { fixedClock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/client.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoData } from './data.ts';
import { seedDemo, type SeedDemoResult } from './seed.ts';

const data = demoData();
const clock = fixedClock(new Date('2026-03-02T01:00:00Z'));

let database: Database;
let first: SeedDemoResult;
const progress: { done: number; total: number; label: string }[] = [];

beforeAll(async () => {
  database = await freshDatabase();
  first = await seedDemo(database, {
    clock,
    onProgress: (done, total, label) => progress.push({ done, total, label }),
  });
});

afterAll(async () => {
  await database.close();
});

describe('seedDemo', () => {
  it('creates the demo centre and reports what it created', async () => {
    const db = database.db;
    const n = async (q: Promise<{ n: number }[]>) => (await q)[0]?.n ?? -1;
    const expected = {
      centres: 1,
      specialties: data.specialties.length,
      purchasers: data.purchasers.length,
      suppliers: data.suppliers.length,
      experts: data.experts.length,
      expertSpecialties: data.experts.reduce((sum, e) => sum + e.specialtyCodes.length, 0),
      expertEmployments: data.expertHistory.employments.length,
      expertLeaves: data.expertHistory.leaves.length,
      expertReviews: data.expertHistory.reviews.length,
      users: DEMO_ACCOUNTS.length,
    };
    expect(first.created).toBe(true);
    expect(first.counts).toMatchObject(expected);
    expect({
      centres: await n(db.select({ n: count() }).from(centres)),
      specialties: await n(db.select({ n: count() }).from(specialties)),
      purchasers: await n(db.select({ n: count() }).from(purchasers)),
      suppliers: await n(db.select({ n: count() }).from(suppliers)),
      experts: await n(db.select({ n: count() }).from(experts)),
      expertSpecialties: await n(db.select({ n: count() }).from(expertSpecialties)),
      expertEmployments: await n(db.select({ n: count() }).from(expertEmployments)),
      expertLeaves: await n(db.select({ n: count() }).from(expertLeaves)),
      expertReviews: await n(db.select({ n: count() }).from(expertReviews)),
      users: await n(db.select({ n: count() }).from(users)),
    }).toEqual(expected);
  });

  it('records one audit event per record, plus seed.demo, on a chain that verifies', async () => {
    const db = database.db;
    const events = await db
      .select({ action: auditEvents.action, entityId: auditEvents.entityId, after: auditEvents.after })
      .from(auditEvents);
    expect(events).toHaveLength(first.counts.auditEvents);
    const idsOf = (action: string) =>
      events
        .filter((e) => e.action === action)
        .map((e) => e.entityId)
        .sort();
    const sorted = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
    expect(idsOf('centre.created')).toEqual(sorted(await db.select({ id: centres.id }).from(centres)));
    expect(idsOf('purchaser.created')).toEqual(
      sorted(await db.select({ id: purchasers.id }).from(purchasers)),
    );
    expect(idsOf('supplier.created')).toEqual(sorted(await db.select({ id: suppliers.id }).from(suppliers)));
    expect(idsOf('expert.created')).toEqual(sorted(await db.select({ id: experts.id }).from(experts)));
    expect(idsOf('user.created')).toEqual(sorted(await db.select({ id: users.id }).from(users)));
    expect(idsOf('specialty.created')).toEqual(data.specialties.map((s) => s.code).sort());
    expect(idsOf('seed.demo')).toHaveLength(1);
    // The password hash never reaches the append-only log.
    for (const e of events.filter((x) => x.action === 'user.created')) {
      expect(JSON.stringify(e.after)).not.toContain('scrypt');
    }
    const verified = await verifyAudit(db);
    expect(verified.ok).toBe(true);
    expect(verified.checked).toBe(first.counts.auditEvents);
  });

  it('binds the accounts and lets them sign in with the demo password', async () => {
    const db = database.db;
    const rows = await db
      .select({
        username: users.username,
        role: users.role,
        passwordHash: users.passwordHash,
        purchaser: purchasers.name,
        supplier: suppliers.name,
        supplierStatus: suppliers.status,
        expert: experts.name,
      })
      .from(users)
      .leftJoin(purchasers, eq(purchasers.id, users.purchaserId))
      .leftJoin(suppliers, eq(suppliers.id, users.supplierId))
      .leftJoin(experts, eq(experts.id, users.expertId));
    const by = new Map(rows.map((r) => [r.username, r]));
    expect([...by.keys()].sort()).toEqual(DEMO_ACCOUNTS.map((a) => a.username).sort());
    expect(by.get('caigouren')?.purchaser).toBe('云岭县教育局');
    expect(by.get('gongyingshang')?.supplierStatus).toBe('approved');
    expect(by.get('zhuanjia')?.expert).toBe('高志远');
    // One hash is shared by every account, so checking one checks them all.
    expect(new Set(rows.map((r) => r.passwordHash)).size).toBe(1);
    expect(await verifyPassword(DEMO_PASSWORD, rows[0]?.passwordHash ?? '')).toBe(true);
  });

  it('links villages to their townships', async () => {
    const township = alias(purchasers, 'township');
    const rows = await database.db
      .select({ village: purchasers.name, township: township.name, townshipLevel: township.level })
      .from(purchasers)
      .leftJoin(township, eq(township.id, purchasers.parentId))
      .where(eq(purchasers.level, 'village'));
    expect(rows).toHaveLength(data.purchasers.filter((p) => p.level === 'village').length);
    for (const r of rows) {
      expect(r.townshipLevel).toBe('township');
      expect(data.purchasers.find((p) => p.name === r.village)?.parentName).toBe(r.township);
    }
  });

  it('reports progress up to the total', () => {
    const last = progress.at(-1);
    expect(last?.done).toBe(last?.total);
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
    expect(new Set(progress.map((p) => p.label))).toEqual(
      new Set([
        '采购中心',
        '专业分类',
        '采购单位',
        '供应商',
        '中介机构',
        '评审专家',
        '评审记录',
        '账号',
        '采购计划',
      ]),
    );
  });

  it('gives the pool coverage report something real: a year of demand and thin specialties', async () => {
    const ctx = { actor: systemActor('test'), requestId: null, clock };
    const report = await poolCoverageReport(database.db, ctx, {});
    expect(report.asOf).toBe('2026-03-02');
    const flagged = report.rows.filter((r) => r.flagged);
    expect(flagged.length).toBeGreaterThan(0);
    expect(flagged.some((r) => r.worstCaseRecused > 0 && r.available >= 7)).toBe(true);
    expect(report.rows.find((r) => r.code === 'B')).toMatchObject({ flagged: false });
    expect(report.rows.reduce((sum, r) => sum + (r.leaf ? r.draws : 0), 0)).toBeGreaterThan(60);
  });

  it('holds plan lines at every stage, each intention lawful under the 30-day rule', async () => {
    const lines = await database.db.select().from(planLines);
    expect(new Set(lines.map((l) => l.status))).toEqual(
      new Set(['draft', 'intentionPublished', 'commissioned', 'returned', 'accepted']),
    );
    const published = await database.db.select().from(intentions);
    expect(published.length).toBeGreaterThan(20);
    for (const i of published) {
      expect(intentionProblem({ ...i, urgentReason: i.urgentReason })).toBeNull();
    }
  });

  it('does nothing the second time', async () => {
    const [before] = await database.db.select({ n: count() }).from(auditEvents);
    const again = await seedDemo(database, { clock });
    expect(again.created).toBe(false);
    expect(again.counts.auditEvents).toBe(0);
    const [after] = await database.db.select({ n: count() }).from(auditEvents);
    expect(after?.n).toBe(before?.n);
    const [centreCount] = await database.db.select({ n: count() }).from(centres);
    expect(centreCount?.n).toBe(1);
  });
});
