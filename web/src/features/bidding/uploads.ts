/**
 * Sending a sealed bid: the envelope first, then each document's sealed bytes in pieces with
 * `Content-Range`, then `complete` for the receipt. A broken piece is resumed from the offset the server holds;
 * when the retries run out the sealed bytes stay in this browser's memory so the upload can go on later under
 * the same bid id (never a new bid). Nothing here is React: the panels follow a job through `useUploadJob`.
 */
import { useSyncExternalStore } from 'react';
import { uploadStatus } from '../../../../src/modules/bidding/contract.ts';
import type { BidEnvelope, DocumentKind } from '../../../../src/modules/bidding/sealing.contract.ts';
import { errorBody } from '../../../../src/platform/http/contract.ts';
import { ApiError } from '../../api.ts';
import { fetchSession } from '../auth/session.ts';
import {
  completeBid,
  documentPath,
  fetchUploadStatus,
  submitBid,
  type BidView,
  type Receipt,
  type UploadStatus,
} from './api.ts';

/** Bytes per request: well under the server's 16 MiB a piece, small enough for the progress to move. */
export const PIECE_BYTES = 4 * 1024 * 1024;
/** Failed attempts in a row (of one piece, of `complete`) before the upload stops and waits for the bidder. */
const RETRIES = 4;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const backoff = (failures: number) => 500 * 2 ** (failures - 1);

/** The connection broke or the server failed: worth trying again. */
export const transient = (e: unknown): boolean =>
  e instanceof ApiError && (e.status === 0 || e.status === 408 || e.status === 429 || e.status >= 500);
/** The server kept what arrived intact and says where to go on from. */
const RESUME_CODES = new Set(['UPLOAD_OFFSET_MISMATCH', 'UPLOAD_INTERRUPTED', 'UPLOAD_PIECE_SHORT']);
const resumableUpload = (e: unknown): boolean =>
  transient(e) || (e instanceof ApiError && RESUME_CODES.has(e.code));
const csrfRejected = (e: unknown): boolean =>
  e instanceof ApiError && e.status === 403 && /csrf/i.test(e.code);
/** What `complete` answers when a document is short or spoilt on the server: send it again and complete. */
const INCOMPLETE_CODES = new Set(['UPLOAD_INCOMPLETE', 'UPLOAD_HASH_MISMATCH']);

// ── one piece, one document ───────────────────────────────────────────────────────────────────────────

let csrf: string | null = null;
/** Pieces go out with XMLHttpRequest (for their progress), so they carry the session's CSRF token themselves. */
async function csrfToken(fresh = false): Promise<string> {
  if (csrf === null || fresh) csrf = (await fetchSession()).csrfToken;
  return csrf;
}

function readAnswer(xhr: XMLHttpRequest): unknown {
  try {
    return JSON.parse(xhr.responseText) as unknown;
  } catch {
    return null;
  }
}

function putPiece(
  bidId: string,
  part: string,
  piece: Uint8Array<ArrayBuffer>,
  start: number,
  total: number,
  token: string,
  onSent: (bytes: number) => void,
): Promise<UploadStatus> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', documentPath(bidId, part));
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('content-range', `bytes ${start}-${start + piece.length - 1}/${total}`);
    xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (e) => onSent(Math.min(e.loaded, piece.length));
    xhr.onload = () => {
      const body = readAnswer(xhr);
      if (xhr.status === 200) {
        const parsed = uploadStatus.safeParse(body);
        if (parsed.success) resolve(parsed.data);
        else
          reject(new ApiError(200, { code: 'RESPONSE_INVALID', message: '服务器返回的数据格式不符合约定' }));
        return;
      }
      const error = errorBody.safeParse(body);
      const fallback = { code: `HTTP_${xhr.status}`, message: `请求失败（HTTP ${xhr.status}）` };
      reject(new ApiError(xhr.status, error.success ? error.data : fallback, body));
    };
    const broken = () =>
      reject(new ApiError(0, { code: 'NETWORK_ERROR', message: '网络中断，文件未能上传完' }));
    xhr.onerror = broken;
    xhr.onabort = broken;
    xhr.ontimeout = broken;
    xhr.send(piece);
  });
}

/**
 * Sends a document's sealed bytes from `from` on. After a failure it asks the server how much it holds and goes
 * on from there (a 409 UPLOAD_OFFSET_MISMATCH says the same), backing off between attempts; throws when the
 * retries run out or the server refuses outright.
 */
