/** Audit actions of the award decision. */
declare module '../../../platform/audit/events.ts' {
  interface AuditActions {
    'award.reportDelivered': 'project';
    'award.confirmed': 'project';
    'award.deemed': 'project';
    'award.delayRecorded': 'project';
    'award.resultPublished': 'project';
    'award.winnerChanged': 'project';
    'award.reevaluationStarted': 'project';
    'award.reevaluated': 'project';
    'award.lotFailed': 'project';
    'award.letterRead': 'awardLetter';
    'project.failureNoticed': 'project';
  }
}
export {};
