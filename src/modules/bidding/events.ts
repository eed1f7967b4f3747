/** Audit actions of the bidding module. */
declare module '../../platform/audit/events.ts' {
  interface AuditActions {
    'custodianKey.registered': 'custodianKey';
    'project.custodiansAssigned': 'project';
    'bid.registered': 'project';
    'bid.submitted': 'bid';
    'bid.replaced': 'bid';
    'bid.withdrawn': 'bid';
  }
}
export {};
