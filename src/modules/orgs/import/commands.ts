/**
 * The import use cases. One transaction per upload: the database lookups the validators need, the inserts and
 * the audit event all commit together, or — on any row error — nothing is written at all, so a centre never
 * has half a list loaded and has to work out which half.
 */
import { createHash, randomUUID } from 'node:crypto';
import { asc, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { appendAudit } from '../../../platform/audit/log.ts';
import type { RequestContext } from '../../../platform/auth/actor.ts';
import { authorize } from '../../../platform/auth/policy.ts';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { badRequest, conflict } from '../../../platform/errors.ts';
import { creditCodeCheckChar, type PurchaserLevel } from '../rules.ts';
import { experts, expertSpecialties, purchasers, specialties, suppliers } from '../tables.ts';
import {
  EXPERT_COLUMNS,
  KIND_LABELS,
  PURCHASER_COLUMNS,
  SUPPLIER_COLUMNS,
  type ImportKind,
} from './columns.ts';
import type { importResult, rowError } from './contract.ts';
import { importPolicy } from './policy.ts';
import { buildTemplate, readUpload, type ParsedSheet } from './sheet.ts';
import {
  headerErrors,
  validateExperts,
  validatePurchasers,
  validateSuppliers,
  type ExpertRecord,
  type PurchaserRecord,
  type RowError,
  type SheetRow,
  type SupplierRecord,
} from './validate.ts';

/** Enough for a clerk to work through; the total says how much more there is. */
export const MAX_ERRORS_SHOWN = 500;
/** Rows per INSERT: 1,000 experts × 13 columns stays far below PostgreSQL's 65,535 bind parameters. */
const BATCH = 1000;
/** Values per `IN (…)` lookup, for the same limit. */
const LOOKUP = 5000;

export type ImportSuccess = z.infer<typeof importResult>;
export interface ImportFailure {
  errors: z.infer<typeof rowError>[];
  errorCount: number;
  truncated: boolean;
}
export type ImportOutcome = ({ ok: true } & ImportSuccess) | ({ ok: false } & ImportFailure);

export type ImportPhase = 'parsed' | 'validated' | 'inserting' | 'done';
export interface ImportOptions {
  dryRun: boolean;
  /** Progress for the CLI and the benchmark: after parsing, after validation, after each insert batch. */
  onProgress?: (phase: ImportPhase, done: number, total: number) => void;
}

export async function importRegistry(
  db: Db,
  ctx: RequestContext,
  kind: ImportKind,
  file: { bytes: Buffer; name: string },
  opts: ImportOptions,
): Promise<ImportOutcome> {
  authorize(ctx.actor, importPolicy, 'import');
  const fileHash = createHash('sha256').update(file.bytes).digest('hex');
  const sheet = await readUpload(file.bytes, file.name);
  opts.onProgress?.('parsed', sheet.rows.length, sheet.rows.length);
  const headerProblems = headerErrors(kind, sheet.headers);
  if (headerProblems.length) return failure(headerProblems);
  try {
    return await db.transaction(async (tx) => {
      const plan = await validate(tx, kind, sheet);
      opts.onProgress?.('validated', sheet.rows.length, sheet.rows.length);
      if (plan.errors.length) return failure(plan.errors);
      const base = { kind, fileHash, rowCount: sheet.rows.length, created: plan.count };
      if (opts.dryRun) return { ok: true, ...base, dryRun: true, importId: null };
      const ids = await plan.insert(tx, ctx.clock.now(), (done) =>
        opts.onProgress?.('inserting', done, plan.count),
      );
      const importId = randomUUID();
      // One event for the whole upload rather than one per record: 10,000 chained audit rows would cost more
      // than the import itself and bury the log. The file hash pins the exact bytes imported; the rows' natural
      // keys (unit name, credit code, ID number) in that file lead back to the created ids, and the digest of
      // those ids in row order lets anyone confirm the set without the event carrying 10,000 uuids.
      await appendAudit(tx, ctx, {
        action: 'registry.imported',
        entityType: 'import',
        entityId: importId,
        after: {
          kind,
          fileName: file.name,
          fileHash,
          format: sheet.format,
          rowCount: sheet.rows.length,
          createdCount: ids.length,
          createdIdsSha256: createHash('sha256').update(ids.join('\n')).digest('hex'),
          firstId: ids[0] ?? null,
          lastId: ids.at(-1) ?? null,
        },
      });
      opts.onProgress?.('done', plan.count, plan.count);
      return { ok: true, ...base, dryRun: false, importId };
    });
  } catch (e) {
    // Another upload committed the same name or code between our lookup and our insert.
    if (isUniqueViolation(e)) {
      throw conflict(
        'IMPORT_CONFLICT',
        '导入期间系统中已新增了相同的单位、代码或身份证号，请重新上传以查看冲突行',
      );
    }
    throw e;
  }
}

function failure(all: RowError[]): ImportFailure & { ok: false } {
  return {
    ok: false,
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

interface Plan {
  errors: RowError[];
  count: number;
  /** Writes the records and returns the created ids in row order. */
  insert(tx: Tx, now: Date, progress: (done: number) => void): Promise<string[]>;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The distinct non-empty values of one column, for an `IN` lookup. */
function columnValues(rows: readonly SheetRow[], title: string, normalise = (v: string) => v): string[] {
  return [...new Set(rows.map((r) => normalise(r.cells.get(title) ?? '')).filter((v) => v !== ''))];
}

async function validate(tx: Tx, kind: ImportKind, sheet: ParsedSheet): Promise<Plan> {
  switch (kind) {
    case 'purchasers':
      return planPurchasers(tx, sheet.rows);
    case 'suppliers':
      return planSuppliers(tx, sheet.rows);
    case 'experts':
      return planExperts(tx, sheet.rows);
  }
}

async function insertBatches<T>(
  records: readonly T[],
  write: (batch: T[]) => Promise<void>,
  progress: (done: number) => void,
): Promise<void> {
  let done = 0;
  for (const batch of chunks(records, BATCH)) {
    await write(batch);
    done += batch.length;
    progress(done);
  }
}

async function planPurchasers(tx: Tx, rows: readonly SheetRow[]): Promise<Plan> {
  const C = PURCHASER_COLUMNS;
  const names = [...new Set([...columnValues(rows, C.name.title), ...columnValues(rows, C.parent.title)])];
  const unitLevels = new Map<string, PurchaserLevel>();
  const unitIds = new Map<string, string>();
  for (const batch of chunks(names, LOOKUP)) {
    const found = await tx
      .select({ id: purchasers.id, name: purchasers.name, level: purchasers.level })
      .from(purchasers)
      .where(inArray(purchasers.name, batch));
    for (const f of found) {
      if (f.level === 'county' || f.level === 'township' || f.level === 'village')
        unitLevels.set(f.name, f.level);
      unitIds.set(f.name, f.id);
    }
  }
  const creditCodes = new Map<string, string>();
  for (const batch of chunks(columnValues(rows, C.creditCode.title), LOOKUP)) {
    const found = await tx
      .select({ code: purchasers.creditCode, name: purchasers.name })
      .from(purchasers)
      .where(inArray(purchasers.creditCode, batch));
    for (const f of found) if (f.code) creditCodes.set(f.code, f.name);
  }
  const { records, errors } = validatePurchasers(rows, { unitLevels, creditCodes });
  return {
    errors,
    count: records.length,
    async insert(tx2, now, progress) {
      const ids = new Map<PurchaserRecord, string>(records.map((r) => [r, randomUUID()]));
      for (const r of records) unitIds.set(r.name, ids.get(r) ?? '');
      // Parents first: a village's row references its township, which may be created by this same file.
      const ordered = [...records].sort(
        (a, b) => Number(a.level === 'village') - Number(b.level === 'village'),
      );
      await insertBatches(
        ordered,
        async (batch) => {
          await tx2.insert(purchasers).values(
            batch.map((r) => ({
              id: ids.get(r),
              name: r.name,
              level: r.level,
              parentId: r.parentName ? (unitIds.get(r.parentName) ?? null) : null,
              regionCode: r.regionCode,
              creditCode: r.creditCode,
              financeUnit: r.financeUnit,
              contactName: r.contactName,
              contactPhone: r.contactPhone,
              address: r.address,
              status: 'active',
              createdAt: now,
            })),
          );
        },
        progress,
      );
      return records.map((r) => ids.get(r) ?? '');
    },
  };
}

async function planSuppliers(tx: Tx, rows: readonly SheetRow[]): Promise<Plan> {
  const creditCodes = new Map<string, string>();
  for (const batch of chunks(columnValues(rows, SUPPLIER_COLUMNS.creditCode.title), LOOKUP)) {
    const found = await tx
      .select({ code: suppliers.creditCode, name: suppliers.name })
      .from(suppliers)
      .where(inArray(suppliers.creditCode, batch));
    for (const f of found) creditCodes.set(f.code, f.name);
  }
  const { records, errors } = validateSuppliers(rows, { creditCodes });
  return {
    errors,
    count: records.length,
    async insert(tx2, now, progress) {
      const ids = records.map(() => randomUUID());
      const withIds = records.map((r, i): [SupplierRecord, string] => [r, ids[i] ?? '']);
      await insertBatches(
        withIds,
        async (batch) => {
          await tx2.insert(suppliers).values(
            batch.map(([{ row: _row, ...r }, id]) => ({
              ...r,
              id,
              // Imported suppliers still need the centre's review before they may bid.
              status: 'pending',
              createdAt: now,
            })),
          );
        },
        progress,
      );
      return ids;
    },
  };
}

async function planExperts(tx: Tx, rows: readonly SheetRow[]): Promise<Plan> {
  const idNumbers = new Map<string, string>();
  const keys = columnValues(rows, EXPERT_COLUMNS.idNumber.title, (v) => v.toUpperCase());
  for (const batch of chunks(keys, LOOKUP)) {
    const found = await tx
      .select({ idNumber: experts.idNumber, name: experts.name })
      .from(experts)
      .where(inArray(experts.idNumber, batch));
    for (const f of found) idNumbers.set(f.idNumber, f.name);
  }
  const specialtyCodes = new Set(
    (await tx.select({ code: specialties.code }).from(specialties)).map((s) => s.code),
  );
  const { records, errors } = validateExperts(rows, { idNumbers, specialtyCodes });
  return {
    errors,
    count: records.length,
    async insert(tx2, now, progress) {
      const withIds = records.map((r): [ExpertRecord, string] => [r, randomUUID()]);
      await insertBatches(
        withIds,
        async (batch) => {
          await tx2.insert(experts).values(
            batch.map(([{ row: _row, specialtyCodes: _codes, ...r }, id]) => ({
              ...r,
              id,
              // The centre's own pool list: these experts were vetted before they were on it.
              status: 'active',
              createdAt: now,
            })),
          );
          await tx2
            .insert(expertSpecialties)
            .values(
              batch.flatMap(([r, id]) =>
                r.specialtyCodes.map((specialtyCode) => ({ expertId: id, specialtyCode })),
              ),
            );
        },
        progress,
      );
      return withIds.map(([, id]) => id);
    },
  };
}

/** Example records: real, valid values, so the template imports cleanly as downloaded. */
const EXAMPLE_DIVISION = '150430';
function examples(specialtyCode: string): Record<ImportKind, Record<string, string>> {
  const P = PURCHASER_COLUMNS;
  const S = SUPPLIER_COLUMNS;
  const E = EXPERT_COLUMNS;
  // 机关 (1 1) with a numeric GB 11714 organisation code, as bodies coded before 2015 kept.
  const unitCode = `11${EXAMPLE_DIVISION}011234567`;
  const firmCode = `91${EXAMPLE_DIVISION}MA0R1B2C3`;
  return {
    purchasers: {
      [P.name.title]: '示例县教育局',
      [P.level.title]: '县直单位',
      [P.regionCode.title]: EXAMPLE_DIVISION,
      [P.creditCode.title]: unitCode + creditCodeCheckChar(unitCode),
      [P.financeUnit.title]: '示例县财政局',
      [P.contactName.title]: '张明',
      [P.contactPhone.title]: '13904761234',
      [P.address.title]: '示例县新惠镇政府街 1 号',
    },
    suppliers: {
      [S.name.title]: '示例科技有限公司',
      [S.creditCode.title]: firmCode + creditCodeCheckChar(firmCode),
      [S.legalRepresentative.title]: '李华',
      [S.size.title]: '小型',
      [S.regionCode.title]: EXAMPLE_DIVISION,
      [S.address.title]: '示例县新惠镇工业园区 8 号',
      [S.contactName.title]: '王强',
      [S.contactPhone.title]: '13847661234',
      [S.email.title]: 'sales@example.com',
      [S.businessScope.title]: '计算机软硬件及办公设备销售',
      [S.prisonEnterprise.title]: '否',
      [S.disabledWelfareUnit.title]: '否',
    },
    experts: {
      [E.name.title]: '赵敏',
      // 1985-03-12, check character per GB 11643-1999.
      [E.idNumber.title]: '150430198503120020',
      [E.phone.title]: '13604761234',
      [E.titleLevel.title]: '高级',
      [E.titleName.title]: '高级工程师',
      [E.years.title]: '15',
      [E.employer.title]: '示例县住房和城乡建设局',
      [E.regionCode.title]: EXAMPLE_DIVISION,
      [E.specialties.title]: specialtyCode,
    },
  };
}

export async function importTemplate(
  db: Db,
  ctx: RequestContext,
  kind: ImportKind,
): Promise<{ fileName: string; bytes: Buffer }> {
  authorize(ctx.actor, importPolicy, 'template');
  let specialtyList: { code: string; name: string; parentCode: string | null }[] | undefined;
  if (kind === 'experts') {
    specialtyList = await db
      .select({ code: specialties.code, name: specialties.name, parentCode: specialties.parentCode })
      .from(specialties)
      .orderBy(asc(specialties.code));
    if (specialtyList.length === 0) {
      throw badRequest('SPECIALTIES_MISSING', '系统中尚无评审专业分类，请先维护专业分类再导入专家');
    }
  }
  const parents = new Set(specialtyList?.map((s) => s.parentCode));
  // Experts are drawn by their most specific specialty, so the example names a leaf of the tree.
  const leaf = specialtyList?.find((s) => !parents.has(s.code))?.code ?? '';
  const bytes = await buildTemplate({
    kind,
    example: examples(leaf)[kind],
    ...(specialtyList ? { specialties: specialtyList } : {}),
  });
  return { fileName: `${KIND_LABELS[kind]}导入模板.xlsx`, bytes };
}
