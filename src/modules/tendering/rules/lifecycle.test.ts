import { describe, expect, it } from 'vitest';
import {
  EVENTS,
  eventsFrom,
  FACTS,
  next,
  STATES,
  TRANSITIONS,
  type Event,
  type Fact,
  type Facts,
  type State,
} from './lifecycle.ts';

/** Written out by hand, independently of the table: every allowed (state, event) and where it leads. */
const ALLOWED: readonly (readonly [State, Event, State])[] = [
  ['draft', 'lint', 'linted'],
  ['draft', 'terminate', 'terminated'],
  ['linted', 'edit', 'draft'],
  ['linted', 'approve', 'approved'],
  ['linted', 'publish', 'published'],
  ['linted', 'terminate', 'terminated'],
  ['approved', 'edit', 'draft'],
  ['approved', 'publish', 'published'],
  ['approved', 'terminate', 'terminated'],
  ['published', 'correct', 'corrected'],
  ['published', 'closeBids', 'bidsClosed'],
  ['published', 'fail', 'failed'],
  ['published', 'terminate', 'terminated'],
  ['corrected', 'correct', 'corrected'],
  ['corrected', 'closeBids', 'bidsClosed'],
  ['corrected', 'fail', 'failed'],
  ['corrected', 'terminate', 'terminated'],
  ['bidsClosed', 'open', 'opened'],
  ['bidsClosed', 'fail', 'failed'],
  ['bidsClosed', 'terminate', 'terminated'],
  ['opened', 'startEvaluation', 'evaluating'],
  ['opened', 'fail', 'failed'],
  ['opened', 'terminate', 'terminated'],
  ['evaluating', 'award', 'awarded'],
  ['evaluating', 'fail', 'failed'],
  ['evaluating', 'terminate', 'terminated'],
  ['awarded', 'signContract', 'contracted'],
  ['awarded', 'fail', 'failed'],
  ['failed', 'retender', 'draft'],
  ['failed', 'terminate', 'terminated'],
];

const expected = new Map(ALLOWED.map(([from, event, to]) => [`${from}/${event}`, to]));

const neutral: Facts = {
  lintClear: false,
  requiresApproval: false,
  approvalGranted: false,
  scheduleLawful: false,
  bidDeadlinePassed: false,
  enoughBids: false,
  committeeFormed: false,
  winnerConfirmed: false,
  challengePending: false,
  groundRecorded: false,
};

/** Facts that satisfy every guard of the (state, event) cell, or the neutral facts when it has none. */
function passing(state: State, event: Event): Facts {
  const transition = TRANSITIONS[state][event];
  const facts: Record<Fact, boolean> = { ...neutral };
  for (const guard of transition?.when ?? []) facts[guard.fact] = guard.is;
  return facts;
}

const pairs = STATES.flatMap((state) => EVENTS.map((event) => [state, event] as const));

describe('project lifecycle transition table', () => {
  it('lists every state and event (12 × 13 cells)', () => {
    expect(pairs).toHaveLength(STATES.length * EVENTS.length);
    for (const state of STATES) expect(Object.keys(TRANSITIONS[state]).sort()).toEqual([...EVENTS].sort());
  });

  it.each(pairs)('%s + %s', (state, event) => {
    const to = expected.get(`${state}/${event}`);
    const result = next(state, event, passing(state, event));
    if (to === undefined) {
      expect(result).toMatchObject({ ok: false, code: 'TRANSITION_NOT_ALLOWED', path: 'status' });
      if (!result.ok) expect(result.message).toMatch(/^项目当前状态为「.+」，不能执行「.+」$/);
    } else {
      expect(result).toMatchObject({ ok: true, state: to });
      if (result.ok) expect(result.basis).not.toBe('');
    }
  });

  it('names the states and events in the refusal', () => {
    expect(next('contracted', 'terminate', neutral)).toMatchObject({
      ok: false,
      message: '项目当前状态为「已签约」，不能执行「终止采购」',
    });
  });

  it('offers exactly the allowed events', () => {
    for (const state of STATES) {
      expect(eventsFrom(state).sort()).toEqual(
        ALLOWED.filter(([from]) => from === state)
          .map(([, event]) => event)
          .sort(),
      );
    }
  });
});

describe('guards', () => {
  const guarded = ALLOWED.flatMap(([state, event]) =>
    (TRANSITIONS[state][event]?.when ?? []).map((guard) => [state, event, guard.fact, guard.is] as const),
  );

  it('every guard names a known fact', () => {
    for (const [, , fact] of guarded) expect(FACTS).toContain(fact);
  });

  it.each(guarded)('%s + %s is refused when %s ≠ %s', (state, event, fact, is) => {
    const facts = { ...passing(state, event), [fact]: !is };
    const result = next(state, event, facts);
    expect(result).toMatchObject({ ok: false, code: 'GUARD_FAILED', path: fact });
    if (!result.ok) expect(result.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it.each<{
    what: string;
    state: State;
    event: Event;
    facts: Partial<Facts>;
    outcome: { state: State } | { refusal: string };
  }>([
    {
      what: 'lint with findings',
      state: 'draft',
      event: 'lint',
      facts: {},
      outcome: { refusal: '采购文件检查尚有未解决的问题' },
    },
    {
      what: 'lint clear',
      state: 'draft',
      event: 'lint',
      facts: { lintClear: true },
      outcome: { state: 'linted' },
    },
    {
      what: 'non-open method above threshold cannot publish unapproved',
      state: 'linted',
      event: 'publish',
      facts: { requiresApproval: true, scheduleLawful: true },
      outcome: { refusal: '须先经设区的市级以上财政部门批准' },
    },
    {
      what: 'approval asked where none is needed',
      state: 'linted',
      event: 'approve',
      facts: { approvalGranted: true },
      outcome: { refusal: '无需采购方式审批' },
    },
    {
      what: 'approved project publishes with a lawful schedule',
      state: 'approved',
      event: 'publish',
      facts: { requiresApproval: true, approvalGranted: true, scheduleLawful: true },
      outcome: { state: 'published' },
    },
    {
      what: 'unlawful schedule blocks publication',
      state: 'linted',
      event: 'publish',
      facts: {},
      outcome: { refusal: '时间安排不符合法定期限' },
    },
    {
      what: 'correction after the deadline',
      state: 'published',
      event: 'correct',
      facts: { bidDeadlinePassed: true, scheduleLawful: true },
      outcome: { refusal: '投标截止时间已过' },
    },
    {
      what: 'closing before the deadline',
      state: 'corrected',
      event: 'closeBids',
      facts: {},
      outcome: { refusal: '投标截止时间未到' },
    },
    {
      what: 'fewer than three bids are not opened',
      state: 'bidsClosed',
      event: 'open',
      facts: { bidDeadlinePassed: true },
      outcome: { refusal: '不得开标，应当废标' },
    },
    {
      what: 'a pending challenge suspends signing',
      state: 'awarded',
      event: 'signContract',
      facts: { challengePending: true },
      outcome: { refusal: '应当暂停签订合同' },
    },
    {
      what: 'failure needs a recorded ground',
      state: 'evaluating',
      event: 'fail',
      facts: {},
      outcome: { refusal: '须记录法定事由' },
    },
    {
      what: 'failed project re-procured from draft',
      state: 'failed',
      event: 'retender',
      facts: {},
      outcome: { state: 'draft' },
    },
  ])('$what', ({ state, event, facts, outcome }) => {
    const result = next(state, event, { ...neutral, ...facts });
    if ('state' in outcome) expect(result).toMatchObject({ ok: true, state: outcome.state });
    else {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toContain(outcome.refusal);
    }
  });
});
