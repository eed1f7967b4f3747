/** Audit actions of the statistics: the centre's targets and the import of earlier years' ledgers. */
declare module '../../platform/audit/events.ts' {
  interface AuditActions {
    'statistics.targetSet': 'annualTarget';
    'statistics.historyImported': 'historicalImport';
    'statistics.historyWithdrawn': 'historicalImport';
  }
}
export {};
