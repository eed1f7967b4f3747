/** The bidding module's public face. */
import './events.ts';

export { biddingRoutes } from './routes.ts';
export { assignCustodians, readSealingKeys, registerCustodianKey, registerForProject } from './commands.ts';
export { completeBid, submitBid, withdrawBid, type UploadArea } from './submission.ts';
export { answerObjection, handInShares, raiseObjection, startOpening, wrappedShares } from './opening.ts';
