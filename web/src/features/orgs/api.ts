import type { z } from 'zod';
import {
  intermediaryView,
  type intermediaryRegistrationBody,
  type intermediaryReviewBody,
} from '../../../../src/modules/orgs/intermediaries/contract.ts';
import {
  purchaserDetail,
  supplierReadResponse,
  userView,
  type createUserBody,
  type expertView,
  type purchaserBody,
  type purchaserUpdateBody,
  type purchaserView,
  type sanctionBody,
  type supplierRegistrationBody,
  type supplierReviewBody,
  type supplierUpdateBody,
  type supplierView,
  type updateUserBody,
} from '../../../../src/modules/orgs/contract.ts';
import { fileView } from '../../../../src/platform/files/contract.ts';
import { api, apiUpload, apiVoid } from '../../api.ts';

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

// ---- Suppliers -------------------------------------------------------------------------------------------

export type SupplierRead = z.infer<typeof supplierReadResponse>;
export type SupplierFull = Extract<SupplierRead, { detail: true }>;
export type SupplierRegistrationValues = z.input<typeof supplierRegistrationBody>;
export type SupplierUpdateValues = z.input<typeof supplierUpdateBody>;
export type SupplierListKind = 'people' | 'bank-accounts' | 'contacts' | 'qualifications';
export type UploadedFile = z.infer<typeof fileView>;

const supplierPath = (id: string) => `/api/suppliers/${encodeURIComponent(id)}`;

/** Every supplier query (list pages, detail, own record) lives under this prefix. */
export const suppliersKey = ['/api/suppliers'] as const;
export const supplierKey = (id: string) => [...suppliersKey, id] as const;
export const mySupplierKey = [...suppliersKey, 'me'] as const;

export function fetchSupplier(id: string): Promise<SupplierRead> {
  return api(supplierPath(id), supplierReadResponse);
}

export function fetchMySupplier(): Promise<SupplierRead> {
  return api('/api/suppliers/me', supplierReadResponse);
}

export function registerSupplier(body: SupplierRegistrationValues): Promise<SupplierRead> {
  return api('/api/supplier-registrations', supplierReadResponse, { method: 'POST', body });
}

export function updateSupplier(id: string, body: SupplierUpdateValues): Promise<SupplierRead> {
  return api(supplierPath(id), supplierReadResponse, { method: 'PATCH', body });
}

/** Replaces one of the record's lists as a whole. */
export function replaceSupplierList(id: string, kind: SupplierListKind, body: object): Promise<SupplierRead> {
  return api(`${supplierPath(id)}/${kind}`, supplierReadResponse, { method: 'PUT', body });
}

export function reviewSupplier(id: string, body: z.output<typeof supplierReviewBody>): Promise<SupplierRead> {
  return api(`${supplierPath(id)}/review`, supplierReadResponse, { method: 'POST', body });
}

export function addSanction(id: string, body: z.output<typeof sanctionBody>): Promise<SupplierRead> {
  return api(`${supplierPath(id)}/sanctions`, supplierReadResponse, { method: 'POST', body });
}

export function uploadFile(file: File): Promise<UploadedFile> {
  return apiUpload('/api/files', fileView, file);
}

export const fileUrl = (hash: string) => `/api/files/${encodeURIComponent(hash)}`;

// ---- Purchaser units ---------------------------------------------------------------------------------------

export type PurchaserDetail = z.infer<typeof purchaserDetail>;
export type PurchaserValues = z.input<typeof purchaserBody>;
export type PurchaserUpdateValues = z.input<typeof purchaserUpdateBody>;

export const purchasersKey = ['/api/purchasers'] as const;

export function fetchPurchaser(id: string): Promise<PurchaserDetail> {
  return api(`/api/purchasers/${encodeURIComponent(id)}`, purchaserDetail);
}

export function createPurchaser(body: PurchaserValues): Promise<PurchaserDetail> {
  return api('/api/purchasers', purchaserDetail, { method: 'POST', body });
}

export function updatePurchaser(id: string, body: PurchaserUpdateValues): Promise<PurchaserDetail> {
  return api(`/api/purchasers/${encodeURIComponent(id)}`, purchaserDetail, { method: 'PATCH', body });
}

// ---- Intermediaries ----------------------------------------------------------------------------------------

export type IntermediaryView = z.infer<typeof intermediaryView>;
export type IntermediaryRegistrationValues = z.input<typeof intermediaryRegistrationBody>;

export const intermediariesPath = '/api/intermediaries';

export function registerIntermediary(body: IntermediaryRegistrationValues): Promise<IntermediaryView> {
  return api(intermediariesPath, intermediaryView, { method: 'POST', body });
}

export function reviewIntermediary(
  id: string,
  body: z.output<typeof intermediaryReviewBody>,
): Promise<IntermediaryView> {
  return api(`${intermediariesPath}/${encodeURIComponent(id)}/review`, intermediaryView, {
    method: 'POST',
    body,
  });
}
