/** Challenges and complaints: their face for the rest of the award module, the alerts and the demo seed. */
import './events.ts';

export { challengeRoutes } from './routes.ts';
export { challengeAlerts } from './alerts.ts';
export { signingSuspension, type Suspension } from './suspension.ts';
export { fileChallenge, markAffectsResult, replyToChallenge, withdrawChallenge } from './challenges.ts';
export {
  acceptComplaint,
  decideComplaint,
  fileComplaint,
  liftSuspension,
  recordExcludedDays,
  rejectComplaint,
  suspendProcurement,
  withdrawComplaint,
} from './complaints.ts';
export { listComplaints, myChallenges, projectChallenges, readChallenge, readComplaint } from './reads.ts';
export { challengePolicy, complaintPolicy } from './policy.ts';
