/** Audit actions of performance supervision, acceptance and payment. */
declare module '../../../platform/audit/events.ts' {
  interface AuditActions {
    'milestone.planned': 'contract';
    'milestone.reported': 'milestone';
    'milestone.confirmed': 'milestone';
    'issue.raised': 'performanceIssue';
    'issue.answered': 'performanceIssue';
    'issue.closed': 'performanceIssue';
    'acceptance.recorded': 'acceptance';
    'acceptance.noticePublished': 'acceptance';
    'invoice.recorded': 'invoice';
    'payment.recorded': 'payment';
    'contract.accepted': 'contract';
    'contract.completed': 'contract';
  }
}
export {};
