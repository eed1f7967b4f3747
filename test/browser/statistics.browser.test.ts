import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/cli/demo/data.ts';
import type { StatisticsReport } from '../../src/modules/statistics/contract.ts';
import { packageRoot } from '../../src/app.ts';
import { shanghaiDay } from '../../src/platform/clock.ts';
import { launchChromium, startDemoServer } from './support.ts';

/**
 * 统计分析 in Chromium as the centre's director: the previous year's report (the demo's historical ledger), the KPI
 * texts and the headline as the API states them, the four charts drawn, a category filter, the .xlsx download, a
 * year's target; and a full-page picture of the dashboard for docs/screenshots.
 */
const SCREENSHOT = path.join(packageRoot, 'docs', 'screenshots', 'statistics-dashboard.png');

let server: Awaited<ReturnType<typeof startDemoServer>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let downloads: string;

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchChromium();
  downloads = await mkdtemp(path.join(tmpdir(), 'zc-statistics-'));
  // Reduced motion turns the charts' animation off (charts.tsx), so what is drawn is final at once.
  context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    reducedMotion: 'reduce',
    acceptDownloads: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.getByLabel('用户名').fill('zhuren');
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('current-role').waitFor();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
  if (downloads) await rm(downloads, { recursive: true, force: true });
});

/** The JSON report for the same query, fetched with the page's own session. */
function apiReport(query: string): Promise<StatisticsReport> {
  return page.evaluate(async (qs) => {
    const res = await fetch(`/api/statistics/report?${qs}`, { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`report ${res.status}: ${await res.text()}`);
    return (await res.json()) as StatisticsReport;
  }, query);
}

/** Pixels of a chart's canvas that are not transparent: an ECharts chart that drew something has thousands. */
function paintedPixels(testId: string): Promise<number> {
  return page.getByTestId(testId).evaluate((el) => {
    const canvas = el.querySelector('canvas');
    if (!canvas || canvas.width === 0 || canvas.height === 0) return 0;
    const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 3; data && i < data.length; i += 4) if ((data[i] ?? 0) > 0) n += 1;
    return n;
  });
}

/** The text of a row of a figures table, by its first cell (类别, or 合计 for the summary row). */
async function rowCells(tableId: string, label: string): Promise<string[]> {
  const row = page
    .getByTestId(tableId)
    .locator('tr', { has: page.locator('td:first-child', { hasText: label }) });
  return (await row.first().locator('td').allTextContents()).map((t) => t.trim());
}

const today = shanghaiDay(new Date());
const thisYear = Number(today.slice(0, 4));

