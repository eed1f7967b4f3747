import { z } from 'zod';
import { pageOf, pageQuery, withAbilities } from '../../../platform/http/contract.ts';

export const supplierView = z.object({
  id: z.uuid(),
  name: z.string(),
  creditCode: z.string(),
  legalRepresentative: z.string(),
  size: z.enum(['large', 'medium', 'small', 'micro']),
  sizeLabel: z.string(),
  regionCode: z.string(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  status: z.enum(['pending', 'approved', 'rejected']),
  createdAt: z.string(),
  ...withAbilities,
});
export const supplierPage = pageOf(supplierView);
export const supplierListQuery = pageQuery.extend({
  q: z.string().trim().max(64).optional(),
  status: z.enum(['pending', 'approved', 'rejected']).optional(),
});
