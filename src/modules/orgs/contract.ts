import { z } from 'zod';
import { pageOf, pageQuery, withAbilities } from '../../platform/http/contract.ts';
import { roleSchema } from '../../platform/auth/contract.ts';

export const userView = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  roleLabel: z.string(),
  status: z.enum(['active', 'disabled']),
  purchaserId: z.uuid().nullable(),
  supplierId: z.uuid().nullable(),
  expertId: z.uuid().nullable(),
  orgName: z.string().nullable().describe('所属采购单位、供应商或专家姓名'),
  phone: z.string().nullable().describe('对无需知悉的角色已脱敏'),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
  ...withAbilities,
});
export const userPage = pageOf(userView);

export const userListQuery = pageQuery.extend({
  q: z.string().trim().max(64).optional().describe('按用户名或姓名搜索'),
  role: roleSchema.optional(),
  status: z.enum(['active', 'disabled']).optional(),
});

export const createUserBody = z.object({
  username: z
    .string()
    .trim()
    .min(3, '用户名至少 3 位')
    .max(32, '用户名不能超过 32 位')
    .regex(/^[a-z0-9_.-]+$/, '用户名只能包含小写字母、数字、下划线、点和短横线'),
  displayName: z.string().trim().min(1, '请输入姓名').max(64),
  role: roleSchema,
  password: z.string().min(8, '密码至少 8 位').max(64),
  purchaserId: z.uuid().optional().describe('角色为采购人时必填'),
  supplierId: z.uuid().optional().describe('角色为供应商时必填'),
  expertId: z.uuid().optional().describe('角色为评审专家时必填'),
  phone: z
    .string()
    .regex(/^1[3-9][0-9]{9}$/, '手机号格式不正确')
    .optional(),
});

export const updateUserBody = z
  .object({
    displayName: z.string().trim().min(1).max(64).optional(),
    status: z.enum(['active', 'disabled']).optional(),
    phone: z
      .string()
      .regex(/^1[3-9][0-9]{9}$/, '手机号格式不正确')
      .nullable()
      .optional(),
    unlock: z.boolean().optional().describe('解除登录锁定'),
  })
  .refine((b) => Object.keys(b).length > 0, { message: '没有要修改的内容' });

export const resetPasswordBody = z.object({
  password: z.string().min(8, '密码至少 8 位').max(64),
});

export * from './purchasers/contract.ts';
export * from './suppliers/contract.ts';
export * from './experts/contract.ts';

export const centreView = z.object({
  name: z.string(),
  regionName: z.string(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
});

/** Chinese labels for the registries' enumerations, for the UI's filters. */
export { PURCHASER_LEVEL_LABELS, SUPPLIER_SIZE_LABELS } from './rules.ts';
