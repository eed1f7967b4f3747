/**
 * Submitting a sealed bid. The envelope (price sheets, declarations, manifest, key shares, the documents'
 * hashes) is posted first; each document's sealed bytes follow in resumable pieces streamed to disk; when the
 * bid is whole — every document received, its length and SHA-256 as declared, flushed into the file store — it
 * is received: a signed receipt names the server time and every hash, and an earlier bid of the supplier is
 * replaced. A bid without documents is received at once. All of it before the deadline by the server's clock.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { appendAudit } from '../../platform/audit/log.ts';
import type { RequestContext } from '../../platform/auth/actor.ts';
import { abilities, authorize } from '../../platform/auth/policy.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.ts';
import type { FileStore } from '../../platform/files/store.ts';
import { platformSigner, type Signer } from '../../platform/signing.ts';
import { suppliers } from '../orgs/tables.ts';
import { lots, projects } from '../tendering/tables.ts';
import {
  signedReceipt,
  type bidEnvelope,
  type bidList,
  type bidView,
  type uploadStatus,
} from './contract.ts';
import { approvedSupplier, custodiansOf, openProject, registered, supplierOf } from './commands.ts';
import './events.ts';
import { bidPolicy } from './policy.ts';
import { depositRefundFalls } from './deposits.ts';
import { envelopeHash, fromBase64, sha256Hex, type BidEnvelope } from './sealing.contract.ts';
import { bidDocuments, bidLots, bids, type BidRow } from './tables.ts';

type Receipt = z.infer<typeof signedReceipt>;
type BidView = z.infer<typeof bidView>;

const STATUS_LABELS = {
  uploading: '上传中',
  submitted: '已递交',
  replaced: '已被替换',
  withdrawn: '已撤回',
} as const;
type Status = keyof typeof STATUS_LABELS;
const statusOf = (s: string): Status =>
  s === 'uploading' || s === 'replaced' || s === 'withdrawn' ? s : 'submitted';

/** Largest piece one upload request may carry; a document is sent in as many pieces as it needs. */
export const MAX_PIECE_BYTES = 16 * 1024 * 1024;

/** Where a bid's documents are staged while they upload: one file per part, appended piece by piece. */
export interface UploadArea {
  dir: string;
  store: FileStore;
}
const stagedPath = (area: UploadArea, bidId: string, part: string): string =>
  path.join(area.dir, bidId, part.replace(':', '-'));

async function stagedBytes(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

async function partHashes(envelope: BidEnvelope): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const l of envelope.lots) out[`lot:${l.lotNo}`] = await sha256Hex(fromBase64(l.priceSheet.ciphertext));
  out.declarations = await sha256Hex(fromBase64(envelope.declarations.ciphertext));
  out.manifest = await sha256Hex(fromBase64(envelope.manifest.ciphertext));
  return out;
}

async function present(
  db: Db | Tx,
  ctx: RequestContext,
  row: BidRow,
  area: UploadArea | null,
): Promise<BidView> {
  const status = statusOf(row.status);
  const lotRows = await db
    .select({ no: bidLots.lotNo })
    .from(bidLots)
    .where(eq(bidLots.bidId, row.id))
    .orderBy(asc(bidLots.lotNo));
  const stored = await db.select().from(bidDocuments).where(eq(bidDocuments.bidId, row.id));
  const documents = [];
  for (const d of row.documents) {
    const done = stored.find((s) => s.part === d.part);
    const received = done ? done.bytes : area ? await stagedBytes(stagedPath(area, row.id, d.part)) : 0;
    documents.push({ part: d.part, kind: d.kind, sealedBytes: d.sealedBytes, received });
  }
  return {
    id: row.id,
    projectId: row.projectId,
    status,
    statusLabel: STATUS_LABELS[status],
    lots: lotRows.map((l) => l.no),
    submittedAt: row.submittedAt.toISOString(),
    withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
    receipt: row.receipt ? signedReceipt.parse(row.receipt) : null,
    documents,
    abilities:
      status === 'submitted' || status === 'uploading'
        ? abilities(ctx.actor, bidPolicy, { supplierId: row.supplierId })
        : [],
  };
}

