import { z } from 'zod';
import type { Db } from '../../../platform/db/client.ts';
import { badRequest } from '../../../platform/errors.ts';
import { access } from '../../../platform/http/access.ts';
import { errorBody } from '../../../platform/http/contract.ts';
import type { App } from '../../../platform/http/server.ts';
import { statisticsPolicy } from '../policy.ts';
import {
  historyImportListItem,
  historyImportQuery,
  historyImportResult,
  historyInvalidBody,
  historyWithdrawn,
} from './contract.ts';
import { historyTemplate, importHistory, listHistoryImports, withdrawHistoryImport } from './commands.ts';

/** 50,000 ledger rows are ≈ 5 MB as .xlsx and ≈ 10 MB as CSV; the cap leaves room, not a way to tie up the server. */
export const MAX_HISTORY_BYTES = 32 * 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const tags = ['统计分析'];

/** The import of a centre's ledgers from before the platform (docs/HISTORICAL-IMPORT.md). */
export function historyRoutes(app: App, deps: { db: Db }): void {
  const { db } = deps;
  app.get(
    '/api/statistics/history/template',
    {
      config: { access: access(statisticsPolicy, 'importHistory') },
      schema: { tags, summary: '下载历史采购台账导入模板（.xlsx，含说明表）' },
    },
    async (req, reply) => {
      const { fileName, bytes } = await historyTemplate(req.ctx);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .send(bytes);
    },
  );
  app.post(
    '/api/statistics/history',
    {
      config: { access: access(statisticsPolicy, 'importHistory') },
      schema: {
        tags,
        summary:
          '导入历史采购台账（multipart/form-data，字段 file：.xlsx 或 UTF-8 CSV）；任一行有错则整批不导入，返回逐行错误清单',
        consumes: ['multipart/form-data'],
        querystring: historyImportQuery,
        response: {
          200: historyImportResult,
          400: errorBody,
          409: errorBody,
          413: errorBody,
          415: errorBody,
          422: historyInvalidBody,
        },
      },
    },
    async (req, reply) => {
      const part = await req.file({ limits: { fileSize: MAX_HISTORY_BYTES, files: 1 } });
      if (!part || part.fieldname !== 'file') {
        throw badRequest('FILE_MISSING', '请选择要导入的台账文件（字段 file）', 'file');
      }
      const bytes = await part.toBuffer();
      const outcome = await importHistory(
        db,
        req.ctx,
        { bytes, name: part.filename },
        { dryRun: req.query.dryRun },
      );
      if (!outcome.ok) {
        const { ok: _ok, ...failure } = outcome;
        return reply.status(422).send({
          code: 'HISTORY_INVALID' as const,
          message: `台账中有 ${failure.errorCount} 处错误，未导入任何记录；请按错误清单改正后重新上传`,
          ...failure,
        });
      }
      const { ok: _ok, ...result } = outcome;
      return reply.status(200).send(result);
    },
  );
  app.get(
    '/api/statistics/history',
    {
      config: { access: access(statisticsPolicy, 'read') },
      schema: {
        tags,
        summary: '历史台账导入批次（最新的在前）',
        response: { 200: z.array(historyImportListItem) },
      },
    },
    (req) => listHistoryImports(db, req.ctx),
  );
  app.delete(
    '/api/statistics/history/:id',
    {
      config: { access: access(statisticsPolicy, 'importHistory') },
      schema: {
        tags,
        summary: '撤回一批历史台账导入（整批删除，记入审计日志；之后可重新导入）',
        params: z.object({ id: z.uuid() }),
        response: { 200: historyWithdrawn, 400: errorBody, 404: errorBody },
      },
    },
    (req) => withdrawHistoryImport(db, req.ctx, req.params.id),
  );
}
