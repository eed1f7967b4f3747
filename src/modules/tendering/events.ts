/** Audit actions of the tendering module. */
declare module '../../platform/audit/events.ts' {
  interface AuditActions {
    'project.created': 'project';
    'project.updated': 'project';
    'project.linted': 'project';
    'project.justified': 'project';
    'project.approvalRecorded': 'project';
    'project.approved': 'project';
    'project.published': 'project';
    'project.corrected': 'project';
    'project.terminated': 'project';
    'project.bidsClosed': 'project';
    'project.documentDownloaded': 'project';
    'clarification.asked': 'clarification';
    'clarification.answered': 'clarification';
    'programme.created': 'programme';
    'template.revised': 'template';
  }
}
export {};
