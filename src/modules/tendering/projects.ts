/**
 * Projects: created by the centre from accepted plan lines (one unit's or several units' — 打包采购), split
 * into lots, carrying their requirements as data; checked (method, lots, requirement ranges, document lint),
 * approved where the law asks, published with a lawful schedule, corrected, terminated. Every change runs in
 * one transaction with its audit event; every step is asked of the life-cycle table first.
 */
import { and, asc, count, desc, eq, ilike, inArray, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { appendAudit } from '../../platform/audit/log.ts';
import type { RequestContext } from '../../platform/auth/actor.ts';
import { abilities, authorize, can } from '../../platform/auth/policy.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { likeTerm } from '../../platform/db/like.ts';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.ts';
import { purchasers } from '../orgs/tables.ts';
import { reaches, resolveThreshold, type ThresholdRow } from '../planning/index.ts';
import { planLines, procurementThresholds } from '../planning/tables.ts';
import type {
  approvalBody,
  justificationBody,
  lintResult,
  projectBody,
  projectListQuery,
  projectPage,
  projectSummary,
  projectUpdateBody,
  projectView,
  Requirements,
} from './contract.ts';
import './events.ts';
import { blockingFindings, lintDocument } from './lint/lint.ts';
import type { Clause } from './lint/types.ts';
import { projectPolicy, type ProjectRecord } from './policy.ts';
import { requirementProblems, type Category, type Method } from './requirements.ts';
import {
  earliestBidDeadline,
  earliestDocumentsAvailableUntil,
  TIMED_METHODS,
  type TimedMethod,
} from './rules/deadlines.ts';
import {
  EVENT_LABELS,
  eventsFrom,
  next,
  STATE_LABELS,
  STATES,
  type Event,
  type Facts,
  type State,
} from './rules/lifecycle.ts';
import {
  checkMethod,
  lotProblems,
  METHOD_LABELS,
  splittingWarning,
  type MethodOutcome,
} from './rules/method.ts';
import {
  lintJustifications,
  lots,
  methodApprovals,
  notices,
  programmes,
  projectCounters,
  projects,
  projectShares,
  tenderTemplates,
  type LotRow,
  type ProjectRow,
  type StoredLint,
} from './tables.ts';

type View = z.infer<typeof projectView>;
type Summary = z.infer<typeof projectSummary>;
type MethodCheckView = View['methodCheck'];

const CATEGORIES: readonly Category[] = ['goods', 'works', 'services'];
const METHODS: readonly Method[] = [
  'openTender',
  'invitedTender',
  'negotiation',
  'consultation',
  'rfq',
  'singleSource',
];
export const categoryOf = (s: string): Category => CATEGORIES.find((c) => c === s) ?? 'goods';
export const methodOf = (s: string): Method => METHODS.find((m) => m === s) ?? 'openTender';
export const stateOf = (s: string): State => STATES.find((x) => x === s) ?? 'draft';
const timed = (m: Method): TimedMethod | null => TIMED_METHODS.find((t) => t === m) ?? null;
const userId = (ctx: RequestContext): string | null => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);
/** Published: a notice is out and the documents are on offer. */
export const PUBLISHED_STATES: readonly State[] = [
  'published',
  'corrected',
  'bidsClosed',
  'opened',
  'evaluating',
  'awarded',
  'contracted',
];
const DEAD_STATES: readonly State[] = ['failed', 'terminated'];

export interface ShareDetail {
  planLineId: string;
  purchaserId: string;
  purchaserName: string;
  regionCode: string;
  itemCode: string;
  itemName: string;
  lotNo: number | null;
  quantity: string | null;
  amountFen: bigint;
}

export interface Loaded {
  row: ProjectRow;
  lots: LotRow[];
  shares: ShareDetail[];
  approval: typeof methodApprovals.$inferSelect | null;
  justifications: (typeof lintJustifications.$inferSelect)[];
}

export const recordOf = (l: Pick<Loaded, 'row' | 'shares'>): ProjectRecord => ({
  purchaserIds: [...new Set(l.shares.map((s) => s.purchaserId))],
  published: PUBLISHED_STATES.includes(stateOf(l.row.status)),
});

const budgetOf = (ls: readonly { budgetFen: bigint }[]): bigint =>
  ls.reduce((sum, l) => sum + l.budgetFen, 0n);

