import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/cli/demo/data.ts';
import { creditCodeCheckChar } from '../../src/modules/orgs/rules.ts';
import { launchChromium, startDemoServer, checkSteadily } from './support.ts';

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

/** A credit code no demo supplier has, with a valid check character (工商 · 企业, region 150439). */
function freshCreditCode(): string {
  const serial = String(Date.now()).slice(-9).padStart(9, '0');
  const first17 = `91150439${serial}`;
  return first17 + creditCodeCheckChar(first17);
}

describe('supplier registration and review in Chromium', () => {
  it('a visitor registers, the agent approves on the detail page, the supplier sees it approved', async () => {
    const name = '云岭县测试注册科技有限公司';
    const username = 'ceshi_gys';
    const password = 'Ceshi@2026x';

    const visitor = await browser.newContext();
    const page = await visitor.newPage();
    await page.goto(server.url);
    await page.getByRole('link', { name: '供应商注册' }).click();
    await page.waitForURL(/\/register\/supplier$/);
    await page.getByLabel('供应商名称').fill(name);
    await page.getByLabel('统一社会信用代码').fill(freshCreditCode());
    await page.getByLabel('法定代表人').fill('王测试');
    await page.getByLabel('企业规模').click();
    await page.getByTitle('小型企业').click();
    await page.getByLabel('行政区划码').fill('150439');
    await page.getByLabel('联系人').fill('王测试');
    await page.getByLabel('联系电话').fill('13800138000');
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('登录密码', { exact: true }).fill(password);
    await page.getByLabel('确认登录密码').fill(password);
    await page.getByRole('button', { name: '提交注册' }).click();
    await page.getByTestId('supplier-registered').waitFor();

    // The new account logs in and finds its record waiting for review.
    await page.getByRole('button', { name: '前往登录' }).click();
    await page.waitForURL(/\/login$/);
    await login(page, username, password);
    await page.goto(`${server.url}/app/my-supplier`);
    const status = page.getByTestId('supplier-status');
    await status.waitFor();
    expect(await status.textContent()).toContain('待审核');
    expect(await page.getByTestId('supplier-banner').textContent()).toContain('待审核');

    // The agent finds it under 待审核 and approves it on its detail page.
    const agentContext = await browser.newContext();
    const agent = await agentContext.newPage();
    await login(agent, 'jingban', DEMO_PASSWORD);
    await agent.goto(`${server.url}/app/suppliers`);
    await agent.getByTestId('supplier-status-filter').getByText('待审核').click();
    await agent.getByRole('link', { name }).click();
    await agent.waitForURL(/\/app\/suppliers\/[0-9a-f-]{36}$/);
    await agent.getByTestId('supplier-review').click();
    await checkSteadily(agent.getByLabel('通过'));
    await agent.getByRole('button', { name: '提交审核结果' }).click();
    await expect.poll(() => agent.getByTestId('supplier-status').textContent()).toContain('已通过');
    await agentContext.close();

    await page.reload();
    await expect.poll(() => page.getByTestId('supplier-status').textContent()).toContain('已通过');
    expect(await page.getByTestId('supplier-banner').count()).toBe(0);
    await visitor.close();
  });
});
