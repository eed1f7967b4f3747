import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/cli/demo/data.ts';
import { newCustodianKey, sealBid } from '../../src/modules/bidding/sealing.contract.ts';
import { suppliers } from '../../src/modules/orgs/tables.ts';
import { hashPassword } from '../../src/platform/auth/passwords.ts';
import { users } from '../../src/platform/auth/tables.ts';
import { projects } from '../../src/modules/tendering/tables.ts';
import { verifyStatement, type SignedStatement } from '../../src/platform/signing.ts';
import { testCreditCode } from '../support/harness.ts';
import { launchChromium, startDemoServer } from './support.ts';

/** PBKDF2 rounds for the keys and bids made in setup: the minimum the contract takes, to keep the test quick. */
const FAST = 1000;
const CENTRE_PASS = '经办人开标口令 2026 开标大厅';
const SUPERVISOR_PASS = '财政监督开标口令 2026 开标大厅';
const BID_PASS = '投标口令 2026 开标大厅测试';

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

/** Set OPENING_SCREENSHOTS=/some/dir to keep pictures of the hall for a look. */
async function snap(target: Page | Locator, name: string): Promise<void> {
  const dir = process.env.OPENING_SCREENSHOTS;
  if (dir)
    await target.screenshot({ path: `${dir}/${name}.png`, ...('goto' in target ? { fullPage: true } : {}) });
}

/** A signed-in API client as the browser is one: session cookie, and the CSRF token on unsafe requests. */
async function apiAs(username: string) {
  const cookies = new Map<string, string>();
  let csrf = '';
  async function call(method: string, path: string, body?: unknown) {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (cookies.size) headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET') headers['x-csrf-token'] = csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const json = (await res.json().catch(() => null)) as Record<string, unknown> | null;
    if (json && typeof json.csrfToken === 'string') csrf = json.csrfToken;
    return { status: res.status, json };
  }
  await call('GET', '/api/auth/session');
  const login = await call('POST', '/api/auth/login', { username, password: DEMO_PASSWORD });
  expect(login.status, JSON.stringify(login.json)).toBe(200);
  const user = login.json?.user as { id: string };
  return { call, userId: user.id };
}

/** A supplier account bound to a new approved firm, with the demo password (as test/support/harness.ts makes). */
async function newSupplierAccount(n: number): Promise<string> {
  const db = server.database.db;
  const [firm] = await db
    .insert(suppliers)
    .values({
      name: `开标测试${n}号科技有限公司`,
      creditCode: testCreditCode(),
      legalRepresentative: '张三',
      size: 'small',
      regionCode: '150102',
      status: 'approved',
      createdAt: new Date(),
    })
    .returning();
  const username = `kaibiao${n}_${randomUUID().slice(0, 6)}`;
  await db.insert(users).values({
    username,
    displayName: `开标测试${n}`,
    role: 'supplier',
    passwordHash: await hashPassword(DEMO_PASSWORD),
    supplierId: firm?.id ?? null,
    passwordChangedAt: new Date(),
    createdAt: new Date(),
  });
  return username;
}

/**
 * Test setup the UI cannot do: a project ready to open. The custodians' keys and the assignment go through the
 * API (before any bid: bids are sealed to the custodians' keys); three suppliers seal bids for lot 1 through the
 * API as their browsers would; then — the one step no user can take — the project's deadline and opening time
 * are moved into the past by SQL, since the demo server runs on the system clock.
 */
