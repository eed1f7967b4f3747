import { describe, expect, it } from 'vitest';
import { intentionProblem, nextPlanLineStatus, type PlanLineEvent, type PlanLineStatus } from './rules.ts';

describe('intentionProblem (财库〔2020〕10号)', () => {
  it.each([
    { publishedOn: '2026-03-02', expectedStartOn: '2026-04-01', urgent: false, reason: null, ok: true },
    { publishedOn: '2026-03-02', expectedStartOn: '2026-03-31', urgent: false, reason: null, ok: false },
    {
      publishedOn: '2026-03-02',
      expectedStartOn: '2026-03-05',
      urgent: true,
      reason: '汛期防洪抢险急需',
      ok: true,
    },
    { publishedOn: '2026-03-02', expectedStartOn: '2026-03-05', urgent: true, reason: null, ok: false },
    { publishedOn: '2026-03-02', expectedStartOn: '2026-02-20', urgent: false, reason: null, ok: false },
  ])(
    '$publishedOn → $expectedStartOn urgent=$urgent: ok=$ok',
    ({ publishedOn, expectedStartOn, urgent, reason, ok }) => {
      expect(intentionProblem({ publishedOn, expectedStartOn, urgent, urgentReason: reason }) === null).toBe(
        ok,
      );
    },
  );

  it('says how many days short', () => {
    expect(
      intentionProblem({
        publishedOn: '2026-03-02',
        expectedStartOn: '2026-03-22',
        urgent: false,
        urgentReason: null,
      })?.message,
    ).toBe('采购意向应在采购活动开始前至少 30 日公开，现仅提前 20 日');
  });
});

describe('nextPlanLineStatus: every state × event', () => {
  const allowed: Record<string, PlanLineStatus> = {
    'draft publishIntention': 'intentionPublished',
    'draft cancel': 'cancelled',
    'intentionPublished commission': 'commissioned',
    'intentionPublished cancel': 'cancelled',
    'commissioned accept': 'accepted',
    'commissioned return': 'returned',
    'returned commission': 'commissioned',
    'returned cancel': 'cancelled',
  };
  const states: PlanLineStatus[] = [
    'draft',
    'intentionPublished',
    'commissioned',
    'accepted',
    'returned',
    'cancelled',
  ];
  const events: PlanLineEvent[] = ['publishIntention', 'commission', 'accept', 'return', 'cancel'];
  for (const s of states) {
    for (const e of events) {
      const expected = allowed[`${s} ${e}`];
      it(`${s} + ${e} → ${expected ?? 'refused'}`, () => {
        const r = nextPlanLineStatus(s, e);
        if (expected) expect(r).toEqual({ ok: true, status: expected });
        else expect(r.ok).toBe(false);
      });
    }
  }
});