/** The bid is whole: replace the supplier's earlier one, sign the receipt, mark it received. */
async function receive(tx: Tx, ctx: RequestContext, row: BidRow, signer: Signer): Promise<BidRow> {
  const now = ctx.clock.now();
  const [project] = await tx
    .select({ code: projects.code })
    .from(projects)
    .where(eq(projects.id, row.projectId));
  const [supplier] = await tx
    .select({ name: suppliers.name })
    .from(suppliers)
    .where(eq(suppliers.id, row.supplierId));
  const lotRows = await tx
    .select()
    .from(bidLots)
    .where(eq(bidLots.bidId, row.id))
    .orderBy(asc(bidLots.lotNo));
  const stored = await tx.select().from(bidDocuments).where(eq(bidDocuments.bidId, row.id));
  const [previous] = await tx
    .select()
    .from(bids)
    .where(
      and(
        eq(bids.projectId, row.projectId),
        eq(bids.supplierId, row.supplierId),
        eq(bids.status, 'submitted'),
      ),
    )
    .for('update');
  const envelope = {
    lots: lotRows.map((l) => ({ lotNo: l.lotNo, priceSheet: l.priceSheet })),
    declarations: row.declarations,
    manifest: row.manifest,
  };
  const receipt: Receipt = signer.sign({
    kind: 'bidReceipt' as const,
    bidId: row.id,
    projectId: row.projectId,
    projectCode: project?.code ?? '',
    supplierId: row.supplierId,
    supplierName: supplier?.name ?? '',
    lots: lotRows.map((l) => l.lotNo),
    receivedAt: now.toISOString(),
    envelopeHash: row.envelopeHash,
    partHashes: await partHashes({
      ...envelope,
      version: 1,
      bidId: row.id,
      projectId: row.projectId,
      documents: row.documents,
      shares: row.shares,
    }),
    documents: row.documents.map((d) => ({
      part: d.part,
      sha256: stored.find((s) => s.part === d.part)?.sha256 ?? d.sha256,
      bytes: d.sealedBytes,
    })),
    replaces: previous?.id ?? null,
  });
  if (previous) {
    await tx.update(bids).set({ status: 'replaced', replacedBy: row.id }).where(eq(bids.id, previous.id));
    await appendAudit(tx, ctx, {
      action: 'bid.replaced',
      entityType: 'bid',
      entityId: previous.id,
      before: { status: 'submitted' },
      after: { status: 'replaced', replacedBy: row.id },
    });
  }
  const [after] = await tx
    .update(bids)
    .set({ status: 'submitted', receipt, submittedAt: now })
    .where(and(eq(bids.id, row.id), eq(bids.status, 'uploading')))
    .returning();
  if (!after) throw conflict('BID_CHANGED', '投标文件状态已变化，请刷新');
  await appendAudit(tx, ctx, {
    action: 'bid.submitted',
    entityType: 'bid',
    entityId: row.id,
    // Hashes and the receipt only: which supplier bid on which lot is not shown before the opening.
    after: {
      envelopeHash: row.envelopeHash,
      documents: receipt.statement.documents,
      receiptSignature: receipt.signature,
    },
  });
  return after;
}

/**
 * Takes the envelope. The same bid sent again (a retried request) is the same bid: answered with its state and
 * receipt, never a second bid. Refused after the deadline, unregistered, unknown lots, custodians not named.
 */
