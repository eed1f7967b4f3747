import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intentionProblem } from '../../modules/planning/rules.ts';
import { intentions, planLines } from '../../modules/planning/tables.ts';
import { count, eq, inArray } from 'drizzle-orm';
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
import { fixedClock, shanghaiDay } from '../../platform/clock.ts';
import { checkSchedule, TIMED_METHODS } from '../../modules/tendering/rules/deadlines.ts';
import type { Database } from '../../platform/db/client.ts';
import { readBundleSuggestions } from '../../modules/tendering/programmes.ts';
import {
  clarifications,
  lintJustifications,
  lots,
  methodApprovals,
  notices,
  programmes,
  projects,
  projectShares,
} from '../../modules/tendering/tables.ts';
import {
  bidLotPrices,
  bids,
  custodianKeys,
  lotOpenings,
  openingObjections,
  projectCustodians,
} from '../../modules/bidding/tables.ts';
import { readOpening } from '../../modules/bidding/opening.ts';
import { PBKDF2_ITERATIONS, unlockCustodianKey } from '../../modules/bidding/sealing.contract.ts';
import { platformSigner, verifyStatement, type SignedStatement } from '../../platform/signing.ts';
import { DEMO_BID_ITERATIONS, DEMO_BIDDER_USERNAMES, DEMO_OPENING_PASSPHRASE } from './bidding.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoData } from './data.ts';
import { seedDemo, type SeedDemoResult } from './seed.ts';
import { demoEvaluationAccounts } from './evaluation.ts';
import { verifyDraw } from '../../modules/evaluation/draw.contract.ts';
import { inputsOf } from '../../modules/evaluation/index.ts';
import {
  blindCodes,
  committees,
  committeeSeats,
  draws,
  evaluations,
} from '../../modules/evaluation/tables.ts';
import type { DrawResult } from '../../modules/evaluation/draw.contract.ts';
import {
  acceptances,
  awards,
  challenges,
  complaints,
  contracts,
  invoices,
  milestones,
  payments,
  performanceIssues,
} from '../../modules/award/tables.ts';
import { signingSuspension } from '../../modules/award/challenges/index.ts';
import { exportContract } from '../../modules/award/contracts/index.ts';
import { verifyContractExport } from '../../modules/award/contracts/signature.contract.ts';
import { savingsOf } from '../../modules/award/performance/index.ts';

