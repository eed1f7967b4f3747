/**
 * Projects: created by the centre from accepted plan lines (one unit's or several units' — 打包采购), split
 * into lots, carrying their requirements as data; checked (method, lots, requirement ranges, document lint),
 * approved where the law asks, published with a lawful schedule, corrected, terminated. Every change runs in
 * one transaction with its audit event; every step is asked of the life-cycle table first.
 */
import { and, count, desc, eq, ilike, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { appendAudit } from '../../platform/audit/log.ts';
import type { RequestContext } from '../../platform/auth/actor.ts';
import { abilities, authorize } from '../../platform/auth/policy.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { likeTerm } from '../../platform/db/like.ts';
import { AppError, badRequest, conflict } from '../../platform/errors.ts';
import { planLines } from '../planning/tables.ts';
import type {
  approvalBody,
  justificationBody,
  retenderBody,
  projectBody,
  projectListQuery,
  projectPage,
  projectUpdateBody,
  projectView,
} from './contract.ts';
import './events.ts';
import { projectPolicy } from './policy.ts';
import { type Category } from './requirements.ts';
import { STATE_LABELS, type State } from './rules/lifecycle.ts';
import { lotProblems } from './rules/method.ts';
import {
  lintJustifications,
  lots,
  methodApprovals,
  programmes,
  projectCounters,
  projects,
  projectShares,
  tenderTemplates,
} from './tables.ts';
import { categoryOf, projectFor, step, setState, userId, EDITABLE, stateOf } from './loaded.ts';
import { methodFacts, runChecks, lintView } from './checks.ts';
import { present, viewOf, summaries } from './presenter.ts';

type View = z.infer<typeof projectView>;

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

/**
 * The service sub-type belongs to services only (a 预选 pool, a PPP project); a project moved off services loses it
 * when none is given, and is refused when one is.
 */
function serviceKindFor(category: Category, kind: string | null | undefined): string | null {
  if (kind === null || kind === undefined) return null;
  if (category !== 'services') {
    throw badRequest(
      'SERVICE_KIND_NOT_SERVICES',
      '只有服务类项目才区分预选类、非预选类和PPP项目',
      'body.serviceKind',
    );
  }
  return kind;
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
        serviceKind: serviceKindFor(body.category, body.serviceKind),
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

/**
 * 重新组织采购 after a failure (政府采购法 第三十六条 末句): a new draft project with the failed one's lots, shares and
 * requirements, linked to it; the failed project stays as it was, on record. A change of method is allowed here and
 * goes through the method check and, above the open-tender threshold, the finance department's approval before
 * anything is published (法37; 条例23) — the new draft is checked like any other.
 */
export async function retenderProject(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof retenderBody>,
): Promise<View> {
  authorize(ctx.actor, projectPolicy, 'create');
  const now = ctx.clock.now();
  const newId = await db.transaction(async (tx) => {
    const l = await projectFor(tx, ctx, id, 'retender', true);
    const status = step(l, 'retender', {});
    const [already] = await tx
      .select({ id: projects.id, code: projects.code })
      .from(projects)
      .where(eq(projects.retenderOf, id));
    if (already) {
      throw conflict('ALREADY_RETENDERED', `该项目已重新组织采购（${already.code}）`, 'id');
    }
    const method = body.method ?? l.row.method;
    const [created] = await tx
      .insert(projects)
      .values({
        code: `pending-${crypto.randomUUID()}`,
        name: body.name ?? l.row.name,
        year: l.row.year,
        category: l.row.category,
        method,
        methodReason: method === l.row.method ? l.row.methodReason : body.methodReason,
        status,
        programmeId: l.row.programmeId,
        templateId: l.row.templateId,
        requirements: l.row.requirements,
        retenderOf: id,
        createdBy: userId(ctx),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!created) throw new Error('project insert returned nothing');
    const code = await nextCode(tx, l.row.year);
    await tx.update(projects).set({ code }).where(eq(projects.id, created.id));
    const lotRows = l.lots.map(({ id: _id, projectId: _p, ...lot }) => ({ ...lot, projectId: created.id }));
    if (lotRows.length) await tx.insert(lots).values(lotRows);
    const shares = await tx.select().from(projectShares).where(eq(projectShares.projectId, id));
    await tx.update(projectShares).set({ live: false }).where(eq(projectShares.projectId, id));
    if (shares.length) {
      await tx
        .insert(projectShares)
        .values(shares.map((sh) => ({ ...sh, projectId: created.id, live: true })));
    }
    await appendAudit(tx, ctx, {
      action: 'project.retendered',
      entityType: 'project',
      entityId: created.id,
      before: { projectId: id, code: l.row.code, status: l.row.status, method: l.row.method },
      after: { projectId: created.id, code, method, reason: body.reason },
    });
    return created.id;
  });
  return viewOf(db, ctx, newId);
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
      ...((body.serviceKind !== undefined || body.category !== undefined) && {
        serviceKind:
          body.serviceKind === undefined
            ? category === 'services'
              ? l.row.serviceKind
              : null
            : serviceKindFor(category, body.serviceKind),
      }),
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
