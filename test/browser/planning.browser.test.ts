import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/cli/demo/data.ts';
import { launchChromium, startDemoServer, checkSteadily, dialogClosed } from './support.ts';

let server: Awaited<ReturnType<typeof startDemoServer>>;
let browser: Browser;
beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function login(page: Page, username: string, password: string): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('current-role').waitFor();
}

/** A calendar day (YYYY-MM-DD) `days` after today in Beijing: the demo server runs on the real clock. */
function daysFromToday(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The plan page filtered down to the test's own line, and that line's row. */
async function findLine(page: Page, budgetItem: string) {
  await page.goto(`${server.url}/app/plans`);
  await page.getByPlaceholder('品目名称或预算项目').fill(budgetItem);
  await page.getByPlaceholder('品目名称或预算项目').press('Enter');
  const row = page.getByRole('row').filter({ hasText: budgetItem });
  await row.waitFor();
  return row;
}

describe('plan lines from budget to the public monthly plan in Chromium', () => {
  it('the agent enters a unit’s line, its purchaser publishes and commissions, the agent accepts, the portal lists it', async () => {
    const startOn = daysFromToday(40);
    const year = Number(startOn.slice(0, 4));
    const month = Number(startOn.slice(5, 7));
    const budgetItem = '浏览器测试办公设备购置';

    // The server's collection abilities offer 新增计划 to the centre's staff, who enter a line for a unit.
    const agentContext = await browser.newContext();
    const agent = await agentContext.newPage();
    await login(agent, 'jingban', DEMO_PASSWORD);
    await agent.getByRole('link', { name: '采购计划' }).click();
    await agent.waitForURL(/\/app\/plans$/);
    await agent.getByRole('button', { name: '新增计划' }).click();
    const create = agent.getByRole('dialog');
    await create.getByLabel('采购单位').click();
    await create.getByLabel('采购单位').fill('云岭县教育局');
    await agent.getByTitle(/^云岭县教育局（/).click();
    await create.getByLabel('预算年度').fill(String(year));
    await create.getByLabel('计划采购月份').click();
    await agent.getByTitle(`${month} 月`, { exact: true }).click();
    await create.getByLabel('预算项目').fill(budgetItem);
    await create.getByLabel('采购类别').click();
    await agent.getByTitle('货物', { exact: true }).click();
    await create.getByLabel('品目代码').fill('A02010104');
    await create.getByLabel('品目名称').fill('台式计算机');
    await create.getByLabel('数量').fill('120 台');
    await create.getByLabel('预算金额（元）').fill('720000');
    await create.getByRole('button', { name: '保存' }).click();
    await dialogClosed(create);

    // The unit's purchaser publishes the intention 40 days ahead and commissions the line.
    const purchaserContext = await browser.newContext();
    const page = await purchaserContext.newPage();
    await login(page, 'caigouren', DEMO_PASSWORD);
    let row = await findLine(page, budgetItem);
    expect(await row.textContent()).toContain('720,000.00');
    await expect.poll(() => row.getByTestId('plan-line-status').textContent()).toBe('草稿');
    await row.getByRole('button', { name: '公开意向' }).click();
    const intention = page.getByRole('dialog');
    await intention.getByLabel('采购需求概况').fill('采购台式计算机 120 台，用于中小学计算机教室更新。');
    await intention.getByLabel('预计采购时间').fill(startOn);
    await intention.getByRole('button', { name: '公开意向' }).click();
    await intention.waitFor({ state: 'hidden' });
    await expect.poll(() => row.getByTestId('plan-line-status').textContent()).toBe('意向已公开');

    await row.getByRole('button', { name: '委托中心' }).click();
    const commission = page.getByRole('dialog');
    await commission.getByLabel('委托说明').fill('请中心组织公开招标');
    await commission.getByRole('button', { name: '提交委托' }).click();
    await commission.waitFor({ state: 'hidden' });
    await expect.poll(() => row.getByTestId('plan-line-status').textContent()).toBe('已委托');
    // The purchaser has no decision to make: the row offers no more actions.
    expect(await row.getByRole('button', { name: '受理/退回' }).count()).toBe(0);
    await purchaserContext.close();

    row = await findLine(agent, budgetItem);
    await row.getByRole('button', { name: '受理/退回' }).click();
    const decision = agent.getByRole('dialog');
    await checkSteadily(decision.getByLabel('受理', { exact: true }));
    await decision.getByRole('button', { name: '提交' }).click();
    await decision.waitFor({ state: 'hidden' });
    await expect.poll(() => row.getByTestId('plan-line-status').textContent()).toBe('中心已受理');
    // The expanded row shows the intention and the commission.
    await row.getByRole('button', { name: /展开行|Expand row/ }).click();
    const details = agent.getByTestId('plan-line-details');
    await details.waitFor();
    expect(await details.textContent()).toContain(startOn);
    expect(await details.textContent()).toContain('请中心组织公开招标');
    await agentContext.close();

    const visitorContext = await browser.newContext();
    const visitor = await visitorContext.newPage();
    await visitor.goto(server.url);
    await visitor.getByRole('link', { name: '月度采购计划' }).click();
    await visitor.waitForURL(/\/monthly-plan$/);
    await visitor.getByTestId('monthly-plan-year').click();
    await visitor.getByTitle(`${year} 年`, { exact: true }).click();
    await visitor.getByTestId('monthly-plan-month').click();
    await visitor.getByTitle(`${month} 月`, { exact: true }).click();
    const line = visitor
      .getByTestId('monthly-plan-row')
      .filter({ hasText: '云岭县教育局' })
      .filter({ hasText: '台式计算机' })
      .filter({ hasText: startOn });
    await line.waitFor();
    expect(await line.textContent()).toContain('72.00');
    expect(await visitor.getByTestId('monthly-plan-total').textContent()).toMatch(/^[\d,]+\.\d{2}$/);
    await visitorContext.close();
  });
});
