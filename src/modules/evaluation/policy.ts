import { ROLES } from '../../platform/auth/actor.ts';
import { definePolicy, type Grant } from '../../platform/auth/policy.ts';

/**
 * The committee of a project: the centre forms it and prepares draws; supervisors watch everything and give the
 * on-site input of a draw; nobody else — not the purchaser, not a supplier — learns who the experts are before
 * the result notice (87号令 第四十七条).
 */
export const committeePolicy = definePolicy<Record<string, never>>()('committee', {
  form: ['agent', 'director'],
  read: ['agent', 'director', 'financeSupervisor', 'disciplineSupervisor'],
  prepareDraw: ['agent', 'director'],
  witnessDraw: ['financeSupervisor', 'disciplineSupervisor'],
  exportDraw: ['agent', 'director', 'financeSupervisor', 'disciplineSupervisor'],
});

interface SeatRecord {
  expertId: string | null;
}
const ownSeat: Grant<SeatRecord> = { role: 'expert', when: (actor, s) => actor.expertId === s.expertId };

/** An expert answers its own invitations only. */
export const invitationPolicy = definePolicy<SeatRecord>()(
  'invitation',
  {
    listMine: ['expert'],
    respond: [ownSeat],
  },
  { own: (actor) => (actor.expertId ? { expertId: actor.expertId } : null) },
);

/**
 * The evaluation room: the centre conducts the review (starts it, prepares tie-break and lottery draws);
 * members act as members (checked against the committee's seats, not by role alone); supervisors watch.
 */
export const evaluationPolicy = definePolicy<Record<string, never>>()('evaluation', {
  conduct: ['agent', 'director'],
  watch: ['agent', 'director', 'financeSupervisor', 'disciplineSupervisor'],
  sit: ['expert', 'purchaser'],
  read: ['agent', 'director', 'financeSupervisor', 'disciplineSupervisor', 'expert', 'purchaser'],
  explain: ['supplier'],
  readReports: ['agent', 'director', 'financeSupervisor', 'disciplineSupervisor', 'purchaser'],
});

/**
 * Draws made public with the result notice (87号令 第四十七条: the committee's names are published with the
 * result): anyone may download and replay them then.
 */
export const publicDrawPolicy = definePolicy<Record<string, never>>()('publicDraw', {
  read: ['public', ...ROLES],
});
