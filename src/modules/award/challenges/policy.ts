import { definePolicy, type Grant } from '../../../platform/auth/policy.ts';

/** A challenge or complaint as the policy sees it: whose letter it is, and whose project. */
export interface LetterRecord {
  supplierId: string;
  purchaserIds: readonly string[];
}

const ownLetter: Grant<LetterRecord> = {
  role: 'supplier',
  when: (actor, r) => actor.supplierId !== null && actor.supplierId === r.supplierId,
};
const ownProject: Grant<LetterRecord> = {
  role: 'purchaser',
  when: (actor, r) => actor.purchaserId !== null && r.purchaserIds.includes(actor.purchaserId),
};
const own = {
  own: (actor: { supplierId: string | null }) =>
    actor.supplierId ? { supplierId: actor.supplierId, purchaserIds: [] } : null,
};

/**
 * 质疑 (法52–54; 94号令): a supplier that took part files and may withdraw its own; the centre (the agent answering
 * for the purchaser, 法54) marks whether it may affect the result and replies; the supervisors and the purchaser of
 * the project read them. Another supplier never reads the letter (it sees only that one exists, and its answer).
 */
export const challengePolicy = definePolicy<LetterRecord>()(
  'challenge',
  {
    file: ['supplier'],
    listMine: ['supplier'],
    /** The project's list: what each caller sees of it is filtered in the use case. */
    listProject: ['agent', 'director', 'financeSupervisor', 'disciplineSupervisor', 'purchaser', 'supplier'],
    read: ['agent', 'director', 'financeSupervisor', 'disciplineSupervisor', ownProject, ownLetter],
    withdraw: [ownLetter],
    markAffectsResult: ['agent', 'director'],
    reply: ['agent', 'director'],
    complain: [ownLetter],
  },
  own,
);

/**
 * 投诉 (法55–58; 94号令): only the challenger complains, to the finance department, which accepts or rejects it,
 * may suspend the procurement (≤30 日, 法57), records excluded days and decides. The centre (the respondent) and
 * the discipline supervisor read every complaint; the purchaser those on its projects.
 */
export const complaintPolicy = definePolicy<LetterRecord>()(
  'complaint',
  {
    list: ['agent', 'director', 'financeSupervisor', 'disciplineSupervisor'],
    read: ['agent', 'director', 'financeSupervisor', 'disciplineSupervisor', ownProject, ownLetter],
    handle: ['financeSupervisor'],
    withdraw: [ownLetter],
  },
  own,
);
