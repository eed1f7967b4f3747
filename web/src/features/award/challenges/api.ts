import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  challengeView,
  complaintList,
  complaintView,
  myChallengesView,
  projectChallengesView,
  type affectsResultBody,
  type challengeBody,
  type complaintBody,
  type decideBody,
  type excludedDaysBody,
  type rejectBody,
  type replyBody,
  type suspendBody,
} from '../../../../../src/modules/award/challenges/contract.ts';
import { api } from '../../../api.ts';

export type ChallengeView = z.infer<typeof challengeView>;
export type ComplaintView = z.infer<typeof complaintView>;
export type MyChallenges = z.infer<typeof myChallengesView>;
export type MyProject = MyChallenges['projects'][number];
export type ProjectChallenges = z.infer<typeof projectChallengesView>;

export const myChallengesKey = ['/api/my/challenges'] as const;
export const projectChallengesKey = (projectId: string) =>
  ['/api/projects', projectId, 'challenges'] as const;
export const complaintsKey = ['/api/complaints'] as const;

const enc = encodeURIComponent;

export const fetchMyChallenges = () => api('/api/my/challenges', myChallengesView);
export const fetchProjectChallenges = (projectId: string) =>
  api(`/api/projects/${enc(projectId)}/challenges`, projectChallengesView);
export const fetchComplaints = () => api('/api/complaints', complaintList);
export const fetchComplaint = (id: string) => api(`/api/complaints/${enc(id)}`, complaintView);

export const fileChallenge = (projectId: string, body: z.input<typeof challengeBody>) =>
  api(`/api/projects/${enc(projectId)}/challenges`, challengeView, { method: 'POST', body });
export const withdrawChallenge = (id: string) =>
  api(`/api/challenges/${enc(id)}/withdraw`, challengeView, { method: 'POST' });
export const markAffectsResult = (id: string, body: z.input<typeof affectsResultBody>) =>
  api(`/api/challenges/${enc(id)}/affects-result`, challengeView, { method: 'POST', body });
export const replyToChallenge = (id: string, body: z.input<typeof replyBody>) =>
  api(`/api/challenges/${enc(id)}/reply`, challengeView, { method: 'POST', body });
export const fileComplaint = (challengeId: string, body: z.input<typeof complaintBody>) =>
  api(`/api/challenges/${enc(challengeId)}/complaint`, complaintView, { method: 'POST', body });

export type ComplaintAction =
  | { kind: 'accept' }
  | { kind: 'reject'; body: z.input<typeof rejectBody> }
  | { kind: 'suspend'; body: z.input<typeof suspendBody> }
  | { kind: 'liftSuspension'; body: { reason: string } }
  | { kind: 'recordExcludedDays'; body: z.input<typeof excludedDaysBody> }
  | { kind: 'decide'; body: z.input<typeof decideBody> }
  | { kind: 'withdraw' };

const ACTION_PATHS: Record<ComplaintAction['kind'], string> = {
  accept: 'accept',
  reject: 'reject',
  suspend: 'suspend',
  liftSuspension: 'lift-suspension',
  recordExcludedDays: 'excluded-days',
  decide: 'decide',
  withdraw: 'withdraw',
};

export function actOnComplaint(id: string, action: ComplaintAction): Promise<ComplaintView> {
  return api(`/api/complaints/${enc(id)}/${ACTION_PATHS[action.kind]}`, complaintView, {
    method: 'POST',
    ...('body' in action ? { body: action.body } : {}),
  });
}

/** A mutation that refreshes every list of challenges and complaints (and the award view's suspension flag). */
export function useChallengeMutation<V, R>(fn: (v: V) => Promise<R>, onDone?: (r: R) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: myChallengesKey });
      void queryClient.invalidateQueries({ queryKey: complaintsKey });
      void queryClient.invalidateQueries({ queryKey: ['/api/projects'] });
      onDone?.(r);
    },
  });
}
