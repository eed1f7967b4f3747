import { createHash, randomBytes } from 'node:crypto';
import { and, count, eq, gt, lt, ne } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { AppError, badRequest } from '../errors.ts';
import { appendAudit } from '../audit/log.ts';
import type { Clock } from '../clock.ts';
import { isRole, type RequestContext, type UserActor } from './actor.ts';
import { DUMMY_HASH_PROMISE, hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { loginAttempts, sessions, users, type UserRow } from './tables.ts';
import { LOGIN_LIMITS, lockAfterFailure, loginGate } from './throttle.ts';

export const SESSION_COOKIE = 'zc_session';

const tokenId = (token: string): string => createHash('sha256').update(token).digest('hex');

function toActor(user: UserRow, sessionId: string | null): UserActor {
  if (!isRole(user.role)) throw new Error(`unknown role ${user.role}`);
  return {
    kind: 'user',
    role: user.role,
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    purchaserId: user.purchaserId,
    supplierId: user.supplierId,
    expertId: user.expertId,
    sessionId,
  };
}

export interface SessionLookup {
  actor: UserActor;
  mustChangePassword: boolean;
}

/**
 * The actor behind a session cookie, or null when the token is unknown, expired or its account disabled.
 * Sessions slide: past half their lifetime a request extends them.
 */
export async function loadSession(
  db: Db,
  token: string,
  clock: Clock,
  ttlSeconds: number,
): Promise<SessionLookup | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const id = tokenId(token);
  const now = clock.now();
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)));
  if (!row || row.user.status !== 'active') return null;
  if (row.session.expiresAt.getTime() - now.getTime() < (ttlSeconds * 1000) / 2) {
    await db
      .update(sessions)
      .set({ expiresAt: new Date(now.getTime() + ttlSeconds * 1000) })
      .where(eq(sessions.id, id));
  }
  return { actor: toActor(row.user, id), mustChangePassword: row.user.mustChangePassword };
}

export interface LoginInput {
  username: string;
  password: string;
  ip: string;
  userAgent: string | null;
}

export interface LoginResult {
  token: string;
  expiresAt: Date;
  actor: UserActor;
  mustChangePassword: boolean;
}

async function failuresSince(db: Db, column: 'username' | 'ip', value: string, since: Date): Promise<number> {
  const col = column === 'username' ? loginAttempts.username : loginAttempts.ip;
  const [r] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(col, value), eq(loginAttempts.success, false), gt(loginAttempts.at, since)));
  return r?.n ?? 0;
}

const invalidCredentials = (): AppError => new AppError(401, 'AUTH_INVALID_CREDENTIALS', '用户名或密码错误');

/** Password login with per-account and per-address throttling and lockout (rules in throttle.ts). */
export async function login(
  db: Db,
  ctx: { clock: Clock; requestId: string | null; ttlSeconds: number },
  input: LoginInput,
): Promise<LoginResult> {
  const now = ctx.clock.now();
  const username = input.username.trim().toLowerCase();
  const minuteAgo = new Date(now.getTime() - 60_000);
  const [user] = await db.select().from(users).where(eq(users.username, username));
  const gate = loginGate({
    now,
    accountFailuresLastMinute: await failuresSince(db, 'username', username, minuteAgo),
    addressFailuresLastMinute: await failuresSince(db, 'ip', input.ip, minuteAgo),
    lockedUntil: user?.lockedUntil ?? null,
  });
  if (!gate.allowed) throw new AppError(gate.status, gate.code, gate.message);

  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await DUMMY_HASH_PROMISE));
  if (!user || !ok) {
    await db.transaction(async (tx) => {
      await tx.insert(loginAttempts).values({ username, ip: input.ip, success: false, at: now });
      if (!user) return;
      const windowStart = new Date(now.getTime() - LOGIN_LIMITS.lockWindowMs);
      const [r] = await tx
        .select({ n: count() })
        .from(loginAttempts)
        .where(
          and(
            eq(loginAttempts.username, username),
            eq(loginAttempts.success, false),
            gt(loginAttempts.at, windowStart),
          ),
        );
      const lockedUntil = lockAfterFailure(now, r?.n ?? 0);
      if (lockedUntil) {
        await tx.update(users).set({ lockedUntil }).where(eq(users.id, user.id));
        await appendAudit(
          tx,
          { actor: toActor(user, null), requestId: ctx.requestId, clock: ctx.clock },
          {
            action: 'auth.locked',
            entityType: 'user',
            entityId: user.id,
            after: { lockedUntil, ip: input.ip },
          },
        );
      }
    });
    throw invalidCredentials();
  }
  if (user.status !== 'active') throw new AppError(403, 'AUTH_DISABLED', '账号已停用，请联系中心管理员');

  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ctx.ttlSeconds * 1000);
  const actor = toActor(user, tokenId(token));
  await db.transaction(async (tx) => {
    // Housekeeping bounded by this account: its expired sessions and attempts older than a day.
    await tx.delete(sessions).where(and(eq(sessions.userId, user.id), lt(sessions.expiresAt, now)));
    await tx
      .delete(loginAttempts)
      .where(
        and(eq(loginAttempts.username, username), lt(loginAttempts.at, new Date(now.getTime() - 86_400_000))),
      );
    await tx.insert(loginAttempts).values({ username, ip: input.ip, success: true, at: now });
    await tx.insert(sessions).values({
      id: tokenId(token),
      userId: user.id,
      createdAt: now,
      expiresAt,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 512) ?? null,
    });
    if (user.lockedUntil) await tx.update(users).set({ lockedUntil: null }).where(eq(users.id, user.id));
    await appendAudit(
      tx,
      { actor, requestId: ctx.requestId, clock: ctx.clock },
      { action: 'auth.login', entityType: 'user', entityId: user.id, after: { ip: input.ip } },
    );
  });
  return { token, expiresAt, actor, mustChangePassword: user.mustChangePassword };
}

export async function logout(db: Db, ctx: RequestContext): Promise<void> {
  const actor = ctx.actor;
  if (actor.kind !== 'user' || !actor.sessionId) return;
  const sessionId = actor.sessionId;
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.id, sessionId));
    await appendAudit(tx, ctx, { action: 'auth.logout', entityType: 'user', entityId: actor.userId });
  });
}

/** Changes the caller's password; other sessions of the account are ended. */
export async function changePassword(
  db: Db,
  ctx: RequestContext,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const actor = ctx.actor;
  if (actor.kind !== 'user') throw new AppError(401, 'UNAUTHENTICATED', '请先登录');
  const problem = passwordProblem(input.newPassword);
  if (problem) throw badRequest('PASSWORD_WEAK', problem, 'body.newPassword');
  if (input.newPassword === input.currentPassword) {
    throw badRequest('PASSWORD_UNCHANGED', '新密码不能与当前密码相同', 'body.newPassword');
  }
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw badRequest('PASSWORD_WRONG', '当前密码不正确', 'body.currentPassword');
  }
  const passwordHash = await hashPassword(input.newPassword);
  const now = ctx.clock.now();
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, passwordChangedAt: now })
      .where(eq(users.id, actor.userId));
    const ended = await tx
      .delete(sessions)
      .where(and(eq(sessions.userId, actor.userId), ne(sessions.id, actor.sessionId ?? '')))
      .returning({ id: sessions.id });
    await appendAudit(tx, ctx, {
      action: 'auth.passwordChanged',
      entityType: 'user',
      entityId: actor.userId,
      after: { endedSessions: ended.length },
    });
  });
}
