/** The bidding module's public face. */
import { eq } from 'drizzle-orm';
import { onDomainEvent } from '../../platform/domain-events.ts';
import { depositRefundFalls } from './deposits.ts';
import './events.ts';
import { bidDeposits } from './tables.ts';

// A terminated procurement frees every deposit, within 5 WD (87号令 第二十九条; 条例33).
onDomainEvent('tendering.projectTerminated', async (tx, ctx, { projectId }) => {
  const rows = await tx
    .select({ supplierId: bidDeposits.supplierId })
    .from(bidDeposits)
    .where(eq(bidDeposits.projectId, projectId));
  for (const r of rows) await depositRefundFalls(tx, ctx, projectId, r.supplierId);
});

export { biddingRoutes } from './routes.ts';
export { assignCustodians, readSealingKeys, registerCustodianKey, registerForProject } from './commands.ts';
export { completeBid, submitBid, withdrawBid, type UploadArea } from './submission.ts';
export { answerObjection, handInShares, raiseObjection, startOpening, wrappedShares } from './opening.ts';
/** The 暗标 identity-leak scan, for the committee's report at the evaluation (the browser runs it at submission). */
export { scanDocument, type BidderIdentity, type ScanReport } from './identity-scan.contract.ts';
export { nodePdfReader } from './identity-scan-pdf.ts';
export { depositRefundFalls } from './deposits.ts';
