import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/cli/demo/data.ts';
import { verifyStatement, type SignedStatement } from '../../src/platform/signing.ts';
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

/** Set BIDDING_SCREENSHOTS=/some/dir to keep pictures of the pages for a look. */
async function snap(target: Page | Locator, name: string): Promise<void> {
  const dir = process.env.BIDDING_SCREENSHOTS;
  if (dir)
    await target.screenshot({ path: `${dir}/${name}.png`, ...('goto' in target ? { fullPage: true } : {}) });
}

async function signedIn(username: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('current-role').waitFor();
  return page;
}

/**
 * A custodian sets up an opening key on the 开标密钥 page (PBKDF2 runs in the browser). An account the demo
 * already gave a key replaces it, which makes a new key the same way.
 */
async function setUpOpeningKey(page: Page, passphrase: string): Promise<string> {
  await page.getByRole('link', { name: '开标密钥' }).click();
  await page.waitForURL(/\/app\/opening-key$/);
  const setup = page.getByTestId('opening-key-setup');
  const existing = page.getByTestId('opening-key');
  await setup.or(existing).first().waitFor();
  const replacing = await existing.isVisible();
  if (replacing) await page.getByRole('button', { name: '更换密钥' }).click();
  const submit = setup.getByRole('button', { name: replacing ? '生成新密钥' : '生成开标密钥' });
  await setup.getByLabel('开标口令', { exact: true }).fill('太短的口令');
  await setup.getByLabel('确认开标口令').fill('太短的口令');
  await submit.click();
  await setup.getByText('口令至少 12 个字符').waitFor();
  await snap(page, 'opening-key-setup');
  const before = replacing ? await page.getByTestId('key-fingerprint').textContent() : null;
  await setup.getByLabel('开标口令', { exact: true }).fill(passphrase);
  await setup.getByLabel('确认开标口令').fill(passphrase);
  await submit.click();
  const fingerprint = page.getByTestId('key-fingerprint');
  await setup.waitFor({ state: 'hidden', timeout: 20_000 });
  await expect.poll(() => fingerprint.textContent()).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){3}$/);
  const after = (await fingerprint.textContent()) ?? '';
  expect(after).not.toBe(before);
  return after;
}

/**
 * A project open for bids with no custodians named yet — so certainly without bids, which need custodians —
 * the demo's 多媒体教学设备 project first if it qualifies.
 */
async function unassignedOpenProject(agent: Page): Promise<string> {
  const ids: { id: string; name: string }[] = [];
  for (const status of ['published', 'corrected']) {
    const res = await agent.request.get(`${server.url}/api/projects?status=${status}&pageSize=100`);
    expect(res.ok()).toBe(true);
    ids.push(...((await res.json()) as { items: { id: string; name: string }[] }).items);
  }
  ids.sort((a, b) => Number(b.name.includes('多媒体')) - Number(a.name.includes('多媒体')));
  for (const { id } of ids) {
    const custodians = await agent.request.get(`${server.url}/api/projects/${id}/custodians`);
    if (custodians.status() === 404) return id;
  }
  throw new Error('no published project without custodians in the demo');
}