async function projectReadyToOpen(prices: Record<string, string>) {
  const agent = await apiAs('jingban');
  const supervisor = await apiAs('caizheng');
  for (const [c, pass] of [
    [agent, CENTRE_PASS],
    [supervisor, SUPERVISOR_PASS],
  ] as const) {
    const res = await c.call('POST', '/api/custodian-keys', await newCustodianKey(pass, FAST));
    expect(res.status, JSON.stringify(res.json)).toBe(201);
  }
  let projectId: string | null = null;
  for (const status of ['published', 'corrected']) {
    const list = await agent.call('GET', `/api/projects?status=${status}&pageSize=100`);
    for (const p of (list.json?.items ?? []) as { id: string }[]) {
      if (projectId || (await agent.call('GET', `/api/projects/${p.id}/custodians`)).status !== 404) continue;
      // Two lots at least: lot 2 gets two bids, too few to open.
      const lotCount = ((await agent.call('GET', `/api/projects/${p.id}`)).json?.lots as unknown[]).length;
      if (lotCount >= 2) projectId = p.id;
    }
  }
  if (!projectId) throw new Error('no published project of several lots without custodians in the demo');
  const assigned = await agent.call('PUT', `/api/projects/${projectId}/custodians`, {
    supervisorUserId: supervisor.userId,
  });
  expect(assigned.status, JSON.stringify(assigned.json)).toBe(200);

  for (const [i, [username, priceFen]] of Object.entries(prices).entries()) {
    const s = await apiAs(username);
    const reg = await s.call('POST', `/api/projects/${projectId}/registration`, {});
    expect(reg.status, JSON.stringify(reg.json)).toBe(200);
    const sealing = (await s.call('GET', `/api/projects/${projectId}/sealing`)).json as {
      centrePublicKey: string;
      supervisorPublicKey: string;
    };
    const { envelope } = await sealBid({
      bidId: randomUUID(),
      projectId,
      priceSheets: [
        { lotNo: 1, priceFen, items: { 交货期: '合同签订后 30 日' } },
        // The first two bidders also bid for lot 2: two bids, not opened (87号令 第四十一条).
        ...(i < 2 ? [{ lotNo: 2, priceFen: '1000000', items: {} }] : []),
      ],
      declarations: {
        sme: { size: 'small', statement: '本公司为小型企业' },
        domesticProduct: null,
        other: {},
      },
      bidderPassphrase: BID_PASS,
      centrePublicKey: sealing.centrePublicKey,
      supervisorPublicKey: sealing.supervisorPublicKey,
      iterations: FAST,
    });
    const sent = await s.call('POST', '/api/bids', envelope);
    expect(sent.status, JSON.stringify(sent.json)).toBe(201);
  }

  const now = Date.now();
  await server.database.db
    .update(projects)
    .set({ bidDeadlineAt: new Date(now - 120_000), openingAt: new Date(now - 60_000) })
    .where(eq(projects.id, projectId));
  return projectId;
}

async function signedIn(username: string): Promise<Page> {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('current-role').waitFor();
  return page;
}

/** The passphrase typed in the hall's 解密 panel: the shares are unwrapped in this browser and handed in. */
async function handIn(page: Page, label: string, passphrase: string): Promise<void> {
  const panel = page.getByTestId('hand-in-panel');
  await panel.getByLabel(label).fill(passphrase);
  const submit = panel.getByRole('button', { name: '解密并提交' });
  await submit.click();
  // Done when the form gives way: to 已全部提交, or — when these shares opened every lot — the panel goes.
  await expect.poll(() => submit.count(), { timeout: 20_000 }).toBe(0);
  expect(await page.getByTestId('hand-in-error').count()).toBe(0);
}

