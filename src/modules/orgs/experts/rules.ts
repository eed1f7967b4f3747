/**
 * Pure rules of the expert pool: entry qualifications, the status life cycle, dates of leave and employment,
 * and the pool coverage calculation. No database, no clock: callers pass the day they reason about.
 */

export const TITLE_LEVELS = ['senior', 'intermediate'] as const;
export type TitleLevel = (typeof TITLE_LEVELS)[number];
export const TITLE_LEVEL_LABELS: Record<TitleLevel, string> = {
  senior: '高级职称',
  intermediate: '中级职称',
};

export const EXPERT_STATUSES = ['pending', 'active', 'suspended', 'removed', 'rejected'] as const;
export type ExpertStatus = (typeof EXPERT_STATUSES)[number];
/** 亲属 and other declared conflicts of interest (条例9). */
export const RELATION_KIND_LABELS = { relative: '亲属', conflict: '其他利害关系' } as const;

export const EXPERT_STATUS_LABELS: Record<ExpertStatus, string> = {
  pending: '待审核',
  active: '在库',
  suspended: '暂停',
  removed: '已除名',
  rejected: '未通过',
};

/**
 * 政府采购评审专家管理办法 (财库〔2016〕198号) 第六条(二): an expert needs a senior title, or an intermediate
 * title with at least 8 years in the field (RULES.md §3 "Expert entry — qualifications").
 */
export const INTERMEDIATE_MIN_YEARS = 8;

export function titleQualificationProblem(level: TitleLevel, years: number): string | null {
  if (!Number.isInteger(years) || years < 0) return '从业年限应为非负整数';
  if (level === 'intermediate' && years < INTERMEDIATE_MIN_YEARS) {
    return `中级职称须从事相关专业工作满 ${INTERMEDIATE_MIN_YEARS} 年（财库〔2016〕198号第六条），申报为 ${years} 年`;
  }
  return null;
}

/** The register's ID-number check, with its Chinese reasons. */
export { idNumberProblem } from '../id-number.ts';

/* -- Status life cycle (ARCHITECTURE.md rule 5: one explicit table) ------------------------------------------ */

/**
 * Who moves an expert where. `review` is the centre's decision on an application (only pending records);
 * `status` is the centre's management of the pool; `resubmit` is what an expert's change of title or
 * specialties does — the centre vouched for the old ones only. 198号 第十条 (article number to be confirmed
 * against the text) has experts report changes of title and employer to the pool's keeper.
 */
export const EXPERT_TRANSITIONS: Record<
  ExpertStatus,
  Record<'review' | 'status' | 'resubmit', ExpertStatus[]>
> = {
  pending: { review: ['active', 'rejected'], status: [], resubmit: ['pending'] },
  active: { review: [], status: ['suspended', 'removed'], resubmit: ['pending'] },
  suspended: { review: [], status: ['active', 'removed'], resubmit: [] },
  removed: { review: [], status: [], resubmit: [] },
  rejected: { review: [], status: [], resubmit: ['pending'] },
};

export function transitionProblem(
  from: ExpertStatus,
  kind: 'review' | 'status' | 'resubmit',
  to: ExpertStatus,
): string | null {
  if (EXPERT_TRANSITIONS[from][kind].includes(to)) return null;
  const label = EXPERT_STATUS_LABELS[from];
  if (kind === 'review') return `只有待审核的专家可以审核，该专家当前为“${label}”`;
  if (kind === 'resubmit') return `专家当前为“${label}”，不能修改职称或专业`;
  return `专家状态不能从“${label}”改为“${EXPERT_STATUS_LABELS[to]}”`;
}

/* -- Calendar days (YYYY-MM-DD, Asia/Shanghai) --------------------------------------------------------------- */

/** The same day n months later (negative: earlier); 31 March − 1 month is 28/29 February, not 3 March. */
export function addMonths(day: string, n: number): string {
  const [y = 0, m = 1, d = 1] = day.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, lastDay));
  return first.toISOString().slice(0, 10);
}

export interface Period {
  startsOn: string;
  endsOn: string;
}

/** Leave periods are inclusive at both ends. */
export const onLeave = (leaves: readonly Period[], day: string): boolean =>
  leaves.some((l) => l.startsOn <= day && l.endsOn >= day);

/** 条例9 (政府采购法实施条例第九条): a past employer binds the expert for 3 years after leaving. */
export const RECUSAL_YEARS = 3;

export interface EmploymentSpan {
  startedOn: string;
  endedOn: string | null;
}

/** Employed at some time in the 3 years up to and including `day` (条例9 第一项). */
export function employedWithinRecusalPeriod(e: EmploymentSpan, day: string): boolean {
  const windowStart = addMonths(day, -12 * RECUSAL_YEARS);
  return e.startedOn <= day && (e.endedOn === null || e.endedOn >= windowStart);
}

/* -- Pool coverage --------------------------------------------------------------------------------------------- */

/**
 * 87号令 第四十七条: a tender committee has at least 5 members. The 2 alternates are the centre's practice, so a
 * recusal on the day (87号令 第四十九条: top up by re-draw) does not stop the review.
 */
export const COMMITTEE_SIZE = 5;
export const ALTERNATES = 2;
export const DRAW_NEEDS = COMMITTEE_SIZE + ALTERNATES;
/** Demand is reckoned over the 12 months before the report day. */
export const DEMAND_MONTHS = 12;

export interface CoverageSpecialty {
  code: string;
  name: string;
  parentCode: string | null;
}

