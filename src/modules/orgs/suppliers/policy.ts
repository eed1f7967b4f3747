import { definePolicy } from '../../../platform/auth/policy.ts';
import { REGISTRY_READERS } from '../registry-readers.ts';

export const supplierPolicy = definePolicy<never>()('supplier', {
  list: REGISTRY_READERS,
});
