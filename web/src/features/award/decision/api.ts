import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { alertList } from '../../../../../src/modules/award/alerts.contract.ts';
import {
  awardView,
  letterList,
  letterView,
  type confirmBody,
  type delayBody,
  type reevaluationBody,
} from '../../../../../src/modules/award/decision/contract.ts';
import { api } from '../../../api.ts';

export type AwardView = z.infer<typeof awardView>;
export type LotAward = AwardView['lots'][number];
export type Letter = z.infer<typeof letterView>;
export type AlertItem = z.infer<typeof alertList>['items'][number];

const enc = encodeURIComponent;
export const awardKey = (projectId: string) => ['/api/projects', projectId, 'award'] as const;
export const lettersKey = ['/api/my/award-letters'] as const;
export const alertsKey = ['/api/award/alerts'] as const;

export const fetchAward = (projectId: string) => api(`/api/projects/${enc(projectId)}/award`, awardView);
export const fetchLetters = () => api('/api/my/award-letters', letterList);
export const fetchAlerts = () => api('/api/award/alerts', alertList);

const lotPath = (projectId: string, lotNo: number, what: string) =>
  `/api/projects/${enc(projectId)}/award/lots/${lotNo}/${what}`;

export const confirmWinner = (projectId: string, lotNo: number, body: z.input<typeof confirmBody>) =>
  api(lotPath(projectId, lotNo, 'confirm'), awardView, { method: 'POST', body });
export const recordDelay = (projectId: string, lotNo: number, body: z.input<typeof delayBody>) =>
  api(lotPath(projectId, lotNo, 'delay'), awardView, { method: 'POST', body });
export const recordReevaluation = (
  projectId: string,
  lotNo: number,
  body: z.input<typeof reevaluationBody>,
) => api(lotPath(projectId, lotNo, 'reevaluation'), awardView, { method: 'POST', body });
export const publishResult = (projectId: string) =>
  api(`/api/projects/${enc(projectId)}/award/result`, awardView, { method: 'POST' });
export const markLetterRead = (id: string) =>
  api(`/api/award-letters/${enc(id)}/read`, letterView, { method: 'POST' });

/** A change to the award: the award, the project (its status) and the alerts are read again. */
export function useAwardMutation<A>(projectId: string, fn: (a: A) => Promise<AwardView>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (view) => {
      qc.setQueryData(awardKey(projectId), view);
      void qc.invalidateQueries({ queryKey: ['/api/projects'] });
      void qc.invalidateQueries({ queryKey: alertsKey });
    },
  });
}