const data = demoData();
/** The works bidders and experts the evaluations act through (seed.ts adds them to the accounts). */
const evaluationAccounts = demoEvaluationAccounts(data, new Set());
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
      // One account per role, and the demo's other bidders.
      users: DEMO_ACCOUNTS.length + DEMO_BIDDER_USERNAMES.length + evaluationAccounts.length,
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
      // Less the sittings the demo's signed evaluations recorded: four experts each.
      expertReviews:
        (await n(db.select({ n: count() }).from(expertReviews))) -
        4 * (await n(db.select({ n: count() }).from(evaluations).where(eq(evaluations.status, 'signed')))),
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
    expect([...by.keys()].sort()).toEqual(
      [
        ...DEMO_ACCOUNTS.map((a) => a.username),
        ...DEMO_BIDDER_USERNAMES,
        ...evaluationAccounts.map((a) => a.username),
      ].sort(),
    );
    // The other bidders are approved suppliers, each a different firm.
    const bidders = DEMO_BIDDER_USERNAMES.map((u) => by.get(u));
    expect(bidders.map((b) => b?.supplierStatus)).toEqual(DEMO_BIDDER_USERNAMES.map(() => 'approved'));
    expect(new Set(bidders.map((b) => b?.supplier)).size).toBe(DEMO_BIDDER_USERNAMES.length);
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
        '采购项目',
        '投标开标',
        '评审',
        '定标与合同',
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

  it('holds projects at every state reached so far, made by the tendering use cases', async () => {
    const db = database.db;
    const rows = await db.select().from(projects);
    expect(rows).toHaveLength(first.counts.projects);
    expect(rows.length).toBeGreaterThanOrEqual(12);
    const byStatus = (status: string) => rows.filter((p) => p.status === status);
    for (const status of ['draft', 'linted', 'approved', 'published', 'corrected', 'terminated']) {
      expect(byStatus(status).length, status).toBeGreaterThan(0);
    }
    expect(byStatus('published').length).toBeGreaterThanOrEqual(4);
    // Codes follow the order the projects were drawn up in.
    const byCreation = [...rows].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    expect(byCreation.map((p) => p.code)).toEqual(rows.map((p) => p.code).sort());

    // A draft still carries the discriminatory clauses its check found, for the UI to show.
    const flagged = byStatus('draft').filter((p) => p.lint?.findings.some((f) => f.severity === 'block'));
    expect(flagged.length).toBeGreaterThan(0);

    // Published on a working day before the seed day, with a lawful deadline still ahead.
    for (const p of [...byStatus('published'), ...byStatus('corrected')]) {
      expect(p.noticePublishedOn && p.noticePublishedOn < '2026-03-02').toBe(true);
      expect(p.documentsIssuedOn).toBe(p.noticePublishedOn);
      expect(p.bidDeadlineAt?.getTime()).toBeGreaterThan(clock.now().getTime());
    }
    const methods = new Set(byStatus('published').map((p) => `${p.method}/${p.category}`));
    expect(methods).toContain('openTender/goods');
    expect(methods).toContain('consultation/services');
    expect(methods).toContain('rfq/goods');
    const lotRows = await db.select().from(lots);
    const lotsOf = (id: string) => lotRows.filter((l) => l.projectId === id).length;
    expect(byStatus('published').some((p) => p.method === 'openTender' && lotsOf(p.id) === 3)).toBe(true);

    // The approved one is a method other than open tender above the threshold, with the bureau's reply.
    const [approved] = byStatus('approved');
    expect(['negotiation', 'singleSource']).toContain(approved?.method);
    const approvals = await db.select().from(methodApprovals);
    expect(approvals.find((a) => a.projectId === approved?.id)?.authority).toContain('财政局');

    const noticeRows = await db.select().from(notices);
    expect(noticeRows).toHaveLength(first.counts.notices);
    const kindsOf = (id: string | undefined) =>
      noticeRows.filter((n) => n.projectId === id).map((n) => n.kind);
    const [corrected] = byStatus('corrected');
    expect(kindsOf(corrected?.id).sort()).toEqual(['correction', 'tender']);
    const correction = noticeRows.find((n) => n.projectId === corrected?.id && n.kind === 'correction');
    expect(correction?.bidDeadlineAt?.getTime()).toBeGreaterThan(
      correction?.previousDeadlineAt?.getTime() ?? 0,
    );
    const [terminated] = byStatus('terminated');
    expect(kindsOf(terminated?.id).sort()).toEqual(['tender', 'termination']);

    expect(await db.select().from(lintJustifications)).toHaveLength(1);
    const questions = await db.select().from(clarifications);
    expect(questions.filter((q) => q.answer !== null)).toHaveLength(1);
    expect(questions.filter((q) => q.answer === null)).toHaveLength(1);
  });

  it('bundles several units into one project, and keeps programmes with their projects', async () => {
    const db = database.db;
    const shares = await db.select().from(projectShares);
    const unitsOf = new Map<string, Set<string>>();
    for (const s of shares)
      unitsOf.set(s.projectId, (unitsOf.get(s.projectId) ?? new Set()).add(s.purchaserId));
    expect(Math.max(...[...unitsOf.values()].map((u) => u.size))).toBeGreaterThanOrEqual(3);

    const progs = await db.select().from(programmes);
    expect(progs.map((p) => p.kind).sort()).toEqual(['caseByCase', 'schoolSafety']);
    const inProgramme = async (kind: string) => {
      const ids = (await db.select().from(projects)).filter(
        (p) => p.programmeId === progs.find((x) => x.kind === kind)?.id,
      );
      return {
        projects: ids.length,
        lots: ids.length
          ? (
              await db
                .select({ n: count() })
                .from(lots)
                .where(
                  inArray(
                    lots.projectId,
                    ids.map((p) => p.id),
                  ),
                )
            )[0]?.n
          : 0,
      };
    };
    expect((await inProgramme('schoolSafety')).lots).toBe(27);
    expect((await inProgramme('caseByCase')).projects).toBe(2);
  });

  it('leaves accepted lines of one 品目 across units open, so bundles are suggested', async () => {
    const ctx = {
      actor: {
        kind: 'user' as const,
        role: 'agent' as const,
        userId: (await database.db.select().from(users).where(eq(users.username, 'jingban')))[0]?.id ?? '',
        username: 'jingban',
        displayName: '刘婷',
        purchaserId: null,
        supplierId: null,
        expertId: null,
        sessionId: null,
      },
      requestId: null,
      clock,
    };
    const suggestions = await readBundleSuggestions(database.db, ctx, { year: 2026, windowMonths: 2 });
    expect(suggestions.items.length).toBeGreaterThan(0);
    expect(suggestions.items.some((b) => b.lines.length >= 3)).toBe(true);
  });

  it('gives jingban and caizheng opening keys that unlock with the documented passphrase', async () => {
    const db = database.db;
    const keys = await db
      .select({ username: users.username, key: custodianKeys })
      .from(custodianKeys)
      .innerJoin(users, eq(users.id, custodianKeys.userId));
    expect(keys.map((k) => k.username).sort()).toEqual(['caizheng', 'jingban']);
    expect(first.counts.custodianKeys).toBe(2);
    for (const { key } of keys) {
      expect(key.revokedAt).toBeNull();
      // Full strength: these are the keys a newcomer unlocks in the UI.
      expect(key.wrappedPrivateKey.iterations).toBe(PBKDF2_ITERATIONS);
    }
    const [jingban] = keys;
    if (!jingban) throw new Error('no key');
    await expect(unlockCustodianKey(jingban.key, DEMO_OPENING_PASSPHRASE)).resolves.toBeDefined();
    await expect(unlockCustodianKey(jingban.key, 'not the passphrase')).rejects.toThrow();
  });

  it('holds sealed bids on projects still open, each with a receipt that verifies', async () => {
    const db = database.db;
    const rows = await db.select().from(bids);
    expect(rows).toHaveLength(first.counts.bids);
    const projectRows = await db.select().from(projects);
    const projectOf = (id: string) => projectRows.find((p) => p.id === id);
    const sealed = rows.filter((b) => {
      const p = projectOf(b.projectId);
      return p?.status === 'published' && (p.bidDeadlineAt?.getTime() ?? 0) > clock.now().getTime();
    });
    const sealedProjects = new Set(sealed.map((b) => b.projectId));
    expect(sealedProjects.size).toBeGreaterThanOrEqual(2);
    for (const id of sealedProjects) {
      const live = sealed.filter((b) => b.projectId === id && b.status === 'submitted');
      expect(live.length).toBeGreaterThanOrEqual(2);
      expect(new Set(live.map((b) => b.supplierId)).size).toBe(live.length);
      // Custodians were named before the first bid, and the bids' shares are wrapped to their keys.
      expect(
        (await db.select().from(projectCustodians).where(eq(projectCustodians.projectId, id))).length,
      ).toBe(1);
    }
    expect(sealed.map((b) => b.status)).toContain('replaced');
    expect(sealed.map((b) => b.status)).toContain('withdrawn');
    // gongyingshang has bids of its own to look at.
    const [demoSupplier] = await db.select().from(users).where(eq(users.username, 'gongyingshang'));
    expect(sealed.some((b) => b.supplierId === demoSupplier?.supplierId)).toBe(true);

    const { publicKey } = await platformSigner(db);
    for (const b of rows) {
      const receipt = b.receipt as SignedStatement<{
        bidId: string;
        envelopeHash: string;
        receivedAt: string;
      }>;
      expect(verifyStatement(receipt, publicKey)).toMatchObject({ ok: true });
      expect(receipt.statement).toMatchObject({
        bidId: b.id,
        envelopeHash: b.envelopeHash,
        receivedAt: b.submittedAt.toISOString(),
      });
      // Received before the deadline, and before the seed day's clock.
      expect(b.submittedAt.getTime()).toBeLessThan(projectOf(b.projectId)?.bidDeadlineAt?.getTime() ?? 0);
      expect(b.submittedAt.getTime()).toBeLessThan(clock.now().getTime());
      expect(b.shares.bidder.iterations).toBe(DEMO_BID_ITERATIONS);
    }
    // Still sealed: nothing of these bids has been opened.
    const opened = await db.select().from(bidLotPrices);
    expect(opened.some((o) => sealed.some((b) => b.id === o.bidId))).toBe(false);
  });

  it('opens the projects past their deadline: signed records, a lot not opened, an objection, a 废标', async () => {
    const db = database.db;
    const projectRows = await db.select().from(projects);
    const openings = await db.select().from(lotOpenings);
    const opened = openings.filter((l) => l.status === 'opened');
    expect(opened).toHaveLength(first.counts.openedLots);
    expect(opened.length).toBeGreaterThanOrEqual(2);
    const { publicKey } = await platformSigner(db);
    // Projects taken on to their evaluation have moved on from 'opened' (see the evaluation block below).
    const evaluated = new Set((await db.select().from(evaluations)).map((e) => e.projectId));
    for (const lot of opened) {
      if (!evaluated.has(lot.projectId))
        expect(projectRows.find((p) => p.id === lot.projectId)?.status).toBe('opened');
      const record = lot.record as SignedStatement<{
        lotNo: number;
        entries: { opened: boolean; priceFen: string | null }[];
      }>;
      expect(verifyStatement(record, publicKey)).toMatchObject({ ok: true });
      expect(record.statement.lotNo).toBe(lot.lotNo);
      expect(record.statement.entries.length).toBeGreaterThanOrEqual(3);
      for (const e of record.statement.entries) {
        expect(e.opened).toBe(true);
        expect(BigInt(e.priceFen ?? '0')).toBeGreaterThan(0n);
      }
    }
    // A lot with fewer than three bids on an opened project is shown 不予开标.
    const notOpened = openings.filter(
      (l) => l.status === 'notOpened' && projectRows.find((p) => p.id === l.projectId)?.status === 'opened',
    );
    expect(notOpened.length).toBeGreaterThan(0);
    expect(notOpened.every((l) => l.bidCount < 3 && l.record === null)).toBe(true);

    // A project with only two bids failed at the opening.
    expect(projectRows.filter((p) => p.status === 'failed')).toHaveLength(first.counts.failedProjects);
    const failed = projectRows.filter((p) => p.status === 'failed' && !evaluated.has(p.id));
    expect(failed.length).toBeGreaterThanOrEqual(1);
    const failedLots = openings.filter((l) => failed.some((p) => p.id === l.projectId));
    expect(failedLots.every((l) => l.status === 'notOpened' && l.bidCount < 3)).toBe(true);

    const objections = await db.select().from(openingObjections);
    expect(objections).toHaveLength(1);
    expect(objections[0]?.answer).toContain('不予开标');

    // The centre sees the opening as the UI shows it.
    const [jingban] = await db.select().from(users).where(eq(users.username, 'jingban'));
    const agentCtx = {
      actor: {
        kind: 'user' as const,
        role: 'agent' as const,
        userId: jingban?.id ?? '',
        username: 'jingban',
        displayName: jingban?.displayName ?? '',
        purchaserId: null,
        supplierId: null,
        expertId: null,
        sessionId: null,
      },
      requestId: null,
      clock,
    };
    const view = await readOpening(db, agentCtx, objections[0]?.projectId ?? '');
    expect(view).toMatchObject({ status: 'opened', started: true });
    expect(view.lots.map((l) => l.status).sort()).toEqual(['notOpened', 'opened']);
    expect(view.custodians.sort()).toEqual(['刘婷', '孙立新']);
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

describe('seedDemo: committees and evaluations', () => {
  it('holds a formed committee, not yet sitting, with a decline replaced from the committed order', async () => {
    const db = database.db;
    const rows = await db.select().from(committees);
    const seats = await db.select().from(committeeSeats);
    const waiting = rows.filter((c) => c.reviewAt > clock.now());
    expect(waiting).toHaveLength(1);
    const [c] = waiting;
    expect(c?.status).toBe('formed');
    const mine = seats.filter((s) => s.committeeId === c?.id && s.kind === 'expert');
    const declined = mine.filter((s) => s.status === 'declined');
    expect(declined).toHaveLength(1);
    expect(declined[0]?.declineReason).toBeTruthy();
    expect(mine.filter((s) => s.status === 'confirmed')).toHaveLength(4);
    expect(mine.find((s) => s.replaces === declined[0]?.id)?.status).toBe('confirmed');
    const [project] = await db
      .select()
      .from(projects)
      .where(eq(projects.id, c?.projectId ?? ''));
    expect(project?.status).toBe('opened');
    expect((await db.select().from(evaluations)).some((e) => e.projectId === c?.projectId)).toBe(false);
  });

  it('holds signed evaluations of every method, a blind one with a leak found, and a 废标', async () => {
    const db = database.db;
    const rows = await db.select().from(evaluations);
    const signed = rows.filter((e) => e.status === 'signed');
    for (const method of ['lowestPrice', 'bestValue', 'priceLottery'])
      expect(
        signed.some((e) => e.method === method && !e.blind),
        method,
      ).toBe(true);
    const blind = signed.find((e) => e.blind);
    expect(blind).toBeDefined();
    const { publicKey } = await platformSigner(db);
    for (const e of signed) {
      const report = e.signedReport as SignedStatement<{ signatures: { agree: boolean }[] }>;
      expect(verifyStatement(report, publicKey)).toMatchObject({ ok: true });
    }
    // 综合评分法: an abnormally low bid explained and accepted, a deviating score, one dissent.
    const scored = signed.find((e) => e.method === 'bestValue' && !e.blind);
    const report = scored?.report as { abnormal: { decision: string }[]; deviations: unknown[] };
    expect(report.abnormal.map((a) => a.decision)).toEqual(['accepted']);
    expect(report.deviations.length).toBeGreaterThan(0);
    const statement = (scored?.signedReport as SignedStatement<{ signatures: { agree: boolean }[] }>)
      .statement;
    expect(statement.signatures.filter((s) => !s.agree)).toHaveLength(1);
    // 合理定价评审抽签法: one bid at another price void, the order drawn among the rest.
    const lottery = signed.find((e) => e.method === 'priceLottery');
    const checks = (lottery?.report as { checks: { qualified: boolean; automatic: string[] }[] }).checks;
    expect(checks.filter((k) => !k.qualified)).toHaveLength(1);
    expect(checks.find((k) => !k.qualified)?.automatic[0]).toContain('定标价');
    // 暗标: the identity-leak report names the bidder who signed its document.
    const codes = await db
      .select()
      .from(blindCodes)
      .where(eq(blindCodes.projectId, blind?.projectId ?? ''));
    const findings = codes.flatMap((c) => (c.scan as { findings: unknown[] }[]).flatMap((r) => r.findings));
    expect(findings.length).toBeGreaterThan(0);
    // Fewer than three qualified: 废标, the project failed, with the ground recorded.
    const failed = rows.filter((e) => e.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.failedReason).toContain('不足3家');
    const [project] = await db
      .select()
      .from(projects)
      .where(eq(projects.id, failed[0]?.projectId ?? ''));
    expect(project?.status).toBe('failed');
    const events = await db.select().from(auditEvents).where(eq(auditEvents.action, 'evaluation.failed'));
    expect((events[0]?.after as { nextSteps: string[] }).nextSteps.length).toBeGreaterThan(0);
  });

  it('keeps every draw replayable from its stored inputs, on a log that verifies', async () => {
    const db = database.db;
    const rows = await db.select().from(draws);
    expect(rows.some((d) => d.purpose === 'lottery')).toBe(true);
    const drawn = rows.filter((d) => d.status === 'drawn');
    expect(drawn.length).toBe(rows.length);
    for (const d of drawn)
      expect(await verifyDraw(inputsOf(d), d.result as DrawResult)).toEqual({ ok: true });
    expect((await verifyAudit(db)).ok).toBe(true);
  });
});

describe('seedDemo: award to payment', () => {
  const today = '2026-03-02';
  const db = () => database.db;
  const agentCtx = async () => {
    const [jingban] = await db().select().from(users).where(eq(users.username, 'jingban'));
    return {
      actor: {
        kind: 'user' as const,
        role: 'agent' as const,
        userId: jingban?.id ?? '',
        username: 'jingban',
        displayName: jingban?.displayName ?? '',
        purchaserId: null,
        supplierId: null,
        expertId: null,
        sessionId: null,
      },
      requestId: null,
      clock,
    };
  };

  it('holds a lot awaiting the purchaser, with a lawful reason for the delay, and nothing deemed', async () => {
    const rows = await db().select().from(awards);
    const waiting = rows.filter((a) => a.status === 'awaitingConfirmation');
    expect(waiting).toHaveLength(1);
    expect(waiting[0]?.delayReason).toBeTruthy();
    expect(new Set(rows.map((a) => a.status))).toEqual(
      new Set(['awaitingConfirmation', 'noticed', 'failed']),
    );
    // Every other lot was confirmed by the purchaser in the report's order, none deemed.
    for (const a of rows.filter((x) => x.status === 'noticed')) {
      expect(a.deemed).toBe(false);
      expect(a.winnerBidId).toBe(a.candidates[0]?.bidId);
      expect(a.noticedOn && a.noticedOn < today).toBe(true);
    }
  });

  it('holds a result challenge not yet answered, which suspends signing', async () => {
    const pending = (await db().select().from(challenges)).filter((c) => c.status === 'received');
    expect(pending).toHaveLength(1);
    const [c] = pending;
    expect(c).toMatchObject({ subject: 'result', affectsResult: true, lotNo: 1 });
    expect(c?.replyDueOn && c.replyDueOn >= today).toBe(true);
    const [a] = await db()
      .select()
      .from(awards)
      .where(eq(awards.projectId, c?.projectId ?? ''));
    // A losing bidder of the lot.
    expect(a?.candidates.some((x) => x.supplierId === c?.supplierId)).toBe(true);
    expect(a?.winnerSupplierId).not.toBe(c?.supplierId);
    const s = await signingSuspension(db(), c?.projectId ?? '', 1, today);
    expect(s.suspended).toBe(true);
    expect(
      await db()
        .select()
        .from(contracts)
        .where(eq(contracts.projectId, c?.projectId ?? '')),
    ).toEqual([]);
  });

  it('holds a complaint accepted after a dismissed challenge, the procurement suspended', async () => {
    const rows = await db().select().from(complaints);
    expect(rows).toHaveLength(1);
    const [k] = rows;
    expect(k?.status).toBe('accepted');
    expect(k?.suspendedOn && k.suspendedOn < today).toBe(true);
    expect(k?.suspensionEndsOn && k.suspensionEndsOn >= today).toBe(true);
    expect(k?.decisionDueOn && k.decisionDueOn > today).toBe(true);
    const [c] = await db()
      .select()
      .from(challenges)
      .where(eq(challenges.id, k?.challengeId ?? ''));
    expect(c).toMatchObject({ status: 'answered', outcome: 'dismissed', supplierId: k?.supplierId });
    const s = await signingSuspension(db(), k?.projectId ?? '', 1, today);
    expect(s.suspended).toBe(true);
    expect(s.reasons.join()).toContain('第五十七条');
  });

  it('holds a contract signed by both parties, published and filed, whose export verifies', async () => {
    const signed = (await db().select().from(contracts)).filter((c) => c.status === 'signed');
    expect(signed).toHaveLength(1);
    const [c] = signed;
    expect(c?.noticeId).toBeTruthy();
    expect(c?.publishedOn && c.publicationDueOn && c.publishedOn <= c.publicationDueOn).toBe(true);
    expect(c?.filedOn && c.filingDueOn && c.filedOn <= c.filingDueOn).toBe(true);
    const [project] = await db()
      .select()
      .from(projects)
      .where(eq(projects.id, c?.projectId ?? ''));
    expect(project?.status).toBe('contracted');
    const record = await exportContract(db(), await agentCtx(), c?.id ?? '');
    expect(record.signatures.map((s) => s.party).sort()).toEqual(['purchaser', 'supplier']);
    const { publicKey } = await platformSigner(db());
    const verdict = await verifyContractExport(record, publicKey);
    expect(verdict.checks.filter((x) => !x.ok)).toEqual([]);
    expect(verdict.ok).toBe(true);

    // Its performance: one milestone reported and confirmed, one overdue with an issue answered.
    const plan = await db()
      .select()
      .from(milestones)
      .where(eq(milestones.contractId, c?.id ?? ''));
    expect(plan.some((m) => m.reportedOn !== null && m.confirmedOn !== null)).toBe(true);
    const late = plan.filter((m) => m.reportedOn === null && m.dueOn < today);
    expect(late).toHaveLength(1);
    const issues = await db()
      .select()
      .from(performanceIssues)
      .where(eq(performanceIssues.contractId, c?.id ?? ''));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ status: 'answered', category: 'late', milestoneId: late[0]?.id });
    expect(issues[0]?.response).toBeTruthy();
  });

  it('holds an accepted contract, invoiced, its payment still due', async () => {
    const accepted = (await db().select().from(contracts)).filter((c) => c.status === 'accepted');
    expect(accepted).toHaveLength(1);
    const [c] = accepted;
    const passed = await db()
      .select()
      .from(acceptances)
      .where(eq(acceptances.contractId, c?.id ?? ''));
    expect(passed.map((a) => a.conclusion)).toEqual(['passed']);
    expect(passed[0]?.members.length).toBeGreaterThanOrEqual(2);
    const bills = await db()
      .select()
      .from(invoices)
      .where(eq(invoices.contractId, c?.id ?? ''));
    expect(bills).toHaveLength(1);
    expect(bills[0]?.amountFen).toBe(c?.amountFen);
    expect(bills[0]?.dueOn && bills[0].dueOn > today).toBe(true);
    expect(
      await db()
        .select()
        .from(payments)
        .where(eq(payments.contractId, c?.id ?? '')),
    ).toEqual([]);
  });

  it('holds a completed contract, paid in full in time, with its savings', async () => {
    const completed = (await db().select().from(contracts)).filter((c) => c.status === 'completed');
    expect(completed).toHaveLength(1);
    const [c] = completed;
    const paid = await db()
      .select()
      .from(payments)
      .where(eq(payments.contractId, c?.id ?? ''));
    expect(paid.reduce((sum, p) => sum + p.amountFen, 0n)).toBe(c?.amountFen);
    expect(paid.every((p) => p.dueOn !== null && p.paidOn <= p.dueOn)).toBe(true);
    const report = await savingsOf(db(), { projectId: c?.projectId ?? '' });
    expect(report.total?.measuredAgainst).toBe('paid');
    expect(report.total?.savings.savingsFen).toBe((c?.budgetFen ?? 0n) - (c?.amountFen ?? 0n));
    expect(report.total?.savings.savingsFen).toBeGreaterThan(0n);
  });

  it('retenders the project failed at the evaluation as a new draft, on a log that verifies', async () => {
    const rows = await db().select().from(projects);
    const failedAtReview = (await db().select().from(evaluations)).find((e) => e.status === 'failed');
    const again = rows.filter((p) => p.retenderOf !== null);
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ retenderOf: failedAtReview?.projectId, status: 'draft' });
    const verified = await verifyAudit(db());
    expect(verified.ok).toBe(true);
  });
});