export async function submitBid(
  db: Db,
  ctx: RequestContext,
  envelope: z.infer<typeof bidEnvelope>,
  /** Where documents will be staged; null for callers that never send documents (the demo seed). */
  area: UploadArea | null,
): Promise<{ created: boolean; bid: BidView }> {
  authorize(ctx.actor, bidPolicy, 'submit');
  const supplierId = supplierOf(ctx);
  const hash = await envelopeHash(envelope);
  const lotNos = envelope.lots.map((l) => l.lotNo);
  if (new Set(lotNos).size !== lotNos.length)
    throw badRequest('LOT_DUPLICATE', '同一包只能报一个价', 'body.lots');
  const parts = envelope.documents.map((d) => d.part);
  if (new Set(parts).size !== parts.length)
    throw badRequest('DOCUMENT_DUPLICATE', '文件编号重复', 'body.documents');
  const signer = await platformSigner(db);
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(bids).where(eq(bids.id, envelope.bidId));
    if (existing) {
      if (existing.supplierId !== supplierId || existing.envelopeHash !== hash)
        throw conflict('BID_ID_TAKEN', '该投标编号已被使用，请重新生成投标文件', 'body.bidId');
      return { created: false, bid: await present(tx, ctx, existing, area) };
    }
    const now = ctx.clock.now();
    await openProject(tx, envelope.projectId, now, true);
    await approvedSupplier(tx, supplierId);
    await registered(tx, envelope.projectId, supplierId);
    const projectLots = await tx
      .select({ no: lots.no })
      .from(lots)
      .where(eq(lots.projectId, envelope.projectId));
    lotNos.forEach((no, i) => {
      if (!projectLots.some((l) => l.no === no))
        throw badRequest('LOT_UNKNOWN', `本项目没有第 ${no} 包`, `body.lots.${i}.lotNo`);
    });
    if (!(await custodiansOf(tx, envelope.projectId)))
      throw conflict('CUSTODIANS_NOT_ASSIGNED', '采购中心尚未指定开标密钥保管人，暂不能递交投标文件');
    const [row] = await tx
      .insert(bids)
      .values({
        id: envelope.bidId,
        projectId: envelope.projectId,
        supplierId,
        status: 'uploading',
        declarations: envelope.declarations,
        manifest: envelope.manifest,
        documents: envelope.documents,
        shares: envelope.shares,
        envelopeHash: hash,
        receipt: null,
        submittedAt: now,
      })
      .returning();
    if (!row) throw new Error('bid insert returned nothing');
    await tx
      .insert(bidLots)
      .values(envelope.lots.map((l) => ({ bidId: row.id, lotNo: l.lotNo, priceSheet: l.priceSheet })));
    const received = envelope.documents.length === 0 ? await receive(tx, ctx, row, signer) : row;
    return { created: true, bid: await present(tx, ctx, received, area) };
  });
}

async function uploadingBid(tx: Db | Tx, ctx: RequestContext, bidId: string, part: string | null) {
  const [row] = await tx.select().from(bids).where(eq(bids.id, bidId));
  if (!row) throw notFound('投标文件不存在');
  authorize(ctx.actor, bidPolicy, 'withdraw', { supplierId: row.supplierId });
  const doc = part === null ? null : row.documents.find((d) => d.part === part);
  if (part !== null && !doc) throw notFound('投标文件中没有该文件');
  return { row, doc };
}

export async function readUpload(
  db: Db,
  ctx: RequestContext,
  bidId: string,
  part: string,
  area: UploadArea,
): Promise<z.infer<typeof uploadStatus>> {
  const { row, doc } = await uploadingBid(db, ctx, bidId, part);
  const [stored] = await db
    .select()
    .from(bidDocuments)
    .where(and(eq(bidDocuments.bidId, bidId), eq(bidDocuments.part, part)));
  const received = stored ? stored.bytes : await stagedBytes(stagedPath(area, row.id, part));
  return { bidId, part, received, total: doc?.sealedBytes ?? 0 };
}

/** `bytes start-end/total`, as in HTTP Content-Range. */
export function parseContentRange(
  header: string | undefined,
): { start: number; end: number; total: number } | null {
  const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(header?.trim() ?? '');
  if (!m) return null;
  const [start, end, total] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return end >= start && total > end ? { start, end, total } : null;
}

