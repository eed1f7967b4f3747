/**
 * The HTTP contract of performance supervision (履约监管): a signed contract's milestones and issues, its acceptance
 * (验收), invoices and payments (货款结算) and the savings (节约资金). Runs in the browser too: no `node:` imports.
 */
import { z } from 'zod';
import { contractStatus } from '../contracts/contract.ts';
import { withAbilities } from '../../../platform/http/contract.ts';

const day = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' });
const fen = z.string().regex(/^[1-9]\d{0,15}$/, '金额应为以“分”计的正整数');
const text = (min: number, max: number, message: string) => z.string().trim().min(min, message).max(max);

export const milestoneKind = z.enum(['delivery', 'installation', 'training', 'service', 'other']);
export const MILESTONE_KIND_LABELS = {
  delivery: '交付',
  installation: '安装调试',
  training: '培训',
  service: '服务期',
  other: '其他',
} as const satisfies Record<z.infer<typeof milestoneKind>, string>;

export const issueCategory = z.enum(['late', 'quality', 'quantity', 'service', 'other']);
export const ISSUE_CATEGORY_LABELS = {
  late: '逾期履约',
  quality: '质量问题',
  quantity: '数量不符',
  service: '服务问题',
  other: '其他',
} as const satisfies Record<z.infer<typeof issueCategory>, string>;

export const issueStatus = z.enum(['open', 'answered', 'closed']);
export const ISSUE_STATUS_LABELS = {
  open: '待供应商答复',
  answered: '已答复，待采购人处理',
  closed: '已关闭',
} as const satisfies Record<z.infer<typeof issueStatus>, string>;

/** The contract's status as performance supervision words it (履约状态). */
export const PERFORMANCE_STATE_LABELS = {
  draft: '草拟',
  signing: '签订中',
  signed: '已签订，履约中',
  accepted: '已验收，待付款',
  completed: '已付清，履约完毕',
  terminated: '已终止',
} as const satisfies Record<z.infer<typeof contractStatus>, string>;

export const itemResult = z.enum(['pass', 'fail', 'notApplicable']);
export const ITEM_RESULT_LABELS = {
  pass: '合格',
  fail: '不合格',
  notApplicable: '不适用',
} as const satisfies Record<z.infer<typeof itemResult>, string>;

// ── Requests ────────────────────────────────────────────────────────────────────────────────────────────

export const plannedMilestone = z.object({
  /** An existing, unreported milestone to change; null for a new one. */
  id: z.uuid().nullable().default(null),
  kind: milestoneKind,
  title: text(2, 200, '请填写节点名称'),
  dueOn: day.describe('应完成日期（服务期：开始日期）'),
  periodEndsOn: day.nullable().default(null).describe('服务期结束日'),
});

/** The whole plan: reported milestones stay as they are; unreported ones not listed are removed. */
export const milestonePlanBody = z.object({
  milestones: z.array(plannedMilestone).max(100),
});

export const milestoneReportBody = z.object({
  reportedOn: day.describe('完成日期'),
  note: text(2, 2000, '请填写完成情况'),
});

export const emptyBody = z.object({});

export const issueBody = z.object({
  category: issueCategory,
  description: text(4, 4000, '请描述问题'),
  milestoneId: z.uuid().nullable().default(null),
  responseDays: z
    .number()
    .int()
    .min(1, '答复期限为 1–15 个工作日')
    .max(15, '答复期限为 1–15 个工作日')
    .default(3)
    .describe('供应商答复期限（工作日）'),
});
export const issueAnswerBody = z.object({ response: text(2, 4000, '请填写答复') });
export const issueCloseBody = z.object({ resolution: text(2, 4000, '请填写处理结果') });

export const acceptanceItemBody = z.object({
  id: z.string().min(1).max(200),
  result: itemResult,
  note: z.string().trim().max(2000).optional(),
});

export const acceptanceBody = z.object({
  items: z.array(acceptanceItemBody).max(1000),
  members: z.array(z.string().trim().min(2, '请填写成员姓名').max(50)).max(30),
  testingBody: z.string().trim().max(200).nullable().default(null).describe('参加验收的质量检测机构'),
  complex: z.boolean().default(false).describe('复杂项目（须邀请质量检测机构）'),
  publicService: z.boolean().default(false).describe('向社会公众提供的公共服务项目（验收结果公告）'),
  recipientsOpinion: z.string().trim().max(4000).nullable().default(null).describe('服务对象意见'),
  opinion: text(2, 4000, '请填写验收意见'),
  acceptedOn: day,
});

export const invoiceBody = z.object({
  number: text(1, 50, '请填写发票号码'),
  amountFen: fen,
  issuedOn: day,
  receivedOn: day,
  fileId: z.string().max(100).nullable().default(null),
});

export const paymentBody = z.object({
  amountFen: fen,
  paidOn: day,
  reference: text(2, 200, '请填写支付凭证号'),
  invoiceId: z.uuid().nullable().default(null),
});

// ── Responses ───────────────────────────────────────────────────────────────────────────────────────────

const lateFields = {
  late: z.boolean(),
  /** Calendar days past due (0 when in time). */
  daysLate: z.number().int(),
};

export const milestoneView = z.object({
  id: z.uuid(),
  seq: z.number().int(),
  kind: milestoneKind,
  kindLabel: z.string(),
  title: z.string(),
  dueOn: day,
  periodEndsOn: day.nullable(),
  reportedOn: day.nullable(),
  reportNote: z.string().nullable(),
  confirmedOn: day.nullable(),
  ...lateFields,
  ...withAbilities,
});

