import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/cli/demo/data.ts';
import { idNumberCheckChar } from '../../src/modules/orgs/id-number.ts';
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

/** An identity number no demo expert has, with a valid check character (region 150439, born 1978). */
function freshIdNumber(): string {
  const serial = String(Date.now()).slice(-3);
  const first17 = `15043919780512${serial}`;
  return first17 + idNumberCheckChar(first17);
}

describe('expert pool in Chromium', () => {
  it('a visitor applies, the director approves on the detail page, the expert sees its record active', async () => {
    const name = '欧阳测试';
    const username = 'ceshi_zj';
    const password = 'Ceshi@2026x';

    const visitor = await browser.newContext();
    const page = await visitor.newPage();
    await page.goto(server.url);
    await page.getByRole('link', { name: '专家申请' }).click();
    await page.waitForURL(/\/apply\/expert$/);
    await page.getByLabel('姓名', { exact: true }).fill(name);
    await page.getByLabel('身份证号').fill(freshIdNumber());
    await page.getByLabel('行政区划码').fill('150439');
    await page.getByLabel('手机号').fill('13900139000');
    await page.getByLabel('电子邮箱').fill('ouyang@example.cn');
    await page.getByLabel('职称级别').click();
    await page.getByTitle('高级职称').click();
    await page.getByLabel('职称名称').fill('高级工程师');
    await page.getByLabel('从业年限').fill('12');
    // The specialty tree: search by code, then pick the leaf (its branch 房屋建筑 cannot be chosen).
    await page.getByLabel('评审专业').click();
    await page.keyboard.type('B0101');
    await page.getByTitle('房屋建筑施工（B0101）').click();
    await page.keyboard.press('Escape');
    await page.getByLabel('现工作单位').fill('云岭县建筑设计院');
    await page.getByLabel('入职日期').fill('2012-03-01');
    await page.getByRole('button', { name: '添加申报' }).click();
    await page.getByLabel('关系类别').click();
    await page.getByTitle('亲属').click();
    await page.getByLabel('姓名或单位名称').fill('欧阳某');
    await page.getByLabel('关系', { exact: true }).fill('配偶');
    await page.getByLabel('其所在单位', { exact: true }).fill('云岭县第一中学');
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('登录密码', { exact: true }).fill(password);
    await page.getByLabel('确认登录密码').fill(password);
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByTestId('expert-applied').waitFor();

    // The director finds the application and approves it on the expert's detail page.
    const directorContext = await browser.newContext();
    const director = await directorContext.newPage();
    await login(director, 'zhuren', DEMO_PASSWORD);
    await director.goto(`${server.url}/app/experts`);
    await director.getByPlaceholder('专家姓名或工作单位').fill(name);
    await director.getByPlaceholder('专家姓名或工作单位').press('Enter');
    await director.getByRole('link', { name }).click();
    await director.waitForURL(/\/app\/experts\/[0-9a-f-]{36}$/);
    await expect.poll(() => director.getByTestId('expert-status').textContent()).toContain('待审核');
    await director.getByRole('tab', { name: '亲属及利益冲突' }).click();
    await director.getByText('欧阳某').waitFor();
    await director.getByTestId('expert-review').click();
    await checkSteadily(director.getByLabel('通过', { exact: true }));
    await director.getByRole('button', { name: '提交审核结果' }).click();
    await expect.poll(() => director.getByTestId('expert-status').textContent()).toContain('在库');
    expect(await director.getByTestId('expert-review').count()).toBe(0);
    await directorContext.close();

    // The expert signs in and finds its record in the pool.
    await login(page, username, password);
    await page.getByRole('link', { name: '我的专家档案' }).click();
    await page.waitForURL(/\/app\/my-expert$/);
    await expect.poll(() => page.getByTestId('expert-status').textContent()).toContain('在库');
    expect(await page.getByTestId('expert-banner').count()).toBe(0);
    await visitor.close();
  });

  it('the agent opens the pool coverage report and sees a flagged specialty', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await login(page, 'jingban', DEMO_PASSWORD);
    await page.getByRole('link', { name: '专家库覆盖分析' }).click();
    await page.waitForURL(/\/app\/experts\/coverage$/);
    await page.getByTestId('coverage-flagged').first().waitFor();
    expect(await page.getByTestId('coverage-flagged').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('coverage-summary').textContent()).toContain('不足');
    await context.close();
  });
});