/**
 * Appends one piece of a document at the offset the server already holds; a piece that starts elsewhere is
 * refused with the offset to resume from, so a broken connection never duplicates or skips bytes.
 */
export async function uploadPiece(
  db: Db,
  ctx: RequestContext,
  bidId: string,
  part: string,
  range: string | undefined,
  body: Readable,
  area: UploadArea,
): Promise<z.infer<typeof uploadStatus>> {
  const { row, doc } = await uploadingBid(db, ctx, bidId, part);
  if (!doc) throw notFound('投标文件中没有该文件');
  if (row.status !== 'uploading') throw conflict('BID_STATE', '该投标文件已递交，不能再上传');
  await openProject(db, row.projectId, ctx.clock.now());
  const r = parseContentRange(range);
  if (!r)
    throw badRequest(
      'CONTENT_RANGE_INVALID',
      '请在 Content-Range 中注明本段的起止字节（bytes 起-止/总长）',
      'headers.content-range',
    );
  if (r.total !== doc.sealedBytes)
    throw badRequest('UPLOAD_SIZE_MISMATCH', `文件总长应为 ${doc.sealedBytes} 字节`, 'headers.content-range');
  const file = stagedPath(area, bidId, part);
  await mkdir(path.dirname(file), { recursive: true });
  const have = await stagedBytes(file);
  if (r.start !== have) {
    throw new AppError(
      409,
      'UPLOAD_OFFSET_MISMATCH',
      `已收到 ${have} 字节，请从第 ${have} 字节续传`,
      'headers.content-range',
    );
  }
  const expected = r.end - r.start + 1;
  if (expected > MAX_PIECE_BYTES)
    throw badRequest(
      'UPLOAD_PIECE_TOO_LARGE',
      `每段不超过 ${MAX_PIECE_BYTES / 1024 / 1024} MB`,
      'headers.content-range',
    );
  let got = 0;
  const counter = async function* (source: AsyncIterable<Buffer>) {
    for await (const chunk of source) {
      got += chunk.length;
      if (got > expected)
        throw new AppError(400, 'UPLOAD_PIECE_TOO_LONG', '本段数据比 Content-Range 所示更长');
      yield chunk;
    }
  };
  try {
    await pipeline(body, counter, createWriteStream(file, { flags: 'a' }));
  } catch (e) {
    // Keep what arrived intact up to the failure: the client resumes from the offset it is told.
    if (e instanceof AppError) {
      await truncateTo(file, have);
      throw e;
    }
    throw new AppError(400, 'UPLOAD_INTERRUPTED', '上传中断，请从已收到的位置续传');
  }
  if (got !== expected) {
    await truncateTo(file, have);
    throw badRequest('UPLOAD_PIECE_SHORT', '本段数据比 Content-Range 所示更短，请重传本段');
  }
  return { bidId, part, received: have + got, total: doc.sealedBytes };
}

async function truncateTo(file: string, size: number): Promise<void> {
  const fh = await open(file, 'r+');
  try {
    await fh.truncate(size);
  } finally {
    await fh.close();
  }
}

