import type { z } from 'zod';
import {
  committeeView,
  drawView,
  invitationList,
  invitationView,
  type committeeBody,
  type respondBody,
} from '../../../../src/modules/evaluation/contract.ts';
import { drawExportSchema, type DrawExport } from '../../../../src/modules/evaluation/draw.contract.ts';
import { api } from '../../api.ts';

export type CommitteeView = z.infer<typeof committeeView>;
export type CommitteeBody = z.input<typeof committeeBody>;
export type DrawView = CommitteeView['draws'][number];
export type SeatView = CommitteeView['seats'][number];
export type Invitation = z.infer<typeof invitationView>;

/** The committee of a project; `null` while none has been formed (the server answers 404). */
export const committeeKey = (projectId: string) => ['/api/projects', projectId, 'committee'] as const;
export const invitationsKey = ['/api/my/invitations'] as const;

const committeePath = (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}/committee`;

export function fetchCommittee(projectId: string): Promise<CommitteeView> {
  return api(committeePath(projectId), committeeView);
}

export function formCommittee(
  projectId: string,
  body: CommitteeBody,
  change: boolean,
): Promise<CommitteeView> {
  return api(committeePath(projectId), committeeView, { method: change ? 'PUT' : 'POST', body });
}

export function prepareDraw(projectId: string): Promise<CommitteeView> {
  return api(`${committeePath(projectId)}/draws`, committeeView, { method: 'POST' });
}

/** 现场抽取: the draw as run, its seed revealed; the committee's seats change with it (refetch). */
export function witnessDraw(drawId: string, supervisorInput: string): Promise<DrawView> {
  return api(`/api/draws/${encodeURIComponent(drawId)}/witness`, drawView, {
    method: 'POST',
    body: { supervisorInput },
  });
}

export function fetchDrawExport(drawId: string): Promise<DrawExport> {
  return api(`/api/draws/${encodeURIComponent(drawId)}/export`, drawExportSchema);
}

export function fetchInvitations(): Promise<z.infer<typeof invitationList>> {
  return api('/api/my/invitations', invitationList);
}

export function respondToInvitation(seatId: string, body: z.input<typeof respondBody>): Promise<Invitation> {
  return api(`/api/committee-seats/${encodeURIComponent(seatId)}/respond`, invitationView, {
    method: 'POST',
    body,
  });
}

/** The file name of an exported draw: `抽取记录-<项目编号>-<抽取标识前 8 位>.json`. */
export function drawFileName(projectCode: string, drawId: string): string {
  return `抽取记录-${projectCode}-${drawId.slice(0, 8)}.json`;
}

/** Saves an exported draw as JSON, replayable with `zhengcai draw verify` or on the portal's replay page. */
export function downloadDraw(record: DrawExport, fileName: string): void {
  const blob = new Blob([`${JSON.stringify(record, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