async function sharesOf(db: Db | Tx, projectIds: string[]): Promise<(ShareDetail & { projectId: string })[]> {
  if (!projectIds.length) return [];
  const rows = await db
    .select({
      s: projectShares,
      purchaserName: purchasers.name,
      regionCode: purchasers.regionCode,
      itemCode: planLines.itemCode,
      itemName: planLines.itemName,
    })
    .from(projectShares)
    .innerJoin(purchasers, eq(purchasers.id, projectShares.purchaserId))
    .innerJoin(planLines, eq(planLines.id, projectShares.planLineId))
    .where(inArray(projectShares.projectId, projectIds))
    .orderBy(asc(purchasers.name), asc(planLines.itemCode));
  return rows.map((r) => ({
    projectId: r.s.projectId,
    planLineId: r.s.planLineId,
    purchaserId: r.s.purchaserId,
    purchaserName: r.purchaserName,
    regionCode: r.regionCode,
    itemCode: r.itemCode,
    itemName: r.itemName,
    lotNo: r.s.lotNo,
    quantity: r.s.quantity,
    amountFen: r.s.amountFen,
  }));
}

export async function loadProject(db: Db | Tx, id: string, lock = false): Promise<Loaded | null> {
  const q = db.select().from(projects).where(eq(projects.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) return null;
  const [lotRows, shares, approvals, justifications] = await Promise.all([
    db.select().from(lots).where(eq(lots.projectId, id)).orderBy(asc(lots.no)),
    sharesOf(db, [id]),
    db.select().from(methodApprovals).where(eq(methodApprovals.projectId, id)),
    db.select().from(lintJustifications).where(eq(lintJustifications.projectId, id)),
  ]);
  return { row, lots: lotRows, shares, approval: approvals[0] ?? null, justifications };
}

/** Loads a project the caller may see (404 otherwise) and checks the action on it. */
export async function projectFor(
  db: Db | Tx,
  ctx: RequestContext,
  id: string,
  action: Parameters<typeof authorize<ProjectRecord, keyof typeof projectPolicy.rules>>[2],
  lock = false,
): Promise<Loaded> {
  const loaded = await loadProject(db, id, lock);
  if (!loaded || !can(ctx.actor, projectPolicy, 'read', recordOf(loaded))) throw notFound('项目不存在');
  authorize(ctx.actor, projectPolicy, action, recordOf(loaded));
  return loaded;
}

// ── Method check ─────────────────────────────────────────────────────────────────────────────────────

async function thresholdRows(db: Db | Tx): Promise<ThresholdRow[]> {
  const rows = await db.select().from(procurementThresholds);
  return rows.map((r) => ({
    jurisdiction: r.jurisdiction,
    level: r.level === 'central' || r.level === 'provincial' || r.level === 'municipal' ? r.level : 'county',
    category: categoryOf(r.category),
    kind: r.kind === 'procurementLimit' || r.kind === 'worksMandatoryTender' ? r.kind : 'openTender',
    amountFen: r.amountFen,
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo,
    source: r.source,
  }));
}

interface MethodFacts {
  outcome: MethodOutcome;
  view: MethodCheckView;
}

/**
 * The method check of a project on a day: thresholds resolved for the lead purchaser's division at county
 * budget level (a county centre's purchasers spend county budgets), the 条例28 splitting check over this
 * year's other live projects of the same 品目.
 */
async function methodFacts(db: Db | Tx, l: Loaded, onDay: string): Promise<MethodFacts> {
  const rows = await thresholdRows(db);
  const category = categoryOf(l.row.category);
  const method = methodOf(l.row.method);
  const division = l.shares[0]?.regionCode ?? '000000';
  const q = { division, level: 'county' as const, category, onDay };
  const open = resolveThreshold(rows, { ...q, kind: 'openTender' });
  const works = resolveThreshold(rows, { ...q, kind: 'worksMandatoryTender' });
  const budgetFen = budgetOf(l.lots);
  const outcome = checkMethod({
    method,
    category,
    budgetFen,
    openTender: open,
    worksMandatoryTender: works,
    methodReason: l.row.methodReason,
  });

  let splitting: MethodCheckView['splitting'] = null;
  const itemCodes = [...new Set(l.shares.map((s) => s.itemCode))];
  if (itemCodes.length && method !== 'openTender' && !(l.approval && l.approval.method === method)) {
    const others = await db
      .select({
        code: projects.code,
        name: projects.name,
        method: projects.method,
        itemCode: planLines.itemCode,
        amountFen: projectShares.amountFen,
        approvedMethod: methodApprovals.method,
      })
      .from(projectShares)
      .innerJoin(projects, eq(projects.id, projectShares.projectId))
      .innerJoin(planLines, eq(planLines.id, projectShares.planLineId))
      .leftJoin(methodApprovals, eq(methodApprovals.projectId, projects.id))
      .where(
        and(
          ne(projects.id, l.row.id),
          eq(projects.year, l.row.year),
          inArray(planLines.itemCode, itemCodes),
          notInArray(projects.status, [...DEAD_STATES]),
        ),
      );
    for (const itemCode of itemCodes) {
      const byProject = new Map<string, { code: string; name: string; method: Method; budgetFen: bigint }>();
      for (const o of others) {
        // An approved alternative method is the statute's exception (条例28).
        if (o.itemCode !== itemCode || o.approvedMethod === o.method) continue;
        const prev = byProject.get(o.code);
        byProject.set(o.code, {
          code: o.code,
          name: o.name,
          method: methodOf(o.method),
          budgetFen: (prev?.budgetFen ?? 0n) + o.amountFen,
        });
      }
      const mine = l.shares.filter((s) => s.itemCode === itemCode).reduce((sum, s) => sum + s.amountFen, 0n);
      const warning = splittingWarning(
        itemCode,
        { code: l.row.code, name: l.row.name, method, budgetFen: mine },
        [...byProject.values()],
        open,
      );
      if (warning) {
        splitting = {
          itemCode,
          totalFen: warning.totalFen.toString(),
          projects: warning.purchases.map((p) => ({
            code: p.code,
            name: p.name,
            budgetFen: p.budgetFen.toString(),
          })),
          message: warning.message,
        };
        break;
      }
    }
  }
  return {
    outcome,
    view: {
      openTenderThreshold: open
        ? { amountFen: open.amountFen.toString(), source: open.source, effectiveFrom: open.effectiveFrom }
        : null,
      reachesOpenTender: open !== null && category !== 'works' && reaches(budgetFen, open),
      requiresApproval: outcome.requiresApproval,
      problems: outcome.problems,
      splitting,
    },
  };
}

// ── Lint ──────────────────────────────────────────────────────────────────────────────────────────────

/** Requirements → the linter's document: every clause with its field; numbers are checked by requirementProblems. */
function lintClauses(r: Requirements): Clause[] {
  return [
    ...r.qualification.map((c) => ({ id: c.id, field: 'qualification' as const, text: c.text })),
    ...r.substantive.map((c) => ({ id: c.id, field: 'substantive' as const, text: c.text })),
    ...r.specifications.map((c) => ({ id: c.id, field: 'specification' as const, text: c.text })),
    ...r.scoring.map((s) => ({
      id: s.id,
      field: 'scoring' as const,
      text: `${s.factor}：${s.text}`,
      scoreWeight: s.weightBp / 100,
    })),
  ];
}

/** Runs every check a project must pass before publication; pure over the loaded project and its method facts. */
export function runChecks(l: Loaded, method: MethodFacts, now: Date): StoredLint {
  const r = l.row.requirements;
  const category = categoryOf(l.row.category);
  const budgetFen = budgetOf(l.lots);
  const findings = lintDocument({
    category,
    method: methodOf(l.row.method),
    budgetFen,
    importedGoods: r.importedGoods,
    clauses: lintClauses(r),
  }).map((f) => ({ ...f, clauseId: f.clauseId ?? null }));
  const smallestCeiling = l.lots.every((x) => x.ceilingFen !== null)
    ? l.lots.reduce((sum, x) => sum + (x.ceilingFen ?? 0n), 0n)
    : null;
  const problems = [
    ...requirementProblems({
      method: methodOf(l.row.method),
      category,
      evaluation: r.evaluationMethod,
      budgetFen,
      ceilingFen: smallestCeiling,
      priceWeightBp: r.evaluationMethod === 'bestValue' ? r.priceWeightBp : null,
      criteriaWeightsBp: r.evaluationMethod === 'bestValue' ? r.scoring.map((s) => s.weightBp) : [],
      sme: r.sme,
      depositFen: r.depositFen === null ? null : BigInt(r.depositFen),
      bondBp: r.bondBp,
    }).map((p) => ({ ...p, path: `requirements.${p.path}` })),
    ...lotProblems(
      l.lots.map((x) => ({ no: x.no, budgetFen: x.budgetFen, ceilingFen: x.ceilingFen })),
      l.shares,
    ).map((p) => ({
      ...p,
      article: p.code === 'CEILING_OVER_BUDGET' ? '87号令 第十二条' : '政府采购法 第六条',
    })),
    ...method.outcome.problems.map((p) => ({ ...p, path: 'method' })),
  ];
  if (
    r.evaluationMethod !== 'lowestPrice' &&
    r.evaluationMethod !== 'priceLottery' &&
    r.scoring.length === 0
  ) {
    problems.push({
      code: 'SCORING_MISSING',
      path: 'requirements.scoring',
      article: '政府采购货物和服务招标投标管理办法（87号令） 第五十五条',
      message: '综合评分法须列明评审因素及分值',
    });
  }
  return { checkedAt: now.toISOString(), findings, problems };
}

const justifiedBy = (l: Loaded) =>
  l.justifications.map((j) => ({ ruleId: j.ruleId, clauseId: j.clauseId || undefined, reason: j.reason }));

export function lintView(l: Loaded, stored: StoredLint | null): z.infer<typeof lintResult> | null {
  if (!stored) return null;
  const justifications = justifiedBy(l);
  const blocking = blockingFindings(
    stored.findings.map((f) => ({ ...f, clauseId: f.clauseId ?? undefined })),
    justifications,
  );
  const findings = stored.findings.map((f) => {
    const j = l.justifications.find((x) => x.ruleId === f.ruleId && x.clauseId === (f.clauseId ?? ''));
    return {
      ...f,
      justification: j?.reason ?? null,
      blocking: blocking.some((b) => b.ruleId === f.ruleId && (b.clauseId ?? null) === f.clauseId),
    };
  });
  return {
    checkedAt: stored.checkedAt,
    findings,
    problems: stored.problems,
    clear: stored.problems.length === 0 && !findings.some((f) => f.blocking),
  };
}

// ── Presentation ──────────────────────────────────────────────────────────────────────────────────────

function safely<T>(f: () => T): T | null {
  try {
    return f();
  } catch {
    return null;
  }
}

async function summaries(db: Db | Tx, ctx: RequestContext, rows: ProjectRow[]): Promise<Summary[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [lotRows, shareRows, progs] = await Promise.all([
    db
      .select({ projectId: lots.projectId, budgetFen: lots.budgetFen })
      .from(lots)
      .where(inArray(lots.projectId, ids)),
    sharesOf(db, ids),
    db
      .select({ id: programmes.id, name: programmes.name })
      .from(programmes)
      .where(
        inArray(
          programmes.id,
          [...new Set(rows.flatMap((r) => (r.programmeId ? [r.programmeId] : [])))].concat([
            '00000000-0000-0000-0000-000000000000',
          ]),
        ),
      ),
  ]);
  return rows.map((row) => {
    const own = lotRows.filter((x) => x.projectId === row.id);
    const shares = shareRows.filter((s) => s.projectId === row.id);
    const status = stateOf(row.status);
    const method = methodOf(row.method);
    return {
      id: row.id,
      code: row.code,
      name: row.name,
      year: row.year,
      category: categoryOf(row.category),
      method,
      methodLabel: METHOD_LABELS[method],
      status,
      statusLabel: STATE_LABELS[status],
      budgetFen: budgetOf(own).toString(),
      lotCount: own.length,
      purchaserNames: [...new Set(shares.map((s) => s.purchaserName))],
      programmeId: row.programmeId,
      programmeName: progs.find((p) => p.id === row.programmeId)?.name ?? null,
      bidDeadlineAt: row.bidDeadlineAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      abilities: abilities(ctx.actor, projectPolicy, recordOf({ row, shares })),
    };
  });
}

export async function present(db: Db | Tx, ctx: RequestContext, l: Loaded): Promise<View> {
  const [summary] = await summaries(db, ctx, [l.row]);
  if (!summary) throw new Error('summary missing');
  const today = shanghaiDay(ctx.clock.now());
  const method = await methodFacts(db, l, today);
  const [template] = l.row.templateId
    ? await db.select().from(tenderTemplates).where(eq(tenderTemplates.id, l.row.templateId))
    : [];
  const noticeRows = await db
    .select()
    .from(notices)
    .where(eq(notices.projectId, l.row.id))
    .orderBy(asc(notices.publishedAt));
  const t = timed(methodOf(l.row.method));
  const issued = l.row.documentsIssuedOn ?? today;
  const status = stateOf(l.row.status);
  const insider = ctx.actor.kind === 'user' && ctx.actor.role !== 'supplier';
  return {
    ...summary,
    lots: l.lots.map((x) => ({
      id: x.id,
      no: x.no,
      name: x.name,
      budgetFen: x.budgetFen.toString(),
      ceilingFen: x.ceilingFen?.toString() ?? null,
      quantity: x.quantity,
      description: x.description,
    })),
    shares: l.shares.map((s) => ({
      planLineId: s.planLineId,
      purchaserId: s.purchaserId,
      purchaserName: s.purchaserName,
      itemCode: s.itemCode,
      itemName: s.itemName,
      lotNo: s.lotNo,
      quantity: s.quantity,
      amountFen: s.amountFen.toString(),
    })),
    requirements: l.row.requirements,
    methodReason: l.row.methodReason,
    // The centre's working checks are not shown to suppliers: they read the published documents.
    methodCheck: insider ? method.view : { ...method.view, splitting: null },
    approval: l.approval
      ? {
          reference: l.approval.reference,
          authority: l.approval.authority,
          approvedOn: l.approval.approvedOn,
          note: l.approval.note,
          fileId: l.approval.fileId,
          recordedAt: l.approval.recordedAt.toISOString(),
        }
      : null,
    template: template
      ? {
          id: template.id,
          kind: template.kind as NonNullable<View['template']>['kind'],
          version: template.version,
          title: template.title,
        }
      : null,
    lint: insider ? lintView(l, l.row.lint ?? null) : null,
    schedule: {
      noticePublishedOn: l.row.noticePublishedOn,
      documentsIssuedOn: l.row.documentsIssuedOn,
      documentsAvailableUntil: l.row.documentsAvailableUntil,
      bidDeadlineAt: l.row.bidDeadlineAt?.toISOString() ?? null,
      openingAt: l.row.openingAt?.toISOString() ?? null,
      openingPlace: l.row.openingPlace,
      earliestBidDeadline: t ? safely(() => earliestBidDeadline(t, issued)) : null,
      earliestDocumentsAvailableUntil: t ? safely(() => earliestDocumentsAvailableUntil(t, issued)) : null,
    },
    notices: noticeRows.map((n) => noticeSummaryOf(n, l.row.code)),
    events: eventsFrom(status).map((event) => ({ event, label: EVENT_LABELS[event] })),
  };
}

export const NOTICE_KIND_LABELS = {
  prequalification: '资格预审公告',
  tender: '招标公告',
  invitation: '采购公告',
  correction: '更正公告',
  termination: '终止公告',
} as const;
type NoticeKind = keyof typeof NOTICE_KIND_LABELS;
const noticeKindOf = (s: string): NoticeKind =>
  (Object.keys(NOTICE_KIND_LABELS) as NoticeKind[]).find((k) => k === s) ?? 'tender';

export function noticeSummaryOf(n: typeof notices.$inferSelect, projectCode: string) {
  const kind = noticeKindOf(n.kind);
  return {
    id: n.id,
    kind,
    kindLabel: NOTICE_KIND_LABELS[kind],
    title: n.title,
    projectId: n.projectId,
    projectCode,
    publishedAt: n.publishedAt.toISOString(),
  };
}

async function viewOf(db: Db, ctx: RequestContext, id: string): Promise<View> {
  const l = await loadProject(db, id);
  if (!l) throw notFound('项目不存在');
  return present(db, ctx, l);
}

// ── Create, list, read, update ────────────────────────────────────────────────────────────────────────

interface ShareInput {
  planLineId: string;
  lotNo: number | null;
  quantity: string | null;
  amountFen?: string | undefined;
}

/** Validates the plan lines (accepted by the centre, same category, not in another live project) → share rows. */
async function resolveShares(
  tx: Tx,
  projectId: string,
  category: Category,
  input: readonly ShareInput[],
): Promise<{ year: number; rows: (typeof projectShares.$inferInsert)[] }> {
  const ids = input.map((s) => s.planLineId);
  if (new Set(ids).size !== ids.length)
    throw badRequest('SHARE_DUPLICATE', '同一条采购计划不能重复选择', 'body.shares');
  const lines = await tx.select().from(planLines).where(inArray(planLines.id, ids)).for('update');
  const taken = await tx
    .select({ planLineId: projectShares.planLineId, code: projects.code })
    .from(projectShares)
    .innerJoin(projects, eq(projects.id, projectShares.projectId))
    .where(
      and(
        inArray(projectShares.planLineId, ids),
        eq(projectShares.live, true),
        ne(projectShares.projectId, projectId),
      ),
    );
  const years = new Set<number>();
  const rows = input.map((s, i) => {
    const line = lines.find((x) => x.id === s.planLineId);
    const path = `body.shares.${i}.planLineId`;
    if (!line) throw badRequest('PLAN_LINE_NOT_FOUND', '采购计划不存在', path);
    if (line.status !== 'accepted')
      throw badRequest('PLAN_LINE_NOT_ACCEPTED', `「${line.itemName}」尚未被采购中心受理，不能立项`, path);
    if (line.category !== category)
      throw badRequest('PLAN_LINE_CATEGORY', `「${line.itemName}」的采购类别与项目不一致`, path);
    const clash = taken.find((t) => t.planLineId === line.id);
    if (clash)
      throw conflict('PLAN_LINE_IN_PROJECT', `「${line.itemName}」已在项目 ${clash.code} 中采购`, path);
    const amountFen = s.amountFen === undefined ? line.amountFen : BigInt(s.amountFen);
    if (amountFen > line.amountFen)
      throw badRequest(
        'SHARE_OVER_PLAN',
        `「${line.itemName}」的份额超过其计划金额`,
        `body.shares.${i}.amountFen`,
      );
    years.add(line.year);
    return {
      projectId,
      planLineId: line.id,
      purchaserId: line.purchaserId,
      lotNo: s.lotNo,
      quantity: s.quantity ?? line.quantity,
      amountFen,
      live: true,
    };
  });
  if (years.size !== 1)
    throw badRequest('PLAN_LINE_YEARS', '同一项目的采购计划应属于同一预算年度', 'body.shares');
  const [year] = [...years];
  return { year: year ?? 0, rows };
}

function lotRowsOf(projectId: string, input: z.infer<typeof projectBody>['lots']) {
  return input.map((x, i) => ({
    projectId,
    no: i + 1,
    name: x.name,
    budgetFen: BigInt(x.budgetFen),
    ceilingFen: x.ceilingFen === null ? null : BigInt(x.ceilingFen),
    quantity: x.quantity,
    description: x.description,
  }));
}

/** 最高限价 ≤ 预算 is checked at once (87号令 第十二条): a ceiling over budget is never stored. */
function refuseCeilingsOverBudget(input: z.infer<typeof projectBody>['lots']): void {
  input.forEach((x, i) => {
    if (x.ceilingFen !== null && BigInt(x.ceilingFen) > BigInt(x.budgetFen))
      throw badRequest(
        'CEILING_OVER_BUDGET',
        `第 ${i + 1} 包最高限价不得超过本包预算（87号令第十二条）`,
        `body.lots.${i}.ceilingFen`,
      );
  });
}

async function checkReferences(tx: Tx, programmeId: string | null, templateId: string | null): Promise<void> {
  if (programmeId) {
    const [p] = await tx.select({ id: programmes.id }).from(programmes).where(eq(programmes.id, programmeId));
    if (!p) throw badRequest('PROGRAMME_NOT_FOUND', '专项不存在', 'body.programmeId');
  }
  if (templateId) {
    const [t] = await tx
      .select({ id: tenderTemplates.id })
      .from(tenderTemplates)
      .where(eq(tenderTemplates.id, templateId));
    if (!t) throw badRequest('TEMPLATE_NOT_FOUND', '文件范本不存在', 'body.templateId');
  }
}

async function nextCode(tx: Tx, year: number): Promise<string> {
  const [c] = await tx
    .insert(projectCounters)
    .values({ year, last: 1 })
    .onConflictDoUpdate({ target: projectCounters.year, set: { last: sql`${projectCounters.last} + 1` } })
    .returning();
  return `ZC${year}-${String(c?.last ?? 1).padStart(4, '0')}`;
}

export async function createProject(
  db: Db,
  ctx: RequestContext,
  body: z.infer<typeof projectBody>,
): Promise<View> {
  authorize(ctx.actor, projectPolicy, 'create');
  refuseCeilingsOverBudget(body.lots);
  const now = ctx.clock.now();
  const id = await db.transaction(async (tx) => {
    await checkReferences(tx, body.programmeId, body.templateId);
    const [created] = await tx
      .insert(projects)
      .values({
        code: `pending-${crypto.randomUUID()}`,
        name: body.name,
        year: 0,
        category: body.category,
        method: body.method,
        methodReason: body.methodReason,
        status: 'draft',
        programmeId: body.programmeId,
        templateId: body.templateId,
        requirements: body.requirements,
        createdBy: userId(ctx),
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: projects.id });
    if (!created) throw new Error('project insert returned nothing');
    const { year, rows } = await resolveShares(tx, created.id, body.category, body.shares);
    const code = await nextCode(tx, year);
    const [row] = await tx
      .update(projects)
      .set({ code, year })
      .where(eq(projects.id, created.id))
      .returning();
    const lotRows = await tx.insert(lots).values(lotRowsOf(created.id, body.lots)).returning();
    await tx.insert(projectShares).values(rows);
    const [refused] = lotProblems(
      lotRows,
      rows.map((r) => ({ lotNo: r.lotNo ?? null, amountFen: r.amountFen ?? 0n })),
    );
    if (refused) throw badRequest(refused.code, refused.message, `body.${refused.path}`);
    await appendAudit(tx, ctx, {
      action: 'project.created',
      entityType: 'project',
      entityId: created.id,
      after: { project: row, lots: lotRows, shares: rows },
    });
    return created.id;
  });
  return viewOf(db, ctx, id);
}

export async function listProjects(
  db: Db,
  ctx: RequestContext,
  q: z.infer<typeof projectListQuery>,
): Promise<z.infer<typeof projectPage>> {
  authorize(ctx.actor, projectPolicy, 'list');
  const conds: SQL[] = [];
  const actor = ctx.actor;
  if (actor.kind === 'user' && actor.role === 'purchaser') {
    const mine = db
      .select({ id: projectShares.projectId })
      .from(projectShares)
      .where(eq(projectShares.purchaserId, actor.purchaserId ?? '00000000-0000-0000-0000-000000000000'));
    conds.push(inArray(projects.id, mine));
  }
  if (q.status) conds.push(eq(projects.status, q.status));
  if (q.year) conds.push(eq(projects.year, q.year));
  if (q.programmeId) conds.push(eq(projects.programmeId, q.programmeId));
  if (q.q) {
    const byText = or(ilike(projects.name, likeTerm(q.q)), ilike(projects.code, likeTerm(q.q)));
    if (byText) conds.push(byText);
  }
  const where = conds.length ? and(...conds) : undefined;
  const [total] = await db.select({ n: count() }).from(projects).where(where);
  const rows = await db
    .select()
    .from(projects)
    .where(where)
    .orderBy(desc(projects.createdAt), desc(projects.code))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return {
    items: await summaries(db, ctx, rows),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
    abilities: abilities(ctx.actor, projectPolicy).filter((a) => a === 'create' || a === 'list'),
  };
}

export async function readProject(db: Db, ctx: RequestContext, id: string): Promise<View> {
  const l = await projectFor(db, ctx, id, 'read');
  return present(db, ctx, l);
}

/** One life-cycle step on a locked project: refused with the table's Chinese reason. */
function step(l: Loaded, event: Event, facts: Partial<Facts>): State {
  const all: Facts = {
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
    ...facts,
  };
  const r = next(stateOf(l.row.status), event, all);
  if (!r.ok) {
    if (r.code === 'TRANSITION_NOT_ALLOWED') throw conflict('PROJECT_STATE', r.message, r.path);
    throw new AppError(422, 'PROJECT_GUARD', r.message, r.path);
  }
  return r.state;
}

async function setState(tx: Tx, l: Loaded, to: State, set: Partial<typeof projects.$inferInsert>, now: Date) {
  const [after] = await tx
    .update(projects)
    .set({ ...set, status: to, updatedAt: now })
    .where(and(eq(projects.id, l.row.id), eq(projects.status, l.row.status)))
    .returning();
  if (!after) throw conflict('PROJECT_CHANGED', '项目已被他人修改，请刷新后重试');
  return after;
}

const EDITABLE: readonly State[] = ['draft', 'linted', 'approved'];

/** Edits the documents' data; a checked or approved project goes back to draft (rechecked before publication). */
export async function updateProject(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof projectUpdateBody>,
): Promise<View> {
  if (body.lots) refuseCeilingsOverBudget(body.lots);
  const now = ctx.clock.now();
  await db.transaction(async (tx) => {
    const l = await projectFor(tx, ctx, id, 'edit', true);
    const state = stateOf(l.row.status);
    if (!EDITABLE.includes(state))
      throw conflict(
        'PROJECT_STATE',
        `项目当前状态为「${STATE_LABELS[state]}」，发布后只能以更正公告修改`,
        'status',
      );
    const to = state === 'draft' ? 'draft' : step(l, 'edit', {});
    await checkReferences(tx, body.programmeId ?? null, body.templateId ?? null);
    const category = body.category ?? categoryOf(l.row.category);
    const set: Partial<typeof projects.$inferInsert> = {
      ...(body.name !== undefined && { name: body.name }),
      ...(body.category !== undefined && { category: body.category }),
      ...(body.method !== undefined && { method: body.method }),
      ...(body.methodReason !== undefined && { methodReason: body.methodReason }),
      ...(body.programmeId !== undefined && { programmeId: body.programmeId }),
      ...(body.templateId !== undefined && { templateId: body.templateId }),
      ...(body.requirements !== undefined && { requirements: body.requirements }),
      lint: null,
    };
    const after = await setState(tx, l, to, set, now);
    let lotRows = l.lots;
    if (body.lots) {
      await tx.delete(lots).where(eq(lots.projectId, id));
      lotRows = await tx.insert(lots).values(lotRowsOf(id, body.lots)).returning();
    }
    let shareRows: { lotNo: number | null; amountFen: bigint }[] = l.shares;
    if (body.shares || body.category) {
      const input = body.shares ?? l.shares.map((s) => ({ ...s, amountFen: s.amountFen.toString() }));
      const { year, rows } = await resolveShares(tx, id, category, input);
      if (year !== l.row.year) throw badRequest('PLAN_LINE_YEARS', '不能改变项目的预算年度', 'body.shares');
      await tx.delete(projectShares).where(eq(projectShares.projectId, id));
      await tx.insert(projectShares).values(rows);
      shareRows = rows.map((r) => ({ lotNo: r.lotNo ?? null, amountFen: r.amountFen ?? 0n }));
    }
    const problems = lotProblems(lotRows, shareRows);
    if (problems[0]) throw badRequest(problems[0].code, problems[0].message, `body.${problems[0].path}`);
    await appendAudit(tx, ctx, {
      action: 'project.updated',
      entityType: 'project',
      entityId: id,
      before: { project: l.row, lots: l.lots, shares: l.shares },
      after: { project: after, lots: lotRows, shares: shareRows },
    });
  });
  return viewOf(db, ctx, id);
}

// ── Lint, justification, approval ─────────────────────────────────────────────────────────────────────

/**
 * Runs the checks and stores them. Clear → 已检查 (and 已批准 at once when a recorded approval already covers
 * the method). Not clear → stays a draft with its findings, for the agent to fix or justify.
 */
export async function lintProject(db: Db, ctx: RequestContext, id: string): Promise<View> {
  const now = ctx.clock.now();
  await db.transaction(async (tx) => {
    const l = await projectFor(tx, ctx, id, 'lint', true);
    const state = stateOf(l.row.status);
    if (!EDITABLE.includes(state))
      throw conflict('PROJECT_STATE', `项目当前状态为「${STATE_LABELS[state]}」，不能重新检查`, 'status');
    const method = await methodFacts(tx, l, shanghaiDay(now));
    const stored = runChecks(l, method, now);
    const clear = lintView(l, stored)?.clear ?? false;
    // A re-check starts from the draft again (编辑 → 草稿), then the table decides.
    let to: State = state === 'draft' ? 'draft' : step(l, 'edit', {});
    if (clear) {
      to = 'linted';
      const granted = l.approval !== null && l.approval.method === l.row.method;
      if (method.outcome.requiresApproval && granted) to = 'approved';
    }
    const after = await setState(tx, l, to, { lint: stored }, now);
    await appendAudit(tx, ctx, {
      action: 'project.linted',
      entityType: 'project',
      entityId: id,
      before: { status: l.row.status },
      after: { status: after.status, lint: stored },
    });
  });
  return viewOf(db, ctx, id);
}

/** Records why a `justify` finding is kept (e.g. a medical device's 注册证 as a lawful qualification). */
export async function justifyFinding(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof justificationBody>,
): Promise<View> {
  const now = ctx.clock.now();
  await db.transaction(async (tx) => {
    const l = await projectFor(tx, ctx, id, 'justify', true);
    if (!EDITABLE.includes(stateOf(l.row.status)))
      throw conflict('PROJECT_STATE', '项目已发布，不能再记录检查说明', 'status');
    const finding = l.row.lint?.findings.find(
      (f) => f.ruleId === body.ruleId && f.clauseId === body.clauseId,
    );
    if (!finding) throw badRequest('FINDING_NOT_FOUND', '最近一次检查没有该问题', 'body.ruleId');
    if (finding.severity === 'block')
      throw new AppError(
        422,
        'FINDING_NOT_JUSTIFIABLE',
        `「${finding.title}」违反${finding.article}，只能修改，不能说明保留`,
        'body.ruleId',
      );
    const values = {
      projectId: id,
      ruleId: body.ruleId,
      clauseId: body.clauseId ?? '',
      reason: body.reason,
      recordedBy: userId(ctx),
      recordedAt: now,
    };
    const [row] = await tx
      .insert(lintJustifications)
      .values(values)
      .onConflictDoUpdate({
        target: [lintJustifications.projectId, lintJustifications.ruleId, lintJustifications.clauseId],
        set: { reason: values.reason, recordedBy: values.recordedBy, recordedAt: now },
      })
      .returning();
    await appendAudit(tx, ctx, {
      action: 'project.justified',
      entityType: 'project',
      entityId: id,
      after: { justification: row, finding },
    });
  });
  return viewOf(db, ctx, id);
}

/**
 * Records the finance department's approval of the method (批复文号, 批准机关, date) and, when the project is
 * checked, moves it to 已批准 (政府采购法 第二十七条; 实施条例 第二十三条).
 */
export async function recordApproval(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof approvalBody>,
): Promise<View> {
  const now = ctx.clock.now();
  if (body.approvedOn > shanghaiDay(now))
    throw badRequest('APPROVAL_IN_FUTURE', '批准日期不能晚于今天', 'body.approvedOn');
  await db.transaction(async (tx) => {
    const l = await projectFor(tx, ctx, id, 'recordApproval', true);
    const state = stateOf(l.row.status);
    if (!EDITABLE.includes(state))
      throw conflict('PROJECT_STATE', '项目已发布，采购方式批准应在发布前取得', 'status');
    const method = await methodFacts(tx, l, shanghaiDay(now));
    if (!method.outcome.requiresApproval)
      throw new AppError(
        422,
        'APPROVAL_NOT_REQUIRED',
        '本项目采用公开招标或未达到公开招标数额标准，无需采购方式审批',
        'method',
      );
    const values = { projectId: id, method: l.row.method, ...body, recordedBy: userId(ctx), recordedAt: now };
    const [row] = await tx
      .insert(methodApprovals)
      .values(values)
      .onConflictDoUpdate({ target: methodApprovals.projectId, set: values })
      .returning();
    await appendAudit(tx, ctx, {
      action: 'project.approvalRecorded',
      entityType: 'project',
      entityId: id,
      before: l.approval,
      after: row,
    });
    if (state === 'linted') {
      const to = step(l, 'approve', { requiresApproval: true, approvalGranted: true });
      const after = await setState(tx, l, to, {}, now);
      await appendAudit(tx, ctx, {
        action: 'project.approved',
        entityType: 'project',
        entityId: id,
        before: { status: l.row.status },
        after: { status: after.status },
      });
    }
  });
  return viewOf(db, ctx, id);
}

export type { Loaded as LoadedProject };
export { budgetOf, methodFacts, step, setState, userId, timed, EDITABLE };
