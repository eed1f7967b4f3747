import { z } from 'zod';
import { pageOf, pageQuery, withAbilities } from '../../platform/http/contract.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
/** Money crosses the wire as a decimal string of fen, so no amount is ever a float. */
export const fen = z.string().regex(/^[1-9]\d{0,15}$/, '金额应为以“分”计的正整数');
export const category = z.enum(['goods', 'works', 'services']);
/** 货物、工程、服务 (政府采购法 第二条). */
export const CATEGORY_LABELS = { goods: '货物', works: '工程', services: '服务' } as const;
export const planLineStatus = z.enum([
  'draft',
  'intentionPublished',
  'commissioned',
  'accepted',
  'returned',
  'cancelled',
]);

export const planLineBody = z.object({
  purchaserId: z.uuid().optional().describe('中心经办人代单位录入时必填；采购人录入时为本单位'),
  year: z.number().int().min(2000).max(2100),
  budgetItem: z.string().trim().min(2, '请输入预算项目').max(100),
  itemCode: z
    .string()
    .trim()
    .regex(/^[ABC]\d{0,10}$/, '品目代码应以 A（货物）、B（工程）或 C（服务）开头'),
  itemName: z.string().trim().min(2).max(100),
  category,
  quantity: z.string().trim().max(50).nullable().default(null),
  amountFen: fen.describe('预算金额（分）'),
  plannedMonth: z.number().int().min(1).max(12),
  description: z.string().trim().max(2000).nullable().default(null),
});

export const intentionBody = z.object({
  summary: z.string().trim().min(4, '请概述采购需求').max(2000),
  expectedStartOn: day.describe('预计采购时间'),
  urgent: z.boolean().default(false),
  urgentReason: z.string().trim().max(500).nullable().default(null),
});

export const commissionBody = z.object({ note: z.string().trim().max(500).nullable().default(null) });

export const commissionDecisionBody = z
  .object({
    decision: z.enum(['accept', 'return']),
    note: z.string().trim().max(500).nullable().default(null),
  })
  .refine((b) => b.decision === 'accept' || (b.note !== null && b.note.length > 0), {
    message: '退回时须说明理由',
    path: ['note'],
  });

export const planLineView = z.object({
  id: z.uuid(),
  purchaserId: z.uuid(),
  purchaserName: z.string(),
  year: z.number().int(),
  budgetItem: z.string(),
  itemCode: z.string(),
  itemName: z.string(),
  category,
  quantity: z.string().nullable(),
  amountFen: fen,
  plannedMonth: z.number().int(),
  description: z.string().nullable(),
  status: planLineStatus,
  statusLabel: z.string(),
  intention: z
    .object({
      summary: z.string(),
      expectedStartOn: z.string(),
      publishedOn: z.string(),
      urgent: z.boolean(),
      urgentReason: z.string().nullable(),
    })
    .nullable(),
  commission: z
    .object({
      submittedAt: z.string(),
      note: z.string().nullable(),
      decidedAt: z.string().nullable(),
      decisionNote: z.string().nullable(),
    })
    .nullable(),
  ...withAbilities,
});
export const planLinePage = pageOf(planLineView);
export const planLineListQuery = pageQuery.extend({
  year: z.coerce.number().int().optional(),
  status: planLineStatus.optional(),
  q: z.string().trim().max(64).optional(),
});

/** One line of the published monthly procurement activity plan (月度采购活动计划, seed 000). */
export const monthlyPlan = z.object({
  year: z.number().int(),
  month: z.number().int(),
  lines: z.array(
    z.object({
      purchaserName: z.string(),
      itemName: z.string(),
      category,
      amountFen: fen,
      expectedStartOn: z.string().nullable(),
    }),
  ),
  totalFen: fen.or(z.literal('0')),
});
export const monthlyPlanQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  month: z.coerce.number().int().min(1).max(12),
});

export const publicIntention = z.object({
  purchaserName: z.string(),
  itemName: z.string(),
  summary: z.string(),
  amountFen: fen,
  expectedStartOn: z.string(),
  publishedOn: z.string(),
});
export const publicIntentionPage = pageOf(publicIntention);

export { PLAN_LINE_STATUS_LABELS } from './rules.ts';
