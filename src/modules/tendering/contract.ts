/**
 * The tendering module's HTTP contract: projects with their lots and plan-line shares, requirements as data,
 * lint, approval, publication, corrections, clarifications, notices, programmes, bundle suggestions and the
 * standard templates. The web app imports only this file.
 */
import { z } from 'zod';
import { pageOf, pageQuery, withAbilities } from '../../platform/http/contract.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const fen = z.string().regex(/^[1-9]\d{0,15}$/, '金额应为以“分”计的正整数');
const fenOrZero = z.string().regex(/^(0|[1-9]\d{0,15})$/, '金额应为以“分”计的非负整数');
/** Basis points: 1% = 100, so a weight or a rate is never a float. */
const bp = z.number().int().min(0).max(10000);

export const category = z.enum(['goods', 'works', 'services']);
export const method = z.enum([
  'openTender',
  'invitedTender',
  'negotiation',
  'consultation',
  'rfq',
  'singleSource',
]);
export const evaluationMethod = z.enum(['lowestPrice', 'bestValue', 'priceLottery']);
/** 服务类的细分 (seed 004: 预选类 — establishing a pre-selected supplier pool —, 非预选类, PPP 项目). */
export const serviceKind = z.enum(['preselected', 'nonPreselected', 'ppp']);
export const serviceKindLabels = {
  preselected: '预选类',
  nonPreselected: '非预选类',
  ppp: 'PPP项目',
} as const;
export const projectStatus = z.enum([
  'draft',
  'linted',
  'approved',
  'published',
  'corrected',
  'bidsClosed',
  'opened',
  'evaluating',
  'awarded',
  'contracted',
  'failed',
  'terminated',
]);
export const templateKind = z.enum([
  'goods',
  'propertyServices',
  'communityServices',
  'medicalEquipment',
  'works',
]);
export const noticeKind = z.enum([
  'prequalification',
  'tender',
  'invitation',
  'correction',
  'termination',
  'failure',
  'result',
  'contract',
  'acceptance',
]);
/** 财办库〔2020〕50号 notice types the platform publishes, as their titles name them. */
export const NOTICE_KIND_LABELS = {
  prequalification: '资格预审公告',
  tender: '招标公告',
  invitation: '采购公告',
  correction: '更正公告',
  termination: '终止公告',
  failure: '废标公告',
  result: '中标（成交）结果公告',
  contract: '合同公告',
  acceptance: '验收结果公告',
} as const satisfies Record<z.infer<typeof noticeKind>, string>;
export const programmeKind = z.enum(['schoolSafety', 'caseByCase', 'other']);

// ── Requirements as data ──────────────────────────────────────────────────────────────────────────────

const clauseId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,20}$/, '条款编号只能由字母、数字、- 和 _ 组成');
export const clause = z.object({
  id: clauseId,
  text: z.string().trim().min(2, '请填写条款内容').max(2000),
  /** The lot the clause belongs to; null = every lot. */
  lotNo: z.number().int().min(1).max(200).nullable().default(null),
});
export const scoringItem = z.object({
  id: clauseId,
  /** 评分因素, e.g. 技术参数响应. */
  factor: z.string().trim().min(2).max(100),
  /** 评分标准: how the points are given. */
  text: z.string().trim().min(2).max(2000),
  weightBp: bp.describe('该因素分值占总分的比例（基点，1% = 100）'),
});
export const smePolicy = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('reserved') }),
  z.object({
    mode: z.literal('deduction'),
    smallMicroRateBp: bp,
    consortiumRateBp: bp.nullable().default(null),
  }),
  z.object({ mode: z.literal('none') }),
]);

/**
 * 合理定价评审抽签法 (RULES.md §10.3): the 财政评审价 of each lot and the 下浮比例 fix the 定标价 every bidder
 * accepts; the documents state the rounding.
 */
export const lotteryTerms = z.object({
  floatDownBp: bp.describe('下浮比例（基点，1% = 100）'),
  rounding: z.enum(['fen', 'jiao', 'yuan', 'hundredYuan', 'thousandYuan']).default('yuan'),
  mode: z.enum(['halfUp', 'down']).default('halfUp'),
  reviewed: z
    .array(
      z.object({ lotNo: z.number().int().min(1).max(200), reviewedFen: fen.describe('财政评审价（分）') }),
    )
    .max(200),
});

/**
 * 异常低价 triggers the documents raise above the defaults (财库〔2026〕2号: 50% of the average, 50% of the
 * second-lowest, 45% of the ceiling; each may be raised to at most 65%, never lowered).
 */