describe('the statistics dashboard', () => {
  let year = thisYear - 1;
  let query = '';
  let report: StatisticsReport;

  it('shows this year’s figures on the workbench, and the previous year’s on the dashboard', async () => {
    const ytd = await apiReport(`from=${thisYear}-01-01&to=${today}`);
    await expect.poll(() => page.getByTestId('statistics-card').textContent()).toContain(ytd.headline);

    await page.getByRole('menuitem', { name: '统计分析' }).click();
    await page.waitForURL(/\/app\/statistics/);
    await page.getByTestId('headline').waitFor();

    // The demo's historical ledger covers the two years before the demo year; without it, the demo year's own.
    query = `from=${year}-01-01&to=${year}-12-31`;
    report = await apiReport(query);
    if (report.total.procurements === 0) {
      console.warn(`统计：${year}年没有采购记录（演示数据的历史台账缺失？），改用${thisYear}年`);
      year = thisYear;
      query = `from=${year}-01-01&to=${today}`;
      report = await apiReport(query);
    }
    expect(report.total.procurements).toBeGreaterThan(0);

    // The demo year to date is the page's default period; another year is one click.
    await page.getByTestId('period-years').getByText(`${year}年`, { exact: true }).click();
    if (year !== thisYear) await page.waitForURL(new RegExp(`from=${year}-01-01`));
    await expect.poll(() => page.getByTestId('headline').textContent()).toBe(report.headline);
    expect(await page.getByTestId('kpi-procurements').textContent()).toBe(`${report.total.procurements}次`);
    expect(await page.getByTestId('kpi-budget').textContent()).toBe(report.total.budgetText);
    expect(await page.getByTestId('kpi-actual').textContent()).toBe(report.total.actualText);
    expect(await page.getByTestId('kpi-savings').textContent()).toBe(report.total.savingsText);
    expect(await page.getByTestId('kpi-rate').textContent()).toBe(report.total.savingsRateText);
    if (report.categorySentences.length) {
      expect(await page.getByTestId('category-sentences').textContent()).toBe(
        `其中${report.categorySentences.join('；')}。`,
      );
    }
    // The category table: the seeds' columns, 万元 to two decimals.
    const total = await rowCells('table-categories', '合计');
    expect(total[1]).toBe(String(report.total.procurements));
    expect(total[2]).toBe(String(report.total.lots));
    expect(total[8]).toBe(report.total.savingsRateText);
  });

  it('draws the four charts', async () => {
    for (const chart of ['chart-categories', 'chart-savings-rate', 'chart-monthly', 'chart-cycle']) {
      if (chart === 'chart-cycle' && report.cycleTimes.histogram.length === 0) continue;
      await expect.poll(() => paintedPixels(chart), { timeout: 15_000 }).toBeGreaterThan(2000);
    }
  });

  it('filters by category', async () => {
    const works = await apiReport(`${query}&category=works`);
    await page.getByTestId('filter-category').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '工程' }).click();
    await page.waitForURL(/category=works/);
    await expect.poll(() => page.getByTestId('headline').textContent()).toBe(works.headline);
    await expect
      .poll(async () => (await rowCells('table-categories', '合计'))[1])
      .toBe(String(works.total.procurements));
    // Goods and services drop to nothing; the works row is the total.
    expect((await rowCells('table-categories', '货物'))[1]).toBe('0');
    expect((await rowCells('table-categories', '工程'))[1]).toBe(String(works.total.procurements));
    expect(await page.getByTestId('kpi-budget').textContent()).toBe(works.total.budgetText);

    // Back to the whole centre.
    await page.getByTestId('filter-category').hover();
    await page.getByTestId('filter-category').locator('.ant-select-clear').click();
    await page.waitForURL((url) => !url.search.includes('category='));
    await expect.poll(() => page.getByTestId('headline').textContent()).toBe(report.headline);
  });

  it('downloads the report as .xlsx with the same figures', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-xlsx').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`政府采购统计表（${year}-01-01至${query.slice(-10)}）.xlsx`);
    const file = path.join(downloads, 'report.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const main = wb.getWorksheet('总表');
    expect(main?.getCell('A2').value).toBe(report.headline);
    let totalRow: ExcelJS.Row | undefined;
    main?.eachRow((row) => {
      if (row.getCell(1).value === '合计') totalRow = row;
    });
    expect(totalRow?.getCell(2).value).toBe(report.total.procurements);
  });

  it('lets the director set the year’s target, and measures the year against it', async () => {
    const card = page.getByTestId('target-card');
    await card.getByLabel('年度').fill(String(year));
    await card.getByLabel('采购预算目标').fill('7');
    await card.getByLabel('金额单位').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '亿元' }).click();
    await card.getByLabel('资金节约率目标').fill('10');
    await card.getByRole('button', { name: '保存目标' }).click();
    await page.getByText(`已保存${year}年度目标`).waitFor();
    await card.getByTestId(`target-${year}`).waitFor();
    expect(await card.getByTestId(`target-${year}`).textContent()).toBe(
      `${year}年：采购预算7亿元，资金节约率 ≥ 10%`,
    );
    const measured = await apiReport(query);
    expect(measured.target).toMatchObject({ year, budgetFen: '70000000000', savingsRateBp: 1000 });
    await page.getByTestId('target-progress').waitFor();
    expect(await page.getByTestId('target-progress').textContent()).toContain(`采购预算目标 7亿元`);
    await expect.poll(() => paintedPixels('chart-savings-rate')).toBeGreaterThan(2000);
  });

  it('pictures the dashboard for the docs', async () => {
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 15_000 });
    await page.evaluate('window.scrollTo(0, 0)');
    await page.evaluate('document.fonts.ready.then(() => true)');
    await page.mouse.move(0, 0);
    await mkdir(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });
});

