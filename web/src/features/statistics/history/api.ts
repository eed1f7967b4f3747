import { z } from 'zod';
import {
  historyImportListItem,
  historyImportResult,
  historyInvalidBody,
  historyWithdrawn,
  type HistoryImportListItem,
  type HistoryImportResult,
} from '../../../../../src/modules/statistics/history/contract.ts';
import { api, ApiError, apiUploadWithProgress } from '../../../api.ts';

export type { HistoryImportListItem, HistoryImportResult };
export type HistoryInvalid = z.infer<typeof historyInvalidBody>;
export type HistoryRowError = HistoryInvalid['errors'][number];

export const historyPath = '/api/statistics/history';
export const templateUrl = `${historyPath}/template`;
export const historyKey = [historyPath] as const;

export function fetchImports(): Promise<HistoryImportListItem[]> {
  return api(historyPath, z.array(historyImportListItem));
}

/** Uploads a ledger; `dryRun` checks the whole file without writing. A 422 carries the row errors (`invalidOf`). */
export function uploadLedger(
  file: File,
  dryRun: boolean,
  onProgress: (percent: number) => void,
): Promise<HistoryImportResult> {
  return apiUploadWithProgress(historyPath, historyImportResult, file, { query: { dryRun }, onProgress });
}

export function withdrawImport(id: string): Promise<z.infer<typeof historyWithdrawn>> {
  return api(`${historyPath}/${id}`, historyWithdrawn, { method: 'DELETE' });
}

/** The row-level error report of a refused ledger, or null for any other failure. */
export function invalidOf(error: unknown): HistoryInvalid | null {
  if (!(error instanceof ApiError) || error.status !== 422) return null;
  const parsed = historyInvalidBody.safeParse(error.details);
  return parsed.success ? parsed.data : null;
}

/** The sum of fen strings, exactly. */
export function sumFen(values: readonly string[]): string {
  return values.reduce((sum, v) => sum + BigInt(v), 0n).toString();
}

/** The dashboard's address for a period: StatisticsPage reads `from`, `to` and its filters from the query string. */
export function statisticsLink(from: string, to: string, source?: 'historical'): string {
  const params = new URLSearchParams({ from, to });
  if (source) params.set('source', source);
  return `/app/statistics?${params.toString()}`;
}
