/** Audit actions of the orgs module, added to the platform's typed catalogue. */
declare module '../../platform/audit/events.ts' {
  interface AuditActions {
    'centre.created': 'centre';
    'purchaser.created': 'purchaser';
    'supplier.created': 'supplier';
    'expert.created': 'expert';
    'specialty.created': 'specialty';
  }
}
export {};
