/**
 * The historical import's use cases: import a ledger (whole or not at all), list the imports, withdraw one, and
 * the template. An import is one transaction — the lookups the validators need, every row in multi-row INSERTs,
 * and one audit event — so the statistics never count half a ledger; on any row error nothing is written and
 * every error is reported.
 */
import { createHash, randomUUID } from 'node:crypto';
import { desc, eq, inArray, sql } from 'drizzle-orm';
import { appendAudit } from '../../../platform/audit/log.ts';
import { actorUserId, type RequestContext } from '../../../platform/auth/actor.ts';
import { authorize } from '../../../platform/auth/policy.ts';
import { users } from '../../../platform/auth/tables.ts';
import { shanghaiDay } from '../../../platform/clock.ts';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { conflict, notFound } from '../../../platform/errors.ts';
import { cleanFileName } from '../../../platform/files/service.ts';
import { projects } from '../../tendering/tables.ts';
import '../events.ts';
import { statisticsPolicy } from '../policy.ts';
import { historicalImports, historicalProcurements } from '../tables.ts';
import type { HistoryImportListItem, HistoryImportResult } from './contract.ts';
import { TEMPLATE_FILE_NAME, buildTemplate, readLedger, type ParsedSheet } from './sheet.ts';
import {
  headerErrors,
  validateLedger,
  type EarlierShare,
  type HistoryRecord,
  type RowError,
} from './validate.ts';
import { textOf } from './values.ts';

/** Enough for a clerk to work through in one go; the total says how much more there is. */
export const MAX_ERRORS_SHOWN = 1000;
/** Rows per INSERT: 1,000 × 16 columns stays far below PostgreSQL's 65,535 bind parameters. */
const BATCH = 1000;
/** Values per `IN (…)` lookup, for the same limit. */
const LOOKUP = 5000;
/** Arbitrary constant naming the advisory lock that serialises imports and withdrawals of ledgers. */
const HISTORY_LOCK = 7_202_615;

export interface HistoryFile {
  bytes: Buffer;
  name: string;
}

export interface HistoryFailure {
  sheet: string | null;
  errors: RowError[];
  errorCount: number;
  truncated: boolean;
}
export type HistoryOutcome = ({ ok: true } & HistoryImportResult) | ({ ok: false } & HistoryFailure);

export type HistoryPhase = 'parsed' | 'validated' | 'inserting' | 'done';
export interface HistoryImportOptions {
  dryRun?: boolean;
  /** Progress for the CLI: after parsing, after validation, after each insert batch. */
  onProgress?: (phase: HistoryPhase, done: number, total: number) => void;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function failure(sheet: string | null, all: RowError[]): { ok: false } & HistoryFailure {
  return {
    ok: false,
    sheet,
    errors: all.slice(0, MAX_ERRORS_SHOWN),
    errorCount: all.length,
    truncated: all.length > MAX_ERRORS_SHOWN,
  };
}

function isUniqueViolation(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur instanceof Error && depth < 5; depth++) {
    if ('code' in cur && cur.code === '23505') return true;
    cur = cur.cause;
  }
  return false;
}

