import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import {
  annualTargetView,
  statisticsReport,
  type annualTargetBody,
  type statisticsQuery,
} from '../../../../src/modules/statistics/contract.ts';
import { api } from '../../api.ts';

export type StatisticsReport = z.infer<typeof statisticsReport>;
export type Figures = StatisticsReport['total'];
export type AnnualTarget = z.infer<typeof annualTargetView>;
/** The query as the page holds it: every filter optional, the period always set. */
export type ReportQuery = Omit<z.input<typeof statisticsQuery>, 'source'> & {
  source?: 'all' | 'platform' | 'historical';
};

export const reportPath = '/api/statistics/report';
export const targetsPath = '/api/statistics/targets';

/** The query string the JSON report and both exports share: empty filters left out. */
export function queryString(q: ReportQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(q)) {
    if (value === undefined || value === null || value === '') continue;
    if (key === 'source' && value === 'all') continue;
    params.set(key, String(value));
  }
  return params.toString();
}

export const reportKey = (q: ReportQuery) => [reportPath, queryString(q)] as const;

export function fetchReport(q: ReportQuery): Promise<StatisticsReport> {
  return api(reportPath, statisticsReport, { query: { ...q } });
}

export function useReport(q: ReportQuery, enabled = true) {
  return useQuery({
    queryKey: reportKey(q),
    queryFn: () => fetchReport(q),
    enabled,
    placeholderData: (previous) => previous,
  });
}

/** A download link of the report for the same query: the server sets the file's Chinese name. */
export const exportUrl = (kind: 'xlsx' | 'docx', q: ReportQuery): string =>
  `${reportPath}.${kind}?${queryString(q)}`;

export const targetsKey = [targetsPath] as const;

export function fetchTargets(): Promise<AnnualTarget[]> {
  return api(targetsPath, z.array(annualTargetView));
}

export function saveTarget(year: number, body: z.input<typeof annualTargetBody>): Promise<AnnualTarget> {
  return api(`${targetsPath}/${year}`, annualTargetView, { method: 'PUT', body });
}
