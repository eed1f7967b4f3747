/**
 * Overdue items of award to payment (逾期预警): every clock of RULES.md §2.2–2.3 and §6 that has run out with its
 * step not done. Each part of the module lists its own; the centre, the purchaser and the supervisors see them.
 */
import { z } from 'zod';

export const alertKind = z.enum([
  'winnerConfirmation',
  'resultNotice',
  'challengeReply',
  'complaintAcceptance',
  'complaintDecision',
  'suspension',
  'contractSigning',
  'contractPublication',
  'contractFiling',
  'depositRefund',
  'milestone',
  'issueResponse',
  'payment',
]);

export const alertView = z.object({
  kind: alertKind,
  /** What is late, in Chinese, e.g. 「合同公告逾期：XX项目 第1包」. */
  title: z.string(),
  projectId: z.uuid(),
  projectCode: z.string(),
  lotNo: z.number().int().nullable(),
  /** The record the alert is about (award is `projectId:lotNo`). */
  entityId: z.string(),
  /** Where the UI links to. */
  href: z.string(),
  dueOn: z.iso.date(),
  /** Working or calendar days past due, as the rule counts them. */
  daysLate: z.number().int().min(1),
  basis: z.string(),
  /** The purchaser units concerned, so a purchaser sees only its own. */
  purchaserIds: z.array(z.uuid()),
});
export type AlertView = z.infer<typeof alertView>;

export const alertList = z.object({ items: z.array(alertView) });
