/**
 * 回避 (recusal) of review experts, 政府采购法实施条例 第九条 and 财库〔2016〕198号: pure, so the draw can
 * filter a pool before its candidate list is committed (ADR 0006) and tests can run it ten thousand times.
 *
 * An expert is recused from a project when, within 3 years before the procurement, it was employed by a
 * bidder or was its director, supervisor, controlling shareholder or actual controller; when a relative of
 * the expert is a bidder's legal representative or one of its people; when it declared a conflict with a
 * party; and (87号令47, 198号) when its employer is the purchaser — it may then sit only as purchaser's
 * representative.
 */

export interface ExpertConflictFacts {
  expertId: string;
  /** Current employer (experts.employer). */
  employer: string;
  employerCreditCode?: string | null;
  /** The expert's own ID number: matched against bidders' people (shareholders, controllers …) when given. */
  idNumber?: string | null;
  employments: {
    employer: string;
    creditCode: string | null;
    position: string | null;
    /** ISO dates (YYYY-MM-DD). */
    startedOn: string;
    endedOn: string | null;
  }[];
  relations: {
    kind: 'relative' | 'conflict';
    name: string;
    relation: string;
    organisation: string | null;
    creditCode: string | null;
  }[];
}

export interface PartyFacts {
  bidders: {
    supplierId: string;
    name: string;
    creditCode: string;
    /** Legal representative, shareholders, controllers, directors, managers. */
    people: { name: string; role: string; idNumber?: string | null }[];
  }[];
  purchasers: { name: string; creditCode: string | null }[];
}

export type RecusalCode =
  | 'EMPLOYED_BY_BIDDER'
  | 'DIRECTOR_OF_BIDDER'
  | 'RELATIVE_OF_BIDDER'
  | 'DECLARED_CONFLICT'
  | 'EMPLOYER_IS_PURCHASER';

export interface RecusalReason {
  code: RecusalCode;
  message: string;
  supplierId?: string;
}

/** How far back 条例9 looks. */
export const RECUSAL_YEARS = 3;

/**
 * Legal-form suffixes dropped when comparing organisation names: the longest that ends the name, only one,
 * and not at all when it would leave fewer than two characters (so 「有限公司」 alone matches only itself).
 */
const LEGAL_FORM_SUFFIXES = ['股份有限公司', '有限责任公司', '股份公司', '有限公司'] as const;

/**
 * Organisation name as compared: NFKC (full-width letters, digits and brackets → half-width), whitespace
 * removed, Latin upper-cased, and a trailing legal-form suffix dropped — so 「云岭县联创电脑科技有限公司」,
 * 「云岭县联创电脑科技有限责任公司」 and 「云岭县联创电脑科技股份有限公司」 compare equal, while 「联创科技」 and
 * 「联创电脑科技」 do not. A branch (分公司) keeps its own name: it is matched by credit code if at all.
 */
export function normaliseOrganisation(name: string): string {
  const s = name.normalize('NFKC').replace(/\s+/gu, '').toUpperCase();
  const suffix = LEGAL_FORM_SUFFIXES.find((x) => s.endsWith(x));
  return suffix && s.length - suffix.length >= 2 ? s.slice(0, -suffix.length) : s;
}

export function normaliseCreditCode(code: string | null | undefined): string | null {
  const s = (code ?? '').normalize('NFKC').replace(/\s+/gu, '').toUpperCase();
  return s === '' ? null : s;
}

const normalisePerson = (name: string): string =>
  name
    .normalize('NFKC')
    .replace(/[\s·•．.]/gu, '')
    .toUpperCase();

/** An organisation as compared: normalised credit code and name. */
interface OrgKey {
  code: string | null;
  name: string;
}
const orgKey = (name: string | null, creditCode?: string | null): OrgKey => ({
  code: normaliseCreditCode(creditCode),
  name: name ? normaliseOrganisation(name) : '',
});
const sameKey = (a: OrgKey, b: OrgKey): boolean =>
  a.code !== null && b.code !== null ? a.code === b.code : a.name !== '' && a.name === b.name;

/** Same organisation: by credit code when both sides have one, otherwise by normalised name. */
export function sameOrganisation(
  a: { name: string | null; creditCode?: string | null },
  b: { name: string | null; creditCode?: string | null },
): boolean {
  return sameKey(orgKey(a.name, a.creditCode), orgKey(b.name, b.creditCode));
}

/** Positions that make a past or present tie a directorship or control, not employment. */
const DIRECTOR_POSITION = /董事|监事|法定代表人|法人代表|实际控制人|股东|执行事务合伙人|合伙人/u;

export const isDirectorPosition = (position: string | null): boolean =>
  position !== null && DIRECTOR_POSITION.test(position.normalize('NFKC'));

