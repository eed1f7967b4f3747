import { describe, expect, it } from 'vitest';
import { openingQuorum } from './rules.ts';

describe('openingQuorum (87号令41, 43; 法36, 38, 40; 74号令; 214号21)', () => {
  it.each([
    // method, bids, opened, next-step codes
    ['openTender', 3, true, []],
    ['openTender', 7, true, []],
    ['openTender', 2, false, ['FIX_AND_RETENDER', 'CHANGE_METHOD', 'NEGOTIATE_WITH_TWO']],
    ['openTender', 1, false, ['FIX_AND_RETENDER', 'CHANGE_METHOD']],
    ['openTender', 0, false, ['FIX_AND_RETENDER', 'CHANGE_METHOD']],
    ['invitedTender', 2, false, ['FIX_AND_RETENDER', 'CHANGE_METHOD', 'NEGOTIATE_WITH_TWO']],
    ['consultation', 2, false, ['CONSULT_WITH_TWO', 'RESTART']],
    ['consultation', 1, false, ['RESTART']],
    ['consultation', 3, true, []],
    ['negotiation', 2, false, ['RESTART']],
    ['rfq', 2, false, ['RESTART']],
    ['rfq', 3, true, []],
  ] as const)('%s with %i bids: opened %s, next steps %j', (method, bids, open, codes) => {
    const q = openingQuorum({ method, bids });
    expect(q.open).toBe(open);
    expect(q.nextSteps.map((s) => s.code)).toEqual(codes);
    expect(q.ground === null).toBe(open);
  });

  it('names the number of bids and the article in the ground', () => {
    expect(openingQuorum({ method: 'openTender', bids: 2 }).ground).toContain('只有 2 家');
    expect(openingQuorum({ method: 'openTender', bids: 2 }).ground).toContain('第四十一条');
    expect(openingQuorum({ method: 'openTender', bids: 0 }).ground).toContain('无人递交');
  });

  it('refuses a count that is not a count', () => {
    expect(() => openingQuorum({ method: 'openTender', bids: -1 })).toThrow(RangeError);
    expect(() => openingQuorum({ method: 'openTender', bids: 1.5 })).toThrow(RangeError);
  });
});
