/** The historical import's HTTP shapes (the web app reads them too: zod only, nothing from Node). */
import { z } from 'zod';
import { historicalImportError, historicalImportView } from '../contract.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const historyImportQuery = z.object({
  dryRun: z.stringbool().default(false).describe('true：只校验不写入，返回将导入的汇总或错误清单'),
});

export const historyImportResult = z.object({
  importId: z.uuid().nullable().describe('导入批次编号；dryRun 时为 null'),
  dryRun: z.boolean(),
  fileName: z.string(),
  fileSha256: z.string().describe('上传文件的 SHA-256：同一文件不能导入两次'),
  format: z.enum(['xlsx', 'csv']),
  sheet: z.string().nullable().describe('读取的工作表（CSV 为 null）'),
  rows: z.number().int().describe('导入的行数（采购人份额）'),
  procurements: z.number().int().describe('项目数（不同的项目编号）'),
  lots: z.number().int().describe('标段（包）数'),
  budgetFen: z.string(),
  contractFen: z.string(),
  paidFen: z.string().describe('已填写实际支付金额的行的合计'),
  from: day.describe('最早的合同签订日期'),
  to: day.describe('最晚的合同签订日期'),
});
export type HistoryImportResult = z.infer<typeof historyImportResult>;

/** 422: nothing was imported; every problem found (up to a cap), with the total. */
export const historyInvalidBody = z.object({
  code: z.literal('HISTORY_INVALID'),
  message: z.string(),
  sheet: z.string().nullable(),
  errors: z.array(historicalImportError),
  errorCount: z.number().int().describe('错误总数（errors 最多列出 1000 条）'),
  truncated: z.boolean(),
});

export const historyImportListItem = historicalImportView.extend({
  procurements: z.number().int(),
  budgetFen: z.string(),
  from: day.nullable(),
  to: day.nullable(),
});
export type HistoryImportListItem = z.infer<typeof historyImportListItem>;

export const historyWithdrawn = z.object({
  id: z.uuid(),
  fileName: z.string(),
  rowsRemoved: z.number().int(),
});
