/** Audit actions of the orgs module, added to the platform's typed catalogue. */
declare module '../../platform/audit/events.ts' {
  interface AuditActions {
    'centre.created': 'centre';
    'purchaser.created': 'purchaser';
    'supplier.created': 'supplier';
    'expert.created': 'expert';
    'specialty.created': 'specialty';
    'purchaser.updated': 'purchaser';
    'supplier.registered': 'supplier';
    'supplier.updated': 'supplier';
    'supplier.reviewed': 'supplier';
    'supplier.sanctioned': 'supplier';
    'expert.applied': 'expert';
    'expert.updated': 'expert';
    'expert.reviewed': 'expert';
    'expert.statusChanged': 'expert';
    'expert.rated': 'expert';
    'intermediary.registered': 'intermediary';
    'intermediary.updated': 'intermediary';
    'intermediary.reviewed': 'intermediary';
    'registry.imported': 'import';
  }
}
export {};
