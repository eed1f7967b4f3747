/** The bidding module's public face. */
import './events.ts';

export { biddingRoutes } from './routes.ts';