describe('seedDemo near the end of the covered calendar', () => {
  it('seeds on 2026-12-28, keeping every published schedule lawful within the calendar', async () => {
    const late = await freshDatabase();
    try {
      const lateClock = fixedClock(new Date('2026-12-28T02:00:00Z'));
      const result = await seedDemo(late, { clock: lateClock });
      expect(result.created).toBe(true);
      expect(result.counts.projects).toBe(first.counts.projects);
      const rows = await late.db.select().from(projects);
      const firstNotices = await late.db.select().from(notices);
      for (const p of rows.filter((x) => x.noticePublishedOn !== null)) {
        const notice = firstNotices.find((n) => n.projectId === p.id && n.previousDeadlineAt === null);
        const method = TIMED_METHODS.find((m) => m === p.method);
        expect(notice?.bidDeadlineAt && method).toBeTruthy();
        if (!notice?.bidDeadlineAt || !method) continue;
        expect(p.bidDeadlineAt && p.bidDeadlineAt < new Date('2027-01-01T00:00:00+08:00')).toBe(true);
        expect(
          checkSchedule({
            method,
            noticePublishedOn: p.noticePublishedOn ?? '',
            documentsIssuedOn: p.documentsIssuedOn ?? '',
            documentsAvailableUntil: p.documentsAvailableUntil ?? '',
            bidDeadline: shanghaiDay(notice.bidDeadlineAt),
          }),
        ).toEqual([]);
      }
      expect(rows.some((p) => p.status === 'published')).toBe(true);
      // Bids and openings are placed there too, all before the seed's clock.
      expect(result.counts.openedLots).toBe(first.counts.openedLots);
      expect(result.counts.failedProjects).toBe(first.counts.failedProjects);
      const bidRows = await late.db.select().from(bids);
      expect(bidRows).toHaveLength(first.counts.bids);
      expect(bidRows.every((b) => b.submittedAt < lateClock.now())).toBe(true);
      expect((await verifyAudit(late.db)).ok).toBe(true);
    } finally {
      await late.close();
    }
    // A whole second centre, taken on to contracts and payments: more than the default 30 s on a busy machine.
  }, 120_000);
});