export const abnormalRates = z.object({
  averageBp: z.number().int().min(5000, '不得低于 50%').max(6500, '不得高于 65%（财库〔2026〕2号）'),
  secondLowestBp: z.number().int().min(5000, '不得低于 50%').max(6500, '不得高于 65%（财库〔2026〕2号）'),
  ceilingBp: z.number().int().min(4500, '不得低于 45%').max(6500, '不得高于 65%（财库〔2026〕2号）'),
});

export const requirements = z.object({
  /** 资格条件 beyond 政府采购法 第二十二条. */
  qualification: z.array(clause).max(100).default([]),
  /** ★ 实质性要求: failing one rejects the bid. */
  substantive: z.array(clause).max(200).default([]),
  /** 技术规格 / 服务要求. */
  specifications: z.array(clause).max(500).default([]),
  /** 评分标准 of 综合评分法 (other than price). */
  scoring: z.array(scoringItem).max(100).default([]),
  evaluationMethod: evaluationMethod.default('lowestPrice'),
  priceWeightBp: bp.nullable().default(null),
  /** Only for 合理定价评审抽签法. */
  lottery: lotteryTerms.nullable().default(null),
  /** Raised 异常低价 trigger rates; null = the defaults of 财库〔2026〕2号. */
  abnormalRates: abnormalRates.nullable().default(null),
  sme: smePolicy.default({ mode: 'none' }),
  /** 节能产品 / 环境标志产品 preferences (财库〔2019〕9号). */
  energySaving: z.boolean().default(false),
  environmental: z.boolean().default(false),
  /** 本国产品 price preference (RULES.md §5). */
  domesticProduct: z.boolean().default(false),
  /** Imported goods approved by the finance department (财库〔2007〕119号). */
  importedGoods: z.boolean().default(false),
  /** 暗标: a separate anonymised technical part (RULES.md §10.2). */
  blindTechnical: z.boolean().default(false),
  depositFen: fenOrZero.nullable().default(null),
  bondBp: bp.nullable().default(null),
  deliveryPeriod: z.string().trim().max(200).nullable().default(null),
  deliveryPlace: z.string().trim().max(200).nullable().default(null),
  paymentTerms: z.string().trim().max(500).nullable().default(null),
});
export type Requirements = z.infer<typeof requirements>;

// ── Projects ──────────────────────────────────────────────────────────────────────────────────────────

export const lotBody = z.object({
  name: z.string().trim().min(2, '请填写包名称').max(200),
  budgetFen: fen.describe('本包预算（分）'),
  ceilingFen: fen.nullable().default(null).describe('最高限价（分），不得超过预算；不得设最低限价'),
  quantity: z.string().trim().max(100).nullable().default(null),
  description: z.string().trim().max(2000).nullable().default(null),
});

export const shareBody = z.object({
  planLineId: z.uuid(),
  /** The lot this purchaser's share is bought in (1-based); null = it funds every lot of the project. */
  lotNo: z.number().int().min(1).max(200).nullable().default(null),
  quantity: z.string().trim().max(100).nullable().default(null),
  amountFen: fen.optional().describe('本单位份额（分）；缺省为整条计划金额'),
});

export const projectBody = z.object({
  name: z.string().trim().min(4, '请填写项目名称').max(200),
  category,
  method,
  shares: z.array(shareBody).min(1, '请选择至少一条已受理的采购计划').max(200),
  lots: z.array(lotBody).min(1, '至少设一个包').max(200),
  programmeId: z.uuid().nullable().default(null),
  /** Services only; null on a services project counts as 非预选类. */
  serviceKind: serviceKind
    .nullable()
    .default(null)
    .describe('服务类细分：预选类、非预选类、PPP项目（仅服务类）'),
  templateId: z.uuid().nullable().default(null),
  requirements: requirements.prefault({}),
  /** Why this method (条例26/27, 214号 第三条 …); required for a method other than open tender. */
  methodReason: z.string().trim().max(1000).nullable().default(null),
});

export const projectUpdateBody = projectBody
  .omit({ shares: true })
  .partial()
  .extend({
    shares: z.array(shareBody).min(1).max(200).optional(),
  });

export const thresholdView = z.object({
  amountFen: z.string(),
  source: z.string(),
  effectiveFrom: z.string(),
});