async function sha256OfFile(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/**
 * Every document is in: check each against the envelope (length, SHA-256), move it into the file store
 * (flushed to disk), then receive the bid — before the deadline, or not at all.
 */
export async function completeBid(
  db: Db,
  ctx: RequestContext,
  bidId: string,
  area: UploadArea,
): Promise<BidView> {
  const { row } = await uploadingBid(db, ctx, bidId, null);
  if (row.status !== 'uploading') return present(db, ctx, row, area);
  await openProject(db, row.projectId, ctx.clock.now());
  const adopted: { part: string; blob: string; sha256: string; bytes: number }[] = [];
  const already = await db.select().from(bidDocuments).where(eq(bidDocuments.bidId, bidId));
  for (const d of row.documents) {
    const done = already.find((a) => a.part === d.part);
    if (done) continue;
    const file = stagedPath(area, bidId, d.part);
    const size = await stagedBytes(file);
    if (size !== d.sealedBytes)
      throw conflict(
        'UPLOAD_INCOMPLETE',
        `文件 ${d.part} 已收到 ${size} / ${d.sealedBytes} 字节，请续传`,
        d.part,
      );
    const sha256 = await sha256OfFile(file);
    if (sha256 !== d.sha256) {
      await rm(file, { force: true });
      throw conflict(
        'UPLOAD_HASH_MISMATCH',
        `文件 ${d.part} 的摘要与投标时声明的不符，请重新上传该文件`,
        d.part,
      );
    }
    const blob = await area.store.adopt(file);
    adopted.push({ part: d.part, blob: blob.hash, sha256, bytes: size });
  }
  const signer = await platformSigner(db);
  return db.transaction(async (tx) => {
    const [locked] = await tx.select().from(bids).where(eq(bids.id, bidId)).for('update');
    if (!locked) throw notFound('投标文件不存在');
    if (locked.status !== 'uploading') return present(tx, ctx, locked, area);
    await openProject(tx, locked.projectId, ctx.clock.now(), true);
    if (adopted.length) {
      await tx
        .insert(bidDocuments)
        .values(adopted.map((a) => ({ bidId, ...a, storedAt: ctx.clock.now() })))
        .onConflictDoNothing();
    }
    const received = await receive(tx, ctx, locked, signer);
    return present(tx, ctx, received, area);
  });
}

/** 撤回: before the deadline, in writing (this request, audited); the deposit is refunded (RULES.md §6). */
export async function withdrawBid(db: Db, ctx: RequestContext, bidId: string): Promise<BidView> {
  const now = ctx.clock.now();
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(bids).where(eq(bids.id, bidId)).for('update');
    if (!row) throw notFound('投标文件不存在');
    authorize(ctx.actor, bidPolicy, 'withdraw', { supplierId: row.supplierId });
    const status = statusOf(row.status);
    if (status !== 'submitted' && status !== 'uploading')
      throw conflict('BID_STATE', `该投标文件${STATUS_LABELS[status]}`);
    await openProject(tx, row.projectId, now);
    const [after] = await tx
      .update(bids)
      .set({ status: 'withdrawn', withdrawnAt: now })
      .where(and(eq(bids.id, bidId), eq(bids.status, row.status)))
      .returning();
    if (!after) throw conflict('BID_CHANGED', '投标文件已被修改，请刷新');
    // Withdrawn in writing before the deadline: the deposit is due back within 5 working days — unless the
    // supplier still has a bid standing (an unfinished upload withdrawn beside a submitted bid frees nothing).
    const [standing] = await tx
      .select({ id: bids.id })
      .from(bids)
      .where(
        and(
          eq(bids.projectId, row.projectId),
          eq(bids.supplierId, row.supplierId),
          eq(bids.status, 'submitted'),
        ),
      );
    if (!standing) await depositRefundFalls(tx, ctx, row.projectId, row.supplierId);
    await appendAudit(tx, ctx, {
      action: 'bid.withdrawn',
      entityType: 'bid',
      entityId: bidId,
      before: { status: row.status },
      after: { status: 'withdrawn', withdrawnAt: now.toISOString() },
    });
    return present(tx, ctx, after, null);
  });
}

/** The caller's own bids on a project, newest first, with their receipts. */
export async function listMyBids(
  db: Db,
  ctx: RequestContext,
  projectId: string,
  area: UploadArea,
): Promise<z.infer<typeof bidList>> {
  authorize(ctx.actor, bidPolicy, 'listMine');
  const supplierId = supplierOf(ctx);
  const rows = await db
    .select()
    .from(bids)
    .where(and(eq(bids.projectId, projectId), eq(bids.supplierId, supplierId)))
    .orderBy(asc(bids.submittedAt));
  const items: BidView[] = [];
  for (const r of rows.reverse()) items.push(await present(db, ctx, r, area));
  return { items };
}
