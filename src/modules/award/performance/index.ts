/** Performance supervision, acceptance, payment and savings: what the rest of the platform uses. */
import './events.ts';

export { performanceRoutes } from './routes.ts';
export { performanceAlerts } from './alerts.ts';
export {
  savingsOf,
  presentSavings,
  type SavingsReport,
  type ContractSavings,
  type LotSavings,
} from './savings.ts';
export { planMilestones, reportMilestone, confirmMilestone } from './milestones.ts';
export { raiseIssue, answerIssue, closeIssue } from './issues.ts';
export { proposeChecklist, recordAcceptance, acceptanceReport } from './acceptance.ts';
export { recordInvoice, recordPayment } from './settlement.ts';
export { readPerformance } from './view.ts';
export { setSmePaymentLimits, smePaymentLimitsFrom } from './settings.ts';
