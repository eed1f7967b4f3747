/** The statistics module's public face: the centre's report, its targets, and the import of earlier ledgers. */
import './events.ts';

export { statisticsRoutes } from './routes.ts';
export { buildReport } from './report.ts';
export { historicalProcurements, historicalImports, annualTargets } from './tables.ts';
