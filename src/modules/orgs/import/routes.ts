import type { Db } from '../../../platform/db/client.ts';
import { badRequest } from '../../../platform/errors.ts';
import { access } from '../../../platform/http/access.ts';
import { errorBody } from '../../../platform/http/contract.ts';
import type { App } from '../../../platform/http/server.ts';
import { IMPORT_KINDS, KIND_LABELS } from './columns.ts';
import { importInvalidBody, importQuery, importResult } from './contract.ts';
import { importRegistry, importTemplate } from './commands.ts';
import { importPolicy } from './policy.ts';

/** Far above a 20,000-row list (≈ 2 MB as .xlsx), far below what would tie up the server parsing it. */
const MAX_IMPORT_BYTES = 32 * 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * One pair of routes per list rather than a `:kind` parameter: each appears in the API docs and in the role ×
 * route matrix under its own name.
 */
export function importRoutes(app: App, deps: { db: Db }): void {
  const { db } = deps;
  for (const kind of IMPORT_KINDS) {
    const label = KIND_LABELS[kind];
    app.get(
      `/api/imports/${kind}/template`,
      {
        config: { access: access(importPolicy, 'template') },
        schema: { tags: ['批量导入'], summary: `下载${label}导入模板（.xlsx，含说明表）` },
      },
      async (req, reply) => {
        const { fileName, bytes } = await importTemplate(db, req.ctx, kind);
        return reply
          .header('content-type', XLSX)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
          .send(bytes);
      },
    );
    app.post(
      `/api/imports/${kind}`,
      {
        config: { access: access(importPolicy, 'import') },
        schema: {
          tags: ['批量导入'],
          summary: `导入${label}名单（multipart/form-data，字段 file：.xlsx 或 CSV）；任一行有错则整批不导入`,
          consumes: ['multipart/form-data'],
          querystring: importQuery,
          response: {
            200: importResult,
            400: errorBody,
            409: errorBody,
            413: errorBody,
            415: errorBody,
            422: importInvalidBody,
          },
        },
      },
      async (req, reply) => {
        const part = await req.file({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } });
        if (!part || part.fieldname !== 'file')
          throw badRequest('FILE_MISSING', '请选择要导入的文件（字段 file）', 'file');
        const bytes = await part.toBuffer();
        const outcome = await importRegistry(
          db,
          req.ctx,
          kind,
          { bytes, name: part.filename },
          {
            dryRun: req.query.dryRun,
          },
        );
        if (!outcome.ok) {
          const { ok: _ok, ...failure } = outcome;
          return reply.status(422).send({
            code: 'IMPORT_INVALID' as const,
            message: `文件中有 ${failure.errorCount} 处错误，未导入任何记录；请按错误清单改正后重新上传`,
            ...failure,
          });
        }
        const { ok: _ok, ...result } = outcome;
        return reply.status(200).send(result);
      },
    );
  }
}
