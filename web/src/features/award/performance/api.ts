import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  acceptanceReportView,
  checklistView,
  performanceView,
  type acceptanceBody,
  type invoiceBody,
  type issueBody,
  type milestonePlanBody,
  type milestoneReportBody,
  type paymentBody,
} from '../../../../../src/modules/award/performance/contract.ts';
import { api } from '../../../api.ts';
import { contractKey } from '../contracts/api.ts';

export type PerformanceView = z.infer<typeof performanceView>;
export type MilestoneView = PerformanceView['milestones'][number];
export type IssueView = PerformanceView['issues'][number];
export type AcceptanceView = PerformanceView['acceptances'][number];
export type SavingsView = PerformanceView['savings']['contract'];
export type ChecklistView = z.infer<typeof checklistView>;
export type AcceptanceReport = z.infer<typeof acceptanceReportView>;

const enc = encodeURIComponent;

export const performanceKey = (contractId: string) => ['/api/contracts', contractId, 'performance'] as const;
export const checklistKey = (contractId: string) =>
  ['/api/contracts', contractId, 'acceptance/checklist'] as const;
export const reportKey = (acceptanceId: string) => ['/api/acceptances', acceptanceId, 'report'] as const;

export const fetchPerformance = (contractId: string) =>
  api(`/api/contracts/${enc(contractId)}/performance`, performanceView);
export const fetchChecklist = (contractId: string) =>
  api(`/api/contracts/${enc(contractId)}/acceptance/checklist`, checklistView);
export const fetchAcceptanceReport = (acceptanceId: string) =>
  api(`/api/acceptances/${enc(acceptanceId)}/report`, acceptanceReportView);

/** Every change answers the whole view: it replaces the cached one. */
export type PerformanceAction =
  | { kind: 'plan'; body: z.input<typeof milestonePlanBody> }
  | { kind: 'report'; milestoneId: string; body: z.input<typeof milestoneReportBody> }
  | { kind: 'confirm'; milestoneId: string }
  | { kind: 'raiseIssue'; body: z.input<typeof issueBody> }
  | { kind: 'answerIssue'; issueId: string; response: string }
  | { kind: 'closeIssue'; issueId: string; resolution: string }
  | { kind: 'accept'; body: z.input<typeof acceptanceBody> }
  | { kind: 'invoice'; body: z.input<typeof invoiceBody> }
  | { kind: 'payment'; body: z.input<typeof paymentBody> };

function send(contractId: string, a: PerformanceAction): Promise<PerformanceView> {
  const c = `/api/contracts/${enc(contractId)}`;
  switch (a.kind) {
    case 'plan':
      return api(`${c}/milestones`, performanceView, { method: 'PUT', body: a.body });
    case 'report':
      return api(`/api/milestones/${enc(a.milestoneId)}/report`, performanceView, {
        method: 'POST',
        body: a.body,
      });
    case 'confirm':
      return api(`/api/milestones/${enc(a.milestoneId)}/confirm`, performanceView, {
        method: 'POST',
        body: {},
      });
    case 'raiseIssue':
      return api(`${c}/issues`, performanceView, { method: 'POST', body: a.body });
    case 'answerIssue':
      return api(`/api/performance-issues/${enc(a.issueId)}/answer`, performanceView, {
        method: 'POST',
        body: { response: a.response },
      });
    case 'closeIssue':
      return api(`/api/performance-issues/${enc(a.issueId)}/close`, performanceView, {
        method: 'POST',
        body: { resolution: a.resolution },
      });
    case 'accept':
      return api(`${c}/acceptances`, performanceView, { method: 'POST', body: a.body });
    case 'invoice':
      return api(`${c}/invoices`, performanceView, { method: 'POST', body: a.body });
    case 'payment':
      return api(`${c}/payments`, performanceView, { method: 'POST', body: a.body });
  }
}

export function usePerformanceAction(contractId: string, onDone?: () => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: PerformanceAction) => send(contractId, a),
    onSuccess: (view) => {
      qc.setQueryData(performanceKey(contractId), view);
      void qc.invalidateQueries({ queryKey: checklistKey(contractId) });
      // The contract page's header shows the status an acceptance or the last payment moves on (已验收, 已完成).
      void qc.invalidateQueries({ queryKey: contractKey(contractId), exact: true });
      onDone?.();
    },
  });
}
