import type { z } from 'zod';
import {
  bidList,
  bidView,
  custodianKeyView,
  depositList,
  depositView,
  uploadStatus,
  type depositBody,
  type refundBody,
  custodiansView,
  publicKeyView,
  registrationView,
  sealingView,
  type custodianKeyBody,
} from '../../../../src/modules/bidding/contract.ts';
import type { BidEnvelope } from '../../../../src/modules/bidding/sealing.contract.ts';
import { userPage } from '../../../../src/modules/orgs/contract.ts';
import { api } from '../../api.ts';

export type CustodianKeyView = z.infer<typeof custodianKeyView>;
export type CustodiansView = z.infer<typeof custodiansView>;
export type SealingView = z.infer<typeof sealingView>;
export type BidView = z.infer<typeof bidView>;
export type UploadStatus = z.infer<typeof uploadStatus>;
export type DepositView = z.infer<typeof depositView>;
export type DepositBody = z.input<typeof depositBody>;
export type RefundBody = z.input<typeof refundBody>;
/** Null on a bid whose documents are still uploading: it is received, and signed for, only when whole. */
export type Receipt = NonNullable<BidView['receipt']>;

/** Project statuses in which bids (and deposits) are taken, before the deadline. */
export const OPEN_FOR_BIDS: readonly string[] = ['published', 'corrected'];

/** Every bidding query is cached under one of these keys, so a submission refreshes what depends on it. */
export const myKeyKey = ['/api/custodian-keys/mine'] as const;
export const custodiansKey = (projectId: string) => ['bidding', projectId, 'custodians'] as const;
export const sealingKey = (projectId: string) => ['bidding', projectId, 'sealing'] as const;
export const myBidsKey = (projectId: string) => ['bidding', projectId, 'my-bids'] as const;
export const receiptKeyKey = ['/api/receipts/public-key'] as const;
export const depositsKey = (projectId: string) => ['bidding', projectId, 'deposits'] as const;

const projectPath = (id: string, action: string) => `/api/projects/${encodeURIComponent(id)}/${action}`;

export function fetchMyKey(): Promise<CustodianKeyView> {
  return api('/api/custodian-keys/mine', custodianKeyView);
}

export function registerKey(body: z.input<typeof custodianKeyBody>): Promise<CustodianKeyView> {
  return api('/api/custodian-keys', custodianKeyView, { method: 'POST', body });
}

export function fetchCustodians(projectId: string): Promise<CustodiansView> {
  return api(projectPath(projectId, 'custodians'), custodiansView);
}

export function assignCustodians(projectId: string, supervisorUserId: string): Promise<CustodiansView> {
  return api(projectPath(projectId, 'custodians'), custodiansView, {
    method: 'PUT',
    body: { supervisorUserId },
  });
}

/** Finance supervisors, for a caller who may list users (the director); agents type the user id instead. */
export function fetchFinanceSupervisors() {
  return api('/api/users', userPage, {
    query: { role: 'financeSupervisor', status: 'active', pageSize: 100 },
  });
}

export function register(projectId: string) {
  return api(projectPath(projectId, 'registration'), registrationView, { method: 'POST', body: {} });
}

/** The sealing keys with the server's clock, and when the answer arrived by the browser's clock. */
export async function fetchSealing(projectId: string): Promise<SealingView & { receivedAt: number }> {
  const sent = Date.now();
  const view = await api(projectPath(projectId, 'sealing'), sealingView);
  // The server read its clock somewhere between sending and receiving: the midpoint halves the error.
  return { ...view, receivedAt: Math.round((sent + Date.now()) / 2) };
}

export function fetchMyBids(projectId: string) {
  return api(projectPath(projectId, 'my-bids'), bidList);
}

export function submitBid(envelope: BidEnvelope): Promise<BidView> {
  return api('/api/bids', bidView, { method: 'POST', body: envelope });
}

const bidPath = (bidId: string, action: string) => `/api/bids/${encodeURIComponent(bidId)}/${action}`;
/**
 * Where a document's sealed bytes are sent, piece by piece, and where the server says how far it got. The part
 * (`doc:0`) goes as it is: the route checks it against its own pattern.
 */
export const documentPath = (bidId: string, part: string) => bidPath(bidId, `documents/${part}`);

export function fetchUploadStatus(bidId: string, part: string): Promise<UploadStatus> {
  return api(documentPath(bidId, part), uploadStatus);
}

/** Every document is in: the server checks their hashes and signs the receipt. Repeating it is harmless. */
export function completeBid(bidId: string): Promise<BidView> {
  return api(bidPath(bidId, 'complete'), bidView, { method: 'POST', body: {} });
}

export function withdrawBid(bidId: string): Promise<BidView> {
  return api(bidPath(bidId, 'withdraw'), bidView, { method: 'POST', body: {} });
}

export function fetchReceiptKey() {
  return api('/api/receipts/public-key', publicKeyView);
}

/** Saves a receipt as the JSON file `zhengcai receipt verify` reads. */
export function downloadReceipt(receipt: Receipt): void {
  const blob = new Blob([`${JSON.stringify(receipt, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `回执-${receipt.statement.projectCode}-${receipt.statement.bidId}.json`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The centre and supervisors see every bidder's deposit; a supplier only its own. */
export function fetchDeposits(projectId: string) {
  return api(projectPath(projectId, 'deposits'), depositList);
}

export function recordDeposit(projectId: string, body: DepositBody): Promise<DepositView> {
  return api(projectPath(projectId, 'deposit'), depositView, { method: 'POST', body });
}

export function confirmDeposit(id: string): Promise<DepositView> {
  return api(`/api/deposits/${encodeURIComponent(id)}/confirm`, depositView, { method: 'POST', body: {} });
}

export function refundDeposit(id: string, body: RefundBody): Promise<DepositView> {
  return api(`/api/deposits/${encodeURIComponent(id)}/refund`, depositView, { method: 'POST', body });
}
