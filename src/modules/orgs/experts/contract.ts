import { z } from 'zod';
import { pageOf, pageQuery, withAbilities } from '../../../platform/http/contract.ts';
import { EXPERT_STATUSES, TITLE_LEVELS } from './rules.ts';

const day = z.iso.date('日期格式应为 YYYY-MM-DD');
const mobile = z.string().regex(/^1[3-9][0-9]{9}$/, '手机号格式不正确');
const email = z.email('电子邮箱格式不正确').max(128);
const regionCode = z.string().regex(/^[0-9]{6}$/, '行政区划代码应为 6 位数字');
const specialtyCodes = z
  .array(z.string().trim().min(1).max(32))
  .min(1, '请至少选择一个评审专业')
  .max(5, '评审专业最多 5 个')
  .describe('末级专业代码');
const creditCode = z.string().trim().length(18, '统一社会信用代码应为 18 位').optional();

export const expertView = z.object({
  id: z.uuid(),
  name: z.string(),
  idNumber: z.string().describe('身份证号，对无需知悉的角色已脱敏'),
  phone: z.string().describe('对无需知悉的角色已脱敏'),
  titleLevel: z.enum(TITLE_LEVELS),
  titleName: z.string(),
  years: z.number().int(),
  employer: z.string(),
  specialties: z.array(z.object({ code: z.string(), name: z.string() })),
  status: z.enum(EXPERT_STATUSES),
  onLeave: z.boolean().describe('今日是否在请假期间（不能被抽取）'),
  ...withAbilities,
});
export const expertPage = pageOf(expertView);
export const expertListQuery = pageQuery.extend({
  q: z.string().trim().max(64).optional(),
  specialty: z.string().max(32).optional().describe('专业代码，含下级专业'),
  status: z.enum(EXPERT_STATUSES).optional(),
  onLeave: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true'))
    .describe('true：只看今日请假的专家；false：只看今日可抽取的专家'),
});

const employmentInput = z.object({
  employer: z.string().trim().min(1, '请输入工作单位').max(128),
  creditCode: creditCode.describe('工作单位的统一社会信用代码，用于回避比对'),
  position: z.string().trim().max(64).optional(),
  startedOn: day,
});
const pastEmploymentInput = employmentInput
  .extend({ endedOn: day })
  .refine((e) => e.endedOn >= e.startedOn, { message: '离职日期不能早于入职日期', path: ['endedOn'] });

const relationInput = z.object({
  kind: z.enum(['relative', 'conflict']).describe('relative：亲属；conflict：其他利害关系'),
  name: z.string().trim().min(1, '请输入姓名或单位名称').max(64),
  relation: z.string().trim().min(1, '请说明关系').max(64).describe('如：配偶、子女、曾任顾问'),
  organisation: z.string().trim().max(128).optional().describe('其所在单位'),
  creditCode: creditCode.describe('所在单位的统一社会信用代码'),
  note: z.string().trim().max(500).optional(),
});

/** 评审专家网上申请：无需登录；申请同时开通专家账号，审核通过前不能被抽取。 */
export const expertApplicationBody = z.object({
  name: z.string().trim().min(2, '请输入姓名').max(32),
  idNumber: z.string().trim().toUpperCase().describe('居民身份证号（校验码校验）'),
  phone: mobile,
  email,
  titleLevel: z.enum(TITLE_LEVELS).describe('senior：高级职称；intermediate：中级职称'),
  titleName: z.string().trim().min(1, '请输入职称名称').max(32),
  years: z.number().int().min(0).max(60).describe('从事相关专业工作年限'),
  currentEmployer: employmentInput,
  pastEmployers: z.array(pastEmploymentInput).max(20).default([]),
  specialtyCodes,
  regionCode,
  relations: z.array(relationInput).max(50).default([]).describe('申报的亲属及利害关系'),
  username: z
    .string()
    .trim()
    .min(3, '用户名至少 3 位')
    .max(32, '用户名不能超过 32 位')
    .regex(/^[a-z0-9_.-]+$/, '用户名只能包含小写字母、数字、下划线、点和短横线'),
  password: z.string().max(64, '密码不能超过 64 位'),
});

