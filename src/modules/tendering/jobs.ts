/**
 * Scheduled work of tendering: at the response deadline the project closes to bids (已截止). Scheduled when
 * the notice is published, moved by a correction, cancelled by termination; run by the platform's job runner,
 * exactly once however many server processes poll.
 */
import { appendAudit } from '../../platform/audit/log.ts';
import { systemActor, type RequestContext } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Tx } from '../../platform/db/client.ts';
import { cancel, schedule, type JobHandlers } from '../../platform/jobs/runner.ts';
import './events.ts';
import { loadProject, setState, stateOf, step } from './loaded.ts';

export const CLOSE_BIDS = 'tendering.closeBids';

export function scheduleBidClosing(tx: Tx, clock: Clock, projectId: string, deadline: Date): Promise<void> {
  return schedule(tx, clock, { kind: CLOSE_BIDS, key: projectId, runAt: deadline, payload: { projectId } });
}

export function cancelBidClosing(tx: Tx, projectId: string): Promise<void> {
  return cancel(tx, CLOSE_BIDS, projectId);
}

/** 投标截止: published or corrected → 已截止, once the deadline has passed by the server's clock. */
export async function closeBids(tx: Tx, projectId: string, clock: Clock): Promise<void> {
  const l = await loadProject(tx, projectId, true);
  if (!l) return;
  const state = stateOf(l.row.status);
  const deadline = l.row.bidDeadlineAt;
  const now = clock.now();
  // Terminated or already closed, or the deadline was moved later (its own job runs then): nothing to do.
  if ((state !== 'published' && state !== 'corrected') || !deadline || deadline > now) return;
  const ctx: RequestContext = { actor: systemActor('job:closeBids'), requestId: null, clock };
  const to = step(l, 'closeBids', { bidDeadlinePassed: true });
  const after = await setState(tx, l, to, {}, now);
  await appendAudit(tx, ctx, {
    action: 'project.bidsClosed',
    entityType: 'project',
    entityId: projectId,
    before: { status: l.row.status },
    after: { status: after.status, bidDeadlineAt: deadline.toISOString() },
  });
}

export const tenderingJobs: JobHandlers = {
  [CLOSE_BIDS]: async (tx, job, clock) => {
    const projectId = typeof job.payload.projectId === 'string' ? job.payload.projectId : job.key;
    await closeBids(tx, projectId, clock);
  },
};
