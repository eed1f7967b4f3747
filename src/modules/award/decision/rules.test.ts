import { describe, expect, it } from 'vitest';
import type { AwardCandidate } from '../tables.ts';
import { awardSavingsFen, confirmationProblems, firstStanding } from './rules.ts';

const c = (n: number): AwardCandidate => ({
  bidId: `00000000-0000-4000-8000-00000000000${n}`,
  supplierId: `10000000-0000-4000-8000-00000000000${n}`,
  supplierName: `供应商${n}`,
  rank: n,
  priceFen: String(100_000_00 + n),
});
const [a, b, d] = [c(1), c(2), c(3)] as [AwardCandidate, AwardCandidate, AwardCandidate];
const cands = [b, d, a]; // stored in any order: the rank decides

describe('confirmationProblems (条例43; 87号令68)', () => {
  const cases: [
    string,
    string,
    { bidId: string; reason: string }[],
    { bidId: string; reason: string }[],
    string[],
  ][] = [
    ['the first candidate, nothing to explain', a.bidId, [], [], []],
    ['the second without a reason for the first', b.bidId, [], [], ['ORDER_NOT_FOLLOWED']],
    [
      'the second, the first declined in writing',
      b.bidId,
      [{ bidId: a.bidId, reason: '书面放弃中标' }],
      [],
      [],
    ],
    [
      'the third, only the first explained',
      d.bidId,
      [{ bidId: a.bidId, reason: '书面放弃中标' }],
      [],
      ['ORDER_NOT_FOLLOWED'],
    ],
    [
      'the third, both explained',
      d.bidId,
      [
        { bidId: a.bidId, reason: '书面放弃中标' },
        { bidId: b.bidId, reason: '不能履行合同' },
      ],
      [],
      [],
    ],
    ['a bid that is no candidate', '00000000-0000-4000-8000-000000000009', [], [], ['NOT_A_CANDIDATE']],
    [
      'a reason for a later candidate',
      a.bidId,
      [{ bidId: b.bidId, reason: '无关理由说明' }],
      [],
      ['PASSED_OVER_NOT_BEFORE'],
    ],
    [
      'the second after the first was removed on a challenge',
      b.bidId,
      [],
      [{ bidId: a.bidId, reason: '质疑成立' }],
      [],
    ],
    [
      'the removed winner again',
      a.bidId,
      [],
      [{ bidId: a.bidId, reason: '质疑成立' }],
      ['ALREADY_PASSED_OVER'],
    ],
  ];
  it.each(cases)('%s', (_name, chosen, reasons, earlier, codes) => {
    expect(confirmationProblems(cands, chosen, reasons, earlier).map((p) => p.code)).toEqual(codes);
  });
});

describe('firstStanding (87号令68: the deemed winner)', () => {
  it.each([
    ['nobody passed over', [], a.bidId],
    ['the first passed over', [{ bidId: a.bidId, reason: 'x' }], b.bidId],
    ['every candidate passed over', [a, b, d].map((x) => ({ bidId: x.bidId, reason: 'x' })), null],
  ] as const)('%s', (_n, passed, expected) => {
    expect(firstStanding(cands, passed)?.bidId ?? null).toBe(expected);
  });
});

describe('awardSavingsFen', () => {
  it.each([
    [100_000_00n, 87_654_32n, 12_345_68n],
    [100_000_00n, 100_000_00n, 0n],
    [100_000_00n, 100_000_01n, 0n],
  ])('budget %s, awarded %s → %s', (budget, amount, saved) => {
    expect(awardSavingsFen(budget, amount)).toBe(saved);
  });
});
