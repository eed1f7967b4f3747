import { describe, expect, it } from 'vitest';
import {
  isDirectorPosition,
  normaliseOrganisation,
  recusalReasons,
  sameOrganisation,
  yearsBefore,
  type ExpertConflictFacts,
  type PartyFacts,
} from './recusal.ts';

const DAY = '2026-03-23';

const parties: PartyFacts = {
  bidders: [
    {
      supplierId: 'lianchuang',
      name: '云岭县联创电脑科技有限公司',
      creditCode: '91530423MA6K8L2X1Q',
      people: [
        { name: '杨建华', role: '法定代表人' },
        { name: '杨丽', role: '股东', idNumber: '53042319800101002X' },
        { name: '云南联创投资有限公司', role: '控股股东' },
      ],
    },
    {
      supplierId: 'hongtu',
      name: '红河宏图信息技术股份有限公司',
      creditCode: '91532500709876543A',
      people: [{ name: '马永', role: '法定代表人' }],
    },
  ],
  purchasers: [{ name: '云岭县第一中学', creditCode: '12530423431234567X' }],
};

const expert = (over: Partial<ExpertConflictFacts> = {}): ExpertConflictFacts => ({
  expertId: 'e1',
  employer: '云南大学',
  employerCreditCode: '12530000431200000A',
  employments: [],
  relations: [],
  ...over,
});
const job = (
  employer: string,
  startedOn: string,
  endedOn: string | null,
  position: string | null = '工程师',
  creditCode: string | null = null,
) => ({ employer, creditCode, position, startedOn, endedOn });
const rel = (
  kind: 'relative' | 'conflict',
  name: string,
  relation: string,
  organisation: string | null = null,
  creditCode: string | null = null,
) => ({ kind, name, relation, organisation, creditCode });

describe('organisation names', () => {
  it.each([
    ['云岭县联创电脑科技有限公司', '云岭县联创电脑科技有限责任公司', true],
    ['云岭县联创电脑科技有限公司', '云岭县联创电脑科技股份有限公司', true],
    ['云岭县联创电脑科技有限公司', ' 云岭县联创电脑科技 有限公司 ', true],
    ['ＡＢＣ（云南）科技有限公司', 'ABC(云南)科技有限公司', true],
    ['abc科技有限公司', 'ABC科技有限公司', true],
    ['云岭县联创电脑科技有限公司', '云岭县联创电脑科技', true],
    ['云岭县联创电脑科技有限公司', '云岭县联创科技有限公司', false],
    ['云岭县联创电脑科技有限公司', '云岭县联创电脑科技有限公司云岭分公司', false],
    ['云岭县联创电脑科技有限公司', '云岭县联创电脑科技集团有限公司', false],
    ['有限公司', '股份有限公司', false],
    ['A有限公司', 'A股份有限公司', false],
    ['', '', false],
  ])('%s ~ %s → %s', (a, b, same) => {
    expect(sameOrganisation({ name: a }, { name: b })).toBe(same);
  });

  it('keeps a name that would be all suffix, and drops only one suffix at the end', () => {
    expect(normaliseOrganisation('有限公司')).toBe('有限公司');
    expect(normaliseOrganisation('股份有限公司')).toBe('股份有限公司');
    expect(normaliseOrganisation('有限公司研究所')).toBe('有限公司研究所');
    expect(normaliseOrganisation('云岭 有限责任公司')).toBe('云岭');
    expect(normaliseOrganisation('云岭股份公司')).toBe('云岭');
  });

  it('prefers the credit code when both sides have one, whatever the names say', () => {
    expect(
      sameOrganisation({ name: '甲公司', creditCode: '91x' }, { name: '乙公司', creditCode: '91X' }),
    ).toBe(true);
    expect(
      sameOrganisation({ name: '甲有限公司', creditCode: '91A' }, { name: '甲有限公司', creditCode: '91B' }),
    ).toBe(false);
    expect(sameOrganisation({ name: '甲有限公司', creditCode: '91A' }, { name: '甲有限公司' })).toBe(true);
  });

  it.each([
    ['董事', true],
    ['独立董事', true],
    ['监事会主席', true],
    ['法定代表人', true],
    ['实际控制人', true],
    ['控股股东', true],
    ['执行事务合伙人', true],
    ['总工程师', false],
    ['销售经理', false],
    [null, false],
  ])('position %s is a directorship or control: %s', (position, director) => {
    expect(isDirectorPosition(position)).toBe(director);
  });

  it.each([
    ['2026-03-23', '2023-03-23'],
    ['2024-02-29', '2021-02-28'],
    ['2028-02-29', '2025-02-28'],
    ['2027-01-01', '2024-01-01'],
  ])('three years before %s is %s', (day, since) => {
    expect(yearsBefore(day, 3)).toBe(since);
  });
});

