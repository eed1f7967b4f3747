import { asc, desc, eq, gt, sql, and, type SQL } from 'drizzle-orm';
import type { HashAlgorithm } from '../config.ts';
import type { Db, Tx } from '../db/client.ts';
import type { RequestContext } from '../auth/actor.ts';
import { auditEvents, auditHead, type AuditEventRow } from './tables.ts';
import { chainHash, checkEntry, GENESIS_HASH, toAuditJson, type ChainBreak } from './chain.ts';
import type { AuditEvent } from './events.ts';

let defaultAlg: HashAlgorithm = 'sha256';
/** Chosen once at start-up from the configuration (AUDIT_HASH=sm3 for 国密). */
export function setAuditHashAlgorithm(alg: HashAlgorithm): void {
  defaultAlg = alg;
}

function actorFields(ctx: RequestContext): { actorId: string | null; actorRole: string } {
  const a = ctx.actor;
  if (a.kind === 'user') return { actorId: a.userId, actorRole: a.role };
  if (a.kind === 'system') return { actorId: null, actorRole: `system:${a.name}` };
  return { actorId: null, actorRole: 'public' };
}

/**
 * Appends one event inside the caller's transaction. Locking the head row serialises appenders, so each entry
 * names its true predecessor and `seq` has no gaps; the lock is released when the transaction ends.
 */
export async function appendAudit(tx: Tx, ctx: RequestContext, event: AuditEvent): Promise<AuditEventRow> {
  const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1)).for('update');
  if (!head) throw new Error('audit_head row missing: migrations not applied');
  const at = ctx.clock.now();
  const fields = {
    seq: head.seq + 1,
    at: at.toISOString(),
    ...actorFields(ctx),
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    before: toAuditJson(event.before),
    after: toAuditJson(event.after),
    requestId: ctx.requestId,
    prevHash: head.hash,
  };
  const hash = chainHash(defaultAlg, fields);
  const [row] = await tx
    .insert(auditEvents)
    .values({ ...fields, at, hashAlg: defaultAlg, hash })
    .returning();
  await tx.update(auditHead).set({ seq: fields.seq, hash, at }).where(eq(auditHead.id, 1));
  if (!row) throw new Error('audit insert returned nothing');
  return row;
}

export interface AuditHead {
  seq: number;
  hash: string;
  at: Date | null;
}

export async function readAuditHead(db: Db): Promise<AuditHead> {
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  return head ? { seq: head.seq, hash: head.hash, at: head.at } : { seq: 0, hash: GENESIS_HASH, at: null };
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  head: { seq: number; hash: string };
  firstBroken: { seq: number; reason: ChainBreak; message: string } | null;
}

/**
 * Recomputes the whole chain in seq order, in pages, and stops at the first entry that does not hold. A
 * deleted tail is caught by comparing the last entry with the recorded head.
 */
export async function verifyAudit(
  db: Db,
  onProgress?: (checked: number, total: number) => void,
): Promise<VerifyResult> {
  const head = await readAuditHead(db);
  const [countRow] = await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
  const total = countRow?.n ?? 0;
  let expectedSeq = 1;
  let previousHash = GENESIS_HASH;
  let checked = 0;
  let cursor = 0;
  const pageSize = 2000;
  for (;;) {
    const page = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.seq, cursor))
      .orderBy(asc(auditEvents.seq))
      .limit(pageSize);
    for (const row of page) {
      const broken = checkEntry(
        { ...row, at: row.at.toISOString(), before: row.before ?? null, after: row.after ?? null },
        expectedSeq,
        previousHash,
      );
      if (broken) {
        return {
          ok: false,
          checked,
          head: { seq: head.seq, hash: head.hash },
          firstBroken: { seq: row.seq, ...broken },
        };
      }
      checked++;
      expectedSeq++;
      previousHash = row.hash;
      cursor = row.seq;
    }
    onProgress?.(checked, total);
    if (page.length < pageSize) break;
  }
  if (head.seq !== checked || head.hash !== previousHash) {
    return {
      ok: false,
      checked,
      head: { seq: head.seq, hash: head.hash },
      firstBroken: {
        seq: checked + 1,
        reason: 'head',
        message: `链头记录为第 ${head.seq} 条，但日志只验证到第 ${checked} 条（末尾记录被删除或链头被改动）`,
      },
    };
  }
  return { ok: true, checked, head: { seq: head.seq, hash: head.hash }, firstBroken: null };
}

export interface AuditQuery {
  entityType?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  actorId?: string | undefined;
  page: number;
  pageSize: number;
}

export async function listAudit(db: Db, q: AuditQuery): Promise<{ items: AuditEventRow[]; total: number }> {
  const conds: SQL[] = [];
  if (q.entityType) conds.push(eq(auditEvents.entityType, q.entityType));
  if (q.entityId) conds.push(eq(auditEvents.entityId, q.entityId));
  if (q.action) conds.push(eq(auditEvents.action, q.action));
  if (q.actorId) conds.push(eq(auditEvents.actorId, q.actorId));
  const where = conds.length ? and(...conds) : undefined;
  const [countRow] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditEvents)
    .where(where);
  const items = await db
    .select()
    .from(auditEvents)
    .where(where)
    .orderBy(desc(auditEvents.seq))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items, total: countRow?.n ?? 0 };
}
