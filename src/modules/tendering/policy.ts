import { definePolicy, type Grant } from '../../platform/auth/policy.ts';

export interface ProjectRecord {
  /** The units with a share in the project (one for a plain project, several when bundled). */
  purchaserIds: readonly string[];
  /** Published: the notice is out, documents are on offer. */
  published: boolean;
}

/** A purchaser's staff follow the projects their unit has a share in; other projects do not exist to them. */
const ownShare: Grant<ProjectRecord> = {
  role: 'purchaser',
  when: (actor, p) => actor.purchaserId !== null && p.purchaserIds.includes(actor.purchaserId),
};
/** Suppliers see a project once its notice is published (documents on offer to every supplier). */
const publishedToSuppliers: Grant<ProjectRecord> = { role: 'supplier', when: (_a, p) => p.published };

const CENTRE = ['agent', 'director'] as const;
const WATCHERS = ['admin', 'agent', 'director', 'financeSupervisor', 'disciplineSupervisor'] as const;

export const projectPolicy = definePolicy<ProjectRecord>()('project', {
  /** Purchasers list too: the query keeps them to their own shares. */
  list: [...WATCHERS, 'purchaser'],
  read: [...WATCHERS, ownShare, publishedToSuppliers],
  create: [...CENTRE],
  edit: [...CENTRE],
  lint: [...CENTRE],
  justify: [...CENTRE],
  recordApproval: [...CENTRE],
  publish: [...CENTRE],
  correct: [...CENTRE],
  terminate: [...CENTRE],
  /** A failed project procured again (法36), possibly by another method (法37). */
  retender: [...CENTRE],
  /** The rendered tender documents: staff, supervisors and the purchaser any time; suppliers once published. */
  document: [...WATCHERS, ownShare, publishedToSuppliers],
  /** Registered suppliers ask questions on a published project (澄清). */
  ask: [publishedToSuppliers],
  answer: [...CENTRE],
  /** Answered questions are read by everyone once the project is published. */
  readClarifications: [...WATCHERS, ownShare, publishedToSuppliers],
});

export const programmePolicy = definePolicy<Record<string, never>>()('programme', {
  list: [...WATCHERS, 'purchaser'],
  create: [...CENTRE],
});

/** Bundle suggestions read every unit's open plan lines: the centre only. */
export const bundlePolicy = definePolicy<Record<string, never>>()('bundle', {
  suggest: [...CENTRE],
});

/** The standard templates: read by the centre and its supervisors, revised by the centre. */
export const templatePolicy = definePolicy<Record<string, never>>()('template', {
  list: [...WATCHERS],
  revise: [...CENTRE],
});
