/** Audit actions of the planning module. */
declare module '../../platform/audit/events.ts' {
  interface AuditActions {
    'planLine.created': 'planLine';
    'planLine.intentionPublished': 'planLine';
    'planLine.commissioned': 'planLine';
    'planLine.accepted': 'planLine';
    'planLine.returned': 'planLine';
    'planLine.cancelled': 'planLine';
    'thresholds.configured': 'thresholds';
  }
}
export {};
