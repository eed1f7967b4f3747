/**
 * Bidding use cases before the opening: custodians' opening keys, a project's custodians, registration (报名)
 * and the sealing keys a bidder's browser seals with — all judged by the server's clock (ADR 0005). The
 * submission itself is in submission.ts.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { appendAudit } from '../../platform/audit/log.ts';
import { actorUserId, type RequestContext } from '../../platform/auth/actor.ts';
import { users } from '../../platform/auth/tables.ts';
import { authorize } from '../../platform/auth/policy.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import { suppliers } from '../orgs/tables.ts';
import { lots, projects } from '../tendering/tables.ts';
import type {
  custodianKeyBody,
  custodianKeyView,
  custodiansBody,
  custodiansView,
  registrationView,
  sealingView,
} from './contract.ts';
import './events.ts';
import { bidPolicy, custodianPolicy } from './policy.ts';
import { fromBase64 } from './sealing.contract.ts';
import { bidRegistrations, bids, custodianKeys, projectCustodians } from './tables.ts';

/** Bids are taken while the notice stands (已发布 / 已更正) and the deadline has not passed. */
const OPEN_FOR_BIDS = ['published', 'corrected'];
const userId = (ctx: RequestContext): string | null => actorUserId(ctx.actor);
export const supplierOf = (ctx: RequestContext): string => {
  const id = ctx.actor.kind === 'user' ? ctx.actor.supplierId : null;
  if (!id) throw badRequest('SUPPLIER_REQUIRED', '只有供应商账户可以投标');
  return id;
};
const when = (d: Date): string =>
  new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'long',
    timeStyle: 'medium',
    hourCycle: 'h23',
  }).format(d);

// ── custodians ────────────────────────────────────────────────────────────────────────────────────────

/** A P-256 public key as WebCrypto exports it raw: 65 bytes, uncompressed (0x04 ‖ X ‖ Y), on the curve. */
async function checkPublicKey(publicKey: string): Promise<void> {
  const raw = fromBase64(publicKey);
  const problem = raw.length !== 65 || raw[0] !== 4;
  if (!problem) {
    try {
      await globalThis.crypto.subtle.importKey('raw', raw, { name: 'ECDH', namedCurve: 'P-256' }, false, []);
      return;
    } catch {
      // fall through
    }
  }
  throw badRequest('PUBLIC_KEY_INVALID', '开标密钥公钥无效（应为 P-256 未压缩公钥）', 'body.publicKey');
}

