import { describe, expect, it } from 'vitest';
import { creditCodeProblem } from '../../modules/orgs/rules.ts';
import { ROLES } from '../../platform/auth/actor.ts';
import { passwordProblem } from '../../platform/auth/passwords.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoData, orgCodeCheckChar } from './data.ts';
import { idNumberCheckChar, idNumberValid } from './id-number.ts';
import { demoPlanning } from './planning.ts';
import { tenderingTimeline } from './tendering.ts';

const data = demoData();

function duplicates(xs: readonly string[]): string[] {
  const seen = new Set<string>();
  return xs.filter((x) => (seen.has(x) ? true : (seen.add(x), false)));
}

describe('idNumberCheckChar / idNumberValid (GB 11643, ISO 7064 MOD 11-2)', () => {
  it.each([
    // The worked example of GB 11643-1999, whose check sum leaves 2 and so writes X.
    { id: '11010519491231002X', valid: true },
    { id: '440524188001010014', valid: true },
    { id: '110105194912310021', valid: false }, // wrong check digit
    { id: '440524188001010015', valid: false }, // wrong check digit
    { id: '11010519491231002x', valid: false }, // X must be upper case
    { id: '110105194913310021', valid: false }, // month 13, though the check digit is right
    { id: '110105194902300020', valid: false }, // 30 February
    { id: '11010519491231002', valid: false }, // 17 characters
    { id: '1101051949123100A2', valid: false }, // letter in the body
  ])('$id → $valid', ({ id, valid }) => {
    expect(idNumberValid(id)).toBe(valid);
  });

  it('computes check characters, including X for 10', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(idNumberCheckChar('44052418800101001')).toBe('4');
    expect(idNumberCheckChar('11010519490230002')).toBe('0');
    expect(() => idNumberCheckChar('1101051949123100')).toThrow(RangeError);
  });
});

describe('orgCodeCheckChar (GB 11714)', () => {
  it.each([
    { body: '71610585', check: '2' },
    { body: '71526726', check: 'X' },
  ])('$body → $check', ({ body, check }) => {
    expect(orgCodeCheckChar(body)).toBe(check);
  });
});

