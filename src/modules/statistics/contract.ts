import { z } from 'zod';
import { purchaserLevel } from '../orgs/contract.ts';
import { category } from '../planning/contract.ts';
import { method, serviceKind } from '../tendering/contract.ts';

export { serviceKind, serviceKindLabels } from '../tendering/contract.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

/** Where a procurement's record comes from: run on the platform, or imported from the centre's earlier ledgers. */
export const factSource = z.enum(['all', 'platform', 'historical']);

/**
 * The period and scope of a report. A procurement counts in the period in which its contract was signed (the day
 * it was completed, 完成采购); both ends inclusive.
 */
export const statisticsQuery = z
  .object({
    from: day.describe('起始日（含）'),
    to: day.describe('截止日（含）'),
    level: purchaserLevel.optional().describe('采购人层级：旗县区直、乡镇、村级'),
    purchaserId: z.uuid().optional().describe('采购人（含其下属单位）'),
    category: category.optional(),
    serviceKind: serviceKind.optional(),
    method: method.optional(),
    programme: z.string().trim().min(1).max(100).optional().describe('专项（如校安工程）'),
    source: factSource.default('all'),
  })
  .refine((q) => q.from <= q.to, { message: '起始日不能晚于截止日', path: ['to'] })
  .refine((q) => Number(q.to.slice(0, 4)) - Number(q.from.slice(0, 4)) <= 20, {
    message: '统计期间不能超过二十年',
    path: ['from'],
  });
export type StatisticsQuery = z.infer<typeof statisticsQuery>;

/** One row of a report table: the columns of seeds 000 and 004, exact in fen, and as the seeds write them. */
export const figures = z.object({
  procurements: z.number().int().describe('采购次数（项目数）'),
  lots: z.number().int().describe('标段（包）数'),
  contracts: z.number().int().describe('合同数（采购人份额）'),
  budgetFen: z.string().describe('采购预算'),
  contractFen: z.string().describe('合同金额'),
  paidFen: z.string().describe('已支付金额'),
  actualFen: z.string().describe('实际采购金额：已结清的按实际支付，其余按合同金额'),
  savingsFen: z.string().describe('节约资金 = 预算 − 实际采购金额'),
  savingsRateBp: z.number().int().describe('资金节约率（万分之一，四舍五入）'),
  savingsRateText: z.string().describe('如 13.23%'),
  /** Every share of the row settled: the actual amount is what was paid (seed 000's 实际支付采购金额). */
  allSettled: z.boolean(),
  budgetText: z.string().describe('如 4.3172亿元、3743万元'),
  actualText: z.string(),
  savingsText: z.string(),
});
export type Figures = z.infer<typeof figures>;

export const categoryRow = figures.extend({ category, label: z.string() });
export const serviceKindRow = figures.extend({ serviceKind, label: z.string() });
export const levelRow = figures.extend({ level: purchaserLevel, label: z.string() });
export const methodRow = figures.extend({ method, label: z.string() });
export const programmeRow = figures.extend({ programme: z.string() });
export const monthRow = figures.extend({ month: z.string().regex(/^\d{4}-\d{2}$/) });

export const majorProject = z.object({
  source: z.enum(['platform', 'historical']),
  projectId: z.uuid().nullable(),
  code: z.string(),
  name: z.string(),
  category,
  method,
  budgetFen: z.string(),
  actualFen: z.string(),
  savingsFen: z.string(),
  savingsRateText: z.string(),
  contractedOn: day,
});

export const cycleMethodRow = z.object({
  method,
  label: z.string(),
  procurements: z.number().int().describe('有委托日期的项目数'),
  meanDays: z.number().describe('平均办结天数（自然日，委托至合同签订）'),
  medianDays: z.number(),
  p90Days: z.number(),
});

export const statisticsReport = z.object({
  query: z.object({
    from: day,
    to: day,
    level: purchaserLevel.nullable(),
    purchaserId: z.uuid().nullable(),
    purchaserName: z.string().nullable(),
    category: category.nullable(),
    serviceKind: serviceKind.nullable(),
    method: method.nullable(),
    programme: z.string().nullable(),
    source: factSource,
  }),
  generatedAt: z.iso.datetime(),
  /** "共组织集中采购137次，完成采购预算4.3172亿元，实际支付采购金额3.7459亿元，节约资金5712万元，资金节约率13.23%". */
  headline: z.string(),
  /** One sentence per category, in the seeds' words ("其中货物类采购38次，…"). */
  categorySentences: z.array(z.string()),
  total: figures,
  categories: z.array(categoryRow).describe('货物、工程、服务（没有的类别也列出，数为零）'),
  serviceKinds: z.array(serviceKindRow),
  levels: z.array(levelRow),
  methods: z.array(methodRow),
  programmes: z.array(programmeRow),
  monthly: z.array(monthRow),
  major: z.object({
    thresholdFen: z.string().describe('重大项目：预算一千万元以上（含）'),
    figures,
    projects: z.array(majorProject),
  }),
  cycleTimes: z.object({
    byMethod: z.array(cycleMethodRow),
    /** Projects by days from commission to contract, in buckets of `bucketDays`. */
    histogram: z.array(
      z.object({ fromDays: z.number().int(), toDays: z.number().int(), count: z.number().int() }),
    ),
    bucketDays: z.number().int(),
  }),
  target: z
    .object({
      year: z.number().int(),
      budgetFen: z.string(),
      budgetText: z.string(),
      savingsRateBp: z.number().int(),
      /** The year's completed budget so far against the target (万分之一; may exceed 10000). */
      budgetProgressBp: z.number().int(),
      budgetMet: z.boolean(),
      savingsRateMet: z.boolean(),
    })
    .nullable()
    .describe('中心年度目标（期间为同一自然年时）'),
  experts: z.object({
    poolSize: z.number().int().describe('在库专家（状态正常）'),
    committees: z.number().int().describe('期间内评审的评标委员会'),
    invitations: z.number().int().describe('发出的专家邀请'),
    seatsFilled: z.number().int().describe('确认参加的专家席位'),
    declined: z.number().int(),
    distinctExperts: z.number().int().describe('期间内参加评审的不同专家人数'),
    servedShareBp: z.number().int().nullable().describe('参加评审的专家占在库专家的比例（万分之一）'),
    servedShareText: z.string(),
    poolShort: z.boolean().describe('专家库人数跟不上评审需求（参加评审的专家达在库专家的八成）'),
  }),
});
export type StatisticsReport = z.infer<typeof statisticsReport>;

export const annualTargetBody = z.object({
  budgetFen: z.string().regex(/^[1-9]\d{0,15}$/, '金额应为以“分”计的正整数'),
  savingsRateBp: z.number().int().min(0).max(10000).describe('资金节约率目标（万分之一，10% = 1000）'),
});
export const annualTargetView = annualTargetBody.extend({
  year: z.number().int(),
  setAt: z.iso.datetime(),
});

/** The columns of a historical import sheet, in order (docs/HISTORICAL-IMPORT.md documents them). */
export const historicalImportResult = z.object({
  importId: z.uuid(),
  fileName: z.string(),
  rows: z.number().int(),
  procurements: z.number().int(),
  budgetFen: z.string(),
});
export const historicalImportError = z.object({
  row: z.number().int(),
  column: z.string(),
  message: z.string(),
});
export const historicalImportView = z.object({
  id: z.uuid(),
  fileName: z.string(),
  fileSha256: z.string(),
  rowCount: z.number().int(),
  importedAt: z.iso.datetime(),
  importedByName: z.string().nullable(),
});
