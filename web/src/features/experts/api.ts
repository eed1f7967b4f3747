import type { z } from 'zod';
import {
  coverageReport,
  expertApplicationResult,
  expertDetail,
  specialtyList,
  type addEmploymentBody,
  type addLeaveBody,
  type cancelLeaveBody,
  type declareRelationBody,
  type endEmploymentBody,
  type expertApplicationBody,
  type expertRatingBody,
  type expertReviewBody,
  type expertStatusBody,
  type expertUpdateBody,
  type withdrawRelationBody,
} from '../../../../src/modules/orgs/experts/contract.ts';
import { api } from '../../api.ts';

export type ExpertDetail = z.infer<typeof expertDetail>;
export type ExpertApplicationValues = z.input<typeof expertApplicationBody>;
export type ExpertUpdateValues = z.input<typeof expertUpdateBody>;
export type CoverageReport = z.infer<typeof coverageReport>;
export type CoverageRow = CoverageReport['rows'][number];

export type Specialty = z.infer<typeof specialtyList>['items'][number];

/** The specialty classification, the same for everyone: fetched once per page load. */
export const specialtiesKey = ['/api/specialties'] as const;

/** Every expert query (list pages, detail, own record, coverage) lives under this prefix. */
export const expertsKey = ['/api/experts'] as const;
export const expertKey = (id: string) => [...expertsKey, id] as const;
export const myExpertKey = [...expertsKey, 'me'] as const;
export const coverageKey = (asOf: string | undefined) => [...expertsKey, 'coverage', asOf ?? ''] as const;

const expertPath = (id: string) => `/api/experts/${encodeURIComponent(id)}`;

export function applyAsExpert(body: ExpertApplicationValues) {
  return api('/api/expert-applications', expertApplicationResult, { method: 'POST', body });
}

export function fetchSpecialties(): Promise<z.infer<typeof specialtyList>> {
  return api('/api/specialties', specialtyList);
}

export function fetchExpert(id: string): Promise<ExpertDetail> {
  return api(expertPath(id), expertDetail);
}

export function fetchMyExpert(): Promise<ExpertDetail> {
  return api('/api/experts/me', expertDetail);
}

export function fetchCoverage(asOf: string | undefined): Promise<CoverageReport> {
  return api('/api/experts/coverage', coverageReport, { query: { asOf } });
}

export function updateExpert(id: string, body: ExpertUpdateValues): Promise<ExpertDetail> {
  return api(expertPath(id), expertDetail, { method: 'PATCH', body });
}

const post =
  <B>(suffix: string) =>
  (id: string, body: B): Promise<ExpertDetail> =>
    api(`${expertPath(id)}/${suffix}`, expertDetail, { method: 'POST', body });

export const addEmployment = post<z.input<typeof addEmploymentBody>>('employments');
export const endEmployment = post<z.input<typeof endEmploymentBody>>('employments/end');
export const declareRelation = post<z.input<typeof declareRelationBody>>('relations');
export const withdrawRelation = post<z.input<typeof withdrawRelationBody>>('relations/withdraw');
export const addLeave = post<z.input<typeof addLeaveBody>>('leaves');
export const cancelLeave = post<z.input<typeof cancelLeaveBody>>('leaves/cancel');
export const reviewExpert = post<z.output<typeof expertReviewBody>>('review');
export const changeExpertStatus = post<z.output<typeof expertStatusBody>>('status');
export const rateExpert = post<z.output<typeof expertRatingBody>>('ratings');
