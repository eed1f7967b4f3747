/**
 * `zhengcai seed --demo`: loads the demo centre into an empty database. It runs on every start of an empty
 * installation, so it must be idempotent and all-or-nothing: one transaction, and nothing at all once a centre
 * exists (a real centre set up by hand must never get demo data mixed in).
 */
import { randomUUID } from 'node:crypto';
import { count, sql } from 'drizzle-orm';
import '../../modules/orgs/events.ts';
import {
  centres,
  expertEmployments,
  expertLeaves,
  expertReviews,
  experts,
  expertSpecialties,
  purchasers,
  intermediaries,
  qualifications,
  specialties,
  supplierBankAccounts,
  supplierPeople,
  suppliers,
  supplierSanctions,
  type ExpertRow,
  type PurchaserRow,
  type SupplierRow,
} from '../../modules/orgs/tables.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { systemActor, type RequestContext } from '../../platform/auth/actor.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { users } from '../../platform/auth/tables.ts';
import { appendAudit } from '../../platform/audit/log.ts';
import { auditEvents } from '../../platform/audit/tables.ts';
import type { AuditEvent } from '../../platform/audit/events.ts';
import type { Clock } from '../../platform/clock.ts';
import { demoRegistries } from './registries.ts';
import { demoPlanning } from './planning.ts';
import { commissions, intentions, planLines, procurementThresholds } from '../../modules/planning/tables.ts';
import '../../modules/planning/events.ts';
import type { Database, Tx } from '../../platform/db/client.ts';
import { installStandardTemplates } from '../../modules/tendering/index.ts';
import { notices } from '../../modules/tendering/tables.ts';
import { DEMO_PASSWORD, DEMO_SEED, demoData, type DemoBinding } from './data.ts';
import { actorOf, runTendering, tenderingTimeline } from './tendering.ts';
import {
  biddingTimeline,
  DEMO_BIDDER_USERNAMES,
  demoBidderAccounts,
  runBidding,
  userActorOf,
} from './bidding.ts';
import {
  DEMO_WORKS_BIDDER_USERNAMES,
  demoEvaluationAccounts,
  demoFileStore,
  evaluationTimeline,
  keysInTime,
  runEvaluation,
} from './evaluation.ts';
import { awardTimeline, runAward } from './award.ts';
import { seedHistory } from './history.ts';

export interface SeedDemoOptions {
  clock: Clock;
  /** Called after each batch; `label` names what was just written, in Chinese for the CLI's progress bar. */
  onProgress?: (done: number, total: number, label: string) => void;
  /** Defaults to the published demo seed; other seeds exist for tests that want a second, different centre. */
  seed?: string;
  /** The data directory whose file store receives the demo's bid documents; a temporary one when absent. */
  dataDir?: string;
}

export interface SeedDemoCounts {
  centres: number;
  specialties: number;
  purchasers: number;
  suppliers: number;
  supplierPeople: number;
  supplierBankAccounts: number;
  supplierSanctions: number;
  qualifications: number;
  intermediaries: number;
  experts: number;
  expertSpecialties: number;
  expertEmployments: number;
  expertLeaves: number;
  expertReviews: number;
  users: number;
  planLines: number;
  programmes: number;
  projects: number;
  notices: number;
  clarifications: number;
  custodianKeys: number;
  bids: number;
  openedLots: number;
  failedProjects: number;
  auditEvents: number;
}

export interface SeedDemoResult {
  created: boolean;
  counts: SeedDemoCounts;
}

/** Arbitrary constant naming the advisory lock that keeps two starting servers from seeding at once. */
const SEED_LOCK = 7_202_612;
const BATCH = 50;

const NOTHING: SeedDemoCounts = {
  centres: 0,
  specialties: 0,
  purchasers: 0,
  suppliers: 0,
  supplierPeople: 0,
  supplierBankAccounts: 0,
  supplierSanctions: 0,
  qualifications: 0,
  intermediaries: 0,
  experts: 0,
  expertSpecialties: 0,
  expertEmployments: 0,
  expertLeaves: 0,
  expertReviews: 0,
  users: 0,
  planLines: 0,
  programmes: 0,
  projects: 0,
  notices: 0,
  clarifications: 0,
  custodianKeys: 0,
  bids: 0,
  openedLots: 0,
  failedProjects: 0,
  auditEvents: 0,
};

