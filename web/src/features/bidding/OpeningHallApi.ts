import type { z } from 'zod';
import {
  openingView,
  wrappedSharesView,
  type openingRecord,
} from '../../../../src/modules/bidding/contract.ts';
import { api } from '../../api.ts';

export type OpeningView = z.infer<typeof openingView>;
export type OpeningLot = OpeningView['lots'][number];
export type OpeningRecord = z.infer<typeof openingRecord>;
export type WrappedSharesView = z.infer<typeof wrappedSharesView>;

export const openingKey = (projectId: string) => ['bidding', projectId, 'opening'] as const;
export const wrappedSharesKey = (projectId: string) => ['bidding', projectId, 'opening', 'shares'] as const;

const openingPath = (id: string, rest = '') => `/api/projects/${encodeURIComponent(id)}/opening${rest}`;

export function fetchOpening(projectId: string): Promise<OpeningView> {
  return api(openingPath(projectId), openingView);
}

export function startOpening(projectId: string): Promise<OpeningView> {
  return api(openingPath(projectId), openingView, { method: 'POST', body: {} });
}

export function fetchWrappedShares(projectId: string): Promise<WrappedSharesView> {
  return api(openingPath(projectId, '/shares'), wrappedSharesView);
}

export function handInShares(
  projectId: string,
  shares: { bidId: string; share: string }[],
): Promise<OpeningView> {
  return api(openingPath(projectId, '/shares'), openingView, { method: 'POST', body: { shares } });
}

export function raiseObjection(projectId: string, text: string): Promise<OpeningView> {
  return api(openingPath(projectId, '/objections'), openingView, { method: 'POST', body: { text } });
}

export function answerObjection(
  projectId: string,
  objectionId: string,
  answer: string,
): Promise<OpeningView> {
  return api(openingPath(projectId, `/objections/${encodeURIComponent(objectionId)}/answer`), openingView, {
    method: 'POST',
    body: { answer },
  });
}

/** Saves a lot's signed opening record as JSON: the statement, the platform's public key and the signature. */
export function downloadRecord(record: OpeningRecord): void {
  const blob = new Blob([`${JSON.stringify(record, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `开标记录-${record.statement.projectCode}-第${record.statement.lotNo}包.json`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
