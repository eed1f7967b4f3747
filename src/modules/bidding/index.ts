/** The bidding module's public face. */
import './events.ts';

export { biddingRoutes } from './routes.ts';
export { assignCustodians, readSealingKeys, registerCustodianKey, registerForProject } from './commands.ts';
export { completeBid, submitBid, withdrawBid, type UploadArea } from './submission.ts';
export { answerObjection, handInShares, raiseObjection, startOpening, wrappedShares } from './opening.ts';
/** The 暗标 identity-leak scan, for the committee's report at the evaluation (the browser runs it at submission). */
export { scanDocument, type BidderIdentity, type ScanReport } from './identity-scan.contract.ts';
export { nodePdfReader } from './identity-scan-pdf.ts';
