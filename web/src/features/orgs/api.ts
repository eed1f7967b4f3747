import type { z } from 'zod';
import {
  userView,
  type createUserBody,
  type expertView,
  type purchaserView,
  type supplierView,
  type updateUserBody,
} from '../../../../src/modules/orgs/contract.ts';
import { api, apiVoid } from '../../api.ts';

export type UserView = z.infer<typeof userView>;
export type PurchaserView = z.infer<typeof purchaserView>;
export type SupplierView = z.infer<typeof supplierView>;
export type ExpertView = z.infer<typeof expertView>;
export type CreateUserValues = z.input<typeof createUserBody>;

/** Every user list page is cached under this prefix, so one invalidation refreshes them all. */
export const usersPath = '/api/users';

export function createUser(body: CreateUserValues): Promise<UserView> {
  return api(usersPath, userView, { method: 'POST', body });
}

export function updateUser(id: string, body: z.input<typeof updateUserBody>): Promise<UserView> {
  return api(`${usersPath}/${encodeURIComponent(id)}`, userView, { method: 'PATCH', body });
}

export function resetPassword(id: string, password: string): Promise<void> {
  return apiVoid(`${usersPath}/${encodeURIComponent(id)}/reset-password`, {
    method: 'POST',
    body: { password },
  });
}
