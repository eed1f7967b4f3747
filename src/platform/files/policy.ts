import { CENTRE_ROLES, ROLES, SUPERVISOR_ROLES, type Role } from '../auth/actor.ts';
import { definePolicy, type Grant } from '../auth/policy.ts';

/** A blob as the policy sees it: who has sent it. Later modules grant reading through the records that cite it. */
export interface FileAccessRecord {
  uploaders: readonly string[];
}

const sender = (role: Role): Grant<FileAccessRecord> => ({
  role,
  when: (actor, file) => file.uploaders.includes(actor.userId),
});

export const filePolicy = definePolicy<FileAccessRecord>()('file', {
  upload: ROLES,
  read: [...CENTRE_ROLES, ...SUPERVISOR_ROLES, sender('purchaser'), sender('supplier'), sender('expert')],
});
