import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/cli/demo/data.ts';
import { ROLE_LABELS } from '../../src/platform/auth/actor.ts';
import { portalSummary } from '../../src/modules/disclosure/contract.ts';
import { launchChromium, startDemoServer } from './support.ts';

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
}

describe('in Chromium', () => {
  it('the public portal shows the centre and the audit head without login', async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    await expect.poll(() => page.getByText('云岭县政府采购中心').first().isVisible()).toBe(true);
    const summary = portalSummary.parse(await (await fetch(`${server.url}/api/portal/summary`)).json());
    await expect.poll(() => page.getByText(summary.auditHead.hash).isVisible()).toBe(true);
    await page.close();
  });

  it('a wrong password shows a Chinese error', async () => {
    const page = await browser.newPage();
    await login(page, 'admin', 'wrong-password-1');
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('用户名或密码错误');
    expect(page.url()).toMatch(/\/login$/);
    await page.close();
  });

  for (const account of DEMO_ACCOUNTS) {
    it(`${account.username} (${ROLE_LABELS[account.role]}) signs in, sees its workspace, signs out`, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await login(page, account.username, DEMO_PASSWORD);
      const title = page.getByTestId('workspace-title');
      await title.waitFor();
      expect(await title.textContent()).toContain(`${ROLE_LABELS[account.role]}工作台`);
      expect(await page.getByTestId('current-role').textContent()).toContain(ROLE_LABELS[account.role]);
      await page.getByTestId('logout').click();
      await page.waitForURL(/\/login$/);
      await page.goto(`${server.url}/app`);
      await page.waitForURL(/\/login$/);
      await context.close();
    });
  }
});
