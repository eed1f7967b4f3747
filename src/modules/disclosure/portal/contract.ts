/**
 * The public portal's HTTP contract: notice search and filters, notice pages with their attachments, a
 * project's public page and committee list after the award, the half-year listing (seed 000: 每半年…将所有采购
 * 项目的信息刊登公布), the purchaser list for the filter and the Atom feed's query. Nothing here needs a login.
 */
import { z } from 'zod';
import { pageOf, pageQuery } from '../../../platform/http/contract.ts';
import { category, method, noticeKind, projectStatus } from '../../tendering/contract.ts';

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, '日期无效');

export { NOTICE_KIND_LABELS } from '../../tendering/contract.ts';

export { CATEGORY_LABELS } from '../../planning/contract.ts';

export const PROJECT_STATUS_LABELS = {
  draft: '草稿',
  linted: '已检查',
  approved: '已批准',
  published: '公告中',
  corrected: '已更正',
  bidsClosed: '已截止',
  opened: '已开标',
  evaluating: '评审中',
  awarded: '已定标',
  contracted: '已签约',
  failed: '废标',
  terminated: '已终止',
} as const satisfies Record<z.infer<typeof projectStatus>, string>;

export const portalNoticeQuery = pageQuery.extend({
  q: z
    .string()
    .trim()
    .max(100, '检索词不超过 100 个字')
    .optional()
    .describe(
      '检索词：公告标题、采购单位、供应商、采购品目（包名称）或项目编号；多个词以空格分隔，须同时出现',
    ),
  kind: noticeKind.optional().describe('公告类型'),
  category: category.optional().describe('采购类别'),
  method: method.optional().describe('采购方式'),
  purchaserId: z.uuid().optional().describe('采购单位'),
  from: day.optional().describe('发布日期起（含，北京时间）'),
  to: day.optional().describe('发布日期止（含，北京时间）'),
});

export const portalNoticeSummary = z.object({
  id: z.uuid(),
  kind: noticeKind,
  kindLabel: z.string(),
  title: z.string(),
  projectId: z.uuid(),
  projectCode: z.string(),
  projectName: z.string(),
  category,
  categoryLabel: z.string(),
  method,
  methodLabel: z.string(),
  purchaserNames: z.array(z.string()),
  publishedAt: z.string(),
  publishedOn: day,
});
export const portalNoticePage = pageOf(portalNoticeSummary);

export const attachment = z.object({
  kind: z.enum(['procurementDocument', 'contract']),
  name: z.string(),
  url: z.string(),
  contentType: z.string(),
});

export const committeeMember = z.object({
  name: z.string(),
  role: z.enum(['expert', 'purchaserRep']),
  roleLabel: z.string(),
  chair: z.boolean(),
});

/** 评审专家名单 (条例43): public with the result, never before. */
export const publicCommittee = z.object({
  projectId: z.uuid(),
  projectCode: z.string(),
  projectName: z.string(),
  reviewAt: z.string(),
  members: z.array(committeeMember),
  drawsUrl: z.string().nullable().describe('专家抽取记录（可重放验证）；未经随机抽取时为空'),
});

export const portalNoticeView = portalNoticeSummary.extend({
  body: z.string(),
  budgetFen: z.string(),
  bidDeadlineAt: z.string().nullable(),
  previousDeadlineAt: z.string().nullable(),
  projectStatus,
  projectStatusLabel: z.string(),
  attachments: z.array(attachment),
  committee: publicCommittee.nullable().describe('结果公告附评审委员会名单'),
  related: z.array(portalNoticeSummary).describe('同一项目的全部公告，按发布先后'),
});

export const publicWinner = z.object({
  lotNo: z.number().int(),
  supplierName: z.string(),
  amountFen: z.string(),
});

export const publicProjectView = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  category,
  categoryLabel: z.string(),
  method,
  methodLabel: z.string(),
  status: projectStatus,
  statusLabel: z.string(),
  purchaserNames: z.array(z.string()),
  budgetFen: z.string(),
  noticePublishedOn: day.nullable(),
  lots: z.array(
    z.object({
      no: z.number().int(),
      name: z.string(),
      budgetFen: z.string(),
      winner: publicWinner.nullable(),
    }),
  ),
  contractAmountFen: z.string().nullable().describe('已公告合同的金额合计'),
  notices: z.array(portalNoticeSummary),
  attachments: z.array(attachment),
  committee: publicCommittee.nullable(),
});

export const halfYearQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).describe('年度'),
  half: z.coerce.number().int().min(1).max(2).describe('1 = 上半年（1–6 月），2 = 下半年（7–12 月）'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});

export const halfYearRow = z.object({
  projectId: z.uuid(),
  code: z.string(),
  name: z.string(),
  purchaserNames: z.array(z.string()),
  category,
  categoryLabel: z.string(),
  method,
  methodLabel: z.string(),
  budgetFen: z.string(),
  status: projectStatus,
  statusLabel: z.string(),
  noticePublishedOn: day,
  winners: z.array(publicWinner).describe('已公告的中标（成交）供应商及金额'),
  awardAmountFen: z.string().nullable(),
  contractAmountFen: z.string().nullable().describe('已公告合同的金额合计'),
});

/** 半年公告: every project whose first notice went out in the half-year, with what is public of its outcome. */
export const halfYearListing = z.object({
  year: z.number().int(),
  half: z.number().int(),
  from: day,
  to: day,
  items: z.array(halfYearRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  totals: z.object({
    projects: z.number().int(),
    budgetFen: z.string(),
    awardAmountFen: z.string(),
    contractAmountFen: z.string(),
  }),
});

export const publicPurchaserList = z.object({
  items: z.array(z.object({ id: z.uuid(), name: z.string() })),
});

export const feedQuery = z.object({
  kind: noticeKind.optional().describe('只订阅某一类公告'),
  category: category.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
