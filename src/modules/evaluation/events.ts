/** Audit actions of the evaluation module. */
declare module '../../platform/audit/events.ts' {
  interface AuditActions {
    'committee.formed': 'committee';
    'committee.changed': 'committee';
    'draw.committed': 'draw';
    'draw.drawn': 'draw';
    'committee.seatConfirmed': 'committeeSeat';
    'committee.seatDeclined': 'committeeSeat';
    'committee.seatFilled': 'committeeSeat';
  }
}
export {};
