import {
  SERVICE_CATEGORIES,
  SERVICE_CATEGORY_CODES,
} from '../../../../src/modules/orgs/intermediaries/contract.ts';

/** The intermediaries' service categories, in the contract's order, with the contract's Chinese names. */
export const serviceCategoryOptions = SERVICE_CATEGORY_CODES.map((code) => ({
  value: code,
  label: SERVICE_CATEGORIES[code],
}));
