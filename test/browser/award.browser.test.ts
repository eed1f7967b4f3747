import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/cli/demo/data.ts';
import {
  contractExportSchema,
  verifyContractExport,
} from '../../src/modules/award/contracts/signature.contract.ts';
import { users } from '../../src/platform/auth/tables.ts';
import { hashPassword } from '../../src/platform/auth/passwords.ts';
import { shanghaiDay } from '../../src/platform/clock.ts';
import { checkSteadily, chooseOption, dialogClosed, launchChromium, startDemoServer } from './support.ts';

/**
 * 定标 to a paid contract in Chromium, each role in its own browser: the purchaser confirms the report's first
 * candidate on the project page; the agent publishes the result notice and generates the contract; the winner
 * reads its 中标通知书; both parties create their signing keys and sign in the browser; the agent publishes the
 * 合同公告 and the purchaser files the contract; then performance — a delivery milestone planned, reported and
 * confirmed, the acceptance, the invoice, the payment — until the contract is paid off and the savings show. The
 * exported contract verifies offline with both signatures.
 */
const PURCHASER_SIGNING = '采购人合同签名口令 2026 定标测试';
const SUPPLIER_SIGNING = '供应商合同签名口令 2026 定标测试';

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

type Json = Record<string, unknown>;

/** The browsers open, by account: pictured when the test fails and AWARD_SCREENSHOTS is set. */
const pages = new Map<string, Page>();

/** Set AWARD_SCREENSHOTS=/some/dir to keep pictures of the pages for a look. */
async function snap(page: Page, name: string): Promise<void> {
  const dir = process.env.AWARD_SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
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
    const json = (await res.json().catch(() => null)) as Json | null;
    if (json && typeof json.csrfToken === 'string') csrf = json.csrfToken;
    return { status: res.status, json };
  }
  /** A call that must succeed: its JSON answer. */
  async function ok(method: string, path: string, body?: unknown): Promise<Json> {
    const res = await call(method, path, body);
    expect(res.status, `${method} ${path}: ${JSON.stringify(res.json)}`).toBeLessThan(300);
    return res.json ?? {};
  }
  await call('GET', '/api/auth/session');
  const login = await call('POST', '/api/auth/login', { username, password: DEMO_PASSWORD });
  expect(login.status, JSON.stringify(login.json)).toBe(200);
  const user = login.json?.user as { id: string };
  return { call, ok, userId: user.id };
}

async function signedIn(username: string): Promise<Page> {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('current-role').waitFor();
  pages.set(username, page);
  return page;
}

interface Candidate {
  bidId: string;
  supplierId: string;
  supplierName: string;
  rank: number;
  priceFen: string;
  passedOver: string | null;
}
interface LotAward {
  lotNo: number;
  status: string;
  budgetFen: string;
  candidates: Candidate[];
}

/**
 * A project of 云岭县教育局 under evaluation whose one undecided lot waits for the purchaser (the evaluation demo
 * signs the reports), found as the purchaser's browser would; and an account of the first candidate's firm.
 */
async function projectAwaitingConfirmation() {
  const purchaser = await apiAs('caigouren');
  const list = await purchaser.ok('GET', '/api/projects?status=evaluating&pageSize=100');
  for (const p of (list.items ?? []) as { id: string }[]) {
    const res = await purchaser.call('GET', `/api/projects/${p.id}/award`);
    if (res.status !== 200) continue;
    const lots = (res.json?.lots ?? []) as LotAward[];
    const waiting = lots.filter((l) => l.status === 'awaitingConfirmation');
    const undecided = lots.filter((l) => l.status === 'reevaluation');
    const lot = waiting[0];
    if (waiting.length !== 1 || undecided.length || !lot) continue;
    const first = lot.candidates.filter((c) => c.passedOver === null).sort((a, b) => a.rank - b.rank)[0];
    if (!first) continue;
    return { projectId: p.id, lot, first, winnerUsername: await accountOf(first) };
  }
  throw new Error('the demo has no project of 云岭县教育局 with a lot awaiting the purchaser’s confirmation');
}

