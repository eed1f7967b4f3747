/** The orgs module's public face: what later stages may import. */
import './events.ts';

export { orgRoutes } from './routes.ts';
export { centres, purchasers, suppliers, experts, specialties, expertSpecialties } from './tables.ts';
export { creditCodeProblem, creditCodeCheckChar, maskPhone, maskIdNumber } from './rules.ts';
export { expertPolicy, purchaserPolicy, supplierPolicy, userPolicy } from './policy.ts';
export { importRegistry, importTemplate } from './import/commands.ts';
export { IMPORT_KINDS, KIND_LABELS, type ImportKind } from './import/columns.ts';
