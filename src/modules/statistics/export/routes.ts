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

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
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

/**
 * The report of /api/statistics/report, for the same query and scope, as files: the tables as .xlsx and the annual
 * summary in the seeds' words as .docx.
 */
export function exportRoutes(app: App, deps: { db: Db }): void {
  const { db } = deps;
  app.get(
    '/api/statistics/report.xlsx',
    {
      config: { access: access(statisticsPolicy, 'read') },
      schema: {
        tags,
        summary:
          '导出统计报表（.xlsx）：总表（货物、工程、服务、合计）及服务细分、采购人层级、采购方式、专项、重大项目、月度、办结期限、专家库',
        querystring: statisticsQuery,
      },
    },
    async (req, reply) => {
      const input = await exportInput(db, req.ctx, req.query);
      const bytes = await reportWorkbook(input);
      return reply
        .header('content-type', XLSX)
        .header(
          'content-disposition',
          attachment(exportFileName('xlsx', input.report.query), 'statistics.xlsx'),
        )
        .send(bytes);
    },
  );
  app.get(
    '/api/statistics/report.docx',
    {
      config: { access: access(statisticsPolicy, 'read') },
      schema: {
        tags,
        summary: '导出政府采购统计报告（.docx）：工作目标完成情况、分类统计、专家库',
        querystring: statisticsQuery,
      },
    },
    async (req, reply) => {
      const input = await exportInput(db, req.ctx, req.query);
      const bytes = await reportSummary(input);
      return reply
        .header('content-type', DOCX)
        .header(
          'content-disposition',
          attachment(exportFileName('docx', input.report.query), 'statistics.docx'),
        )
        .send(bytes);
    },
  );
}
