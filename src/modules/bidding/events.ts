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
export {};
