/** Audit actions of the evaluation module. */
declare module '../../platform/audit/events.ts' {
  interface AuditActions {
    'committee.formed': 'committee';
    'committee.changed': 'committee';
    'draw.committed': 'draw';
    'draw.drawn': 'draw';
    'committee.seatConfirmed': 'committeeSeat';
    'committee.seatDeclined': 'committeeSeat';
    'committee.seatFilled': 'committeeSeat';
    'evaluation.started': 'project';
    'evaluation.declared': 'committeeSeat';
    'evaluation.checksRecorded': 'committeeSeat';
    'evaluation.scoresRecorded': 'committeeSeat';
    'evaluation.submitted': 'committeeSeat';
    'evaluation.blindRevealed': 'project';
    'evaluation.checksConcluded': 'project';
    'evaluation.abnormalRequested': 'abnormalReview';
    'evaluation.abnormalExplained': 'abnormalReview';
    'evaluation.abnormalDecided': 'abnormalReview';
    'evaluation.scored': 'project';
    'evaluation.ranked': 'project';
    'evaluation.failed': 'project';
    'evaluation.signed': 'committeeSeat';
    'evaluation.reportSigned': 'project';
    'evaluation.priceCorrected': 'priceCorrection';
    'evaluation.correctionAnswered': 'priceCorrection';
  }
}

/** What later stages learn from the evaluation (award subscribes). */
declare module '../../platform/domain-events.ts' {
  interface DomainEvents {
    /** A lot's report was signed by every member and the platform, and so delivered to the purchaser (条例43). */
    'evaluation.lotSigned': { projectId: string; lotNo: number };
    /** A lot failed at the evaluation (废标); `projectFailed` when no lot of the project is left. */
    'evaluation.lotFailed': { projectId: string; lotNo: number; reason: string; projectFailed: boolean };
  }
}
export {};