describe('开标大厅 in Chromium', () => {
  it('the agent starts the opening, a bidder and the custodians hand in shares, bidders see the record and object', async () => {
    const second = await newSupplierAccount(2);
    const third = await newSupplierAccount(3);
    const projectId = await projectReadyToOpen({
      gongyingshang: '38650050',
      [second]: '39000000',
      [third]: '37999999',
    });
    const projectUrl = `${server.url}/app/projects/${projectId}`;

    // 1. The agent goes from the project page to the hall and starts the opening.
    const agent = await signedIn('jingban');
    await agent.goto(projectUrl);
    await agent.getByTestId('opening-hall-link').getByRole('button', { name: '进入开标大厅' }).click();
    await agent.waitForURL(/\/opening$/);
    const hall = agent.getByTestId('opening-hall');
    await hall.getByTestId('opening-not-started').waitFor();
    expect(await hall.getByTestId('opening-custodians').textContent()).toContain('孙立新');
    await agent.getByRole('button', { name: '开始开标' }).click();
    await agent.locator('.ant-popconfirm').getByRole('button', { name: '确认开标' }).click();
    const lot1 = hall.getByTestId('lot-1');
    await expect.poll(() => lot1.getByTestId('lot-status').textContent()).toBe('等待解密');
    expect(await lot1.getByTestId('lot-bid-count').textContent()).toBe('3');
    // Any other lot of the project had no bid: not opened, for want of three bidders.
    const statuses = await hall.getByTestId('lot-status').allTextContents();
    expect(statuses.slice(1).every((t) => t === '不予开标 — 投标人不足三家')).toBe(true);
    // Lot 2 drew two bids: the hall says so, with the article and what the purchaser may do next.
    expect(await hall.getByTestId('lot-2').getByTestId('lot-bid-count').textContent()).toBe('2');
    const notOpened = (await hall.getByTestId('lot-2').getByTestId('lot-not-opened').textContent()) ?? '';
    expect(notOpened).toContain('只有 2 家');
    expect(notOpened).toContain('第四十一条');
    expect(notOpened).toContain('采购人可以');

    // 2. A wrong opening passphrase is caught in the browser; the right one hands in the centre's shares.
    const panel = agent.getByTestId('hand-in-panel');
    expect(await panel.getByTestId('hand-in-remaining').textContent()).toContain('3');
    await panel.getByLabel('开标口令').fill('这不是经办人的开标口令');
    await panel.getByRole('button', { name: '解密并提交' }).click();
    await expect.poll(() => panel.getByTestId('hand-in-error').textContent()).toBe('开标口令不正确');
    await handIn(agent, '开标口令', CENTRE_PASS);
    await expect.poll(() => lot1.getByText('3 / 3').count()).toBeGreaterThanOrEqual(1);
    expect(await lot1.getByTestId('lot-status').textContent()).toBe('等待解密');
    await snap(agent, 'opening-hall-awaiting');

    // 3. A bidder reaches the hall from the project page and hands in its own share with its bid passphrase:
    // with the centre's, that opens its bid; the lot waits for the others.
    const bidder = await signedIn('gongyingshang');
    await bidder.goto(projectUrl);
    await bidder.getByTestId('opening-hall-link').getByRole('button', { name: '进入开标大厅' }).click();
    await bidder.waitForURL(/\/opening$/);
    const bidderPanel = bidder.getByTestId('hand-in-panel');
    expect(await bidderPanel.getByTestId('hand-in-remaining').textContent()).toContain('1');
    await bidderPanel.getByLabel('投标口令').fill('这不是投标时设置的口令');
    await bidderPanel.getByRole('button', { name: '解密并提交' }).click();
    await expect.poll(() => bidderPanel.getByTestId('hand-in-error').textContent()).toBe('投标口令不正确');
    await handIn(bidder, '投标口令', BID_PASS);
    const bidderLot = bidder.getByTestId('lot-1');
    await expect.poll(() => bidderLot.getByTestId('lot-opened-count').textContent()).toBe('1 / 3');
    expect(await bidderLot.getByTestId('lot-status').textContent()).toBe('等待解密');

    // 4. The finance supervisor hands in the second share of the other bids: the lot opens.
    const supervisor = await signedIn('caizheng');
    await supervisor.goto(`${projectUrl}/opening`);
    await handIn(supervisor, '开标口令', SUPERVISOR_PASS);
    const seen = supervisor.getByTestId('lot-1');
    await expect.poll(() => seen.getByTestId('lot-status').textContent()).toBe('已开标');
    await supervisor.context().close();

    // The agent's hall follows by polling, without a reload.
    await expect.poll(() => lot1.getByTestId('lot-status').textContent(), { timeout: 10_000 }).toBe('已开标');
    const prices = await lot1.getByTestId('record-price').allTextContents();
    expect(prices.sort()).toEqual(['379,999.99', '386,500.50', '390,000.00']);
    const record = lot1.getByTestId('opening-record');
    expect(await record.textContent()).toContain('合同签订后 30 日');
    expect(await record.textContent()).toContain('小型企业');
    expect(await lot1.getByTestId('record-signed').textContent()).toContain('记录已由平台签名');
    await snap(agent, 'opening-hall-opened');

    // 5. The bidder's hall follows too; it sees the record and downloads it signed.
    await expect
      .poll(() => bidderLot.getByTestId('lot-status').textContent(), { timeout: 10_000 })
      .toBe('已开标');
    expect((await bidderLot.getByTestId('record-price').allTextContents()).sort()).toEqual(prices);
    const [download] = await Promise.all([
      bidder.waitForEvent('download'),
      bidderLot.getByRole('button', { name: '下载开标记录' }).click(),
    ]);
    const signed = JSON.parse(await readFile(await download.path(), 'utf8')) as SignedStatement<{
      projectId: string;
      lotNo: number;
      entries: { priceFen: string }[];
    }>;
    expect(signed.statement).toMatchObject({ projectId, lotNo: 1 });
    expect(signed.statement.entries.map((e) => e.priceFen).sort()).toEqual([
      '37999999',
      '38650050',
      '39000000',
    ]);
    const published = (await (await fetch(`${server.url}/api/receipts/public-key`)).json()) as {
      publicKey: string;
    };
    expect(verifyStatement(signed, published.publicKey)).toMatchObject({ ok: true });

    // 6. The bidder objects; the agent sees it by polling and answers inline; the bidder sees the answer.
    const objection = '第 1 包开标记录中本公司交货期宣读有误，请核实。';
    await bidder.getByLabel('异议内容').fill(objection);
    await bidder.getByRole('button', { name: '提出异议' }).click();
    await bidder.getByTestId('objection-text').filter({ hasText: objection }).waitFor();
    const item = agent.getByTestId('objection').filter({ hasText: objection });
    await item.waitFor({ timeout: 10_000 });
    await item.getByLabel('答复内容').fill('经核对开标记录，交货期按投标文件原文宣读，无误。');
    await item.getByRole('button', { name: '答复' }).click();
    await item.getByTestId('objection-answer').waitFor();
    await expect
      .poll(() => bidder.getByTestId('objection-answer').first().textContent(), { timeout: 10_000 })
      .toContain('按投标文件原文宣读');
    await snap(bidder, 'opening-hall-bidder');
    await snap(agent, 'opening-hall-answered');
    await bidder.context().close();
    await agent.context().close();
    // Setup seals three bids and every step waits on a real server: more than the default 60 s on a busy machine.
  }, 150_000);
});
