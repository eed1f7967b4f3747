import type { z } from 'zod';
import {
  planLineView,
  type commissionBody,
  type commissionDecisionBody,
  type intentionBody,
  type planLineBody,
} from '../../../../src/modules/planning/contract.ts';
import { api } from '../../api.ts';

export type PlanLineView = z.infer<typeof planLineView>;

/** Every plan-line list page is cached under this prefix, so one invalidation refreshes them all. */
export const planLinesPath = '/api/plan-lines';

const linePath = (id: string, action: string) => `${planLinesPath}/${encodeURIComponent(id)}/${action}`;

export function createPlanLine(body: z.input<typeof planLineBody>): Promise<PlanLineView> {
  return api(planLinesPath, planLineView, { method: 'POST', body });
}

export function publishIntention(id: string, body: z.output<typeof intentionBody>): Promise<PlanLineView> {
  return api(linePath(id, 'intention'), planLineView, { method: 'POST', body });
}

export function commissionPlanLine(id: string, body: z.output<typeof commissionBody>): Promise<PlanLineView> {
  return api(linePath(id, 'commission'), planLineView, { method: 'POST', body });
}

export function decideCommission(
  id: string,
  body: z.output<typeof commissionDecisionBody>,
): Promise<PlanLineView> {
  return api(linePath(id, 'decision'), planLineView, { method: 'POST', body });
}

export function cancelPlanLine(id: string): Promise<PlanLineView> {
  return api(linePath(id, 'cancel'), planLineView, { method: 'POST', body: {} });
}

/** Today in Beijing time (YYYY-MM-DD), whatever the browser's own time zone. */
export function shanghaiToday(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}