async function uploadDocument(
  bidId: string,
  part: string,
  bytes: Uint8Array,
  from: number,
  onProgress: (received: number) => void,
): Promise<void> {
  const total = bytes.length;
  let at: number | null = from;
  let failures = 0;
  while (at === null || at < total) {
    try {
      if (at === null) {
        at = (await fetchUploadStatus(bidId, part)).received;
        onProgress(at);
        continue;
      }
      const start: number = at;
      // A copy of the piece, so XMLHttpRequest gets a plain ArrayBuffer-backed view.
      const piece = bytes.slice(start, Math.min(total, start + PIECE_BYTES));
      const token = await csrfToken();
      const status = await putPiece(bidId, part, piece, start, total, token, (sent) =>
        onProgress(start + sent),
      );
      at = status.received;
      failures = 0;
      onProgress(at);
    } catch (error) {
      failures++;
      if (csrfRejected(error) && failures === 1) {
        await csrfToken(true);
        continue;
      }
      if (!resumableUpload(error) || failures > RETRIES) throw error;
      // A refused offset needs no wait: the server is there and has said where it stands.
      if (transient(error)) await pause(backoff(failures));
      at = null;
    }
  }
}

async function withRetries<T>(attempt: () => Promise<T>): Promise<T> {
  for (let failures = 1; ; failures++) {
    try {
      return await attempt();
    } catch (error) {
      if (!transient(error) || failures > RETRIES) throw error;
      await pause(backoff(failures));
    }
  }
}

// ── jobs ──────────────────────────────────────────────────────────────────────────────────────────────

/** What the bidder attached, as sealed: the name stays in this browser (the manifest carries it sealed). */
export interface JobDocument {
  part: string;
  kind: DocumentKind;
  name: string;
  /** Sealed bytes. */
  total: number;
}

export type JobPhase = 'posting' | 'uploading' | 'completing' | 'done';

export interface UploadJob {
  bidId: string;
  projectId: string;
  documents: JobDocument[];
  /** Sealed bytes the server holds of each document, in the envelope's order. */
  received: number[];
  phase: JobPhase;
  running: boolean;
  /** The envelope reached the server: the bid id is taken, only this upload can go on with it. */
  posted: boolean;
  error: { message: string; resumable: boolean } | null;
  receipt: Receipt | null;
}

/** A sealed bid as it leaves `sealBid`, with what the bidder called its files. */
export interface SealedBid {
  envelope: BidEnvelope;
  /** The envelope's hash as computed here: the receipt must name the same. */
  hash: string;
  documents: { name: string; bytes: Uint8Array }[];
}

const jobs = new Map<string, UploadJob>();
/** Sealed bids still to send, by bid id; dropped once the receipt is in. Memory only: a reload loses them. */
const held = new Map<string, SealedBid>();
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function update(bidId: string, change: (job: UploadJob) => Partial<UploadJob>): UploadJob | undefined {
  const job = jobs.get(bidId);
  if (!job) return undefined;
  const next = { ...job, ...change(job) };
  jobs.set(bidId, next);
  for (const l of listeners) l();
  return next;
}

/** Follows one upload; re-renders on every change of it. */
export function useUploadJob(bidId: string | null | undefined): UploadJob | undefined {
  return useSyncExternalStore(subscribe, () => (bidId ? jobs.get(bidId) : undefined));
}

/** Whether this browser still holds the sealed bytes of a bid, so its upload can be resumed. */
export function useHeldBid(bidId: string): boolean {
  return useSyncExternalStore(subscribe, () => held.has(bidId));
}

/** Takes a freshly sealed bid; `startUpload` sends it. */
export function holdSealedBid(sealed: SealedBid): UploadJob {
  const { envelope } = sealed;
  const job: UploadJob = {
    bidId: envelope.bidId,
    projectId: envelope.projectId,
    documents: envelope.documents.map((d, i) => ({
      part: d.part,
      kind: d.kind,
      name: sealed.documents[i]?.name ?? d.part,
      total: d.sealedBytes,
    })),
    received: envelope.documents.map(() => 0),
    phase: 'posting',
    running: false,
    posted: false,
    error: null,
    receipt: null,
  };
  held.set(envelope.bidId, sealed);
  jobs.set(envelope.bidId, job);
  for (const l of listeners) l();
  return job;
}

