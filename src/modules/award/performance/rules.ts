/**
 * The pure rules of performance supervision (履约监管), acceptance (履约验收) and payment (货款结算). No clock and no
 * database: every function takes the days it compares (ARCHITECTURE.md rule 6) and each legal rule cites its
 * article. Confidence marks as in RULES.md: ✅P checked against the primary text; ⚠️ not verified.
 */
import { addWorkingDays } from '../../../platform/calendar.ts';
import type { Requirements } from '../../tendering/contract.ts';
import type { AcceptanceItem } from '../tables.ts';
import { isLate } from '../rules/clocks.ts';
import { yuanText } from '../rules/contract-terms.ts';

// ── Lateness ────────────────────────────────────────────────────────────────────────────────────────────

/** Calendar days from `from` to `to` (0 when `to` ≤ `from`). */
export function calendarDaysBetween(from: string, to: string): number {
  const ms = Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`);
  return ms > 0 ? Math.round(ms / 86_400_000) : 0;
}

export interface Lateness {
  late: boolean;
  /** Calendar days past the due day (0 when in time). */
  daysLate: number;
}

/**
 * Whether a step due on `dueOn` is late: done after its due day, or — not done yet — still undone after it. The due
 * day itself is in time (94号令 第四十二条 reading of "内": the limit includes its last day).
 */
export function lateness(dueOn: string, doneOn: string | null, today: string): Lateness {
  const day = doneOn ?? today;
  const late = isLate(dueOn, day);
  return { late, daysLate: late ? calendarDaysBetween(dueOn, day) : 0 };
}

// ── Issues ──────────────────────────────────────────────────────────────────────────────────────────────

/** The supplier's answer to a performance issue: 3 working days unless the issue sets 1–15 (a platform rule, not law). */
export const ISSUE_RESPONSE_DAYS = { default: 3, min: 1, max: 15 } as const;

/** Last day for the supplier to answer an issue raised on `raisedOn` (the raising day not counted). */
export function issueResponseDue(
  raisedOn: string,
  workingDays: number = ISSUE_RESPONSE_DAYS.default,
): string {
  if (
    !Number.isInteger(workingDays) ||
    workingDays < ISSUE_RESPONSE_DAYS.min ||
    workingDays > ISSUE_RESPONSE_DAYS.max
  ) {
    throw new RangeError(`issue response days must be an integer of 1–15: ${workingDays}`);
  }
  return addWorkingDays(raisedOn, workingDays);
}

// ── Milestones ──────────────────────────────────────────────────────────────────────────────────────────

export type MilestoneKind = 'delivery' | 'installation' | 'training' | 'service' | 'other';

export interface PlannedMilestone {
  kind: MilestoneKind;
  title: string;
  dueOn: string;
  periodEndsOn: string | null;
}

export interface PlanProblem {
  index: number;
  code: string;
  message: string;
}

/** A plan the purchaser may set: service periods need their last day, after their start; nothing before signing. */
export function planProblems(plan: readonly PlannedMilestone[], signedOn: string | null): PlanProblem[] {
  const out: PlanProblem[] = [];
  plan.forEach((m, index) => {
    if (m.kind === 'service' && m.periodEndsOn === null)
      out.push({ index, code: 'SERVICE_PERIOD_END', message: '服务期须填写服务期结束日' });
    if (m.periodEndsOn !== null && m.periodEndsOn < m.dueOn)
      out.push({ index, code: 'PERIOD_BEFORE_START', message: '服务期结束日不得早于开始（应完成）日' });
    if (signedOn !== null && m.dueOn < signedOn)
      out.push({ index, code: 'DUE_BEFORE_SIGNING', message: `履约节点日期不得早于合同签订日 ${signedOn}` });
  });
  return out;
}

// ── Acceptance checklist (验收书) ───────────────────────────────────────────────────────────────────────

/** A checklist line before the acceptance body fills it in. */
export type ChecklistLine = Omit<AcceptanceItem, 'result' | 'note'>;

export interface ChecklistInput {
  lotNo: number;
  /** The tender's requirements as published. */
  requirements: Pick<Requirements, 'substantive' | 'specifications' | 'deliveryPeriod' | 'deliveryPlace'>;
  /** The winner's read-out items for the lot (开标一览表: 交货期, 质保期 …). */
  commitments: Record<string, string>;
  contract: {
    amountFen: bigint;
    /** Add-ons and price changes agreed since (法49). */
    amendmentsFen: bigint;
    performancePeriod: string | null;
    deliveryPlace: string | null;
  };
  milestones: readonly { seq: number; title: string; dueOn: string; periodEndsOn: string | null }[];
}

/**
 * The acceptance checklist, derived from what the supplier is bound to deliver (政府采购法实施条例 第四十五条 ✅P:
 * 按照政府采购合同规定的技术、服务、安全标准组织验收…验收书应当包括每一项技术、服务、安全标准的履约情况):
 * - the requirements: every ★ 实质性要求 and every 技术规格/服务要求 of the lot (qualification conditions concern
 *   the bidder, not the delivery, and scoring factors are not obligations in themselves: both left out);
 * - the winner's commitments read out at the opening (交货期, 质保期 …), which the contract takes over;
 * - the contract's own terms: the amount delivered for, the performance period, the place, and each planned
 *   milestone.
 * Line ids are stable, so the acceptance body answers line by line and the server can tell a missing line.
 */
export function deriveChecklist(input: ChecklistInput): ChecklistLine[] {
  const forLot = <T extends { lotNo: number | null }>(c: T) => c.lotNo === null || c.lotNo === input.lotNo;
  const lines: ChecklistLine[] = [];
  for (const c of input.requirements.substantive.filter(forLot))
    lines.push({ id: `req:${c.id}`, source: 'requirement', item: `实质性要求 ${c.id}`, expected: c.text });
  for (const c of input.requirements.specifications.filter(forLot))
    lines.push({
      id: `spec:${c.id}`,
      source: 'requirement',
      item: `技术/服务要求 ${c.id}`,
      expected: c.text,
    });
  for (const [name, value] of Object.entries(input.commitments).sort(([a], [b]) => a.localeCompare(b)))
    lines.push({ id: `bid:${name}`, source: 'commitment', item: `投标承诺：${name}`, expected: value });

  const { contract } = input;
  const total = contract.amountFen + contract.amendmentsFen;
  lines.push({
    id: 'contract:amount',
    source: 'contract',
    item: '合同标的及金额',
    expected:
      contract.amendmentsFen === 0n
        ? `按合同约定的标的、数量交付，合同金额 ${yuanText(total)} 元`
        : `按合同及补充合同约定的标的、数量交付，合同金额 ${yuanText(total)} 元（含变更/补充 ${yuanText(contract.amendmentsFen)} 元）`,
  });
  const period = contract.performancePeriod ?? input.requirements.deliveryPeriod;
  if (period) lines.push({ id: 'contract:period', source: 'contract', item: '履约期限', expected: period });
  const place = contract.deliveryPlace ?? input.requirements.deliveryPlace;
  if (place)
    lines.push({ id: 'contract:place', source: 'contract', item: '交付（服务）地点', expected: place });
  for (const m of [...input.milestones].sort((a, b) => a.seq - b.seq)) {
    lines.push({
      id: `milestone:${m.seq}`,
      source: 'contract',
      item: `履约节点：${m.title}`,
      expected: m.periodEndsOn ? `${m.dueOn} 至 ${m.periodEndsOn}` : `不迟于 ${m.dueOn}`,
    });
  }
  return lines;
}

export interface ItemResult {
  id: string;
  result: AcceptanceItem['result'];
  note?: string | undefined;
}

export interface AcceptanceInput {
  checklist: readonly ChecklistLine[];
  results: readonly ItemResult[];
  members: readonly string[];
  testingBody: string | null;
  /** The project's total budget, for "大型" (large). */
  projectBudgetFen: bigint;
  /** The acceptance body marks the project complex (复杂). */
  complex: boolean;
  publicService: boolean;
  recipientsOpinion: string | null;
  acceptedOn: string;
  signedOn: string | null;
  today: string;
}

export interface Finding {
  code: string;
  message: string;
  path: string;
}

/**
 * A project counts as large from ¥10 million of budget. ⚠️ Neither 法41 nor 财库〔2016〕205号 defines 大型; the
 * platform's threshold is a local choice (configurable by changing this constant until configuration carries it).
 */
export const LARGE_PROJECT_FEN = 10_000_000_00n;

/** The least number of acceptance members. ⚠️ 205号 asks for an acceptance group; "at least two" is ours. */
export const MIN_ACCEPTANCE_MEMBERS = 2;

/**
 * What is wrong with an acceptance as recorded:
 * - each line of the checklist answered once, no unknown line (条例45 ✅P: 验收书应当包括每一项…履约情况);
 * - members: at least two distinct names who sign (法41 ✅P: 验收方成员应当在验收书上签字; the number ⚠️ ours);
 * - large or complex projects: a nationally recognised quality-testing body took part (法41 ✅P: 大型或者复杂的政府
 *   采购项目，应当邀请国家认可的质量检测机构参加验收工作; also 财库〔2016〕205号 ⚠️);
 * - public services: the service recipients' opinion (财库〔2016〕205号 ⚠️: 向社会公众提供的公共服务项目，验收时应当
 *   邀请服务对象参与并出具意见，验收结果应当向社会公告);
 * - the day: not before signing, not in the future.
 */
export function acceptanceProblems(input: AcceptanceInput): Finding[] {
  const out: Finding[] = [];
  const known = new Set(input.checklist.map((l) => l.id));
  const seen = new Set<string>();
  input.results.forEach((r, i) => {
    if (!known.has(r.id))
      out.push({ code: 'ITEM_UNKNOWN', message: `验收清单中没有该项：${r.id}`, path: `body.items.${i}.id` });
    else if (seen.has(r.id))
      out.push({ code: 'ITEM_TWICE', message: `验收项重复：${r.id}`, path: `body.items.${i}.id` });
    seen.add(r.id);
    if (r.result === 'fail' && !r.note?.trim())
      out.push({ code: 'FAIL_NOTE', message: '不合格的验收项须写明情况', path: `body.items.${i}.note` });
  });
  const missing = input.checklist.filter((l) => !seen.has(l.id));
  if (missing.length)
    out.push({
      code: 'ITEMS_MISSING',
      message: `验收书应当包括每一项技术、服务、安全标准的履约情况（政府采购法实施条例第四十五条），尚未填写：${missing.map((l) => l.item).join('、')}`,
      path: 'body.items',
    });
  const names = new Set(input.members.map((m) => m.trim()).filter(Boolean));
  if (names.size < MIN_ACCEPTANCE_MEMBERS)
    out.push({
      code: 'MEMBERS_TOO_FEW',
      message: `验收小组至少 ${MIN_ACCEPTANCE_MEMBERS} 名成员，并在验收书上签字（政府采购法第四十一条）`,
      path: 'body.members',
    });
  const large = input.projectBudgetFen >= LARGE_PROJECT_FEN;
  if ((large || input.complex) && !input.testingBody?.trim())
    out.push({
      code: 'TESTING_BODY_REQUIRED',
      message: `${large ? '大型（预算 1000 万元以上）' : '复杂'}政府采购项目应当邀请国家认可的质量检测机构参加验收工作（政府采购法第四十一条；财库〔2016〕205号）`,
      path: 'body.testingBody',
    });
  if (input.publicService && !input.recipientsOpinion?.trim())
    out.push({
      code: 'RECIPIENTS_OPINION_REQUIRED',
      message: '向社会公众提供的公共服务项目，验收时应当邀请服务对象参与并出具意见（财库〔2016〕205号）',
      path: 'body.recipientsOpinion',
    });
  if (input.acceptedOn > input.today)
    out.push({ code: 'ACCEPTED_IN_FUTURE', message: '验收日期不得晚于今天', path: 'body.acceptedOn' });
  if (input.signedOn !== null && input.acceptedOn < input.signedOn)
    out.push({
      code: 'ACCEPTED_BEFORE_SIGNING',
      message: `验收日期不得早于合同签订日 ${input.signedOn}`,
      path: 'body.acceptedOn',
    });
  return out;
}

/** Passed only when no line failed (a line may be not applicable). */
export function conclusionOf(results: readonly Pick<ItemResult, 'result'>[]): 'passed' | 'failed' {
  return results.some((r) => r.result === 'fail') ? 'failed' : 'passed';
}

/**
 * The text kept for the acceptance's opinion: the acceptance body's own, and for a public service the recipients'
 * opinion after a fixed marker (the acceptances table has one opinion column).
 */
export const RECIPIENTS_MARKER = '\n\n【服务对象意见】';

export function joinOpinion(opinion: string, recipientsOpinion: string | null): string {
  return recipientsOpinion?.trim() ? `${opinion}${RECIPIENTS_MARKER}${recipientsOpinion.trim()}` : opinion;
}

export function splitOpinion(stored: string): { opinion: string; recipientsOpinion: string | null } {
  const at = stored.indexOf(RECIPIENTS_MARKER);
  if (at < 0) return { opinion: stored, recipientsOpinion: null };
  return { opinion: stored.slice(0, at), recipientsOpinion: stored.slice(at + RECIPIENTS_MARKER.length) };
}

/**
 * Canonical JSON (RFC 8785 subset for plain data: keys sorted, no whitespace; bigint as a decimal string): the
 * text whose SHA-256 is the report's hash, so anyone can recompute it from the report.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string')
    return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new TypeError(`cannot canonicalise ${typeof value}`);
}

// ── Payment ─────────────────────────────────────────────────────────────────────────────────────────────

export interface PaidTotals {
  /** What may be paid: the contract amount plus add-ons and price changes (法49). */
  payableFen: bigint;
  paidFen: bigint;
  outstandingFen: bigint;
  fullyPaid: boolean;
}

export function paidTotals(
  amountFen: bigint,
  amendmentsFen: readonly bigint[],
  paymentsFen: readonly bigint[],
): PaidTotals {
  const payableFen = amendmentsFen.reduce((a, b) => a + b, amountFen);
  const paidFen = paymentsFen.reduce((a, b) => a + b, 0n);
  return { payableFen, paidFen, outstandingFen: payableFen - paidFen, fullyPaid: paidFen >= payableFen };
}

/** A new payment that would take the total paid over what the contract (with its amendments) allows. */
export function overpayment(totals: PaidTotals, newFen: bigint): bigint {
  const over = totals.paidFen + newFen - totals.payableFen;
  return over > 0n ? over : 0n;
}

/**
 * Whether the contract's payment is late: a payment made after the due day, or — the contract not fully paid — the
 * due day past (保障中小企业款项支付条例 第九条、第十五条 ⚠️ for 15: 逾期支付的应当支付逾期利息). No due day (not
 * accepted yet, or a non-SME contract with no agreed term): never late.
 */
export function paymentLateness(
  dueOn: string | null,
  payments: readonly { paidOn: string }[],
  fullyPaid: boolean,
  today: string,
): Lateness {
  if (dueOn === null) return { late: false, daysLate: 0 };
  const lastPaid = payments.reduce<string | null>(
    (a, p) => (a === null || p.paidOn > a ? p.paidOn : a),
    null,
  );
  return lateness(dueOn, fullyPaid ? lastPaid : null, today);
}
