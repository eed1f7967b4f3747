/** Audit actions of contracts (issue 7). */
declare module '../../../platform/audit/events.ts' {
  interface AuditActions {
    'signingKey.registered': 'signingKey';
    'contract.generated': 'contract';
    'contract.signed': 'contract';
    'contract.concluded': 'contract';
    'contract.published': 'contract';
    'contract.filed': 'contract';
    'contract.amended': 'contract';
    'contract.terminated': 'contract';
  }
}
export {};
