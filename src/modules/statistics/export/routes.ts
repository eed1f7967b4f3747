import type { RequestContext } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/client.ts';
import { access } from '../../../platform/http/access.ts';
import type { App } from '../../../platform/http/server.ts';
import { centres } from '../../orgs/index.ts';
import { statisticsQuery, type StatisticsQuery } from '../contract.ts';
import { statisticsPolicy } from '../policy.ts';
import { readReport } from '../service.ts';
import { reportSummary } from './docx.ts';
import { attachment, exportFileName } from './text.ts';
import { reportWorkbook } from './xlsx.ts';

const tags = ['统计分析'];

/** The centre's name as the reports are headed; a fresh installation without one gets a neutral title. */
async function centreName(db: Db): Promise<string> {
  const [c] = await db.select({ name: centres.name }).from(centres).limit(1);
  return c?.name ?? '集中采购中心';
}

async function exportInput(db: Db, ctx: RequestContext, query: StatisticsQuery) {
  const report = await readReport(db, ctx, query);
  return { report, centreName: await centreName(db) };
}

/** Each export: its content type, the summary in the API docs, and the writer. */
const EXPORTS = {
  xlsx: {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    summary:
      '导出统计报表（.xlsx）：总表（货物、工程、服务、合计）及服务细分、采购人层级、采购方式、专项、重大项目、月度、办结期限、专家库',
    write: reportWorkbook,
  },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    summary: '导出政府采购统计报告（.docx）：工作目标完成情况、分类统计、专家库',
    write: reportSummary,
  },
} as const;

/**
 * The report of /api/statistics/report, for the same query and scope, as files: the tables as .xlsx and the annual
 * summary in the seeds' words as .docx.
 */
export function exportRoutes(app: App, deps: { db: Db }): void {
  const { db } = deps;
  for (const kind of ['xlsx', 'docx'] as const) {
    const { mime, summary, write } = EXPORTS[kind];
    app.get(
      `/api/statistics/report.${kind}`,
      {
        config: { access: access(statisticsPolicy, 'read') },
        schema: { tags, summary, querystring: statisticsQuery },
      },
      async (req, reply) => {
        const input = await exportInput(db, req.ctx, req.query);
        const bytes = await write(input);
        return reply
          .header('content-type', mime)
          .header(
            'content-disposition',
            attachment(exportFileName(kind, input.report.query), `statistics.${kind}`),
          )
          .send(bytes);
      },
    );
  }
}