export const methodCheck = z.object({
  /** 公开招标数额标准 in force, or null when none is configured for the purchaser's jurisdiction. */
  openTenderThreshold: thresholdView.nullable(),
  reachesOpenTender: z.boolean(),
  requiresApproval: z.boolean(),
  /** Problems with the method that no approval cures (e.g. 询价 for works). */
  problems: z.array(z.object({ code: z.string(), message: z.string(), article: z.string() })),
  /** 条例28 化整为零: the same 品目 bought by non-open methods this year, with this project. */
  splitting: z
    .object({
      itemCode: z.string(),
      totalFen: z.string(),
      projects: z.array(z.object({ code: z.string(), name: z.string(), budgetFen: z.string() })),
      message: z.string(),
    })
    .nullable(),
});

export const finding = z.object({
  ruleId: z.string(),
  clauseId: z.string().nullable(),
  field: z.string(),
  severity: z.enum(['block', 'justify']),
  article: z.string(),
  title: z.string(),
  quote: z.string(),
  message: z.string(),
  justification: z.string().nullable(),
  /** Still stops publication. */
  blocking: z.boolean(),
});

export const lintResult = z.object({
  checkedAt: z.string(),
  findings: z.array(finding),
  /** Range problems of the numbers (weights, deposit, bond, ceiling). */
  problems: z.array(
    z.object({ code: z.string(), path: z.string(), article: z.string(), message: z.string() }),
  ),
  clear: z.boolean(),
});

export const scheduleView = z.object({
  noticePublishedOn: day.nullable(),
  documentsIssuedOn: day.nullable(),
  documentsAvailableUntil: day.nullable(),
  bidDeadlineAt: z.string().nullable(),
  openingAt: z.string().nullable(),
  openingPlace: z.string().nullable(),
  /** The earliest lawful response deadline day for documents issued today / on documentsIssuedOn. */
  earliestBidDeadline: day.nullable(),
  earliestDocumentsAvailableUntil: day.nullable(),
});

export const lotView = z.object({
  id: z.uuid(),
  no: z.number().int(),
  name: z.string(),
  budgetFen: z.string(),
  ceilingFen: z.string().nullable(),
  /** 定标价 of a 合理定价评审抽签法 lot: the price every bidder accepts. */
  lotteryPriceFen: z.string().nullable(),
  quantity: z.string().nullable(),
  description: z.string().nullable(),
});

export const shareView = z.object({
  planLineId: z.uuid(),
  purchaserId: z.uuid(),
  purchaserName: z.string(),
  itemCode: z.string(),
  itemName: z.string(),
  lotNo: z.number().int().nullable(),
  quantity: z.string().nullable(),
  amountFen: z.string(),
});

export const approvalView = z.object({
  reference: z.string(),
  authority: z.string(),
  approvedOn: day,
  note: z.string().nullable(),
  fileId: z.string().nullable(),
  recordedAt: z.string(),
});

export const projectSummary = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  year: z.number().int(),
  category,
  method,
  methodLabel: z.string(),
  status: projectStatus,
  statusLabel: z.string(),
  budgetFen: z.string(),
  lotCount: z.number().int(),
  purchaserNames: z.array(z.string()),
  programmeId: z.uuid().nullable(),
  programmeName: z.string().nullable(),
  serviceKind: serviceKind.nullable(),
  bidDeadlineAt: z.string().nullable(),
  createdAt: z.string(),
  ...withAbilities,
});

export const projectView = projectSummary.extend({
  lots: z.array(lotView),
  shares: z.array(shareView),
  requirements,
  methodReason: z.string().nullable(),
  methodCheck,
  approval: approvalView.nullable(),
  template: z
    .object({ id: z.uuid(), kind: templateKind, version: z.number().int(), title: z.string() })
    .nullable(),
  lint: lintResult.nullable(),
  schedule: scheduleView,
  notices: z.array(z.lazy(() => noticeSummary)),
  /** Life-cycle events the table allows from here, with their labels (before guards). */
  events: z.array(z.object({ event: z.string(), label: z.string() })),
});

export const projectListQuery = pageQuery.extend({
  status: projectStatus.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  programmeId: z.uuid().optional(),
  q: z.string().trim().max(50).optional(),
});
export const projectPage = pageOf(projectSummary);

export const justificationBody = z.object({
  ruleId: z.string().trim().min(1).max(20),
  clauseId: z.string().trim().max(20).nullable().default(null),
  reason: z.string().trim().min(10, '请具体说明保留该要求的理由（至少 10 个字）').max(1000),
});

export const approvalBody = z.object({
  reference: z.string().trim().min(4, '请填写批复文号').max(100),
  authority: z.string().trim().min(4, '请填写批准机关').max(100),
  approvedOn: day,
  note: z.string().trim().max(1000).nullable().default(null),
  fileId: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable()
    .default(null),
});

