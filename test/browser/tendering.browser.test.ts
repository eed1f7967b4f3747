import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/cli/demo/data.ts';
import { launchChromium, startDemoServer, checkSteadily, chooseOption, dialogClosed } from './support.ts';

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

/** The 云岭县教育局 line of 720,000 元 the planning flow takes to 中心已受理 (see planning.browser.test.ts). */
async function acceptedLine(budgetItem: string): Promise<void> {
  const startOn = daysFromToday(40);
  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  await login(agent, 'jingban', DEMO_PASSWORD);
  await agent.goto(`${server.url}/app/plans`);
  await agent.getByRole('button', { name: '新增计划' }).click();
  const create = agent.getByRole('dialog');
  await create.getByLabel('采购单位').click();
  await create.getByLabel('采购单位').fill('云岭县教育局');
  await agent.getByTitle(/^云岭县教育局（/).click();
  await create.getByLabel('预算年度').fill(startOn.slice(0, 4));
  // Chosen until the choice shows: a click that lands while the dialog is still opening is lost.
  await chooseOption(create, '计划采购月份', `${Number(startOn.slice(5, 7))} 月`);
  await create.getByLabel('预算项目').fill(budgetItem);
  await chooseOption(create, '采购类别', '货物');
  await create.getByLabel('品目代码').fill('A02010104');
  await create.getByLabel('品目名称').fill('台式计算机');
  await create.getByLabel('预算金额（元）').fill('720000');
  await create.getByRole('button', { name: '保存' }).click();
  await dialogClosed(create);

  const purchaserContext = await browser.newContext();
  const page = await purchaserContext.newPage();
  await login(page, 'caigouren', DEMO_PASSWORD);
  let row = await findLine(page, budgetItem);
  await row.getByRole('button', { name: '公开意向' }).click();
  const intention = page.getByRole('dialog');
  await intention.getByLabel('采购需求概况').fill('采购计算机设备，用于中小学计算机教室更新。');
  await intention.getByLabel('预计采购时间').fill(startOn);
  await intention.getByRole('button', { name: '公开意向' }).click();
  await intention.waitFor({ state: 'hidden' });
  await row.getByRole('button', { name: '委托中心' }).click();
  const commission = page.getByRole('dialog');
  await commission.getByRole('button', { name: '提交委托' }).click();
  await commission.waitFor({ state: 'hidden' });
  await expect.poll(() => row.getByTestId('plan-line-status').textContent()).toBe('已委托');
  await purchaserContext.close();

  row = await findLine(agent, budgetItem);
  await row.getByRole('button', { name: '受理/退回' }).click();
  const decision = agent.getByRole('dialog');
  await checkSteadily(decision.getByLabel('受理', { exact: true }));
  await decision.getByRole('button', { name: '提交' }).click();
  await decision.waitFor({ state: 'hidden' });
  await expect.poll(() => row.getByTestId('plan-line-status').textContent()).toBe('中心已受理');
  await agentContext.close();
}

