/**
 * The checks a project must pass before publication: the method against the thresholds in force (and the
 * 条例28 splitting check), the lots against their plan-line shares, the requirement ranges and the document lint.
 */
import { lotteryPriceOf } from './rules/lottery.ts';
import { and, eq, inArray, ne, notInArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Tx } from '../../platform/db/client.ts';
import { reaches, resolveThreshold, type ThresholdRow } from '../planning/index.ts';
import { planLines, procurementThresholds } from '../planning/tables.ts';
import type { lintResult, projectView, Requirements } from './contract.ts';
import './events.ts';
import { blockingFindings, lintDocument } from './lint/lint.ts';
import type { Clause } from './lint/types.ts';
import { requirementProblems, type Method } from './requirements.ts';
import { checkMethod, lotProblems, splittingWarning, type MethodOutcome } from './rules/method.ts';
import { methodApprovals, projects, projectShares, type StoredLint } from './tables.ts';
import { type Loaded, categoryOf, methodOf, budgetOf, DEAD_STATES } from './loaded.ts';

type MethodCheckView = z.infer<typeof projectView>['methodCheck'];

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

export interface MethodFacts {
  outcome: MethodOutcome;
  view: MethodCheckView;
}

/**
 * The method check of a project on a day: thresholds resolved for the lead purchaser's division at county
 * budget level (a county centre's purchasers spend county budgets), the 条例28 splitting check over this
 * year's other live projects of the same 品目.
 */
export async function methodFacts(db: Db | Tx, l: Loaded, onDay: string): Promise<MethodFacts> {
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
  if (r.evaluationMethod === 'priceLottery') problems.push(...lotteryProblems(l, r));
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

/**
 * 合理定价评审抽签法: the terms stated, a 财政评审价 for every lot, and a 定标价 within the lot's ceiling or budget
 * (87号令 第六十三条: a price over it would be void).
 */
function lotteryProblems(l: Loaded, r: Loaded['row']['requirements']) {
  const out: { code: string; path: string; article: string; message: string }[] = [];
  const article = '合理定价评审抽签法（RULES.md §10.3）；87号令 第五十五条、第六十三条';
  if (!r.lottery) {
    out.push({
      code: 'LOTTERY_TERMS_MISSING',
      path: 'requirements.lottery',
      article,
      message: '请填写下浮比例和各包的财政评审价',
    });
    return out;
  }
  for (const lot of l.lots) {
    const price = lotteryPriceOf(r, lot.no);
    if (price === null) {
      out.push({
        code: 'LOTTERY_REVIEWED_MISSING',
        path: 'requirements.lottery.reviewed',
        article,
        message: `第 ${lot.no} 包尚未填写财政评审价`,
      });
      continue;
    }
    const limit = lot.ceilingFen ?? lot.budgetFen;
    if (price <= 0n || price > limit)
      out.push({
        code: 'LOTTERY_PRICE_OVER_LIMIT',
        path: 'requirements.lottery.reviewed',
        article,
        message: `第 ${lot.no} 包定标价 ${price} 分超过${lot.ceilingFen ? '最高限价' : '预算'}或不为正数`,
      });
  }
  return out;
}