export const publishBody = z.object({
  documentsIssuedOn: day.describe('采购文件开始发出日'),
  documentsAvailableUntil: day.describe('采购文件提供期限截止日'),
  bidDeadlineAt: z.iso.datetime({ offset: true }).describe('投标（响应）截止时间'),
  openingAt: z.iso.datetime({ offset: true }).nullable().default(null).describe('开标时间，缺省同截止时间'),
  openingPlace: z.string().trim().min(2).max(200),
});

export const correctionBody = z.object({
  content: z.string().trim().min(4, '请填写更正内容').max(5000),
  affectsBids: z.boolean().describe('是否可能影响投标文件编制'),
  /** A later deadline the centre chooses; never earlier than the lawful one. */
  bidDeadlineAt: z.iso.datetime({ offset: true }).nullable().default(null),
});

export const retenderBody = z.object({
  reason: z.string().trim().min(4, '请说明重新组织采购的原因').max(1000),
  /** A change of method (法37: needs the finance department's approval when the law asks — checked before publishing). */
  method: method.optional(),
  methodReason: z.string().trim().max(1000).nullable().default(null),
  name: z.string().trim().min(2).max(200).optional(),
});

export const terminateBody = z.object({ reason: z.string().trim().min(4, '请填写终止原因').max(1000) });

// ── Notices ───────────────────────────────────────────────────────────────────────────────────────────

export const noticeSummary = z.object({
  id: z.uuid(),
  kind: noticeKind,
  kindLabel: z.string(),
  title: z.string(),
  projectId: z.uuid(),
  projectCode: z.string(),
  publishedAt: z.string(),
});

// ── Clarifications ────────────────────────────────────────────────────────────────────────────────────

export const questionBody = z.object({ question: z.string().trim().min(4, '请填写问题').max(2000) });
export const answerBody = z.object({ answer: z.string().trim().min(2, '请填写答复').max(5000) });
export const questionView = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  question: z.string(),
  askedAt: z.string(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  /** Only the centre sees who asked; everyone else reads the question anonymously. */
  askedBy: z.string().nullable(),
  mine: z.boolean(),
  ...withAbilities,
});
export const questionList = z.object({ items: z.array(questionView), abilities: z.array(z.string()) });

// ── Programmes and bundles ────────────────────────────────────────────────────────────────────────────

export const programmeBody = z.object({
  name: z.string().trim().min(4).max(200),
  kind: programmeKind,
  year: z.number().int().min(2000).max(2100),
  description: z.string().trim().max(2000).nullable().default(null),
});
export const programmeView = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: programmeKind,
  kindLabel: z.string(),
  year: z.number().int(),
  description: z.string().nullable(),
  projectCount: z.number().int(),
  lotCount: z.number().int(),
  budgetFen: z.string(),
  ...withAbilities,
});
export const programmePage = pageOf(programmeView);

export const bundleSuggestionQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  /** Plan lines whose planned months lie within this many months of each other are bundled together. */
  windowMonths: z.coerce.number().int().min(0).max(11).default(2),
});
export const bundleSuggestions = z.object({
  items: z.array(
    z.object({
      itemCode: z.string(),
      itemName: z.string(),
      category,
      fromMonth: z.number().int(),
      toMonth: z.number().int(),
      totalFen: z.string(),
      lines: z.array(
        z.object({
          planLineId: z.uuid(),
          purchaserName: z.string(),
          amountFen: z.string(),
          quantity: z.string().nullable(),
          plannedMonth: z.number().int(),
        }),
      ),
    }),
  ),
});

// ── Templates ─────────────────────────────────────────────────────────────────────────────────────────

export const templateSection = z.object({
  heading: z.string().trim().min(1).max(200),
  /** Text with {{placeholders}}; a paragraph per line. Blocks such as {{lots}} expand to tables. */
  body: z.string().max(50000),
});
export const templateBody = z.object({
  title: z.string().trim().min(2).max(200),
  sections: z.array(templateSection).min(1).max(100),
  note: z.string().trim().max(500).nullable().default(null).describe('本次修订说明'),
});
export const templateView = z.object({
  id: z.uuid(),
  kind: templateKind,
  kindLabel: z.string(),
  version: z.number().int(),
  title: z.string(),
  sections: z.array(templateSection),
  note: z.string().nullable(),
  current: z.boolean(),
  createdAt: z.string(),
  ...withAbilities,
});
export const templateList = z.object({ items: z.array(templateView), abilities: z.array(z.string()) });
export const templateKindParams = z.object({ kind: templateKind });