function chunks<T>(xs: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

async function hasCentre(db: Database['db'] | Tx): Promise<boolean> {
  const rows = await db.select({ id: centres.id }).from(centres).limit(1);
  return rows.length > 0;
}

/** Looks a demo record's id up by its unique demo name; a miss is a bug in data.ts, not a user error. */
function resolver(ids: ReadonlyMap<string, string>, what: string): (name: string) => string {
  return (name) => {
    const id = ids.get(name);
    if (!id) throw new Error(`demo data names an unknown ${what}: ${name}`);
    return id;
  };
}

export async function seedDemo(database: Database, opts: SeedDemoOptions): Promise<SeedDemoResult> {
  // Cheap check first, so an already seeded start does not pay for a password hash.
  if (await hasCentre(database.db)) return { created: false, counts: NOTHING };

  const seed = opts.seed ?? DEMO_SEED;
  // History is dated back from the day of loading, so the coverage report always has a full last year.
  const data = demoData(seed, shanghaiDay(opts.clock.now()));
  const registries = demoRegistries(seed, data);
  const today = shanghaiDay(opts.clock.now());
  const planning = demoPlanning(seed, data, today);
  // Projects taken through the tendering use cases, each step on the day it happened before today.
  const tendering = tenderingTimeline(seed, today);
  // Sealed bids on projects still open, and openings of those past their deadline, each before now.
  const sanctioned = new Set(
    registries.supplierProfiles.filter((p) => p.sanctions.length).map((p) => p.supplierName),
  );
  const bidderAccounts = demoBidderAccounts(data.suppliers, sanctioned);
  const accounts = [...data.accounts, ...bidderAccounts, ...demoEvaluationAccounts(data, sanctioned)];
  const planned = biddingTimeline(seed, tendering, opts.clock.now(), bidderAccounts.length + 1);
  // Committees and evaluations of projects of their own, after the custodians' keys exist.
  const evaluation = evaluationTimeline(planned, opts.clock.now());
  // The custodians register their keys before the earliest evaluated project needs them.
  const bidding = keysInTime(planned, evaluation);
  // Awards, challenges, complaints, contracts and performance of the evaluated projects.
  const award = awardTimeline(evaluation, opts.clock.now());
  const history = data.expertHistory;
  // One scrypt hash for every account: hashing each would cost ~50 ms apiece for the same password.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const ctx: RequestContext = { actor: systemActor('cli:seed'), requestId: null, clock: opts.clock };

  const total =
    1 +
    data.specialties.length +
    data.purchasers.length +
    data.suppliers.length +
    registries.intermediaries.length +
    planning.lines.length +
    data.experts.length +
    history.reviews.length +
    accounts.length +
    tendering.steps.length +
    bidding.steps.length +
    evaluation.steps.length +
    award.steps.length;
  let done = 0;
  const progress = (n: number, label: string): void => {
    done += n;
    opts.onProgress?.(done, total, label);
  };

  return database.db.transaction(async (tx) => {
    // Re-check under the lock: another process may have seeded between the check above and now.
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
    if (await hasCentre(tx)) return { created: false, counts: NOTHING };

    const now = opts.clock.now();
    // Events the use cases append (templates, projects) are counted from the log itself.
    const auditCount = async (): Promise<number> =>
      (await tx.select({ n: count() }).from(auditEvents))[0]?.n ?? 0;
    const auditBefore = await auditCount();
    const audit = async (event: AuditEvent): Promise<void> => {
      await appendAudit(tx, ctx, event);
    };

    const [centre] = await tx
      .insert(centres)
      .values({ id: randomUUID(), ...data.centre, createdAt: now })
      .returning();
    if (!centre) throw new Error('centre insert returned nothing');
    await audit({ action: 'centre.created', entityType: 'centre', entityId: centre.id, after: centre });
    progress(1, '采购中心');

    // Parents precede children in the generated list, so each batch's foreign keys are already satisfied.
    for (const batch of chunks(data.specialties, BATCH)) {
      const rows = await tx.insert(specialties).values(batch).returning();
      for (const row of rows) {
        await audit({ action: 'specialty.created', entityType: 'specialty', entityId: row.code, after: row });
      }
      progress(rows.length, '专业分类');
    }

    // Ids are made here rather than by the database so a village can name its township in the same batch.
    const purchaserIds = new Map(data.purchasers.map((p) => [p.name, randomUUID()]));
    const purchaserId = resolver(purchaserIds, 'purchaser');
    const purchaserRows: PurchaserRow[] = [];
    for (const level of ['county', 'township', 'village'] as const) {
      const ofLevel = data.purchasers.filter((p) => p.level === level);
      for (const batch of chunks(ofLevel, BATCH)) {
        const rows = await tx
          .insert(purchasers)
          .values(
            batch.map(({ parentName, ...p }) => ({
              ...p,
              id: purchaserId(p.name),
              parentId: parentName === null ? null : purchaserId(parentName),
              createdAt: now,
            })),
          )
          .returning();
        for (const row of rows) {
          await audit({ action: 'purchaser.created', entityType: 'purchaser', entityId: row.id, after: row });
        }
        purchaserRows.push(...rows);
        progress(rows.length, '采购单位');
      }
    }

    const supplierRows: SupplierRow[] = [];
    const profileOf = new Map(registries.supplierProfiles.map((p) => [p.supplierName, p]));
    const profileCounts = { people: 0, bankAccounts: 0, qualifications: 0, sanctions: 0 };
    for (const batch of chunks(data.suppliers, BATCH)) {
      const rows = await tx
        .insert(suppliers)
        .values(
          batch.map((sp) => ({
            ...sp,
            id: randomUUID(),
            reviewedAt: sp.status === 'pending' ? null : now,
            createdAt: now,
          })),
        )
        .returning();
      for (const row of rows) {
        const profile = profileOf.get(row.name);
        if (!profile) throw new Error(`demo supplier without profile: ${row.name}`);
        const supplierId = row.id;
        const own = <T extends object>(xs: readonly T[]) => xs.map((x) => ({ ...x, supplierId }));
        if (profile.people.length) await tx.insert(supplierPeople).values(own(profile.people));
        if (profile.bankAccounts.length)
          await tx.insert(supplierBankAccounts).values(own(profile.bankAccounts));
        if (profile.qualifications.length)
          await tx.insert(qualifications).values(own(profile.qualifications));
        if (profile.sanctions.length) {
          await tx
            .insert(supplierSanctions)
            .values(own(profile.sanctions).map((x) => ({ ...x, recordedAt: now })));
        }
        profileCounts.people += profile.people.length;
        profileCounts.bankAccounts += profile.bankAccounts.length;
        profileCounts.qualifications += profile.qualifications.length;
        profileCounts.sanctions += profile.sanctions.length;
        // The profile's lists have no audit action of their own: they are part of what registering records.
        const { supplierName: _name, ...lists } = profile;
        await audit({
          action: 'supplier.created',
          entityType: 'supplier',
          entityId: row.id,
          after: { ...row, ...lists },
        });
      }
      supplierRows.push(...rows);
      progress(rows.length, '供应商');
    }

    const intermediaryRows = await tx
      .insert(intermediaries)
      .values(
        registries.intermediaries.map(({ qualifications: _q, ...i }) => ({
          ...i,
          reviewedAt: i.status === 'approved' ? now : null,
          createdAt: now,
        })),
      )
      .returning();
    for (const row of intermediaryRows) {
      const spec = registries.intermediaries.find((i) => i.name === row.name);
      const quals = spec?.qualifications ?? [];
      if (quals.length)
        await tx.insert(qualifications).values(quals.map((q) => ({ ...q, intermediaryId: row.id })));
      profileCounts.qualifications += quals.length;
      await audit({
        action: 'intermediary.registered',
        entityType: 'intermediary',
        entityId: row.id,
        after: { ...row, qualifications: quals },
      });
    }
    progress(intermediaryRows.length, '中介机构');

    const expertRows: ExpertRow[] = [];
    let expertSpecialtyCount = 0;
    let employmentCount = 0;
    let leaveCount = 0;
    for (const batch of chunks(data.experts, BATCH)) {
      const withIds = batch.map((e) => ({ ...e, id: randomUUID() }));
      const rows = await tx
        .insert(experts)
        .values(
          withIds.map((e) => ({
            id: e.id,
            name: e.name,
            idNumber: e.idNumber,
            phone: e.phone,
            titleLevel: e.titleLevel,
            titleName: e.titleName,
            years: e.years,
            employer: e.employer,
            regionCode: e.regionCode,
            status: e.status,
            createdAt: now,
          })),
        )
        .returning();
      const links = withIds.flatMap((e) =>
        e.specialtyCodes.map((code) => ({ expertId: e.id, specialtyCode: code })),
      );
      await tx.insert(expertSpecialties).values(links);
      expertSpecialtyCount += links.length;
      const idOf = new Map(withIds.map((e) => [e.name, e.id]));
      const ofBatch = <T extends { expertName: string }>(xs: readonly T[]) =>
        xs.flatMap(({ expertName, ...rest }) => {
          const id = idOf.get(expertName);
          return id ? [{ ...rest, expertId: id }] : [];
        });
      const jobs = ofBatch(history.employments);
      const jobRows = jobs.length ? await tx.insert(expertEmployments).values(jobs).returning() : [];
      const leaves = ofBatch(history.leaves);
      const leaveRows = leaves.length ? await tx.insert(expertLeaves).values(leaves).returning() : [];
      employmentCount += jobRows.length;
      leaveCount += leaveRows.length;
      const codesOf = new Map<string, string[]>(withIds.map((e) => [e.id, e.specialtyCodes]));
      for (const row of rows) {
        // Specialties, employments and leaves have no audit action of their own; they are part of what
        // registering an expert records.
        const after = {
          ...row,
          specialtyCodes: codesOf.get(row.id) ?? [],
          employments: jobRows.filter((j) => j.expertId === row.id),
          leaves: leaveRows.filter((l) => l.expertId === row.id),
        };
        await audit({ action: 'expert.created', entityType: 'expert', entityId: row.id, after });
      }
      expertRows.push(...rows);
      progress(rows.length, '评审专家');
    }

    const supplierId = resolver(new Map(supplierRows.map((r) => [r.name, r.id])), 'supplier');
    const expertId = resolver(new Map(expertRows.map((r) => [r.name, r.id])), 'expert');

    // A year of review sittings, imported as history: one expert.rated event per expert carries its rows.
    const reviewRows: (typeof expertReviews.$inferSelect)[] = [];
    for (const batch of chunks(history.reviews, BATCH * 4)) {
      const rows = await tx
        .insert(expertReviews)
        .values(batch.map(({ expertName, ...r }) => ({ ...r, expertId: expertId(expertName) })))
        .returning();
      reviewRows.push(...rows);
      progress(rows.length, '评审记录');
    }
    const reviewsOf = new Map<string, typeof reviewRows>();
    for (const r of reviewRows) reviewsOf.set(r.expertId, [...(reviewsOf.get(r.expertId) ?? []), r]);
    for (const [id, rows] of reviewsOf) {
      await audit({ action: 'expert.rated', entityType: 'expert', entityId: id, after: { imported: rows } });
    }
    const bound = (
      binding: DemoBinding | null,
      kind: DemoBinding['kind'],
      resolve: (name: string) => string,
    ) => (binding?.kind === kind ? resolve(binding.name) : null);
    const userRows = await tx
      .insert(users)
      .values(
        accounts.map((a) => ({
          id: randomUUID(),
          username: a.username,
          displayName: a.displayName,
          role: a.role,
          passwordHash,
          purchaserId: bound(a.binding, 'purchaser', purchaserId),
          supplierId: bound(a.binding, 'supplier', supplierId),
          expertId: bound(a.binding, 'expert', expertId),
          passwordChangedAt: now,
          createdAt: now,
        })),
      )
      .returning();
    for (const row of userRows) {
      await audit({ action: 'user.created', entityType: 'user', entityId: row.id, after: row });
    }
    progress(userRows.length, '账号');

    // The year's plan at every stage, and the thresholds configuration.
    const thresholdRows = await tx.insert(procurementThresholds).values(planning.thresholds).returning();
    await audit({
      action: 'thresholds.configured',
      entityType: 'thresholds',
      entityId: 'demo',
      after: { rows: thresholdRows },
    });
    const commissionedAt = now;
    const lineIds = new Map<string, string>();
    for (const pl of planning.lines) {
      const { purchaserName, intention, returnNote, ref, ...fields } = pl;
      const [row] = await tx
        .insert(planLines)
        .values({ ...fields, purchaserId: purchaserId(purchaserName), createdAt: now })
        .returning();
      if (!row) throw new Error('plan line insert returned nothing');
      if (ref !== null) lineIds.set(ref, row.id);
      const intentionRow = intention
        ? (
            await tx
              .insert(intentions)
              .values({ ...intention, planLineId: row.id, publishedAt: now })
              .returning()
          )[0]
        : null;
      const withCentre = pl.status === 'commissioned' || pl.status === 'returned' || pl.status === 'accepted';
      const commissionRow = withCentre
        ? (
            await tx
              .insert(commissions)
              .values({
                planLineId: row.id,
                submittedAt: commissionedAt,
                decidedAt: pl.status === 'commissioned' ? null : commissionedAt,
                decisionNote: returnNote,
              })
              .returning()
          )[0]
        : null;
      // Imported history: one event per line carries its intention and commission.
      await audit({
        action: 'planLine.created',
        entityType: 'planLine',
        entityId: row.id,
        after: { ...row, intention: intentionRow, commission: commissionRow },
      });
    }
    progress(planning.lines.length, '采购计划');

    // `seed --demo` runs before the app is built, so the standard templates may not be installed yet.
    await installStandardTemplates(tx, opts.clock);
    const userNamed = (username: string) => {
      const row = userRows.find((u) => u.username === username);
      if (!row) throw new Error(`demo account ${username} missing`);
      return row;
    };
    const supplierSize = new Map(supplierRows.map((r) => [r.id, r.size]));
    const biddingRun = runBidding(
      tx,
      bidding,
      {
        agent: userActorOf(userNamed('jingban')),
        supervisor: userActorOf(userNamed('caizheng')),
        bidders: ['gongyingshang', ...DEMO_BIDDER_USERNAMES]
          .filter((u) => userRows.some((r) => r.username === u))
          .map((u) => userActorOf(userNamed(u))),
        sizeOf: (id) => supplierSize.get(id) ?? null,
      },
      () => progress(1, '投标开标'),
    );
    const expertUsers = new Map(userRows.flatMap((u) => (u.expertId ? [[u.expertId, u] as const] : [])));
    const evaluationRun = runEvaluation(
      tx,
      evaluation,
      {
        agent: userActorOf(userNamed('jingban')),
        supervisor: userActorOf(userNamed('caizheng')),
        purchaser: userActorOf(userNamed('caigouren')),
        itBidders: ['gongyingshang', ...DEMO_BIDDER_USERNAMES]
          .filter((u) => userRows.some((r) => r.username === u))
          .map((u) => userActorOf(userNamed(u))),
        worksBidders: DEMO_WORKS_BIDDER_USERNAMES.filter((u) => userRows.some((r) => r.username === u)).map(
          (u) => userActorOf(userNamed(u)),
        ),
        expert: (id) => {
          const row = expertUsers.get(id);
          return row ? userActorOf(row) : null;
        },
        sizeOf: (id) => supplierSize.get(id) ?? null,
      },
      demoFileStore(opts.dataDir),
      () => progress(1, '评审'),
      biddingRun.until,
    );
    const supplierUsers = new Map(
      userRows.flatMap((u) => (u.supplierId && u.role === 'supplier' ? [[u.supplierId, u] as const] : [])),
    );
    const awardRun = runAward(
      tx,
      award,
      {
        agent: userActorOf(userNamed('jingban')),
        supervisor: userActorOf(userNamed('caizheng')),
        purchaser: userActorOf(userNamed('caigouren')),
        supplier: (id) => {
          const row = supplierUsers.get(id);
          return row ? userActorOf(row) : null;
        },
        projectOf: evaluationRun.projectOf,
      },
      () => progress(1, '定标与合同'),
      evaluationRun.until,
    );
    const tenderingCounts = await runTendering(
      tx,
      tendering,
      { agent: actorOf(userNamed('jingban')), supplier: actorOf(userNamed('gongyingshang')) },
      resolver(lineIds, 'plan line'),
      () => progress(1, '采购项目'),
      awardRun.until,
    );
    const awardCounts = await awardRun.finish();
    const evaluationCounts = await evaluationRun.finish();
    const biddingCounts = await biddingRun.finish();
    // The two years' ledgers before the platform, and the centre's annual targets.
    await seedHistory(
      tx,
      { agent: userActorOf(userNamed('jingban')), director: userActorOf(userNamed('zhuren')) },
      data,
      seed,
      opts.clock,
    );
    const [noticeCount] = await tx.select({ n: count() }).from(notices);

    const counts: SeedDemoCounts = {
      centres: 1,
      specialties: data.specialties.length,
      purchasers: purchaserRows.length,
      suppliers: supplierRows.length,
      supplierPeople: profileCounts.people,
      supplierBankAccounts: profileCounts.bankAccounts,
      supplierSanctions: profileCounts.sanctions,
      qualifications: profileCounts.qualifications,
      intermediaries: intermediaryRows.length,
      experts: expertRows.length,
      expertSpecialties: expertSpecialtyCount,
      expertEmployments: employmentCount,
      expertLeaves: leaveCount,
      expertReviews: reviewRows.length,
      users: userRows.length,
      planLines: planning.lines.length,
      programmes: tenderingCounts.programmes,
      projects: tenderingCounts.projects + evaluationCounts.projects + awardCounts.projects,
      notices: noticeCount?.n ?? 0,
      clarifications: tenderingCounts.clarifications,
      ...biddingCounts,
      // This far, plus seed.demo itself.
      auditEvents: (await auditCount()) - auditBefore + 1,
    };
    await audit({
      action: 'seed.demo',
      entityType: 'centre',
      entityId: centre.id,
      after: { seed, counts, accounts: accounts.map((a) => a.username) },
    });
    return { created: true, counts };
  });
}
