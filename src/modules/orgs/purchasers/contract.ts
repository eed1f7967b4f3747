import { z } from 'zod';
import { pageOf, pageQuery, withAbilities } from '../../../platform/http/contract.ts';

export const purchaserLevel = z.enum(['county', 'township', 'village']);
export const purchaserView = z.object({
  id: z.uuid(),
  name: z.string(),
  level: purchaserLevel,
  levelLabel: z.string(),
  parentId: z.uuid().nullable(),
  parentName: z.string().nullable(),
  regionCode: z.string(),
  creditCode: z.string().nullable(),
  financeUnit: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  status: z.enum(['active', 'inactive']),
  ...withAbilities,
});
export const purchaserPage = pageOf(purchaserView);
export const purchaserListQuery = pageQuery.extend({
  q: z.string().trim().max(64).optional(),
  level: purchaserLevel.optional(),
});

export const purchaserBody = z.object({
  name: z.string().trim().min(2, '请输入单位名称').max(100),
  level: purchaserLevel.describe('county 县直单位；township 乡镇；village 村级'),
  parentId: z.uuid().nullable().default(null).describe('村级单位所属乡镇；县直二级单位所属主管部门'),
  regionCode: z.string().regex(/^(\d{6}|\d{9}|\d{12})$/, '行政区划码应为 6、9 或 12 位数字'),
  creditCode: z.string().trim().toUpperCase().nullable().default(null),
  financeUnit: z
    .string()
    .trim()
    .max(100)
    .nullable()
    .default(null)
    .describe('监管本单位的财政部门或乡镇财政所'),
  contactName: z.string().trim().max(40).nullable().default(null),
  contactPhone: z
    .string()
    .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, '联系电话格式不正确')
    .nullable()
    .default(null),
  address: z.string().trim().max(200).nullable().default(null),
});

export const purchaserUpdateBody = purchaserBody
  .omit({ level: true })
  .partial()
  .extend({ status: z.enum(['active', 'inactive']).optional() });

export const purchaserDetail = purchaserView.extend({
  address: z.string().nullable(),
  children: z.array(z.object({ id: z.uuid(), name: z.string(), level: purchaserLevel })),
  staff: z.array(
    z.object({ id: z.uuid(), username: z.string(), displayName: z.string(), status: z.string() }),
  ),
});
