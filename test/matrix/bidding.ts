import type { ActorRole } from '../../src/platform/auth/actor.ts';
import { ALL } from './roles.ts';

const KEY_HOLDERS: ActorRole[] = ['agent', 'director', 'financeSupervisor'];

export const MATRIX: Record<string, readonly ActorRole[]> = {
  'POST /api/custodian-keys': KEY_HOLDERS,
  'GET /api/custodian-keys/mine': KEY_HOLDERS,
  'PUT /api/projects/:id/custodians': ['agent', 'director'],
  'GET /api/projects/:id/custodians': ['agent', 'director', 'financeSupervisor', 'disciplineSupervisor'],
  // Only suppliers handle bids; nobody else reads one before the opening.
  'POST /api/projects/:id/registration': ['supplier'],
  'GET /api/projects/:id/sealing': ['supplier'],
  'GET /api/projects/:id/my-bids': ['supplier'],
  'POST /api/bids': ['supplier'],
  'POST /api/bids/:id/withdraw': ['supplier'],
  'GET /api/bids/:id/documents/:part': ['supplier'],
  'PUT /api/bids/:id/documents/:part': ['supplier'],
  'POST /api/bids/:id/complete': ['supplier'],
  'GET /api/receipts/public-key': ALL,
  // 投标保证金: the bidder records; the centre confirms and refunds; supervisors watch.
  'POST /api/projects/:id/deposit': ['supplier'],
  'GET /api/projects/:id/deposits': [
    'agent',
    'director',
    'financeSupervisor',
    'disciplineSupervisor',
    'supplier',
  ],
  'GET /api/deposits': ['agent', 'director', 'financeSupervisor', 'disciplineSupervisor', 'supplier'],
  'POST /api/deposits/:id/confirm': ['agent', 'director'],
  'POST /api/deposits/:id/refund': ['agent', 'director'],
  // 开标: the centre conducts; key holders hand in; bidders and supervisors follow.
  'POST /api/projects/:id/opening': ['agent', 'director'],
  'GET /api/projects/:id/opening': [
    'agent',
    'director',
    'financeSupervisor',
    'disciplineSupervisor',
    'supplier',
  ],
  'GET /api/projects/:id/opening/shares': [...KEY_HOLDERS, 'supplier'],
  'POST /api/projects/:id/opening/shares': [...KEY_HOLDERS, 'supplier'],
  'POST /api/projects/:id/opening/objections': ['supplier'],
  'POST /api/projects/:id/opening/objections/:objectionId/answer': ['agent', 'director'],
};