describe('the historical import page', () => {
  const y = thisYear - 3;
  const header =
    '项目编号,项目名称,标段(包)号,采购人,采购人层级,采购类别,服务细分,采购方式,专项,预算金额(元),合同金额(元),实际支付金额(元),委托日期,合同签订日期,中标(成交)供应商';
  const ledger = (rows: string[]) => ({
    name: `浏览器测试台账${y}.csv`,
    mimeType: 'text/csv',
    buffer: Buffer.from(`${[header, ...rows].join('\n')}\n`, 'utf8'),
  });
  const good = [
    `LS-BROWSER-1,测试办公设备,1,云岭县测试局,县直单位,货物,,公开招标,,"1,234,567.89",1100000,1100000,${y}-03-01,${y}-04-10,测试供应商`,
    `LS-BROWSER-1,测试办公设备,2,云岭县测试局,县直单位,货物,,公开招标,,500000,480000,,${y}-03-01,${y}-05-20,测试供应商`,
  ];

  it('checks a ledger row by row, imports it with its exact totals, and withdraws it', async () => {
    await page.goto(`${server.url}/app/statistics`);
    await page.getByTestId('history-import-link').click();
    await page.waitForURL(/\/app\/statistics\/history$/);
    const input = page.getByTestId('history-page').locator('input[type=file]');

    // A contract above its budget and an unknown level: two errors, nothing imported.
    await input.setInputFiles(
      ledger([
        good[0] ?? '',
        good[1]?.replace('500000,480000', '500000,580000').replace('县直单位', '省直') ?? '',
      ]),
    );
    await page.getByTestId('history-dry-run').click();
    await page.getByTestId('history-invalid').waitFor();
    expect(await page.getByTestId('history-invalid').textContent()).toContain('共 2 处错误');
    expect(await page.getByTestId('history-invalid').textContent()).toContain('本次未导入任何记录');
    const rows = await page.getByTestId('history-errors').locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.startsWith('3'))).toBe(true);

    await input.setInputFiles(ledger(good));
    await page.getByTestId('history-dry-run').click();
    await expect.poll(() => page.getByTestId('history-result').textContent()).toContain('校验通过');
    await page.getByTestId('history-import').click();
    await expect.poll(() => page.getByTestId('history-result').textContent()).toContain('导入完成');
    // 1,234,567.89 + 500,000 元 = 173.456789万元, written exactly.
    expect(await page.getByTestId('history-result-budget').textContent()).toBe('173.456789万元');
    expect(await page.getByTestId('history-result-period').textContent()).toBe(`${y}-04-10 至 ${y}-05-20`);
    expect(await page.getByTestId('history-result-statistics').getAttribute('href')).toBe(
      `/app/statistics?from=${y}-04-10&to=${y}-05-20`,
    );
    const listed = page.getByTestId('history-imports').locator('tr', { hasText: ledger([]).name });
    await listed.waitFor();
    expect(await listed.textContent()).toContain('173.456789万元');

    await listed.getByRole('button', { name: '撤销导入' }).click();
    await page.locator('.ant-popover:visible').getByRole('button', { name: '撤销导入' }).click();
    await page.getByText(`已撤销导入“${ledger([]).name}”，删除 2 行记录`).waitFor();
    await listed.waitFor({ state: 'detached' });
    expect((await apiReport(`from=${y}-04-10&to=${y}-05-20`)).total.procurements).toBe(0);
  });
});