export const expertEmploymentView = z.object({
  id: z.uuid(),
  employer: z.string(),
  creditCode: z.string().nullable(),
  position: z.string().nullable(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
});
export const expertRelationView = z.object({
  id: z.uuid(),
  kind: z.enum(['relative', 'conflict']),
  name: z.string(),
  relation: z.string(),
  organisation: z.string().nullable(),
  creditCode: z.string().nullable(),
  note: z.string().nullable(),
  declaredAt: z.string(),
});
export const expertLeaveView = z.object({
  id: z.uuid(),
  startsOn: z.string(),
  endsOn: z.string(),
  reason: z.string(),
});
export const registryReviewView = z.object({
  decision: z.enum(['approved', 'rejected', 'resubmitted']),
  reason: z.string().nullable(),
  at: z.string(),
});
export const expertRatingView = z.object({
  id: z.uuid(),
  projectRef: z.string(),
  specialtyCode: z.string(),
  reviewedOn: z.string(),
  rating: z.number().int().nullable(),
  note: z.string().nullable(),
});

export const expertDetail = expertView.extend({
  email: z.string().nullable().describe('对无需知悉的角色已脱敏'),
  regionCode: z.string(),
  reviewNote: z.string().nullable(),
  createdAt: z.string(),
  employments: z.array(expertEmploymentView),
  relations: z.array(expertRelationView),
  leaves: z.array(expertLeaveView),
  reviews: z.array(registryReviewView).describe('审核记录，最早的在前'),
  ratings: z.array(expertRatingView).describe('参加评审及评价记录，最近的在前'),
  yearlyReviewCounts: z.array(z.object({ year: z.number().int(), count: z.number().int() })),
});

export const expertReviewBody = z
  .object({
    decision: z.enum(['approved', 'rejected']),
    reason: z.string().trim().max(500).optional(),
  })
  .refine((b) => b.decision === 'approved' || (b.reason ?? '').length > 0, {
    message: '不予通过时须说明理由',
    path: ['reason'],
  });

export const expertStatusBody = z.object({
  status: z.enum(['active', 'suspended', 'removed']),
  reason: z.string().trim().min(1, '请说明理由').max(500),
});

export const expertRatingBody = z.object({
  projectRef: z.string().trim().min(1, '请输入项目编号').max(64),
  specialtyCode: z.string().trim().min(1).max(32),
  reviewedOn: day,
  rating: z.number().int().min(1, '评价为 1–5 分').max(5, '评价为 1–5 分'),
  note: z.string().trim().max(500).optional(),
});

/** 专家自助修改：联系方式与地区直接生效；职称或专业的修改须重新审核。 */
export const expertUpdateBody = z
  .object({
    phone: mobile.optional(),
    email: email.optional(),
    regionCode: regionCode.optional(),
    titleLevel: z.enum(TITLE_LEVELS).optional(),
    titleName: z.string().trim().min(1).max(32).optional(),
    years: z.number().int().min(0).max(60).optional(),
    specialtyCodes: specialtyCodes.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: '没有要修改的内容' });

export const addEmploymentBody = employmentInput.extend({
  endedOn: day.optional().describe('不填表示现任单位'),
});
export const endEmploymentBody = z.object({ employmentId: z.uuid(), endedOn: day });
export const declareRelationBody = relationInput;
export const withdrawRelationBody = z.object({ relationId: z.uuid() });
export const addLeaveBody = z
  .object({
    startsOn: day,
    endsOn: day,
    reason: z.string().trim().min(1, '请说明请假事由').max(200),
  })
  .refine((l) => l.endsOn >= l.startsOn, { message: '结束日期不能早于开始日期', path: ['endsOn'] });
export const cancelLeaveBody = z.object({ leaveId: z.uuid() });

export const coverageQuery = z.object({
  asOf: day.optional().describe('统计日，默认今日'),
});
export const coverageRowView = z.object({
  code: z.string(),
  name: z.string(),
  parentCode: z.string().nullable(),
  leaf: z.boolean(),
  available: z.number().int().describe('统计日在库且不在请假期间的专家数'),
  draws: z.number().int().describe('统计日前 12 个月内该专业（含下级）的抽取项目数'),
  worstCaseRecused: z
    .number()
    .int()
    .describe('单一采购人或供应商最多需回避的专家数（条例第九条，3 年内任职）'),
  worstCaseParty: z.string().nullable().describe('该采购人或供应商名称'),
  drawable: z.number().int().describe('回避后仍可抽取的专家数'),
  flagged: z.boolean().describe('回避后不足 5 名评委加 2 名备选'),
  demandPressure: z.number().nullable().describe('抽取项目数 × 5 ÷ 可抽取专家数'),
});
export const coverageReport = z.object({
  asOf: z.string(),
  committeeSize: z.number().int(),
  alternates: z.number().int(),
  rows: z.array(coverageRowView).describe('不足的专业在前'),
});

/** What an applicant gets back: the pending record and the account to sign in with. */
export const expertApplicationResult = z.object({
  id: z.uuid(),
  name: z.string(),
  status: z.literal('pending'),
  username: z.string().describe('登录后可在“我的专家信息”查看审核进度'),
});

/** The specialty classification, for pickers: every code with its parent; leaves are what experts hold. */
export const specialtyList = z.object({
  items: z.array(
    z.object({ code: z.string(), name: z.string(), parentCode: z.string().nullable(), leaf: z.boolean() }),
  ),
});

/** Chinese labels for the UI's pickers and tags. */
export { EXPERT_STATUS_LABELS, RELATION_KIND_LABELS, TITLE_LEVEL_LABELS } from './rules.ts';
