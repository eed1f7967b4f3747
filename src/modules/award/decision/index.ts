/** The award decision's face for the other parts of the award module (challenges' outcomes, contracts). */
export {
  awardOf,
  changeWinner,
  confirmWinner,
  decisionJobs,
  failAwardLot,
  onLotFailed,
  onLotSigned,
  onOpeningFailed,
  publishResult,
  recordDelay,
  recordReevaluation,
  startReevaluation,
  type AwardRow,
} from './awards.ts';
export { decisionAlerts, readAward } from './view.ts';
export { winWord } from './letters.ts';