/** A failure that resuming cannot mend. */
class Final extends Error {}

function failure(job: UploadJob, error: unknown): UploadJob['error'] {
  if (error instanceof Final) return { message: error.message, resumable: false };
  // Before the envelope is in, only a broken connection leaves the same envelope worth sending again.
  const resumable = job.posted
    ? !(error instanceof ApiError) ||
      resumableUpload(error) ||
      csrfRejected(error) ||
      INCOMPLETE_CODES.has(error.code)
    : transient(error);
  const message = error instanceof ApiError ? error.message : '上传失败';
  return {
    message: resumable
      ? `${message}。加密的投标文件仍保留在本机，可继续上传（仍是同一份投标文件）。`
      : message,
    resumable,
  };
}

async function sendDocuments(sealed: SealedBid, bidId: string): Promise<void> {
  for (const [i, doc] of sealed.envelope.documents.entries()) {
    const bytes = sealed.documents[i]?.bytes;
    if (!bytes) throw new Final('本机未保留该文件，请重新加密递交');
    const from = jobs.get(bidId)?.received[i] ?? 0;
    if (from >= doc.sealedBytes) continue;
    await uploadDocument(bidId, doc.part, bytes, from, (received) =>
      update(bidId, (j) => ({ received: j.received.map((r, k) => (k === i ? received : r)) })),
    );
  }
}

const receivedOf = (job: UploadJob, bid: BidView): number[] =>
  job.documents.map((d) => bid.documents.find((b) => b.part === d.part)?.received ?? 0);

async function run(bidId: string, onPosted: () => void): Promise<void> {
  const sealed = held.get(bidId);
  if (!sealed) throw new Final('本机未保留该投标文件的加密数据，请重新加密递交');
  // Posting again is harmless: the server answers the same envelope with the same bid and what it holds of it.
  let bid = await withRetries(() => submitBid(sealed.envelope));
  update(bidId, (j) => ({ posted: true, received: receivedOf(j, bid), phase: 'uploading' }));
  onPosted();
  if (bid.status === 'withdrawn' || bid.status === 'replaced')
    throw new Final(`该投标文件${bid.statusLabel}，不能继续上传；请重新加密递交`);
  if (bid.status === 'uploading') {
    await sendDocuments(sealed, bidId);
    update(bidId, () => ({ phase: 'completing' }));
    try {
      bid = await withRetries(() => completeBid(bidId));
    } catch (error) {
      if (!(error instanceof ApiError && INCOMPLETE_CODES.has(error.code))) throw error;
      // The server lacks bytes (or dropped a spoilt file): send what it is missing, then ask once more.
      const statuses = await Promise.all(
        sealed.envelope.documents.map((d) => withRetries(() => fetchUploadStatus(bidId, d.part))),
      );
      update(bidId, () => ({ phase: 'uploading', received: statuses.map((s) => s.received) }));
      await sendDocuments(sealed, bidId);
      update(bidId, () => ({ phase: 'completing' }));
      bid = await withRetries(() => completeBid(bidId));
    }
  }
  if (!bid.receipt) throw new Final('平台尚未接收完整的投标文件，未签发回执。请刷新后查看“我的投标”。');
  if (bid.receipt.statement.envelopeHash !== sealed.hash)
    throw new Final('回执中的投标文件摘要与本机计算的不一致，请联系采购中心。');
  const receipt = bid.receipt;
  held.delete(bidId);
  update(bidId, (j) => ({
    phase: 'done',
    receipt,
    received: j.documents.map((d) => d.total),
  }));
}

/**
 * Sends (or resumes sending) a held bid; resolves with the job as it stands when it stops — done, or failed
 * with its error. `onPosted` is called once the server holds the envelope.
 */
export async function startUpload(bidId: string, onPosted: () => void = () => {}): Promise<UploadJob> {
  const job = jobs.get(bidId);
  if (!job) throw new Error(`no upload job ${bidId}`);
  if (job.running) return job;
  update(bidId, () => ({ running: true, error: null }));
  try {
    await run(bidId, onPosted);
  } catch (error) {
    update(bidId, (j) => ({ error: failure(j, error) }));
    // Nothing is left to resume: the sealed bytes need not stay in memory.
    if (!jobs.get(bidId)?.error?.resumable) held.delete(bidId);
  } finally {
    update(bidId, () => ({ running: false }));
  }
  return jobs.get(bidId) ?? job;
}