/** Registers the caller's opening key; a new key replaces the old one for projects assigned from now on. */
export async function registerCustodianKey(
  db: Db,
  ctx: RequestContext,
  body: z.infer<typeof custodianKeyBody>,
): Promise<z.infer<typeof custodianKeyView>> {
  authorize(ctx.actor, custodianPolicy, 'manageOwnKey');
  const uid = userId(ctx);
  if (!uid) throw badRequest('USER_REQUIRED', '请先登录');
  await checkPublicKey(body.publicKey);
  const now = ctx.clock.now();
  const row = await db.transaction(async (tx) => {
    const [previous] = await tx
      .update(custodianKeys)
      .set({ revokedAt: now })
      .where(and(eq(custodianKeys.userId, uid), isNull(custodianKeys.revokedAt)))
      .returning({ id: custodianKeys.id });
    const [created] = await tx
      .insert(custodianKeys)
      .values({
        userId: uid,
        publicKey: body.publicKey,
        wrappedPrivateKey: body.wrappedPrivateKey,
        createdAt: now,
      })
      .returning();
    if (!created) throw new Error('custodian key insert returned nothing');
    await appendAudit(tx, ctx, {
      action: 'custodianKey.registered',
      entityType: 'custodianKey',
      entityId: created.id,
      // The wrapped private key is not logged: the log is read more widely than the key table.
      after: { userId: uid, publicKey: created.publicKey, replaces: previous?.id ?? null },
    });
    return created;
  });
  return {
    id: row.id,
    publicKey: row.publicKey,
    wrappedPrivateKey: row.wrappedPrivateKey,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The caller's active opening key, wrapped: unlocked in the caller's browser with their passphrase. */
export async function myCustodianKey(db: Db, ctx: RequestContext): Promise<z.infer<typeof custodianKeyView>> {
  authorize(ctx.actor, custodianPolicy, 'manageOwnKey');
  const [row] = await db
    .select()
    .from(custodianKeys)
    .where(and(eq(custodianKeys.userId, userId(ctx) ?? ''), isNull(custodianKeys.revokedAt)));
  if (!row) throw notFound('尚未设置开标密钥');
  return {
    id: row.id,
    publicKey: row.publicKey,
    wrappedPrivateKey: row.wrappedPrivateKey,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function custodiansOf(
  db: Db | Tx,
  projectId: string,
): Promise<z.infer<typeof custodiansView> | null> {
  const [row] = await db.select().from(projectCustodians).where(eq(projectCustodians.projectId, projectId));
  if (!row) return null;
  const keys = await db
    .select({ id: custodianKeys.id, publicKey: custodianKeys.publicKey, holder: users.displayName })
    .from(custodianKeys)
    .innerJoin(users, eq(users.id, custodianKeys.userId));
  const centre = keys.find((k) => k.id === row.centreKeyId);
  const supervisor = keys.find((k) => k.id === row.supervisorKeyId);
  if (!centre || !supervisor) throw new Error('custodian key missing');
  return {
    projectId,
    centre: { keyId: centre.id, holder: centre.holder, publicKey: centre.publicKey },
    supervisor: { keyId: supervisor.id, holder: supervisor.holder, publicKey: supervisor.publicKey },
    assignedAt: row.assignedAt.toISOString(),
  };
}

export async function readCustodians(
  db: Db,
  ctx: RequestContext,
  projectId: string,
): Promise<z.infer<typeof custodiansView>> {
  authorize(ctx.actor, custodianPolicy, 'readAssignment');
  const view = await custodiansOf(db, projectId);
  if (!view) throw notFound('本项目尚未指定开标密钥保管人');
  return view;
}

/**
 * Names the project's custodians: the calling agent's opening key holds the centre's share, the chosen finance
 * supervisor's the supervisor's. Fixed once a bid exists — its shares are wrapped to these keys.
 */
export async function assignCustodians(
  db: Db,
  ctx: RequestContext,
  projectId: string,
  body: z.infer<typeof custodiansBody>,
): Promise<z.infer<typeof custodiansView>> {
  authorize(ctx.actor, custodianPolicy, 'assign');
  const now = ctx.clock.now();
  await db.transaction(async (tx) => {
    const [project] = await tx.select().from(projects).where(eq(projects.id, projectId)).for('update');
    if (!project) throw notFound('项目不存在');
    if (
      ['bidsClosed', 'opened', 'evaluating', 'awarded', 'contracted', 'failed', 'terminated'].includes(
        project.status,
      )
    )
      throw conflict('PROJECT_STATE', '投标截止后不能再指定开标密钥保管人', 'status');
    const [anyBid] = await tx
      .select({ id: bids.id })
      .from(bids)
      .where(eq(bids.projectId, projectId))
      .limit(1);
    if (anyBid) throw conflict('BIDS_EXIST', '已有供应商递交投标文件，开标密钥保管人不能更换');
    const [mine] = await tx
      .select()
      .from(custodianKeys)
      .where(and(eq(custodianKeys.userId, userId(ctx) ?? ''), isNull(custodianKeys.revokedAt)));
    if (!mine) throw conflict('CUSTODIAN_KEY_MISSING', '请先设置您本人的开标密钥');
    const [supervisorUser] = await tx.select().from(users).where(eq(users.id, body.supervisorUserId));
    if (!supervisorUser || supervisorUser.role !== 'financeSupervisor')
      throw badRequest('SUPERVISOR_INVALID', '请选择财政监督人员', 'body.supervisorUserId');
    const [theirs] = await tx
      .select()
      .from(custodianKeys)
      .where(and(eq(custodianKeys.userId, supervisorUser.id), isNull(custodianKeys.revokedAt)));
    if (!theirs) throw conflict('CUSTODIAN_KEY_MISSING', `${supervisorUser.displayName} 尚未设置开标密钥`);
    const values = {
      projectId,
      centreKeyId: mine.id,
      supervisorKeyId: theirs.id,
      assignedBy: userId(ctx),
      assignedAt: now,
    };
    const [row] = await tx
      .insert(projectCustodians)
      .values(values)
      .onConflictDoUpdate({ target: projectCustodians.projectId, set: values })
      .returning();
    await appendAudit(tx, ctx, {
      action: 'project.custodiansAssigned',
      entityType: 'project',
      entityId: projectId,
      after: row,
    });
  });
  const view = await custodiansOf(db, projectId);
  if (!view) throw new Error('custodians missing after assignment');
  return view;
}

// ── registration and sealing keys ─────────────────────────────────────────────────────────────────────

export async function openProject(tx: Db | Tx, projectId: string, now: Date, lock = false) {
  const q = tx.select().from(projects).where(eq(projects.id, projectId));
  const [project] = lock ? await q.for('share') : await q;
  // A project not yet published does not exist to a supplier.
  if (!project || !['published', 'corrected', 'bidsClosed'].includes(project.status))
    throw notFound('项目不存在');
  if (!OPEN_FOR_BIDS.includes(project.status) || !project.bidDeadlineAt || project.bidDeadlineAt <= now) {
    const deadline = project.bidDeadlineAt;
    throw conflict(
      'BID_DEADLINE_PASSED',
      deadline ? `投标截止时间（${when(deadline)}）已过，不再接收投标文件` : '本项目不接收投标文件',
      'bidDeadlineAt',
    );
  }
  return { ...project, bidDeadlineAt: project.bidDeadlineAt };
}

export async function approvedSupplier(tx: Db | Tx, supplierId: string) {
  const [supplier] = await tx.select().from(suppliers).where(eq(suppliers.id, supplierId));
  if (!supplier || supplier.status !== 'approved')
    throw conflict('SUPPLIER_NOT_APPROVED', '供应商注册审核通过后才能报名投标');
  return supplier;
}

export async function registerForProject(
  db: Db,
  ctx: RequestContext,
  projectId: string,
): Promise<z.infer<typeof registrationView>> {
  authorize(ctx.actor, bidPolicy, 'register');
  const supplierId = supplierOf(ctx);
  const now = ctx.clock.now();
  return db.transaction(async (tx) => {
    await openProject(tx, projectId, now);
    await approvedSupplier(tx, supplierId);
    const [created] = await tx
      .insert(bidRegistrations)
      .values({ projectId, supplierId, registeredAt: now })
      .onConflictDoNothing()
      .returning();
    if (created) {
      await appendAudit(tx, ctx, {
        action: 'bid.registered',
        entityType: 'project',
        entityId: projectId,
        after: created,
      });
    }
    const [row] = await tx
      .select()
      .from(bidRegistrations)
      .where(and(eq(bidRegistrations.projectId, projectId), eq(bidRegistrations.supplierId, supplierId)));
    if (!row) throw new Error('registration missing');
    return { projectId, supplierId, registeredAt: row.registeredAt.toISOString() };
  });
}

export async function registered(tx: Db | Tx, projectId: string, supplierId: string): Promise<void> {
  const [row] = await tx
    .select()
    .from(bidRegistrations)
    .where(and(eq(bidRegistrations.projectId, projectId), eq(bidRegistrations.supplierId, supplierId)));
  if (!row) throw conflict('NOT_REGISTERED', '请先报名本项目');
}

/** What a registered bidder's browser seals with: the custodians' public keys, the lots, the server's clock. */
export async function readSealingKeys(
  db: Db,
  ctx: RequestContext,
  projectId: string,
): Promise<z.infer<typeof sealingView>> {
  authorize(ctx.actor, bidPolicy, 'sealingKeys');
  const supplierId = supplierOf(ctx);
  const now = ctx.clock.now();
  const project = await openProject(db, projectId, now);
  await registered(db, projectId, supplierId);
  const custodians = await custodiansOf(db, projectId);
  if (!custodians)
    throw conflict('CUSTODIANS_NOT_ASSIGNED', '采购中心尚未指定开标密钥保管人，暂不能递交投标文件');
  const lotRows = await db.select().from(lots).where(eq(lots.projectId, projectId)).orderBy(asc(lots.no));
  return {
    projectId,
    projectCode: project.code,
    bidDeadlineAt: project.bidDeadlineAt.toISOString(),
    serverTime: now.toISOString(),
    lots: lotRows.map((l) => ({ no: l.no, name: l.name })),
    centrePublicKey: custodians.centre.publicKey,
    supervisorPublicKey: custodians.supervisor.publicKey,
  };
}