export interface CoverageExpert {
  id: string;
  status: ExpertStatus;
  specialtyCodes: readonly string[];
  leaves: readonly Period[];
  /** `partyKey` names the purchaser or supplier the employer is (null: neither, so it can never be a party). */
  employments: readonly (EmploymentSpan & { partyKey: string | null })[];
}

export interface CoverageDemand {
  specialtyCode: string;
  projectRef: string;
  reviewedOn: string;
}

export interface CoverageRow {
  code: string;
  name: string;
  parentCode: string | null;
  leaf: boolean;
  /** Active experts declaring the specialty (or one below it) who are not on leave on the report day. */
  available: number;
  /** Distinct projects that drew experts of the specialty in the 12 months before the report day. */
  draws: number;
  /** The most available experts a single purchaser or supplier would recuse (条例9), and which party. */
  worstCaseRecused: number;
  worstCaseParty: string | null;
  /** Who would remain for a draw against that party. */
  drawable: number;
  /** Fewer than 5 members + 2 alternates remain. */
  flagged: boolean;
  /** draws × 5 / available: seats to fill per available expert per year; null when nobody is available. */
  demandPressure: number | null;
}

/** Half-up to two decimals, on integers so 1.005 does not become 1.00. */
const round2 = (numerator: number, denominator: number): number =>
  Math.round((numerator * 100) / denominator + Number.EPSILON) / 100;

/** Every specialty with the codes of itself and all below it. */
function subtrees(specialties: readonly CoverageSpecialty[]): Map<string, Set<string>> {
  const children = new Map<string, string[]>();
  for (const s of specialties) {
    if (s.parentCode) children.set(s.parentCode, [...(children.get(s.parentCode) ?? []), s.code]);
  }
  const out = new Map<string, Set<string>>();
  const collect = (code: string): Set<string> => {
    const known = out.get(code);
    if (known) return known;
    const set = new Set([code]);
    for (const c of children.get(code) ?? []) for (const x of collect(c)) set.add(x);
    out.set(code, set);
    return set;
  };
  for (const s of specialties) collect(s.code);
  return out;
}

/**
 * Per specialty: who could be drawn on `asOf`, how often the specialty was needed, and whether a committee of
 * 5 plus 2 alternates survives recusal. Recusal is taken at its worst single party: over every purchaser and
 * supplier, the number of available experts it employed within the last 3 years (条例9 第一项; RULES.md §3
 * "回避"), since a draw against that party loses all of them at once. Flagged rows come first, tightest first.
 */
export function poolCoverage(input: {
  asOf: string;
  specialties: readonly CoverageSpecialty[];
  experts: readonly CoverageExpert[];
  demand: readonly CoverageDemand[];
}): CoverageRow[] {
  const { asOf } = input;
  const demandFrom = addMonths(asOf, -DEMAND_MONTHS);
  const available = input.experts
    .filter((e) => e.status === 'active' && !onLeave(e.leaves, asOf))
    .map((e) => ({
      codes: new Set(e.specialtyCodes),
      parties: new Set(
        e.employments.flatMap((job) =>
          job.partyKey !== null && employedWithinRecusalPeriod(job, asOf) ? [job.partyKey] : [],
        ),
      ),
    }));
  const demand = input.demand.filter((d) => d.reviewedOn > demandFrom && d.reviewedOn <= asOf);
  const trees = subtrees(input.specialties);
  const parents = new Set(input.specialties.flatMap((s) => (s.parentCode ? [s.parentCode] : [])));

  const rows = input.specialties.map((s): CoverageRow => {
    const tree = trees.get(s.code) ?? new Set([s.code]);
    const here = available.filter((e) => [...e.codes].some((c) => tree.has(c)));
    const perParty = new Map<string, number>();
    for (const e of here) for (const p of e.parties) perParty.set(p, (perParty.get(p) ?? 0) + 1);
    let worstCaseParty: string | null = null;
    let worstCaseRecused = 0;
    // Ties go to the smallest key, so the report names the same party on every run.
    for (const [party, n] of [...perParty].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (n > worstCaseRecused) {
        worstCaseRecused = n;
        worstCaseParty = party;
      }
    }
    const draws = new Set(demand.filter((d) => tree.has(d.specialtyCode)).map((d) => d.projectRef)).size;
    const drawable = here.length - worstCaseRecused;
    return {
      code: s.code,
      name: s.name,
      parentCode: s.parentCode,
      leaf: !parents.has(s.code),
      available: here.length,
      draws,
      worstCaseRecused,
      worstCaseParty,
      drawable,
      flagged: drawable < DRAW_NEEDS,
      demandPressure: here.length === 0 ? null : round2(draws * COMMITTEE_SIZE, here.length),
    };
  });
  return rows.sort(
    (a, b) =>
      Number(b.flagged) - Number(a.flagged) ||
      (a.flagged ? a.drawable - b.drawable : 0) ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}

/* -- Presentation helpers -------------------------------------------------------------------------------------- */

/** z***@example.com: the domain tells a colleague where to look, the mailbox stays private. */
export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  return at > 0 ? `${email[0] ?? ''}***${email.slice(at)}` : '***';
}

/** Reviews an expert sat on per calendar year, oldest first: the centre watches for over-drawn experts. */
export function yearlyCounts(days: readonly string[]): { year: number; count: number }[] {
  const by = new Map<number, number>();
  for (const d of days) {
    const y = Number(d.slice(0, 4));
    by.set(y, (by.get(y) ?? 0) + 1);
  }
  return [...by].sort(([a], [b]) => a - b).map(([year, count]) => ({ year, count }));
}
