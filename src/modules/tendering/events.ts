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
    'project.retendered': 'project';
    'project.bidsClosed': 'project';
    'project.documentDownloaded': 'project';
    'clarification.asked': 'clarification';
    'clarification.answered': 'clarification';
    'programme.created': 'programme';
    'template.revised': 'template';
  }
}

/** What later stages learn from tendering. */
declare module '../../platform/domain-events.ts' {
  interface DomainEvents {
    /** The procurement was terminated (终止, 87号令 第二十九条): deposits and fees go back. */
    'tendering.projectTerminated': { projectId: string; reason: string };
    /** A notice went out on the portal (any stage publishes through publishNotice): the portal indexes it. */
    'tendering.noticePublished': { noticeId: string; projectId: string; kind: string };
  }
}
export {};
