/** The planning module's public face. */
import './events.ts';

export { planningRoutes } from './routes.ts';
export { resolveThreshold, reaches, type ThresholdRow, type ThresholdQuery } from './thresholds.ts';