describe('recusalReasons (条例9)', () => {
  const cases: [string, Partial<ExpertConflictFacts>, { code: string; supplierId?: string }[]][] = [
    ['no ties', {}, []],
    [
      'currently employed by a bidder (name variant)',
      { employer: '云岭县联创电脑科技有限责任公司', employerCreditCode: null },
      [{ code: 'EMPLOYED_BY_BIDDER', supplierId: 'lianchuang' }],
    ],
    [
      'left a bidder 2 years ago',
      { employments: [job('红河宏图信息技术有限公司', '2018-01-01', '2024-03-01')] },
      [{ code: 'EMPLOYED_BY_BIDDER', supplierId: 'hongtu' }],
    ],
    [
      'left a bidder exactly 3 years ago (the day counts)',
      { employments: [job('红河宏图信息技术有限公司', '2018-01-01', '2023-03-23')] },
      [{ code: 'EMPLOYED_BY_BIDDER', supplierId: 'hongtu' }],
    ],
    [
      'left a bidder 3 years and a day ago',
      { employments: [job('红河宏图信息技术有限公司', '2018-01-01', '2023-03-22')] },
      [],
    ],
    [
      'employment starting after the day',
      { employments: [job('红河宏图信息技术有限公司', '2026-04-01', null)] },
      [],
    ],
    [
      'a director of a bidder, matched by credit code under an old name',
      { employments: [job('云岭联创电脑有限公司', '2021-05-01', null, '董事', '91530423ma6k8l2x1q')] },
      [{ code: 'DIRECTOR_OF_BIDDER', supplierId: 'lianchuang' }],
    ],
    [
      'same name, different credit code: not the bidder',
      { employments: [job('云岭县联创电脑科技有限公司', '2021-05-01', null, '董事', '91530000000000000B')] },
      [],
    ],
    [
      'a shareholder of a bidder, matched by ID number',
      { idNumber: '53042319800101002x' },
      [{ code: 'DIRECTOR_OF_BIDDER', supplierId: 'lianchuang' }],
    ],
    [
      "spouse is the bidder's legal representative",
      { relations: [rel('relative', '杨建华', '配偶')] },
      [{ code: 'RELATIVE_OF_BIDDER', supplierId: 'lianchuang' }],
    ],
    [
      'brother works at a bidder (organisation only)',
      { relations: [rel('relative', '李四', '兄弟', '红河宏图信息技术股份有限公司')] },
      [{ code: 'RELATIVE_OF_BIDDER', supplierId: 'hongtu' }],
    ],
    [
      'a relative with no tie to any bidder',
      { relations: [rel('relative', '王五', '兄弟', '昆明市某某有限公司')] },
      [],
    ],
    [
      'declared conflict naming a bidder',
      { relations: [rel('conflict', '红河宏图信息技术有限公司', '曾为其项目提供咨询')] },
      [{ code: 'DECLARED_CONFLICT', supplierId: 'hongtu' }],
    ],
    [
      "declared conflict with a bidder's controlling shareholder",
      { relations: [rel('conflict', '云南联创投资有限公司', '持有其股份')] },
      [{ code: 'DECLARED_CONFLICT', supplierId: 'lianchuang' }],
    ],
    [
      'declared conflict with the purchaser',
      { relations: [rel('conflict', '校长', '曾任其顾问', '云岭县第一中学')] },
      [{ code: 'DECLARED_CONFLICT' }],
    ],
    [
      'employer is the purchaser',
      { employer: '云岭县第一中学', employerCreditCode: null },
      [{ code: 'EMPLOYER_IS_PURCHASER' }],
    ],
    [
      'left the purchaser last year: may sit as an expert',
      { employments: [job('云岭县第一中学', '2010-01-01', '2025-06-30')] },
      [],
    ],
    [
      'several ties at once',
      {
        employer: '云岭县第一中学',
        employerCreditCode: '12530423431234567X',
        employments: [job('红河宏图信息技术股份有限公司', '2020-01-01', '2024-12-31', '监事')],
        relations: [rel('relative', '杨丽', '姐妹')],
      },
      [
        { code: 'DIRECTOR_OF_BIDDER', supplierId: 'hongtu' },
        { code: 'RELATIVE_OF_BIDDER', supplierId: 'lianchuang' },
        { code: 'EMPLOYER_IS_PURCHASER' },
      ],
    ],
  ];

  it.each(cases)('%s', (_name, over, expected) => {
    const reasons = recusalReasons(expert(over), parties, DAY);
    const sortKey = (r: { code: string; supplierId?: string }) => `${r.code}|${r.supplierId ?? ''}`;
    expect(reasons.map(sortKey).sort()).toEqual(expected.map(sortKey).sort());
    for (const r of reasons) expect(r.message).toMatch(/[\u4e00-\u9fff]/u);
  });

  it('says why, in Chinese', () => {
    expect(
      recusalReasons(
        expert({ employments: [job('红河宏图信息技术股份有限公司', '2020-01-01', '2024-12-31', '监事')] }),
        parties,
        DAY,
      ),
    ).toEqual([
      {
        code: 'DIRECTOR_OF_BIDDER',
        message: '三年内曾任投标人「红河宏图信息技术股份有限公司」的监事',
        supplierId: 'hongtu',
      },
    ]);
    expect(
      recusalReasons(expert({ employer: '云岭县第一中学', employerCreditCode: null }), parties, DAY),
    ).toEqual([
      {
        code: 'EMPLOYER_IS_PURCHASER',
        message: '任职于采购人「云岭县第一中学」，只能作为采购人代表参加评审',
      },
    ]);
  });
});
