import { z } from 'zod';
import { ROLES } from './actor.ts';

export const roleSchema = z.enum(ROLES);

export const sessionUser = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  roleLabel: z.string(),
  purchaserId: z.uuid().nullable(),
  supplierId: z.uuid().nullable(),
  expertId: z.uuid().nullable(),
  mustChangePassword: z.boolean(),
});

export const sessionResponse = z.object({
  user: sessionUser.nullable().describe('当前登录用户；未登录为 null'),
  csrfToken: z.string().describe('状态变更请求须在 x-csrf-token 头中携带'),
  abilities: z
    .record(z.string(), z.array(z.string()))
    .describe('按实体列出调用者可执行的操作，如 { user: ["list","create"] }'),
});
export type SessionResponse = z.infer<typeof sessionResponse>;

export const loginBody = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(128),
});

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1, '请输入当前密码').max(128),
  newPassword: z.string().min(8, '新密码至少 8 位').max(64, '新密码不能超过 64 位'),
});

/** Chinese role names, for the UI's role pickers. */
export { ROLE_LABELS, ROLES, type Role } from './actor.ts';
