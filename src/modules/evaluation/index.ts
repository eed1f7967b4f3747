/** The evaluation module's public face: routes, and the use cases the CLI's demo drives. */
import './events.ts';

export { evaluationRoutes } from './routes.ts';
export { formCommittee, readCommittee } from './committee.ts';
export { prepareCommitteeDraw, exportDraw } from './draws.ts';
export { witnessDraw } from './witness.ts';
export { myInvitations, respondToInvitation } from './invitations.ts';
export { startReview, signDeclaration } from './room.ts';
export {
  decideAbnormal,
  explainPrice,
  prepareDrawForLot,
  recordChecks,
  recordScores,
  signReport,
  submitPhase,
} from './work.ts';
export { readRoom } from './view.ts';
export { inputsOf } from './draws.ts';
