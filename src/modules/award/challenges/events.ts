/** Audit actions of challenges (质疑) and complaints (投诉). */
declare module '../../../platform/audit/events.ts' {
  interface AuditActions {
    'challenge.filed': 'challenge';
    'challenge.withdrawn': 'challenge';
    'challenge.affectsResultChanged': 'challenge';
    'challenge.answered': 'challenge';
    'complaint.filed': 'complaint';
    'complaint.withdrawn': 'complaint';
    'complaint.accepted': 'complaint';
    'complaint.rejected': 'complaint';
    'complaint.suspended': 'complaint';
    'complaint.suspensionLifted': 'complaint';
    'complaint.excludedDaysRecorded': 'complaint';
    'complaint.decided': 'complaint';
  }
}
export {};
