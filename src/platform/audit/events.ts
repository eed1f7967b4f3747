/**
 * The typed catalogue of audit actions: action → the entity type it concerns. Modules add their own actions
 * by augmenting this interface (`declare module '…/platform/audit/events.ts'`), so an event with an unknown
 * action or the wrong entity type does not compile.
 */
export interface AuditActions {
  'auth.login': 'user';
  'auth.logout': 'user';
  'auth.locked': 'user';
  'auth.passwordChanged': 'user';
  'user.created': 'user';
  'user.updated': 'user';
  'user.passwordReset': 'user';
  'file.uploaded': 'file';
  'seed.demo': 'centre';
}

export type AuditAction = keyof AuditActions;

export type AuditEvent = {
  [A in AuditAction]: {
    action: A;
    entityType: AuditActions[A];
    entityId: string;
    before?: unknown;
    after?: unknown;
  };
}[AuditAction];