describe('tendering from an accepted plan line to the public notice in Chromium', () => {
  it('the agent creates a 3-lot project, lint blocks a discriminatory clause, the fix publishes, the portal shows it', async () => {
    const budgetItem = '浏览器测试计算机教室设备';
    const projectName = '浏览器测试计算机教室设备采购项目';
    await acceptedLine(budgetItem);

    const context = await browser.newContext();
    const page = await context.newPage();
    await login(page, 'jingban', DEMO_PASSWORD);
    await page.getByRole('link', { name: '采购项目' }).click();
    await page.waitForURL(/\/app\/projects$/);
    await page.getByRole('button', { name: '新建项目' }).click();
    await page.waitForURL(/\/app\/projects\/new$/);

    // The accepted line becomes the unit's share.
    await page.getByPlaceholder('品目名称或预算项目').fill(budgetItem);
    await page.getByPlaceholder('品目名称或预算项目').press('Enter');
    const lineRow = page.getByRole('row').filter({ hasText: budgetItem });
    await checkSteadily(lineRow.getByRole('checkbox'));
    const shares = page.getByTestId('chosen-shares');
    await shares.getByText('云岭县教育局').waitFor();
    expect(await shares.textContent()).toContain('720,000.00');

    await page.getByLabel('项目名称').fill(projectName);
    await page.getByLabel('采购类别').click();
    await page.getByTitle('货物', { exact: true }).click();
    await page.getByRole('button', { name: '添加包' }).click();
    await page.getByRole('button', { name: '添加包' }).click();
    const lots = [
      ['台式计算机', '400000', '380000'],
      ['笔记本电脑', '200000', ''],
      ['打印机', '120000', ''],
    ] as const;
    for (const [i, [name, budget, ceiling]] of lots.entries()) {
      await page.getByLabel(`第 ${i + 1} 包名称`).fill(name);
      await page.getByLabel(`第 ${i + 1} 包预算`).fill(budget);
      if (ceiling) await page.getByLabel(`第 ${i + 1} 包最高限价`).fill(ceiling);
    }
    await page.getByRole('button', { name: '立项' }).click();
    await page.waitForURL(/\/app\/projects\/[0-9a-f-]{36}$/);
    const status = page.getByTestId('project-overview').getByTestId('project-status');
    await expect.poll(() => status.textContent()).toBe('草稿');

    // 采购需求: a qualification clause demanding registered capital, the scale discrimination of 87号令17.
    const requirements = page.getByTestId('panel-requirements');
    await requirements.getByRole('button', { name: '添加资格条件' }).click();
    await requirements.getByLabel('资格条件第 1 条内容').fill('投标人注册资本不低于500万元');
    await requirements.getByRole('button', { name: '保存采购需求' }).click();
    await page.getByText('采购需求已保存').waitFor();

    await page.getByTestId('project-steps').getByText('文件检查').click();
    await page.getByRole('button', { name: '运行文件检查' }).click();
    const finding = page.getByTestId('lint-finding').filter({ hasText: '注册资本' });
    await finding.waitFor();
    expect(await finding.textContent()).toContain('必须修改');
    await page.getByTestId('lint-blocked').waitFor();
    expect(await status.textContent()).toBe('草稿');

    // The fix, then a clear check: the project is 已检查 and the flow moves on to 发布公告.
    await page.getByTestId('project-steps').getByText('采购需求').click();
    await requirements.getByLabel('资格条件第 1 条内容').fill('具有独立承担民事责任的能力');
    await requirements.getByRole('button', { name: '保存采购需求' }).click();
    await page.getByTestId('project-steps').getByText('文件检查').click();
    await page.getByRole('button', { name: /运行文件检查|重新检查/ }).click();
    await expect.poll(() => status.textContent()).toBe('已检查');

    // 发布: a deadline earlier than the law allows is refused with the earliest lawful date; the lawful one publishes.
    const publish = page.getByTestId('panel-publish');
    const earliest =
      (await publish.getByTestId('schedule-hints').locator('strong').nth(1).textContent()) ?? '';
    expect(earliest).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await publish.getByLabel('采购文件发出日').fill(daysFromToday(0));
    await publish.getByLabel('投标截止日期').fill(daysFromToday(5));
    await publish.getByLabel('开标地点').fill('云岭县政府采购中心开标一室');
    await publish.getByRole('button', { name: '发布采购公告' }).click();
    const refusal = publish.getByTestId('publish-error');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(earliest);
    await publish.getByLabel('投标截止日期').fill(earliest);
    await publish.getByRole('button', { name: '发布采购公告' }).click();
    await expect.poll(() => status.textContent()).toBe('已发布');
    const notices = page.getByTestId('project-notices');
    await notices.getByText(`${projectName}招标公告`).waitFor();
    const code = (await page.getByTestId('project-code').textContent()) ?? '';
    expect(code).toMatch(/^ZC\d{4}-\d{4}$/);
    const projectUrl = page.url();

    // An anonymous visitor finds the notice on the portal and reads it in full.
    const visitorContext = await browser.newContext();
    const visitor = await visitorContext.newPage();
    await visitor.goto(server.url);
    await visitor.getByRole('link', { name: '采购公告' }).click();
    await visitor.waitForURL(/\/notices$/);
    await visitor.getByRole('link', { name: `${projectName}招标公告` }).click();
    await visitor.waitForURL(/\/notices\/[0-9a-f-]{36}$/);
    expect(await visitor.getByTestId('notice-title').textContent()).toBe(`${projectName}招标公告`);
    const body = (await visitor.getByTestId('notice-body').textContent()) ?? '';
    expect(body).toContain(code);
    expect(body).toContain('笔记本电脑');
    expect(await visitor.getByText('云岭县教育局').count()).toBeGreaterThan(0);
    const noticeUrl = visitor.url();
    await visitorContext.close();

    // A registered supplier goes from the notice to the project and asks; the centre's answer is public.
    const supplierContext = await browser.newContext();
    const supplier = await supplierContext.newPage();
    await login(supplier, 'gongyingshang', DEMO_PASSWORD);
    await supplier.goto(noticeUrl);
    await supplier.getByRole('link', { name: '登录后查看项目' }).click();
    await supplier.waitForURL(projectUrl);
    await supplier.getByLabel('提出澄清问题').fill('第 1 包是否接受国产同等配置？');
    await supplier.getByRole('button', { name: '提交问题' }).click();
    const asked = supplier.getByTestId('clarification').filter({ hasText: '国产同等配置' });
    await asked.getByText('我的提问').waitFor();
    expect(await asked.textContent()).toContain('待答复');

    await page.reload();
    const question = page.getByTestId('clarification').filter({ hasText: '国产同等配置' });
    await question.getByLabel('答复内容').fill('接受，技术参数满足即可。');
    await question.getByRole('button', { name: '答复' }).click();
    await question.getByText('接受，技术参数满足即可。').waitFor();
    await context.close();

    await supplier.reload();
    await asked.getByText('接受，技术参数满足即可。').waitFor();
    await supplierContext.close();
  });
});
