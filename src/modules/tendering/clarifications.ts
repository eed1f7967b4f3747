/**
 * 澄清 (政府采购法实施条例 第三十一条; 87号令 第二十七条): a supplier asks about a published project; the centre
 * answers, and the answer is read by every supplier — never naming who asked. The asker is kept for the
 * centre (and the audit log) only.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { appendAudit } from '../../platform/audit/log.ts';
import type { RequestContext } from '../../platform/auth/actor.ts';
import { abilities, can } from '../../platform/auth/policy.ts';
import type { Db } from '../../platform/db/client.ts';
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import { suppliers } from '../orgs/tables.ts';
import type { answerBody, questionBody, questionList, questionView } from './contract.ts';
import './events.ts';
import { projectPolicy } from './policy.ts';
import { projectFor, recordOf, stateOf, userId } from './loaded.ts';
import { clarifications } from './tables.ts';

type QuestionView = z.infer<typeof questionView>;
const OPEN_FOR_QUESTIONS = ['published', 'corrected'] as const;

export async function listClarifications(
  db: Db,
  ctx: RequestContext,
  projectId: string,
): Promise<z.infer<typeof questionList>> {
  const l = await projectFor(db, ctx, projectId, 'readClarifications');
  const record = recordOf(l);
  const centre = can(ctx.actor, projectPolicy, 'answer', record);
  const supplierId = ctx.actor.kind === 'user' ? ctx.actor.supplierId : null;
  const rows = await db
    .select({ c: clarifications, supplierName: suppliers.name })
    .from(clarifications)
    .innerJoin(suppliers, eq(suppliers.id, clarifications.supplierId))
    .where(eq(clarifications.projectId, projectId))
    .orderBy(asc(clarifications.askedAt));
  const items: QuestionView[] = rows
    // Unanswered questions are seen by the centre and by whoever asked; answers by everyone who may read.
    .filter((r) => centre || r.c.answer !== null || r.c.supplierId === supplierId)
    .map((r) => ({
      id: r.c.id,
      projectId,
      question: r.c.question,
      askedAt: r.c.askedAt.toISOString(),
      answer: r.c.answer,
      answeredAt: r.c.answeredAt?.toISOString() ?? null,
      askedBy: centre ? r.supplierName : null,
      mine: supplierId !== null && r.c.supplierId === supplierId,
      abilities: centre && r.c.answer === null ? ['answer'] : [],
    }));
  return {
    items,
    abilities: abilities(ctx.actor, projectPolicy, record).filter((a) => a === 'ask' || a === 'answer'),
  };
}

export async function askQuestion(
  db: Db,
  ctx: RequestContext,
  projectId: string,
  body: z.infer<typeof questionBody>,
): Promise<QuestionView> {
  const supplierId = ctx.actor.kind === 'user' ? ctx.actor.supplierId : null;
  const now = ctx.clock.now();
  return db.transaction(async (tx) => {
    const l = await projectFor(tx, ctx, projectId, 'ask');
    if (!supplierId) throw badRequest('SUPPLIER_REQUIRED', '只有已注册的供应商可以提问');
    const [supplier] = await tx.select().from(suppliers).where(eq(suppliers.id, supplierId));
    if (!supplier || supplier.status !== 'approved')
      throw conflict('SUPPLIER_NOT_APPROVED', '供应商注册审核通过后才能提问');
    const state = stateOf(l.row.status);
    if (!OPEN_FOR_QUESTIONS.some((s) => s === state) || (l.row.bidDeadlineAt && l.row.bidDeadlineAt <= now))
      throw conflict('QUESTIONS_CLOSED', '投标截止后不再受理澄清问题', 'status');
    const [row] = await tx
      .insert(clarifications)
      .values({ projectId, supplierId, question: body.question, askedAt: now })
      .returning();
    if (!row) throw new Error('clarification insert returned nothing');
    await appendAudit(tx, ctx, {
      action: 'clarification.asked',
      entityType: 'clarification',
      entityId: row.id,
      after: row,
    });
    return {
      id: row.id,
      projectId,
      question: row.question,
      askedAt: row.askedAt.toISOString(),
      answer: null,
      answeredAt: null,
      askedBy: null,
      mine: true,
      abilities: [],
    };
  });
}

export async function answerQuestion(
  db: Db,
  ctx: RequestContext,
  projectId: string,
  questionId: string,
  body: z.infer<typeof answerBody>,
): Promise<QuestionView> {
  const now = ctx.clock.now();
  return db.transaction(async (tx) => {
    await projectFor(tx, ctx, projectId, 'answer');
    const [before] = await tx
      .select()
      .from(clarifications)
      .where(and(eq(clarifications.id, questionId), eq(clarifications.projectId, projectId)))
      .for('update');
    if (!before) throw notFound('问题不存在');
    if (before.answer !== null) throw conflict('ALREADY_ANSWERED', '该问题已答复；如需修改，请发布更正公告');
    const [row] = await tx
      .update(clarifications)
      .set({ answer: body.answer, answeredAt: now, answeredBy: userId(ctx) })
      .where(eq(clarifications.id, questionId))
      .returning();
    if (!row) throw new Error('clarification update returned nothing');
    await appendAudit(tx, ctx, {
      action: 'clarification.answered',
      entityType: 'clarification',
      entityId: row.id,
      before,
      after: row,
    });
    const [supplier] = await tx
      .select({ name: suppliers.name })
      .from(suppliers)
      .where(eq(suppliers.id, row.supplierId));
    return {
      id: row.id,
      projectId,
      question: row.question,
      askedAt: row.askedAt.toISOString(),
      answer: row.answer,
      answeredAt: row.answeredAt?.toISOString() ?? null,
      askedBy: supplier?.name ?? null,
      mine: false,
      abilities: [],
    };
  });
}
