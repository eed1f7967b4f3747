import type { ActorRole } from '../../src/platform/auth/actor.ts';

const SUPERVISORS: ActorRole[] = ['financeSupervisor', 'disciplineSupervisor'];
/** The contract's purchaser and supplier (their own contracts only), the centre, the supervisors. */
const READERS: ActorRole[] = ['agent', 'director', 'purchaser', 'supplier', ...SUPERVISORS];

export const MATRIX: Record<string, readonly ActorRole[]> = {
  // 履约监管: which contract a purchaser or supplier may see is checked against the contract's parties; the
  // supervisors see every contract (seed 004: procurement site merged with performance supervision).
  'GET /api/contracts/:id/performance': READERS,
  // The purchaser plans (or the centre, for the units it serves); the supplier reports; the purchaser confirms.
  'PUT /api/contracts/:id/milestones': ['agent', 'director', 'purchaser'],
  'POST /api/milestones/:id/report': ['supplier'],
  'POST /api/milestones/:id/confirm': ['purchaser'],
  // Issues: raised by the purchaser or a supervisor, answered by the supplier, closed by the purchaser.
  'POST /api/contracts/:id/issues': ['purchaser', ...SUPERVISORS],
  'POST /api/performance-issues/:id/answer': ['supplier'],
  'POST /api/performance-issues/:id/close': ['purchaser'],
  // 验收: the purchaser or the agent it entrusted organises it (政府采购法 第四十一条); both parties read the report.
  'GET /api/contracts/:id/acceptance/checklist': READERS,
  'POST /api/contracts/:id/acceptances': ['agent', 'director', 'purchaser'],
  'GET /api/acceptances/:id/report': READERS,
  'GET /api/acceptances/:id/report/docx': READERS,
  // 货款结算: the supplier submits invoices (or the purchaser records them); only the purchaser pays.
  'POST /api/contracts/:id/invoices': ['purchaser', 'supplier'],
  'POST /api/contracts/:id/payments': ['purchaser'],
};