export const issueView = z.object({
  id: z.uuid(),
  milestoneId: z.uuid().nullable(),
  category: issueCategory,
  categoryLabel: z.string(),
  description: z.string(),
  raisedAt: z.string(),
  raisedBy: z.string().nullable(),
  responseDueOn: day,
  response: z.string().nullable(),
  respondedAt: z.string().nullable(),
  status: issueStatus,
  statusLabel: z.string(),
  resolution: z.string().nullable(),
  closedAt: z.string().nullable(),
  ...lateFields,
  ...withAbilities,
});

export const acceptanceItemView = z.object({
  id: z.string(),
  source: z.enum(['requirement', 'commitment', 'contract']),
  item: z.string(),
  expected: z.string(),
  result: itemResult,
  note: z.string().optional(),
});

export const acceptanceView = z.object({
  id: z.uuid(),
  items: z.array(acceptanceItemView),
  conclusion: z.enum(['passed', 'failed']),
  acceptedOn: day,
  members: z.array(z.string()),
  testingBody: z.string().nullable(),
  opinion: z.string(),
  recipientsOpinion: z.string().nullable(),
  publicService: z.boolean(),
  reportHash: z.string(),
  noticeId: z.uuid().nullable(),
  recordedAt: z.string(),
});

export const checklistLineView = acceptanceItemView.omit({ result: true, note: true });
export const checklistView = z.object({
  items: z.array(checklistLineView),
  projectBudgetFen: z.string(),
  /** 大型 (≥ ¥10 million) projects must invite a testing body (法41). */
  largeProject: z.boolean(),
});

export const invoiceView = z.object({
  id: z.uuid(),
  number: z.string(),
  amountFen: z.string(),
  issuedOn: day,
  receivedOn: day,
  dueOn: day.nullable(),
  status: z.enum(['received', 'paid', 'rejected']),
  paidFen: z.string(),
  fileId: z.string().nullable(),
  recordedAt: z.string(),
});

export const paymentView = z.object({
  id: z.uuid(),
  invoiceId: z.uuid().nullable(),
  amountFen: z.string(),
  paidOn: day,
  dueOn: day.nullable(),
  reference: z.string(),
  ...lateFields,
});

/** The payment clock with its basis (保障中小企业款项支付条例 第九条、第十条), or null before acceptance. */
export const paymentDueView = z.object({
  dueOn: day,
  summary: z.string(),
  rule: z.string(),
  /** The agreed term was longer than the SME limit and was cut down to it. */
  capped: z.boolean(),
});

export const settlementView = z.object({
  payableFen: z.string(),
  paidFen: z.string(),
  outstandingFen: z.string(),
  fullyPaid: z.boolean(),
  due: paymentDueView.nullable(),
  /** Why there is no due day yet (not accepted; no term agreed). */
  dueNote: z.string().nullable(),
  ...lateFields,
});

export const savingsView = z.object({
  budgetFen: z.string(),
  contractFen: z.string(),
  /** 实际支付 once the contract is fully paid; null before. */
  paidFen: z.string().nullable(),
  savingsFen: z.string(),
  measuredAgainst: z.enum(['paid', 'contract', 'mixed']),
  savingsRateBp: z.number().int(),
  savingsRateText: z.string(),
});

export const contractSummaryView = z.object({
  id: z.uuid(),
  code: z.string(),
  projectId: z.uuid(),
  projectCode: z.string(),
  projectName: z.string(),
  lotNo: z.number().int(),
  status: contractStatus,
  statusLabel: z.string(),
  purchaserName: z.string(),
  supplierName: z.string(),
  budgetFen: z.string(),
  amountFen: z.string(),
  sme: z.boolean(),
  paymentTermsDays: z.number().int().nullable(),
  performancePeriod: z.string().nullable(),
  deliveryPlace: z.string().nullable(),
  signedOn: day.nullable(),
});

export const performanceView = z.object({
  contract: contractSummaryView,
  /** 条例54: performance suspended while a challenge that may affect the result is open. */
  suspension: z.object({ suspended: z.boolean(), reasons: z.array(z.string()) }),
  milestones: z.array(milestoneView),
  issues: z.array(issueView),
  acceptances: z.array(acceptanceView),
  invoices: z.array(invoiceView),
  payments: z.array(paymentView),
  settlement: settlementView,
  savings: z.object({ contract: savingsView, lot: savingsView.extend({ lotNo: z.number().int() }) }),
  today: day,
  ...withAbilities,
});

/** A block of the printable acceptance report (the shape the tendering module's docx renderer takes). */
export const reportBlock = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('heading'),
    level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    text: z.string(),
  }),
  z.object({ kind: z.literal('paragraph'), text: z.string() }),
  z.object({ kind: z.literal('table'), header: z.array(z.string()), rows: z.array(z.array(z.string())) }),
]);

/** 验收书: the canonical report (whose SHA-256 is `reportHash`) and the same as a printable document. */
export const acceptanceReportView = z.object({
  report: z.record(z.string(), z.unknown()),
  reportHash: z.string(),
  /** Recomputed from `report` now: equal to `reportHash` unless the record was altered. */
  hashMatches: z.boolean(),
  document: z.object({ title: z.string(), subtitle: z.string(), blocks: z.array(reportBlock) }),
});

export type PerformanceView = z.infer<typeof performanceView>;
export type SavingsView = z.infer<typeof savingsView>;