describe('demoData', () => {
  it('is deterministic, and a different seed gives different people', () => {
    expect(demoData()).toEqual(data);
    const other = demoData('another-seed');
    expect(other.experts.map((e) => e.idNumber)).not.toEqual(data.experts.map((e) => e.idNumber));
    expect(other.purchasers.map((p) => p.name)).toEqual(data.purchasers.map((p) => p.name));
  });

  it('has counts in the stated ranges', () => {
    const level = (l: string) => data.purchasers.filter((p) => p.level === l).length;
    expect(level('county')).toBeGreaterThanOrEqual(20);
    expect(level('county')).toBeLessThanOrEqual(25);
    expect(level('township')).toBeGreaterThanOrEqual(6);
    expect(level('township')).toBeLessThanOrEqual(10);
    expect(level('village')).toBeGreaterThanOrEqual(8);
    expect(level('village')).toBeLessThanOrEqual(12);
    expect(data.suppliers.length).toBeGreaterThanOrEqual(55);
    expect(data.suppliers.length).toBeLessThanOrEqual(65);
    expect(data.specialties.length).toBeGreaterThanOrEqual(30);
    expect(data.specialties.length).toBeLessThanOrEqual(45);
    expect(data.experts.length).toBeGreaterThanOrEqual(140);
    expect(data.experts.length).toBeLessThanOrEqual(160);
  });

  it('gives every body a valid, unique credit code of the right kind (villages have none)', () => {
    const codes = [...data.purchasers.map((p) => p.creditCode), ...data.suppliers.map((s) => s.creditCode)];
    const present = codes.filter((c): c is string => c !== null);
    expect(present.filter((c) => creditCodeProblem(c) !== null)).toEqual([]);
    // The organisation-code part is itself valid under GB 11714.
    expect(present.filter((c) => orgCodeCheckChar(c.slice(8, 16)) !== c[16])).toEqual([]);
    expect(duplicates(present)).toEqual([]);
    for (const p of data.purchasers) {
      if (p.level === 'village') expect(p.creditCode).toBeNull();
      else expect(p.creditCode?.slice(0, 2)).toMatch(/^1[12]$/);
    }
    for (const s of data.suppliers) expect(['91', '92', '93', '31']).toContain(s.creditCode.slice(0, 2));
  });

  it('gives experts valid, unique ID numbers from the fictional county', () => {
    const ids = data.experts.map((e) => e.idNumber);
    expect(ids.filter((id) => !idNumberValid(id))).toEqual([]);
    expect(duplicates(ids)).toEqual([]);
    expect(ids.every((id) => id.startsWith('150439'))).toBe(true);
  });

  it('has unique names, codes, phones and usernames', () => {
    expect(duplicates(data.purchasers.map((p) => p.name))).toEqual([]);
    expect(duplicates(data.suppliers.map((s) => s.name))).toEqual([]);
    expect(duplicates(data.experts.map((e) => e.name))).toEqual([]);
    expect(duplicates(data.specialties.map((s) => s.code))).toEqual([]);
    expect(duplicates(data.accounts.map((a) => a.username))).toEqual([]);
    const phones = [
      ...data.purchasers.map((p) => p.contactPhone),
      ...data.suppliers.map((s) => s.contactPhone),
      ...data.experts.map((e) => e.phone),
    ];
    expect(duplicates(phones)).toEqual([]);
    expect(phones.filter((p) => !/^1[3-9][0-9]{9}$/.test(p))).toEqual([]);
  });

  it('puts every village under a township, and nothing else under anything', () => {
    const byName = new Map(data.purchasers.map((p) => [p.name, p]));
    for (const p of data.purchasers) {
      if (p.level === 'village') {
        expect(p.parentName && byName.get(p.parentName)?.level).toBe('township');
      } else {
        expect(p.parentName).toBeNull();
      }
    }
  });

  it('has 6 suppliers awaiting review and 1–2 rejected with a reason', () => {
    const by = (status: string) => data.suppliers.filter((s) => s.status === status);
    expect(by('pending')).toHaveLength(6);
    expect(by('rejected').length).toBeGreaterThanOrEqual(1);
    expect(by('rejected').length).toBeLessThanOrEqual(2);
    expect(by('rejected').every((s) => (s.reviewNote ?? '').length > 0)).toBe(true);
    expect(by('approved').every((s) => s.reviewNote === null)).toBe(true);
    const sizes = (size: string) => data.suppliers.filter((s) => s.size === size).length;
    expect(sizes('small') + sizes('micro')).toBeGreaterThan(data.suppliers.length / 2);
    expect(sizes('large')).toBeGreaterThanOrEqual(1);
    expect(sizes('large')).toBeLessThanOrEqual(3);
  });

  it('builds a three-level specialty tree, parents first', () => {
    const seen = new Set<string>();
    for (const s of data.specialties) {
      if (s.parentCode === null) expect(s.code).toMatch(/^[ABC]$/);
      else {
        expect(seen.has(s.parentCode)).toBe(true);
        expect(s.code.startsWith(s.parentCode)).toBe(true);
      }
      seen.add(s.code);
    }
    expect(data.specialties.filter((s) => s.parentCode === null).map((s) => s.name)).toEqual([
      '货物',
      '工程',
      '服务',
    ]);
  });

  it('qualifies every expert: 1–3 leaf specialties, intermediate titles with at least 8 years', () => {
    const parents = new Set(data.specialties.map((s) => s.parentCode));
    const leaves = new Set(data.specialties.map((s) => s.code).filter((c) => !parents.has(c)));
    for (const e of data.experts) {
      expect(e.specialtyCodes.length).toBeGreaterThanOrEqual(1);
      expect(e.specialtyCodes.length).toBeLessThanOrEqual(3);
      expect(duplicates(e.specialtyCodes)).toEqual([]);
      expect(e.specialtyCodes.every((c) => leaves.has(c))).toBe(true);
      if (e.titleLevel === 'intermediate') expect(e.years).toBeGreaterThanOrEqual(8);
      // Nobody has worked since before the age of 18.
      expect(e.years).toBeLessThanOrEqual(2026 - Number(e.idNumber.slice(6, 10)) - 18);
    }
    // Every leaf can field a small committee from active experts.
    for (const leaf of leaves) {
      const active = data.experts.filter((e) => e.status === 'active' && e.specialtyCodes.includes(leaf));
      expect(active.length, leaf).toBeGreaterThanOrEqual(3);
    }
    const suspended = data.experts.filter((e) => e.status === 'suspended').length;
    expect(suspended).toBeGreaterThanOrEqual(2);
    expect(suspended).toBeLessThanOrEqual(10);
  });

  it('employs some experts at demo purchasers and suppliers, so recusal has conflicts to find', () => {
    const purchaserNames = new Set(data.purchasers.map((p) => p.name));
    const supplierNames = new Set(data.suppliers.map((s) => s.name));
    expect(data.experts.filter((e) => purchaserNames.has(e.employer)).length).toBeGreaterThanOrEqual(10);
    expect(data.experts.filter((e) => supplierNames.has(e.employer)).length).toBeGreaterThanOrEqual(5);
  });

  it('has one account per role, bound to records that exist and are usable', () => {
    expect(data.accounts).toBe(DEMO_ACCOUNTS);
    for (const role of ROLES)
      expect(
        DEMO_ACCOUNTS.some((a) => a.role === role),
        role,
      ).toBe(true);
    expect(passwordProblem(DEMO_PASSWORD)).toBeNull();
    for (const a of DEMO_ACCOUNTS) {
      const needs = a.role === 'purchaser' || a.role === 'supplier' || a.role === 'expert' ? a.role : null;
      expect(a.binding?.kind ?? null).toBe(needs);
      const b = a.binding;
      if (b?.kind === 'purchaser') {
        const p = data.purchasers.find((x) => x.name === b.name);
        expect(p?.name).toBe('云岭县教育局');
        expect(p?.contactName).toBe(a.displayName);
      }
      if (b?.kind === 'supplier') {
        const s = data.suppliers.find((x) => x.name === b.name);
        expect(s?.status).toBe('approved');
        expect(s?.contactName).toBe(a.displayName);
      }
      if (b?.kind === 'expert') {
        const e = data.experts.find((x) => x.name === b.name);
        expect(e?.status).toBe('active');
      }
    }
    // The bound records are hand-written, so they exist whatever the seed.
    const other = demoData('another-seed');
    expect(other.experts.some((e) => e.name === '高志远' && e.status === 'active')).toBe(true);
  });
});