/** `day` minus `years` calendar years; 29 February becomes 28 February in a common year. */
export function yearsBefore(day: string, years: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new RangeError(`not an ISO date: ${day}`);
  const y = Number(m[1]) - years;
  const month = m[2] ?? '01';
  let d = m[3] ?? '01';
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (month === '02' && d === '29' && !leap) d = '28';
  return `${String(y).padStart(4, '0')}-${month}-${d}`;
}

interface PreparedParties {
  bidders: {
    b: PartyFacts['bidders'][number];
    key: OrgKey;
    people: Set<string>;
    ids: Map<string, string>;
  }[];
  purchasers: { u: PartyFacts['purchasers'][number]; key: OrgKey }[];
}

/** The parties' normalised keys, computed once per PartyFacts object: a pool is checked against the same one. */
const prepared = new WeakMap<PartyFacts, PreparedParties>();
function prepare(p: PartyFacts): PreparedParties {
  let out = prepared.get(p);
  if (!out) {
    out = {
      bidders: p.bidders.map((b) => ({
        b,
        key: orgKey(b.name, b.creditCode),
        people: new Set(b.people.map((x) => normalisePerson(x.name))),
        ids: new Map(
          b.people.flatMap((x) => {
            const id = normaliseCreditCode(x.idNumber);
            return id === null ? [] : [[id, x.role] as const];
          }),
        ),
      })),
      purchasers: p.purchasers.map((u) => ({ u, key: orgKey(u.name, u.creditCode) })),
    };
    prepared.set(p, out);
  }
  return out;
}

/**
 * Every reason the expert must not review for these parties on `day` (the procurement's date, YYYY-MM-DD);
 * an empty list means none was found in the facts given. One reason per code and bidder. PartyFacts is
 * treated as immutable: its normalised form is cached per object.
 */
export function recusalReasons(e: ExpertConflictFacts, p: PartyFacts, day: string): RecusalReason[] {
  const since = yearsBefore(day, RECUSAL_YEARS);
  const parties = prepare(p);
  const out: RecusalReason[] = [];
  const seen = new Set<string>();
  const add = (code: RecusalCode, message: string, supplierId?: string): void => {
    const key = `${code}|${supplierId ?? message}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(supplierId === undefined ? { code, message } : { code, message, supplierId });
  };

  // The current employer is employment up to today, whether or not it is also listed with dates.
  const ties = [
    { key: orgKey(e.employer, e.employerCreditCode), position: null, current: true },
    ...e.employments
      .filter((j) => j.startedOn <= day && (j.endedOn === null || j.endedOn >= since))
      .map((j) => ({
        key: orgKey(j.employer, j.creditCode),
        position: j.position,
        current: j.endedOn === null || j.endedOn >= day,
      })),
  ];
  const relations = e.relations.map((r) => ({
    r,
    org: orgKey(r.organisation, r.creditCode),
    asOrg: orgKey(r.organisation ?? r.name, r.creditCode),
    person: normalisePerson(r.name),
  }));
  const ownId = normaliseCreditCode(e.idNumber);

  for (const { b, key, people, ids } of parties.bidders) {
    for (const t of ties) {
      if (!sameKey(t.key, key)) continue;
      if (isDirectorPosition(t.position)) {
        add('DIRECTOR_OF_BIDDER', `三年内曾任投标人「${b.name}」的${t.position ?? ''}`, b.supplierId);
      } else {
        add(
          'EMPLOYED_BY_BIDDER',
          t.current ? `现任职于投标人「${b.name}」` : `三年内曾任职于投标人「${b.name}」`,
          b.supplierId,
        );
      }
    }
    const role = ownId === null ? undefined : ids.get(ownId);
    if (role !== undefined) add('DIRECTOR_OF_BIDDER', `本人是投标人「${b.name}」的${role}`, b.supplierId);

    for (const { r, org, asOrg, person } of relations) {
      const orgMatch = sameKey(org, key);
      const personMatch = people.has(person);
      if (r.kind === 'relative' && (orgMatch || personMatch)) {
        add(
          'RELATIVE_OF_BIDDER',
          personMatch
            ? `${r.relation}${r.name}是投标人「${b.name}」的相关人员`
            : `${r.relation}${r.name}在投标人「${b.name}」任职或持股`,
          b.supplierId,
        );
      }
      if (r.kind === 'conflict' && (orgMatch || personMatch || sameKey(asOrg, key))) {
        add('DECLARED_CONFLICT', `申报了与投标人「${b.name}」的利害关系：${r.relation}`, b.supplierId);
      }
    }
  }

  for (const { u, key } of parties.purchasers) {
    if (ties.some((t) => t.current && sameKey(t.key, key))) {
      add('EMPLOYER_IS_PURCHASER', `任职于采购人「${u.name}」，只能作为采购人代表参加评审`);
    }
    for (const { r, asOrg } of relations) {
      if (r.kind === 'conflict' && sameKey(asOrg, key)) {
        add('DECLARED_CONFLICT', `申报了与采购人「${u.name}」的利害关系：${r.relation}`);
      }
    }
  }
  return out;
}