describe('sealed bidding in Chromium', () => {
  it('custodians set keys, the agent assigns them, a supplier seals, submits, keeps a verifiable receipt and withdraws', async () => {
    // 1. The agent's opening key, and the passphrase check that unlocks it locally.
    const agent = await signedIn('jingban');
    const agentFingerprint = await setUpOpeningKey(agent, '经办人开标口令 2026 春');
    await agent.getByLabel('开标口令', { exact: true }).fill('不是这个口令也不对的');
    await agent.getByRole('button', { name: '验证口令' }).click();
    await expect.poll(() => agent.getByTestId('verify-outcome').textContent()).toContain('口令不正确');
    await agent.getByLabel('开标口令', { exact: true }).fill('经办人开标口令 2026 春');
    await agent.getByRole('button', { name: '验证口令' }).click();
    await expect.poll(() => agent.getByTestId('verify-outcome').textContent()).toContain('口令正确');
    await snap(agent, 'opening-key');
    await snap(agent.getByTestId('opening-key'), 'opening-key-details');

    // 2. The finance supervisor's key; the supervisor's user id is what the agent names.
    const supervisor = await signedIn('caizheng');
    await setUpOpeningKey(supervisor, '财政监督开标口令 2026');
    const supervisorId = (await supervisor.getByTestId('my-user-id').textContent()) ?? '';
    expect(supervisorId).toMatch(/^[0-9a-f-]{36}$/);
    await supervisor.context().close();

    // 3. The agent names the custodians of a published project that has none yet (so no bid either).
    const projectUrl = `${server.url}/app/projects/${await unassignedOpenProject(agent)}`;
    await agent.goto(projectUrl);
    const status = agent.getByTestId('project-overview').getByTestId('project-status');
    expect(['已发布', '已更正']).toContain(await status.textContent());
    const code = (await agent.getByTestId('project-code').textContent()) ?? '';
    const custodians = agent.getByTestId('custodians-panel');
    await custodians.getByTestId('custodians-missing').waitFor();
    await custodians.getByLabel('财政监督人员用户编号').fill(supervisorId);
    await custodians.getByRole('button', { name: '指定保管人' }).click();
    await custodians.getByTestId('custodians').getByText('孙立新').waitFor();
    expect(await custodians.getByTestId('custodians').textContent()).toContain(agentFingerprint);
    await snap(custodians, 'custodians');
    await agent.context().close();

    // The director, who may list users, picks the supervisor from a list instead of typing an id.
    const director = await signedIn('zhuren');
    await director.goto(projectUrl);
    const directorView = director.getByTestId('custodians-panel');
    await directorView.getByTestId('custodians').getByText('孙立新').waitFor();
    await directorView.getByRole('button', { name: '重新指定' }).click();
    await directorView.getByLabel('财政监督人员').click();
    await director.getByTitle('孙立新（caizheng）').waitFor();
    await director.context().close();

    // 4. The supplier registers and seals a bid for lot 1 in its browser.
    const supplier = await signedIn('gongyingshang');
    await supplier.goto(projectUrl);
    const panel = supplier.getByTestId('bid-panel');
    const countdown = panel.getByTestId('bid-countdown');
    const registration = panel.getByRole('button', { name: '报名' });
    await registration.or(countdown).first().waitFor();
    if (await registration.isVisible()) await registration.click();
    await countdown.waitFor();
    expect(await panel.getByTestId('bid-countdown').textContent()).toMatch(/\d{2}:\d{2}:\d{2}$/);
    await checkSteadily(panel.getByLabel('投第 1 包'));
    await panel.getByLabel('第 1 包投标报价').fill('386500.50');
    await panel.getByLabel('第 1 包交货期').fill('合同签订后 30 日');
    await checkSteadily(panel.getByLabel('小型企业'));
    await panel.getByLabel('声明内容').fill('本公司郑重声明：本公司为小型企业。');
    await checkSteadily(panel.getByLabel('是', { exact: true }));
    await panel.getByLabel('投标口令', { exact: true }).fill('供应商投标口令 2026 春季');
    await panel.getByLabel('确认投标口令').fill('供应商投标口令 2026 春季');
    // The first upload reaches the server but its answer is lost: the page retries with the same envelope,
    // which the server answers with the same bid and receipt rather than a second bid.
    const uploads: string[] = [];
    await supplier.route('**/api/bids', async (route) => {
      uploads.push((route.request().postDataJSON() as { bidId: string }).bidId);
      if (uploads.length === 1) {
        await route.fetch();
        await route.abort('connectionreset');
      } else await route.continue();
    });
    await panel.getByRole('button', { name: '加密并递交' }).click();
    const receipt = panel.getByTestId('bid-receipt');
    await receipt.waitFor({ timeout: 30_000 });
    const hash = (await receipt.getByTestId('receipt-hash').textContent()) ?? '';
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    await expect
      .poll(() => receipt.getByTestId('receipt-public-key').textContent())
      .toMatch(/^[A-Za-z0-9+/]{20,}={0,2}$/);
    await snap(panel, 'bid-panel');

    // 5. The downloaded receipt verifies with the server's own check against the published key.
    const [download] = await Promise.all([
      supplier.waitForEvent('download'),
      receipt.getByRole('button', { name: '下载回执' }).click(),
    ]);
    const saved = await download.path();
    const signed = JSON.parse(await readFile(saved, 'utf8')) as SignedStatement<{
      bidId: string;
      projectCode: string;
      envelopeHash: string;
      lots: number[];
    }>;
    expect(download.suggestedFilename()).toBe(`回执-${code}-${signed.statement.bidId}.json`);
    expect(signed.statement).toMatchObject({ projectCode: code, envelopeHash: hash, lots: [1] });
    const published = (await (await fetch(`${server.url}/api/receipts/public-key`)).json()) as {
      publicKey: string;
    };
    expect(verifyStatement(signed, published.publicKey)).toMatchObject({ ok: true });
    expect(uploads).toEqual([signed.statement.bidId, signed.statement.bidId]);
    expect(await receipt.getByTestId('receipt-public-key').textContent()).toBe(published.publicKey);

    // 6. The bid is listed as 已递交 and withdrawn before the deadline.
    const myBids = panel.getByTestId('my-bids');
    await expect.poll(() => myBids.getByTestId('bid-status').first().textContent()).toBe('已递交');
    expect(await myBids.getByTestId('bid-status').count()).toBe(1);
    await myBids.getByRole('button', { name: '撤回' }).click();
    await supplier.locator('.ant-popconfirm').getByRole('button', { name: '撤回' }).click();
    await expect.poll(() => myBids.getByTestId('bid-status').first().textContent()).toBe('已撤回');
    await supplier.context().close();
  });
});
