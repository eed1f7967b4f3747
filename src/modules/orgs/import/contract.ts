import { z } from 'zod';
import { IMPORT_KINDS } from './columns.ts';

export const importQuery = z.object({
  dryRun: z.stringbool().default(false).describe('true：只校验不写入，返回将导入的行数或错误清单'),
});

export const importResult = z.object({
  kind: z.enum(IMPORT_KINDS).describe('导入的名单类别'),
  dryRun: z.boolean(),
  fileHash: z.string().describe('上传文件的 SHA-256'),
  rowCount: z.number().int().describe('文件中的数据行数'),
  created: z.number().int().describe('新建的记录数（dryRun 时为将新建的记录数）'),
  importId: z.string().nullable().describe('审计日志中本次导入事件的实体编号；dryRun 时为 null'),
});

export const rowError = z.object({
  row: z.number().int().describe('Excel 中显示的行号（表头为第 1 行）'),
  column: z.string().describe('列名（中文表头）'),
  message: z.string().describe('中文错误原因'),
});

/** 422: nothing was imported; every problem found, up to a cap, with the total. */
export const importInvalidBody = z.object({
  code: z.literal('IMPORT_INVALID'),
  message: z.string(),
  errors: z.array(rowError),
  errorCount: z.number().int().describe('错误总数（errors 最多列出 500 条）'),
  truncated: z.boolean(),
});

/** Chinese names of the registers that can be imported. */
export { IMPORT_KINDS, KIND_LABELS } from './columns.ts';