async function lockHistory(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${HISTORY_LOCK})`);
}

async function refuseImportedFile(db: Db | Tx, sha256: string): Promise<void> {
  const [earlier] = await db
    .select({
      id: historicalImports.id,
      fileName: historicalImports.fileName,
      at: historicalImports.importedAt,
    })
    .from(historicalImports)
    .where(eq(historicalImports.fileSha256, sha256));
  if (earlier) {
    throw conflict(
      'HISTORY_ALREADY_IMPORTED',
      `该文件已于 ${shanghaiDay(earlier.at)} 导入过（“${earlier.fileName}”），不能重复导入；如需更正，请先撤回该批导入，再上传改正后的文件`,
      'file',
    );
  }
}

/** What the database knows about the file's project codes: platform projects, and earlier imports' shares. */
async function lookups(
  tx: Tx,
  sheet: ParsedSheet,
): Promise<{ platformCodes: Set<string>; earlier: EarlierShare[] }> {
  const codes = [
    ...new Set(
      sheet.rows.flatMap((r) => {
        const c = r.cells.get('projectCode');
        const t = c === undefined ? null : textOf(c);
        return t?.ok ? [t.value] : [];
      }),
    ),
  ];
  const platformCodes = new Set<string>();
  const earlier: EarlierShare[] = [];
  for (const batch of chunks(codes, LOOKUP)) {
    for (const p of await tx
      .select({ code: projects.code })
      .from(projects)
      .where(inArray(projects.code, batch))) {
      platformCodes.add(p.code);
    }
    const h = historicalProcurements;
    earlier.push(
      ...(await tx
        .select({
          projectCode: h.projectCode,
          lotNo: h.lotNo,
          purchaserName: h.purchaserName,
          category: h.category,
          method: h.method,
          rowNo: h.rowNo,
          fileName: historicalImports.fileName,
        })
        .from(h)
        .innerJoin(historicalImports, eq(historicalImports.id, h.importId))
        .where(inArray(h.projectCode, batch))
        .orderBy(h.projectCode, h.rowNo)),
    );
  }
  return { platformCodes, earlier };
}

function summary(records: readonly HistoryRecord[]) {
  let budget = 0n;
  let contract = 0n;
  let paid = 0n;
  let from = '9999-12-31';
  let to = '0000-01-01';
  for (const r of records) {
    budget += r.budgetFen;
    contract += r.contractFen;
    paid += r.paidFen ?? 0n;
    if (r.contractedOn < from) from = r.contractedOn;
    if (r.contractedOn > to) to = r.contractedOn;
  }
  return {
    rows: records.length,
    procurements: new Set(records.map((r) => r.projectCode)).size,
    lots: new Set(records.map((r) => `${r.projectCode}\u0000${r.lotNo}`)).size,
    budgetFen: budget.toString(),
    contractFen: contract.toString(),
    paidFen: paid.toString(),
    from,
    to,
  };
}

/**
 * Imports a centre's ledger of procurements completed before the platform. Refused whole (409) when the same
 * file was imported before; 422-style failure (returned, not thrown) with every row error when any row is wrong.
 */
export async function importHistory(
  db: Db | Tx,
  ctx: RequestContext,
  file: HistoryFile,
  opts: HistoryImportOptions = {},
): Promise<HistoryOutcome> {
  authorize(ctx.actor, statisticsPolicy, 'importHistory');
  const fileName = cleanFileName(file.name);
  const fileSha256 = createHash('sha256').update(file.bytes).digest('hex');
  // Cheap refusal first: a second upload of the same file is not even parsed.
  await refuseImportedFile(db, fileSha256);
  const sheet = await readLedger(file.bytes);
  opts.onProgress?.('parsed', sheet.rows.length, sheet.rows.length);
  const headerProblems = headerErrors(sheet.headers, sheet.headerRow);
  if (headerProblems.length) return failure(sheet.sheet, headerProblems);
  try {
    return await db.transaction(async (tx) => {
      // One import or withdrawal at a time: the duplicate checks below then see every committed share.
      await lockHistory(tx);
      await refuseImportedFile(tx, fileSha256);
      const known = await lookups(tx, sheet);
      const { records, errors } = validateLedger(sheet.rows, {
        today: shanghaiDay(ctx.clock.now()),
        ...known,
      });
      opts.onProgress?.('validated', sheet.rows.length, sheet.rows.length);
      if (errors.length) return failure(sheet.sheet, errors);
      const totals = summary(records);
      const base = { fileName, fileSha256, format: sheet.format, sheet: sheet.sheet, ...totals };
      if (opts.dryRun) return { ok: true as const, importId: null, dryRun: true, ...base };

      const importId = randomUUID();
      await tx.insert(historicalImports).values({
        id: importId,
        fileName,
        fileSha256,
        rowCount: records.length,
        importedBy: actorUserId(ctx.actor),
        importedAt: ctx.clock.now(),
      });
      let done = 0;
      for (const batch of chunks(records, BATCH)) {
        await tx
          .insert(historicalProcurements)
          .values(batch.map(({ row, ...r }) => ({ ...r, importId, rowNo: row })));
        done += batch.length;
        opts.onProgress?.('inserting', done, records.length);
      }
      // One event for the whole ledger: the file hash pins the exact bytes, the totals what they added.
      await appendAudit(tx, ctx, {
        action: 'statistics.historyImported',
        entityType: 'historicalImport',
        entityId: importId,
        after: base,
      });
      opts.onProgress?.('done', records.length, records.length);
      return { ok: true as const, importId, dryRun: false, ...base };
    });
  } catch (e) {
    if (isUniqueViolation(e)) {
      throw conflict(
        'HISTORY_CONFLICT',
        '导入期间其他人导入了相同的文件或记录，请重新上传以查看冲突行',
        'file',
      );
    }
    throw e;
  }
}

/** The imports, newest first, with what each added to the statistics. */
export async function listHistoryImports(db: Db | Tx, ctx: RequestContext): Promise<HistoryImportListItem[]> {
  // The whole centre's ledgers: a purchaser's own-unit grant does not reach them (told they do not exist, as
  // for the centre's targets).
  authorize(ctx.actor, statisticsPolicy, 'read', { purchaserId: null });
  const i = historicalImports;
  const h = historicalProcurements;
  const rows = await db
    .select({
      id: i.id,
      fileName: i.fileName,
      fileSha256: i.fileSha256,
      rowCount: i.rowCount,
      importedAt: i.importedAt,
      importedByName: users.displayName,
      procurements: sql<number>`count(distinct ${h.projectCode})::int`,
      budgetFen: sql<string>`coalesce(sum(${h.budgetFen}), 0)::text`,
      from: sql<string | null>`to_char(min(${h.contractedOn}), 'YYYY-MM-DD')`,
      to: sql<string | null>`to_char(max(${h.contractedOn}), 'YYYY-MM-DD')`,
    })
    .from(i)
    .leftJoin(users, eq(users.id, i.importedBy))
    .leftJoin(h, eq(h.importId, i.id))
    .groupBy(i.id, users.displayName)
    .orderBy(desc(i.importedAt), i.fileName);
  return rows.map((r) => ({
    ...r,
    procurements: Number(r.procurements),
    importedAt: r.importedAt.toISOString(),
  }));
}

/**
 * Withdraws a whole import: its rows leave the statistics, the file may be imported again (corrected or not), and
 * the audit log keeps what was withdrawn, by whom and when.
 */
export async function withdrawHistoryImport(
  db: Db | Tx,
  ctx: RequestContext,
  id: string,
): Promise<{ id: string; fileName: string; rowsRemoved: number }> {
  authorize(ctx.actor, statisticsPolicy, 'importHistory');
  return db.transaction(async (tx) => {
    await lockHistory(tx);
    const [imp] = await tx.select().from(historicalImports).where(eq(historicalImports.id, id)).for('update');
    if (!imp) throw notFound('导入批次不存在或已撤回');
    const h = historicalProcurements;
    const [totals] = await tx
      .select({
        rows: sql<number>`count(*)::int`,
        procurements: sql<number>`count(distinct ${h.projectCode})::int`,
        budgetFen: sql<string>`coalesce(sum(${h.budgetFen}), 0)::text`,
        from: sql<string | null>`to_char(min(${h.contractedOn}), 'YYYY-MM-DD')`,
        to: sql<string | null>`to_char(max(${h.contractedOn}), 'YYYY-MM-DD')`,
      })
      .from(h)
      .where(eq(h.importId, id));
    await tx.delete(h).where(eq(h.importId, id));
    await tx.delete(historicalImports).where(eq(historicalImports.id, id));
    await appendAudit(tx, ctx, {
      action: 'statistics.historyWithdrawn',
      entityType: 'historicalImport',
      entityId: id,
      before: {
        fileName: imp.fileName,
        fileSha256: imp.fileSha256,
        rowCount: imp.rowCount,
        importedBy: imp.importedBy,
        importedAt: imp.importedAt.toISOString(),
        procurements: Number(totals?.procurements ?? 0),
        budgetFen: totals?.budgetFen ?? '0',
        from: totals?.from ?? null,
        to: totals?.to ?? null,
      },
    });
    return { id, fileName: imp.fileName, rowsRemoved: Number(totals?.rows ?? 0) };
  });
}

/** The template workbook to fill in. */
export async function historyTemplate(ctx: RequestContext): Promise<{ fileName: string; bytes: Buffer }> {
  authorize(ctx.actor, statisticsPolicy, 'importHistory');
  return { fileName: TEMPLATE_FILE_NAME, bytes: await buildTemplate() };
}
