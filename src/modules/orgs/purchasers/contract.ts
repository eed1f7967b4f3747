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