/** The supplier account of a firm from the server's database (one is added if the demo made none). */
async function accountOf(c: Candidate): Promise<string> {
  const db = server.database.db;
  const [found] = await db
    .select({ username: users.username })
    .from(users)
    .where(eq(users.supplierId, c.supplierId))
    .limit(1);
  if (found) return found.username;
  const username = `zhongbiao_${c.supplierId.slice(0, 6)}`;
  await db.insert(users).values({
    username,
    displayName: '中标测试',
    role: 'supplier',
    passwordHash: await hashPassword(DEMO_PASSWORD),
    supplierId: c.supplierId,
    passwordChangedAt: new Date(),
    createdAt: new Date(),
  });
  return username;
}

/** Fen as the pages write yuan: 1234567 → 12,345.67. */
function yuan(fen: string | bigint): string {
  const f = BigInt(fen);
  const whole = (f / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${whole}.${(f % 100n).toString().padStart(2, '0')}`;
}

/** Yuan as a form takes it: 1234567 → 12345.67. */
const plainYuan = (fen: bigint): string => `${fen / 100n}.${(fen % 100n).toString().padStart(2, '0')}`;

/** The dialog of that title, once open. */
async function dialog(page: Page, title: string): Promise<Locator> {
  const d = page.getByRole('dialog').filter({ has: page.locator('.ant-modal-title', { hasText: title }) });
  await d.waitFor();
  return d;
}

/**
 * A dialog's footer button by its text. Not by its accessible name: after a failed submit, antd's spinner can stay
 * in the button (its leave animation never ends in a headless page), named "loading".
 */
const footerButton = (d: Locator, text: string): Locator =>
  d.locator('.ant-modal-footer button').filter({ hasText: new RegExp(`^${text}$`) });

/**
 * Answers the open Popconfirm with its OK button until `done` holds: again if a click landed while it was still
 * animating in (and was lost), never while the last click may still be at work.
 */
async function confirmPop(page: Page, ok: string, done: () => Promise<boolean>): Promise<void> {
  const button = page
    .locator('.ant-popconfirm:visible')
    .getByRole('button')
    .filter({ hasText: new RegExp(`^${ok}$`) })
    .first();
  const deadline = Date.now() + 20_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`气泡确认「${ok}」未生效`);
    if (await button.isVisible()) await button.click({ timeout: 2000 }).catch(() => undefined);
    await expect
      .poll(done, { timeout: 3000 })
      .toBe(true)
      .catch(() => undefined);
  }
}

/** Submits a dialog with its OK button and waits for it to close. */
async function submit(d: Locator, ok: string): Promise<void> {
  await footerButton(d, ok).click();
  await dialogClosed(d);
}

/** Fills the passphrase twice in 创建签名密钥 / 更换签名密钥 and waits for the key to be made and registered. */
async function createKey(d: Locator, passphrase: string): Promise<void> {
  await d.getByLabel('签名口令', { exact: true }).fill(passphrase);
  await d.getByLabel('确认签名口令', { exact: true }).fill(passphrase);
  await submit(d, '创建');
}

/**
 * 签署 on the contract page. An account without a key creates it in the dialog 签署 opens (passphrase twice) and the
 * signing dialog follows by itself; with a key, the signing dialog opens at once. The passphrase unwraps the key in
 * this browser, which signs.
 */
async function signContract(page: Page, passphrase: string, after: string): Promise<void> {
  await page.getByRole('button', { name: /签署$/ }).click();
  const title = page.locator('.ant-modal-title', { hasText: /^(创建签名密钥|签署合同)$/ });
  await title.first().waitFor();
  if ((await title.first().textContent()) === '创建签名密钥')
    await createKey(await dialog(page, '创建签名密钥'), passphrase);
  await signInDialog(page, passphrase, after);
}

/** The passphrase in the open 签署合同 dialog; signed when the contract's status becomes `after`. */
async function signInDialog(page: Page, passphrase: string, after: string): Promise<void> {
  const sign = await dialog(page, '签署合同');
  await sign.getByLabel('签名口令', { exact: true }).fill(passphrase);
  await submit(sign, '签署');
  await expect.poll(() => page.getByTestId('contract-status').textContent()).toBe(after);
}

/** 电子签名密钥 (/app/signing-key): creates the account's key, or replaces the one it has, in this browser. */
async function newKeyOnAccountPage(page: Page, passphrase: string): Promise<string> {
  await page.goto(`${server.url}/app/signing-key`);
  const card = page.locator('.ant-card', { hasText: '合同签名密钥' });
  const button = card.getByRole('button', { name: /^(创建签名密钥|更换密钥)$/ });
  await button.waitFor();
  const replacing = (await button.textContent()) === '更换密钥';
  const before = replacing ? await card.locator('code').first().textContent() : null;
  await button.click();
  await createKey(await dialog(page, replacing ? '更换签名密钥' : '创建签名密钥'), passphrase);
  await expect.poll(() => card.locator('code').first().textContent()).not.toBe(before);
  return (await card.locator('code').first().textContent()) ?? '';
}

/** Opens a tab of the contract's 履约监管 card. */
async function performanceTab(page: Page, name: string): Promise<Locator> {
  const card = page.getByTestId('contract-performance');
  await card.getByRole('tab', { name }).click();
  // The other panes stay in the page, aria-hidden.
  return card.getByRole('tabpanel');
}

describe('定标 to a paid contract in Chromium', () => {
  it('confirm, publish, generate, letter, sign twice, publish and file, perform, accept, invoice, pay, export', async () => {
    onTestFailed(async () => {
      for (const [name, page] of pages) await snap(page, `failed-${name}`).catch(() => undefined);
    });
    const { projectId, lot, first, winnerUsername } = await projectAwaitingConfirmation();
    const projectUrl = `${server.url}/app/projects/${projectId}`;
    const lotCard = (page: Page) => page.getByTestId('award-panel').getByTestId(`award-lot-${lot.lotNo}`);

    // 1. The purchaser confirms the report's first candidate on the project page.
    const purchaser = await signedIn('caigouren');
    await purchaser.goto(projectUrl);
    const pLot = lotCard(purchaser);
    expect(await pLot.getByTestId('award-status').textContent()).toBe('待采购人确认');
    expect(await pLot.getByTestId('confirm-candidate').textContent()).toContain(first.supplierName);
    await pLot.getByTestId('confirm-winner').click();
    await expect.poll(() => pLot.getByTestId('award-status').textContent()).toBe('已确认，待发布结果公告');
    expect(await pLot.getByTestId('award-winner').textContent()).toContain(first.supplierName);
    expect(await pLot.getByTestId('award-winner').textContent()).toContain(yuan(first.priceFen));

    // 2. The agent publishes the result notice: the lot 已公告, the project 已定标.
    const agent = await signedIn('jingban');
    await agent.goto(projectUrl);
    await agent.getByTestId('publish-result').click();
    const aLot = lotCard(agent);
    await expect.poll(() => aLot.getByTestId('award-status').textContent()).toBe('已公告');
    await expect.poll(() => agent.getByTestId('project-status').first().textContent()).toBe('已定标');
    expect(await aLot.getByRole('link', { name: /已发布，公告期至/ }).count()).toBe(1);
    await snap(agent, 'award-noticed');

    // … and generates the contract: a bond over 10 % is refused (条例48); 5 %, the period and the place go.
    const amountFen = BigInt(first.priceFen);
    await aLot.getByRole('button', { name: '生成合同', exact: true }).click();
    const gen = await dialog(agent, `生成第${lot.lotNo}包合同`);
    await gen.getByLabel('履约保证金（元）').fill(plainYuan((amountFen * 11n) / 100n));
    await chooseOption(gen, '保证金形式', '银行保函');
    await gen.getByLabel('付款期限（日，自验收合格起）').fill('30');
    await gen.getByLabel('履约期限').fill('合同签订后 30 日内交货');
    await gen.getByLabel('交货（服务）地点').fill('云岭县教育局指定地点');
    await footerButton(gen, '生成').click();
    const refused = gen.locator('.ant-alert', { hasText: '第四十八条' });
    await refused.waitFor();
    expect(await refused.textContent()).toContain(`上限 ${plainYuan(amountFen / 10n)} 元`);
    await gen.getByLabel('履约保证金（元）').fill(plainYuan((amountFen * 5n) / 100n));
    await submit(gen, '生成');

    const contracts = await (await apiAs('jingban')).ok('GET', `/api/contracts?projectId=${projectId}`);
    const items = contracts.items as { id: string; lotNo: number; amountFen: string }[];
    const contract = items.find((c) => c.lotNo === lot.lotNo);
    if (!contract) throw new Error(`no contract for lot ${lot.lotNo}: ${JSON.stringify(items)}`);
    expect(contract.amountFen).toBe(first.priceFen);
    const budgetFen = BigInt(
      ((await (await apiAs('jingban')).ok('GET', `/api/contracts/${contract.id}`)) as { budgetFen: string })
        .budgetFen,
    );
    const contractUrl = `${server.url}/app/contracts/${contract.id}`;

    // 3. The winner reads its 中标通知书.
    const winner = await signedIn(winnerUsername);
    await winner.goto(`${server.url}/app/my/award-letters`);
    const letter = winner.getByTestId('letter-award').filter({ hasText: first.supplierName }).first();
    await letter.waitFor();
    expect(await letter.textContent()).toContain('中标');
    await letter.getByRole('button', { name: '签收' }).click();
    await letter.getByText('已签收').waitFor();

    // 4. The purchaser signs first: the contract waits for the supplier; then the winner signs: 已签订.
    // The purchaser makes its key on its account page (the demo may have given it one: it is replaced).
    const purchaserKey = await newKeyOnAccountPage(purchaser, PURCHASER_SIGNING);
    expect(purchaserKey).toMatch(/^[0-9a-f]{64}$/);
    await purchaser.goto(contractUrl);
    expect(await purchaser.getByTestId('contract-status').textContent()).toBe('待签署');
    // A wrong passphrase does not open the key: nothing is signed.
    await purchaser.getByRole('button', { name: /签署$/ }).click();
    const wrong = await dialog(purchaser, '签署合同');
    await wrong.getByLabel('签名口令', { exact: true }).fill('这不是采购人的签名口令啊');
    await footerButton(wrong, '签署').click();
    await wrong.getByText('签名口令不正确').waitFor();
    await footerButton(wrong, '取消').click();
    await dialogClosed(wrong);
    expect(await purchaser.getByTestId('contract-status').textContent()).toBe('待签署');
    await purchaser.getByRole('button', { name: /签署$/ }).click();
    // Opened again, the dialog does not show the last attempt's error; the right passphrase signs.
    expect(await (await dialog(purchaser, '签署合同')).getByText('签名口令不正确').count()).toBe(0);
    await signInDialog(purchaser, PURCHASER_SIGNING, '签署中');
    // The winner signs from the contract page, creating its key there when it has none yet.
    // (A key the demo gave it is replaced on its account page first: its passphrase is not this test's.)
    const winnerApi = await apiAs(winnerUsername);
    if ((await winnerApi.ok('GET', '/api/my/signing-key')).key)
      await newKeyOnAccountPage(winner, SUPPLIER_SIGNING);
    await winner.goto(contractUrl);
    await signContract(winner, SUPPLIER_SIGNING, '已签订');
    const signatures = winner.getByTestId('contract-signatures');
    await expect.poll(() => signatures.locator('tbody tr').count()).toBe(2);
    const signed = (await signatures.textContent()) ?? '';
    expect(signed).toContain('采购人');
    expect(signed).toContain('供应商');
    // The purchaser's signature is by the key it made in its browser.
    expect(signed).toContain(`${purchaserKey.slice(0, 16)}…`);
    await snap(winner, 'contract-signed');

    // 5. The agent publishes the 合同公告; the purchaser files the contract.
    await agent.goto(contractUrl);
    await agent.getByRole('button', { name: '发布合同公告' }).click();
    await confirmPop(
      agent,
      '发布',
      async () => (await agent.getByRole('button', { name: '发布合同公告' }).count()) === 0,
    );
    const today = shanghaiDay(new Date());
    /** A line of the contract's overview, by its label. */
    const term = (page: Page, label: string) =>
      page
        .locator('.ant-descriptions-item-label', { hasText: label })
        .locator('xpath=following-sibling::td[1]');
    await expect.poll(() => term(agent, '合同公告').textContent()).toContain(`${today}（期限`);
    expect(await term(agent, '签订合同').textContent()).toContain(`${today}（期限`);

    await purchaser.reload();
    await purchaser.getByRole('button', { name: '登记备案' }).click();
    const filing = await dialog(purchaser, '登记合同备案');
    await filing.getByLabel('备案编号').fill(`云岭财采备〔2026〕${contract.id.slice(0, 4)}号`);
    await submit(filing, '登记');
    await expect.poll(() => term(purchaser, '合同备案').textContent()).toContain('云岭财采备');
    expect(await term(purchaser, '合同备案').textContent()).toContain(`${today}（期限`);
    expect(await purchaser.getByRole('button', { name: '登记备案' }).count()).toBe(0);

    // 6. Performance: the purchaser plans a delivery due today; the supplier reports it; the purchaser confirms.
    let tab = await performanceTab(purchaser, '履约计划');
    await tab.getByTestId('plan-milestones').click();
    const plan = await dialog(purchaser, '履约计划');
    // A click landing while the dialog still animates in can be lost: add until the row is there.
    const name = plan.getByPlaceholder('节点名称');
    await expect
      .poll(
        async () => {
          if (!(await name.count())) {
            await plan.getByRole('button', { name: '添加履约节点' }).click();
            await name.waitFor({ timeout: 2000 }).catch(() => undefined);
          }
          return name.count();
        },
        { timeout: 15_000 },
      )
      .toBe(1);
    await name.fill('设备到货');
    await plan.getByTitle('应完成日期（服务期：开始日期）').fill(today);
    await submit(plan, '提交');
    const milestones = tab.getByTestId('milestones');
    await milestones.getByText('设备到货').waitFor();

    await winner.reload();
    tab = await performanceTab(winner, '履约计划');
    const row = tab.getByTestId('milestones').locator('tr', { hasText: '设备到货' });
    await row.getByRole('button', { name: '报告完成' }).click();
    const report = await dialog(winner, '报告完成：设备到货');
    await report.getByLabel('完成情况').fill('设备已全部送达并完成清点。');
    await submit(report, '提交');
    await row.getByText('待采购人确认').waitFor();

    await purchaser.reload();
    tab = await performanceTab(purchaser, '履约计划');
    const pRow = tab.getByTestId('milestones').locator('tr', { hasText: '设备到货' });
    await pRow.getByRole('button', { name: '确认' }).click();
    await confirmPop(purchaser, '确认', async () =>
      ((await pRow.textContent()) ?? '').includes(`${today} 报告完成，${today} 采购人确认`),
    );

    // 7. The acceptance: every line of the checklist passes, two members, the opinion.
    tab = await performanceTab(purchaser, '验收');
    await tab.getByTestId('record-acceptance').click();
    const accept = await dialog(purchaser, '履约验收');
    const passes = accept.getByRole('radio', { name: '合格', exact: true });
    await expect.poll(() => passes.count()).toBeGreaterThan(0);
    for (const radio of await passes.all()) await checkSteadily(radio);
    const members = accept.getByLabel('验收小组成员（至少 2 人，在验收书上签字）');
    for (const name of ['张伟', '王芳']) {
      await members.fill(name);
      await members.press('Enter');
    }
    await accept.getByLabel('参加验收的质量检测机构（大型或复杂项目必填）').fill('云岭县产品质量检验所');
    await accept.getByLabel('验收意见').fill('货物数量、规格与合同一致，运行正常，验收合格。');
    await submit(accept, '提交');
    await tab.getByText('验收合格', { exact: true }).waitFor();
    await expect.poll(() => purchaser.getByTestId('performance-status').textContent()).toBe('已验收，待付款');

    // 8. The supplier submits its invoice for the whole amount.
    await winner.reload();
    tab = await performanceTab(winner, '发票与付款');
    await tab.getByTestId('record-invoice').click();
    const invoice = await dialog(winner, '发票');
    const invoiceNo = `5300${contract.id.replace(/\D/g, '').slice(0, 8).padEnd(8, '0')}`;
    await invoice.getByLabel('发票号码').fill(invoiceNo);
    await invoice.getByLabel('金额（元）').fill(plainYuan(amountFen));
    await invoice.getByLabel('开票日期').fill(today);
    await submit(invoice, '提交');
    await tab.getByTestId('invoices').getByText(invoiceNo).waitFor();

    // 9. The purchaser pays it in full: the contract is paid off.
    await purchaser.reload();
    tab = await performanceTab(purchaser, '发票与付款');
    await tab.getByTestId('record-payment').click();
    const payment = await dialog(purchaser, '登记付款');
    await payment.getByLabel('金额（元）').fill(plainYuan(amountFen));
    await payment.getByLabel('支付凭证号').fill('国库集中支付 2026-0001');
    await chooseOption(payment, '对应发票', invoiceNo);
    await submit(payment, '提交');
    await tab.getByTestId('payments').getByText('国库集中支付 2026-0001').waitFor();
    await tab.getByText('已付清', { exact: true }).waitFor();
    await expect
      .poll(() => purchaser.getByTestId('performance-status').textContent())
      .toBe('已付清，履约完毕');
    await expect.poll(() => purchaser.getByTestId('contract-status').textContent()).toBe('已完成');

    // 10. The savings: budget − paid.
    tab = await performanceTab(purchaser, '节约资金');
    const savings = tab.getByTestId('savings');
    const own = savings.locator('.ant-descriptions').first();
    const figure = (label: string) =>
      own
        .locator('.ant-descriptions-item-label', { hasText: label })
        .locator('xpath=following-sibling::td[1]');
    expect(await figure('采购预算').textContent()).toBe(`${yuan(budgetFen)} 元`);
    expect(await figure('实际支付').textContent()).toBe(`${yuan(amountFen)} 元`);
    expect(await figure('节约资金').textContent()).toBe(`${yuan(budgetFen - amountFen)} 元`);
    expect(await figure('口径').textContent()).toBe('按实际支付金额计算');
    await snap(purchaser, 'contract-completed');

    // 11. The exported contract verifies offline: both parties' signatures and the platform's attestation.
    const exported = contractExportSchema.parse(
      await (await apiAs('caigouren')).ok('GET', `/api/contracts/${contract.id}/export`),
    );
    const platform = (await (await fetch(`${server.url}/api/receipts/public-key`)).json()) as {
      publicKey: string;
    };
    const verdict = await verifyContractExport(exported, platform.publicKey);
    expect(verdict.checks.map((c) => [c.label, c.ok])).toEqual([
      ['合同文本摘要', true],
      ['采购人签章', true],
      ['供应商签章', true],
      ['平台证明', true],
    ]);
    expect(verdict.ok).toBe(true);
    expect(exported.signatures.find((x) => x.party === 'purchaser')?.keyFingerprint).toBe(purchaserKey);

    for (const page of [purchaser, agent, winner]) await page.context().close();
  }, 120_000);
});
