import { ROLES } from '../../../platform/auth/actor.ts';
import { definePolicy, type Grant } from '../../../platform/auth/policy.ts';
import { REGISTRY_READERS } from '../registry-readers.ts';

/** What a rule about one expert needs to know: whose record it is. */
export interface ExpertRecord {
  id: string;
}

/** An expert acts on its own record only; any other expert's record is "not found" to it (rule 9). */
const ownRecord: Grant<ExpertRecord> = { role: 'expert', when: (actor, e) => actor.expertId === e.id };

/**
 * Experts' identity numbers, phones and e-mail addresses are shown in full only to the administrator who
 * maintains the pool, and to the expert itself. Reviewing applications and managing the pool's statuses is the
 * centre's decision (admin, director); agents, who run the draws, record how an expert did on a review.
 */
export const expertPolicy = definePolicy<ExpertRecord>()(
  'expert',
  {
    list: REGISTRY_READERS,
    /** 网上申请 by a visitor without an account: the application creates the account (as supplier registration). */
    apply: ['public'],
    view: [...REGISTRY_READERS, ownRecord],
    viewOwn: ['expert'],
    viewPersonalData: ['admin', ownRecord],
    update: [ownRecord],
    review: ['admin', 'director'],
    changeStatus: ['admin', 'director'],
    rate: ['agent', 'admin'],
    coverage: REGISTRY_READERS,
    /** The specialty classification is public: applicants choose from it. */
    specialties: ['public', ...ROLES],
  },
  { own: (actor) => (actor.expertId ? { id: actor.expertId } : null) },
);
