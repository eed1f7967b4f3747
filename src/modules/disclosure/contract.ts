import { z } from 'zod';
import { auditHeadView } from '../../platform/audit/contract.ts';
import { centreView } from '../orgs/contract.ts';

export const portalSummary = z.object({
  centre: centreView.nullable(),
  counts: z.object({
    purchasers: z.number().int(),
    suppliers: z.number().int().describe('已审核通过的供应商'),
    experts: z.number().int().describe('在库专家'),
  }),
  auditHead: auditHeadView.describe('审计日志链头：任何人可据此核对日志未被篡改'),
});
