import type { ActorRole } from '../../src/platform/auth/actor.ts';
import { ALL } from './roles.ts';

const SUPERVISORS: ActorRole[] = ['financeSupervisor', 'disciplineSupervisor'];
const MEMBERS: ActorRole[] = ['expert', 'purchaser'];

export const MATRIX: Record<string, readonly ActorRole[]> = {
  // The committee: the centre forms it and prepares draws; supervisors watch and give the on-site input.
  // Purchasers and suppliers never learn who the experts are before the result notice (87号令 第四十七条).
  'POST /api/projects/:id/committee': ['agent', 'director'],
  'PUT /api/projects/:id/committee': ['agent', 'director'],
  'GET /api/projects/:id/committee': ['agent', 'director', ...SUPERVISORS],
  'POST /api/projects/:id/committee/draws': ['agent', 'director'],
  'POST /api/draws/:id/witness': SUPERVISORS,
  'GET /api/draws/:id/export': ['agent', 'director', ...SUPERVISORS],
  // With the result notice the draws are public, names included (87号令 第四十七条).
  'GET /api/portal/projects/:id/draws': ALL,
  // An expert answers only its own invitations.
  'GET /api/my/invitations': ['expert'],
  'POST /api/committee-seats/:id/respond': ['expert'],
  // The evaluation room: the centre conducts; members (experts, the purchaser's representatives) sit — which
  // project they sit on is checked against the committee's seats, not by role; supervisors watch.
  'POST /api/projects/:id/evaluation': ['agent', 'director'],
  'GET /api/projects/:id/evaluation': ['agent', 'director', ...SUPERVISORS, 'expert', 'purchaser'],
  'POST /api/projects/:id/evaluation/declaration': MEMBERS,
  'GET /api/projects/:id/evaluation/documents/:bidId/:part': [
    'agent',
    'director',
    ...SUPERVISORS,
    'expert',
    'purchaser',
  ],
  'POST /api/projects/:id/evaluation/lots/:lotNo/checks': MEMBERS,
  'POST /api/projects/:id/evaluation/lots/:lotNo/scores': MEMBERS,
  'POST /api/projects/:id/evaluation/lots/:lotNo/corrections': MEMBERS,
  'POST /api/projects/:id/evaluation/lots/:lotNo/submit': MEMBERS,
  'POST /api/projects/:id/evaluation/lots/:lotNo/sign': MEMBERS,
  'POST /api/projects/:id/evaluation/lots/:lotNo/draws': ['agent', 'director'],
  'POST /api/abnormal-reviews/:id/decision': MEMBERS,
  // The signed report goes to the purchaser (its own projects only), the centre and the supervisors.
  'GET /api/projects/:id/evaluation/reports': ['agent', 'director', ...SUPERVISORS, 'purchaser'],
  // 异常低价: only the bidder explains its own price.
  'GET /api/projects/:id/evaluation/my-reviews': ['supplier'],
  'POST /api/abnormal-reviews/:id/explanation': ['supplier'],
  // 算术修正: only the bidder confirms or refuses its own corrected price.
  'GET /api/projects/:id/evaluation/my-corrections': ['supplier'],
  'POST /api/price-corrections/:id/answer': ['supplier'],
};
