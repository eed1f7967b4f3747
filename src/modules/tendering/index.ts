/** The tendering module's public face. */
import './events.ts';

export { tenderingRoutes } from './routes.ts';
export { installStandardTemplates } from './templates.ts';
export { projects, lots, projectShares, notices, programmes, tenderTemplates } from './tables.ts';