describe('tenderingTimeline', () => {
  it('is deterministic: the same seed and day give the same projects, amounts and steps', () => {
    const a = tenderingTimeline('zhengcai-demo', '2026-03-02');
    const b = tenderingTimeline('zhengcai-demo', '2026-03-02');
    expect(a.steps).toEqual(b.steps);
    expect(a.data).toEqual(b.data);
    const lots = a.data.projects.filter((p) => p.programme === 'schoolSafety').flatMap((p) => p.lots);
    expect(lots).toHaveLength(27);
  });

  it('keeps every step before the seed day, in order', () => {
    const t = tenderingTimeline('zhengcai-demo', '2026-03-02');
    const at = t.steps.map((s) => s.at.getTime());
    expect(at).toEqual([...at].sort((x, y) => x - y));
    expect(Math.max(...at)).toBeLessThan(new Date('2026-03-02T00:00:00+08:00').getTime());
    expect(t.reached.get('ultrasound')).toBe('corrected');
  });

  it('never fails beyond the covered calendar: projects move earlier or stay unpublished', () => {
    for (const day of ['2026-12-28', '2026-12-31', '2027-01-04', '2027-06-01']) {
      const t = tenderingTimeline('zhengcai-demo', day);
      for (const s of t.steps.filter((x) => x.publish)) {
        expect(String(s.publish?.bidDeadlineAt) < '2027').toBe(true);
      }
    }
    const far = tenderingTimeline('zhengcai-demo', '2027-06-01');
    expect(far.steps.some((s) => s.kind === 'publish')).toBe(false);
    expect(far.reached.get('multimedia')).toBe('linted');
    expect(far.reached.get('imaging')).toBe('approved');
  });

  it('plans accepted lines for every project share, and the plan stays as it was before them', () => {
    const plan = demoPlanning('zhengcai-demo', data, '2026-03-02');
    const refs = new Set(plan.lines.flatMap((l) => (l.ref ? [l.ref] : [])));
    const t = tenderingTimeline('zhengcai-demo', '2026-03-02');
    for (const p of t.data.projects) for (const s of p.shares) expect(refs.has(s.ref)).toBe(true);
    expect(plan.lines.filter((l) => l.ref === null)).toHaveLength(36);
    expect(plan.lines.filter((l) => l.ref !== null).every((l) => l.status === 'accepted')).toBe(true);
  });
});
