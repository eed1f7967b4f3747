/**
 * Standard tender templates (seed 004 标准招标文件范本): five kinds, versioned. The platform installs version 1
 * of each from documents/standard-templates.ts; the centre revises them (each revision is a new version, its
 * placeholders checked before it is stored); a project keeps the version it was prepared with. Tender
 * documents are rendered from a project's data to .docx and PDF.
 */
import { and, asc, desc, eq, max } from 'drizzle-orm';
import type { z } from 'zod';
import { appendAudit } from '../../platform/audit/log.ts';
import { systemActor, type RequestContext } from '../../platform/auth/actor.ts';
import { abilities, authorize } from '../../platform/auth/policy.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import type { templateBody, templateList, templateView } from './contract.ts';
import { toDocx } from './documents/docx.ts';
import { toHtml } from './documents/html.ts';
import type { RenderInput, TemplateKind } from './documents/model.ts';
import { toPdf } from './documents/pdf.ts';
import { renderDocument, templateProblems } from './documents/render.ts';
import { STANDARD_TEMPLATES } from './documents/standard-templates.ts';
import './events.ts';
import { noticeInput } from './publication.ts';
import { templatePolicy } from './policy.ts';
import { projectFor, PUBLISHED_STATES, stateOf, userId, type Loaded as LoadedProject } from './loaded.ts';
import { tenderTemplates, type TemplateRow } from './tables.ts';

export const TEMPLATE_KIND_LABELS: Record<TemplateKind, string> = {
  goods: '货物类',
  propertyServices: '物业服务类',
  communityServices: '社区公共服务类',
  medicalEquipment: '医疗设备类',
  works: '工程类',
};
const KINDS = Object.keys(TEMPLATE_KIND_LABELS) as TemplateKind[];
const kindOf = (s: string): TemplateKind => KINDS.find((k) => k === s) ?? 'goods';

/**
 * Installs version 1 of every standard template that has no version yet. Idempotent and safe when several
 * processes start at once: the (kind, version) key lets one insert win, and only a won insert is audited.
 */
export async function installStandardTemplates(db: Db, clock: Clock): Promise<number> {
  const ctx: RequestContext = { actor: systemActor('startup:templates'), requestId: null, clock };
  return db.transaction(async (tx) => {
    let installed = 0;
    for (const t of STANDARD_TEMPLATES) {
      const [row] = await tx
        .insert(tenderTemplates)
        .values({
          kind: t.kind,
          version: 1,
          title: t.title,
          sections: t.sections,
          note: '标准范本（平台内置）',
          createdAt: clock.now(),
        })
        .onConflictDoNothing()
        .returning();
      if (!row) continue;
      installed++;
      await appendAudit(tx, ctx, {
        action: 'template.revised',
        entityType: 'template',
        entityId: row.id,
        after: row,
      });
    }
    return installed;
  });
}

async function currentVersions(db: Db | Tx): Promise<Map<string, number>> {
  const rows = await db
    .select({ kind: tenderTemplates.kind, version: max(tenderTemplates.version) })
    .from(tenderTemplates)
    .groupBy(tenderTemplates.kind);
  return new Map(rows.map((r) => [r.kind, r.version ?? 0]));
}

function viewOf(
  ctx: RequestContext,
  r: TemplateRow,
  current: Map<string, number>,
): z.infer<typeof templateView> {
  const kind = kindOf(r.kind);
  return {
    id: r.id,
    kind,
    kindLabel: TEMPLATE_KIND_LABELS[kind],
    version: r.version,
    title: r.title,
    sections: r.sections,
    note: r.note,
    current: current.get(r.kind) === r.version,
    createdAt: r.createdAt.toISOString(),
    abilities: abilities(ctx.actor, templatePolicy).filter((a) => a === 'revise'),
  };
}

/** Every version of every kind, the current ones first. */
export async function listTemplates(db: Db, ctx: RequestContext): Promise<z.infer<typeof templateList>> {
  authorize(ctx.actor, templatePolicy, 'list');
  const rows = await db
    .select()
    .from(tenderTemplates)
    .orderBy(asc(tenderTemplates.kind), desc(tenderTemplates.version));
  const current = await currentVersions(db);
  const items = rows
    .map((r) => viewOf(ctx, r, current))
    .sort((a, b) => Number(b.current) - Number(a.current));
  return { items, abilities: abilities(ctx.actor, templatePolicy) };
}

