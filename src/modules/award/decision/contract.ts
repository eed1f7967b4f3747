/**
 * The award decision's HTTP contract: per lot, the candidates of the signed report, the purchaser's confirmation
 * in their order (条例43; 87号令 第六十八条), the result notice and the letters to the bidders.
 */
import { z } from 'zod';
import { withAbilities } from '../../../platform/http/contract.ts';

export const awardStatus = z.enum(['awaitingConfirmation', 'confirmed', 'noticed', 'reevaluation', 'failed']);

export const AWARD_STATUS_LABELS = {
  awaitingConfirmation: '待采购人确认',
  confirmed: '已确认，待发布结果公告',
  noticed: '已公告',
  reevaluation: '重新评审中',
  failed: '废标',
} as const satisfies Record<z.infer<typeof awardStatus>, string>;

/** A clock as the UI shows it: the due day, the rule's text and basis, and whether it ran out undone. */
export const dueView = z.object({
  dueOn: z.iso.date(),
  text: z.string(),
  basis: z.string(),
  late: z.boolean(),
});

export const candidateView = z.object({
  bidId: z.uuid(),
  supplierId: z.uuid(),
  supplierName: z.string(),
  rank: z.number().int(),
  priceFen: z.string(),
  /** Passed over by the purchaser, with the reason. */
  passedOver: z.string().nullable(),
});

export const lotAwardView = z.object({
  lotNo: z.number().int(),
  lotName: z.string(),
  budgetFen: z.string(),
  status: awardStatus,
  statusLabel: z.string(),
  reportDeliveredOn: z.iso.date(),
  confirmation: dueView,
  candidates: z.array(candidateView),
  winner: z
    .object({
      bidId: z.uuid(),
      supplierId: z.uuid(),
      supplierName: z.string(),
      amountFen: z.string(),
      confirmedOn: z.iso.date(),
      deemed: z.boolean(),
    })
    .nullable(),
  delayReason: z.string().nullable(),
  resultNotice: dueView.nullable(),
  noticeId: z.uuid().nullable(),
  noticedOn: z.iso.date().nullable(),
  noticePeriodEndsOn: z.iso.date().nullable(),
  failedReason: z.string().nullable(),
  /** Signing is suspended by a challenge or complaint (条例54; 法57). */
  suspension: z.object({ suspended: z.boolean(), reasons: z.array(z.string()) }),
  /** Savings against the budget at the awarded amount (节约资金 = 预算 − 中标金额). */
  savingsFen: z.string().nullable(),
});

export const awardView = z.object({
  projectId: z.uuid(),
  projectCode: z.string(),
  projectName: z.string(),
  projectStatus: z.string(),
  lots: z.array(lotAwardView),
  /** The result notice may be published now (every lot decided, at least one confirmed, none noticed yet). */
  resultReady: z.boolean(),
  ...withAbilities,
});

export const lotParams = z.object({ id: z.uuid(), lotNo: z.coerce.number().int().min(1).max(200) });

export const confirmBody = z.object({
  bidId: z.uuid({ message: '请选择中标（成交）供应商' }),
  /**
   * Every candidate ranked before the chosen one, with the lawful reason it is passed over (e.g. it declined the
   * award in writing); the purchaser must follow the report's order (条例43).
   */
  passedOver: z
    .array(
      z.object({
        bidId: z.uuid(),
        reason: z.string().trim().min(4, '请说明不确定排名在前的候选人的法定理由').max(500),
      }),
    )
    .max(20)
    .default([]),
});

export const delayBody = z.object({
  reason: z.string().trim().min(4, '请填写不能按期确认的合法理由').max(1000),
});

export const reevaluationBody = z.object({
  /** The revised order of the re-review (重新评审), bid ids from the lot's qualified bids. */
  order: z.array(z.uuid()).min(1, '请按重新评审结果给出候选人顺序').max(20),
  note: z.string().trim().min(4, '请说明重新评审的结果').max(2000),
});

export const letterView = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  projectCode: z.string(),
  projectName: z.string(),
  lotNo: z.number().int(),
  kind: z.enum(['award', 'result']),
  kindLabel: z.string(),
  issuedAt: z.iso.datetime({ offset: true }),
  readAt: z.iso.datetime({ offset: true }).nullable(),
  content: z.object({
    title: z.string(),
    supplierName: z.string(),
    winnerName: z.string(),
    amountFen: z.string(),
    ownRank: z.number().int().nullable(),
    ownPriceFen: z.string().nullable(),
    ownScore: z.string().nullable(),
    winnerScore: z.string().nullable(),
    reasons: z.array(z.string()),
    paragraphs: z.array(z.string()),
  }),
});
export type LetterContent = z.infer<typeof letterView>['content'];

export const letterList = z.object({ items: z.array(letterView) });
