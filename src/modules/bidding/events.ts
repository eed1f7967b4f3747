/** Audit actions of the bidding module. */
declare module '../../platform/audit/events.ts' {
  interface AuditActions {
    'custodianKey.registered': 'custodianKey';
    'project.custodiansAssigned': 'project';
    'bid.registered': 'project';
    'bid.submitted': 'bid';
    'bid.replaced': 'bid';
    'bid.withdrawn': 'bid';
    'project.opened': 'project';
    'project.failed': 'project';
    'opening.sharesHandedIn': 'project';
    'opening.lotOpened': 'project';
    'opening.objectionRaised': 'project';
    'opening.objectionAnswered': 'project';
    'bid.opened': 'bid';
    'bid.decryptFailed': 'bid';
    'deposit.recorded': 'deposit';
    'deposit.confirmed': 'deposit';
    'deposit.refundDue': 'deposit';
    'deposit.refunded': 'deposit';
  }
}

/** What later stages learn from the opening. */
declare module '../../platform/domain-events.ts' {
  interface DomainEvents {
    /** No lot could be opened (fewer than three bids, 87号令41): the project failed at the opening. */
    'bidding.projectFailed': { projectId: string; lots: { lotNo: number; reason: string }[] };
  }
}
export {};