export async function reviseTemplate(
  db: Db,
  ctx: RequestContext,
  kind: TemplateKind,
  body: z.infer<typeof templateBody>,
): Promise<z.infer<typeof templateView>> {
  authorize(ctx.actor, templatePolicy, 'revise');
  const problems = templateProblems(body.sections).map((p) => ({
    code: p.code,
    message: p.message,
    path: `body.sections.${Math.max(
      0,
      body.sections.findIndex((s) => s.heading === p.section),
    )}.body`,
  }));
  const first = problems[0];
  if (first) throw new AppError(422, first.code, first.message, first.path, problems);
  const row = await db.transaction(async (tx) => {
    // Serialise revisions of one kind: the next version number is taken under the kind's rows' lock.
    const latest = await tx
      .select()
      .from(tenderTemplates)
      .where(eq(tenderTemplates.kind, kind))
      .orderBy(desc(tenderTemplates.version))
      .limit(1)
      .for('update');
    const version = (latest[0]?.version ?? 0) + 1;
    const [created] = await tx
      .insert(tenderTemplates)
      .values({ kind, version, ...body, createdBy: userId(ctx), createdAt: ctx.clock.now() })
      .returning();
    if (!created) throw new Error('template insert returned nothing');
    await appendAudit(tx, ctx, {
      action: 'template.revised',
      entityType: 'template',
      entityId: created.id,
      before: latest[0] ?? null,
      after: created,
    });
    return created;
  });
  return viewOf(ctx, row, await currentVersions(db));
}

/** The template a category starts from when the project names none. */
const DEFAULT_KIND = { goods: 'goods', services: 'propertyServices', works: 'works' } as const;

/** What a project's documents (and the contracts made from them) are rendered from: its facts and its template. */
export async function projectRenderInput(db: Db | Tx, l: LoadedProject): Promise<RenderInput> {
  const template = await templateFor(db, l.row.templateId, l.row.category);
  return {
    ...(await noticeInput(db, l)),
    template: {
      kind: kindOf(template.kind),
      version: template.version,
      title: template.title,
      sections: template.sections,
    },
  };
}

async function templateFor(db: Db | Tx, templateId: string | null, category: string): Promise<TemplateRow> {
  if (templateId) {
    const [t] = await db.select().from(tenderTemplates).where(eq(tenderTemplates.id, templateId));
    if (t) return t;
  }
  const kind =
    category === 'works'
      ? DEFAULT_KIND.works
      : category === 'services'
        ? DEFAULT_KIND.services
        : DEFAULT_KIND.goods;
  const [t] = await db
    .select()
    .from(tenderTemplates)
    .where(and(eq(tenderTemplates.kind, kind)))
    .orderBy(desc(tenderTemplates.version))
    .limit(1);
  if (!t) throw new AppError(409, 'TEMPLATE_MISSING', '尚未安装标准招标文件范本');
  return t;
}

export interface RenderedFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

/**
 * The tender documents of a project as .docx or PDF. A supplier's download of published documents is recorded
 * (who downloaded which project's documents when — issue 5 builds on it).
 */
export async function renderProjectDocument(
  db: Db,
  ctx: RequestContext,
  id: string,
  format: 'docx' | 'pdf',
  chromiumPath: string,
): Promise<RenderedFile> {
  const l = await projectFor(db, ctx, id, 'document');
  const input = await projectRenderInput(db, l);
  const rendered = renderDocument(input);
  const body = format === 'docx' ? await toDocx(rendered) : await toPdf(toHtml(rendered), chromiumPath);
  if (
    ctx.actor.kind === 'user' &&
    ctx.actor.role === 'supplier' &&
    PUBLISHED_STATES.includes(stateOf(l.row.status))
  ) {
    await db.transaction((tx) =>
      appendAudit(tx, ctx, {
        action: 'project.documentDownloaded',
        entityType: 'project',
        entityId: id,
        after: {
          supplierId: ctx.actor.kind === 'user' ? ctx.actor.supplierId : null,
          format,
          templateVersion: input.template.version,
        },
      }),
    );
  }
  return {
    filename: `${l.row.code}-采购文件.${format}`,
    contentType:
      format === 'docx'
        ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
        : 'application/pdf',
    body,
  };
}
