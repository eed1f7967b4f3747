import { z } from 'zod';
import { pageOf, pageQuery, withAbilities } from '../../../platform/http/contract.ts';

export const expertView = z.object({
  id: z.uuid(),
  name: z.string(),
  idNumber: z.string().describe('身份证号，对无需知悉的角色已脱敏'),
  phone: z.string().describe('对无需知悉的角色已脱敏'),
  titleLevel: z.enum(['senior', 'intermediate']),
  titleName: z.string(),
  years: z.number().int(),
  employer: z.string(),
  specialties: z.array(z.object({ code: z.string(), name: z.string() })),
  status: z.enum(['pending', 'active', 'suspended', 'removed', 'rejected']),
  ...withAbilities,
});
export const expertPage = pageOf(expertView);
export const expertListQuery = pageQuery.extend({
  q: z.string().trim().max(64).optional(),
  specialty: z.string().max(32).optional().describe('专业代码，含下级专业'),
});
