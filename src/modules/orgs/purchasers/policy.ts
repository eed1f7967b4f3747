import { definePolicy } from '../../../platform/auth/policy.ts';
import { REGISTRY_READERS } from '../registry-readers.ts';

export const purchaserPolicy = definePolicy<never>()('purchaser', {
  list: REGISTRY_READERS,
});
