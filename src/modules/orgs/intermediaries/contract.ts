import { z } from 'zod';
import { pageOf, pageQuery, withAbilities } from '../../../platform/http/contract.ts';
import { qualificationInput } from '../suppliers/contract.ts';
import { SERVICE_CATEGORY_CODES } from './rules.ts';

export const serviceCategory = z.enum(SERVICE_CATEGORY_CODES);

export const intermediaryRegistrationBody = z.object({
  name: z.string().trim().min(2, '请输入机构名称').max(100),
  creditCode: z.string().trim().toUpperCase().describe('统一社会信用代码'),
  legalRepresentative: z.string().trim().min(1).max(40),
  regionCode: z.string().regex(/^\d{6}$/, '行政区划码应为 6 位数字'),
  address: z.string().trim().max(200).nullable().default(null),
  contactName: z.string().trim().min(1, '请输入联系人').max(40),
  contactPhone: z.string().regex(/^1[3-9]\d{9}$/, '手机号格式不正确'),
  serviceCategories: z.array(serviceCategory).min(1, '至少选择一个服务类别').max(10),
  qualifications: z.array(qualificationInput).max(50).default([]),
});

export const intermediaryReviewBody = z
  .object({
    decision: z.enum(['approved', 'rejected']),
    reason: z.string().trim().max(500).nullable().default(null),
  })
  .refine((b) => b.decision === 'approved' || (b.reason !== null && b.reason.length > 0), {
    message: '驳回时须说明理由',
    path: ['reason'],
  });

export const intermediaryView = z.object({
  id: z.uuid(),
  name: z.string(),
  creditCode: z.string(),
  legalRepresentative: z.string(),
  regionCode: z.string(),
  address: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  serviceCategories: z.array(z.object({ code: serviceCategory, label: z.string() })),
  qualifications: z.array(qualificationInput.extend({ expired: z.boolean() })),
  status: z.enum(['pending', 'approved', 'rejected']),
  statusLabel: z.string(),
  reviewNote: z.string().nullable(),
  ...withAbilities,
});
export const intermediaryPage = pageOf(intermediaryView);
export const intermediaryListQuery = pageQuery.extend({
  q: z.string().trim().max(64).optional(),
  category: serviceCategory.optional(),
  status: z.enum(['pending', 'approved', 'rejected']).optional(),
});

/** Chinese labels for the UI's pickers and filters. */
export { INTERMEDIARY_STATUS_LABELS, SERVICE_CATEGORIES, SERVICE_CATEGORY_CODES } from './rules.ts';
