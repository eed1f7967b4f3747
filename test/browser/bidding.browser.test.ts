import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { eq, sql } from 'drizzle-orm';
import { DEMO_PASSWORD } from '../../src/cli/demo/data.ts';
import { suppliers } from '../../src/modules/orgs/tables.ts';
import { users } from '../../src/platform/auth/tables.ts';
import { verifyStatement, type SignedStatement } from '../../src/platform/signing.ts';
import { launchChromium, startDemoServer, checkSteadily, dialogClosed } from './support.ts';

let server: Awaited<ReturnType<typeof startDemoServer>>;
let browser: Browser;
/** The files a supplier attaches: a 3 MiB 商务文件 (one 4 MiB piece, three sealed chunks) and a 200 KiB 技术文件. */
let files: { dir: string; commercial: string; technical: string };
const MiB = 1024 * 1024;
/** Sealed size: every 1 MiB chunk gains a 12-byte nonce and a 16-byte tag. */
const sealed = (bytes: number) => bytes + Math.max(1, Math.ceil(bytes / MiB)) * 28;

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchChromium();
  const dir = await mkdtemp(path.join(tmpdir(), 'zc-bid-files-'));
  files = { dir, commercial: path.join(dir, '商务文件.pdf'), technical: path.join(dir, '技术方案.pdf') };
  await writeFile(files.commercial, randomBytes(3 * MiB));
  await writeFile(files.technical, randomBytes(200 * 1024));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (files) await rm(files.dir, { recursive: true, force: true });
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

/** The demo's 多媒体教学设备 project: open for bids, custodians named, a deposit asked. */
async function multimediaProject(): Promise<{ id: string; url: string }> {
  const agent = await signedIn('jingban');
  try {
    for (const status of ['published', 'corrected']) {
      const res = await agent.request.get(`${server.url}/api/projects?status=${status}&pageSize=100`);
      const items = ((await res.json()) as { items: { id: string; name: string }[] }).items;
      const found = items.find((p) => p.name.includes('多媒体'));
      if (found) return { id: found.id, url: `${server.url}/app/projects/${found.id}` };
    }
    throw new Error('the demo has no open 多媒体 project');
  } finally {
    await agent.context().close();
  }
}

/** The supplier's bid panel on the project, registered for it if it was not yet. */
async function bidPanel(supplier: Page, projectUrl: string): Promise<Locator> {
  await supplier.goto(projectUrl);
  const panel = supplier.getByTestId('bid-panel');
  const countdown = panel.getByTestId('bid-countdown');
  const registration = panel.getByRole('button', { name: '报名' });
  await registration.or(countdown).first().waitFor();
  if (await registration.isVisible()) await registration.click();
  await countdown.waitFor();
  return panel;
}

/** Attaches a file of a kind and waits for the form to list it with its size. */
async function attach(panel: Locator, kind: string, file: string, size: string): Promise<void> {
  const picker = panel.getByTestId(`bid-doc-${kind}`);
  await picker.locator('input[type=file]').setInputFiles(file);
  const listed = picker.getByTestId('bid-doc-file');
  await listed.getByText(path.basename(file)).waitFor();
  expect(await listed.textContent()).toContain(size);
}

/** Fills a bid for lot 1 (no SME, domestic product) with both required files and the passphrase. */
async function fillBid(panel: Locator, price: string, passphrase: string): Promise<void> {
  await checkSteadily(panel.getByLabel('投第 1 包'));
  await panel.getByLabel('第 1 包投标报价').fill(price);
  await checkSteadily(panel.getByLabel('是', { exact: true }));
  await attach(panel, 'commercial', files.commercial, '3.0 MB');
  await attach(panel, 'technical', files.technical, '200.0 KB');
  await panel.getByLabel('投标口令', { exact: true }).fill(passphrase);
  await panel.getByLabel('确认投标口令').fill(passphrase);
}

/** Every document's progress bar, as the percentage of its sealed bytes the server holds. */
const percents = (panel: Locator) =>
  panel
    .getByTestId('bid-form')
    .getByTestId('doc-progress')
    .evaluateAll((els: { getAttribute(name: string): string | null }[]) =>
      els.map((e) => e.getAttribute('data-percent')),
    );

interface MyBid {
  id: string;
  status: string;
  documents: { part: string; received: number; sealedBytes: number }[];
}
/** The deposit the project asks, in fen. */
async function requiredDeposit(page: Page, projectId: string): Promise<string> {
  const res = await page.request.get(`${server.url}/api/projects/${projectId}`);
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { requirements: { depositFen: string } }).requirements.depositFen;
}

async function myBids(page: Page, projectId: string): Promise<MyBid[]> {
  const res = await page.request.get(`${server.url}/api/projects/${projectId}/my-bids`);
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { items: MyBid[] }).items;
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

    // 4. The supplier registers and seals a bid for lot 1 with its documents in its browser.
    const supplier = await signedIn('gongyingshang');
    const panel = await bidPanel(supplier, projectUrl);
    expect(await panel.getByTestId('bid-countdown').textContent()).toMatch(/\d{2}:\d{2}:\d{2}$/);
    // The two kinds every bid needs; the demo project has no 暗标, so no blind technical file is asked.
    expect(await panel.getByTestId('bid-doc-blindTechnical').count()).toBe(0);
    await attach(panel, 'commercial', files.commercial, '3.0 MB');
    await attach(panel, 'technical', files.technical, '200.0 KB');
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
    // Each document's bar reaches its whole sealed size, then the receipt comes (its hash checked by the page).
    await expect.poll(() => percents(panel), { timeout: 30_000 }).toEqual(['100', '100']);
    const receipt = panel.getByTestId('bid-receipt');
    await receipt.waitFor({ timeout: 30_000 });
    expect(await panel.getByTestId('bid-error').count()).toBe(0);
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
      documents: { part: string; bytes: number }[];
    }>;
    expect(download.suggestedFilename()).toBe(`回执-${code}-${signed.statement.bidId}.json`);
    expect(signed.statement).toMatchObject({ projectCode: code, envelopeHash: hash, lots: [1] });
    expect(signed.statement.documents.map((d) => [d.part, d.bytes])).toEqual([
      ['doc:0', sealed(3 * MiB)],
      ['doc:1', sealed(200 * 1024)],
    ]);
    const published = (await (await fetch(`${server.url}/api/receipts/public-key`)).json()) as {
      publicKey: string;
    };
    expect(verifyStatement(signed, published.publicKey)).toMatchObject({ ok: true });
    expect(uploads).toEqual([signed.statement.bidId, signed.statement.bidId]);
    expect(await receipt.getByTestId('receipt-public-key').textContent()).toBe(published.publicKey);

    // 6. The bid is listed as 已递交 with its documents, and withdrawn before the deadline.
    const listed = panel.getByTestId('my-bids');
    await expect.poll(() => listed.getByTestId('bid-status').first().textContent()).toBe('已递交');
    expect(await listed.getByTestId('bid-status').count()).toBe(1);
    const documents = (await listed.getByTestId('bid-documents-list').textContent()) ?? '';
    expect(documents).toContain('商务文件 3.0 MB');
    expect(documents).toContain('技术文件 200.0 KB');
    await listed.getByRole('button', { name: '撤回' }).click();
    await supplier.locator('.ant-popconfirm').getByRole('button', { name: '撤回' }).click();
    await expect.poll(() => listed.getByTestId('bid-status').first().textContent()).toBe('已撤回');
    await supplier.context().close();
  }, 120_000);

  it('an upload broken off mid-document resumes from the offset the server holds and stays one bid', async () => {
    const project = await multimediaProject();
    const supplier = await signedIn('gongyingshang4');
    const panel = await bidPanel(supplier, project.url);
    await fillBid(panel, '1180000', '第四家供应商的投标口令 2026');
    // The first piece of the first document is lost on the way: the page asks the server where it stands.
    const pieces: string[] = [];
    await supplier.route('**/api/bids/*/documents/*', async (route) => {
      const request = route.request();
      if (request.method() === 'PUT') pieces.push(request.headers()['content-range'] ?? '');
      if (request.method() === 'PUT' && pieces.length === 1) await route.abort('connectionreset');
      else await route.continue();
    });
    await panel.getByRole('button', { name: '加密并递交' }).click();
    await expect.poll(() => percents(panel), { timeout: 30_000 }).toEqual(['100', '100']);
    await panel.getByTestId('bid-receipt').waitFor({ timeout: 30_000 });
    const total = sealed(3 * MiB);
    expect(pieces.slice(0, 2)).toEqual([`bytes 0-${total - 1}/${total}`, `bytes 0-${total - 1}/${total}`]);

    const bids = await myBids(supplier, project.id);
    expect(bids.map((b) => b.status)).toEqual(['submitted']);
    expect(bids[0]?.documents.map((d) => d.received === d.sealedBytes)).toEqual([true, true]);
    await expect
      .poll(() => panel.getByTestId('my-bids').getByTestId('bid-status').allTextContents())
      .toEqual(['已递交']);
    await supplier.context().close();
  }, 90_000);

  it('when the retries run out the sealed bid stays in the page and 继续上传 finishes the same bid', async () => {
    const project = await multimediaProject();
    const supplier = await signedIn('gongyingshang5');
    const panel = await bidPanel(supplier, project.url);
    await fillBid(panel, '1175000', '第五家供应商的投标口令 2026');
    let blocked = true;
    await supplier.route('**/api/bids/*/documents/*', async (route) => {
      if (blocked && route.request().method() === 'PUT') await route.abort('connectionreset');
      else await route.continue();
    });
    await panel.getByRole('button', { name: '加密并递交' }).click();
    const form = panel.getByTestId('bid-form');
    await form.getByTestId('bid-resume').waitFor({ timeout: 45_000 });
    expect(await form.getByTestId('bid-error').textContent()).toContain('可继续上传');

    // 我的投标 lists it as still uploading, none of its files whole; it does not count as a bid.
    const listed = panel.getByTestId('my-bids');
    await expect.poll(() => listed.getByTestId('bid-status').allTextContents()).toEqual(['上传中']);
    expect(await listed.getByTestId('bid-documents-received').textContent()).toContain('已收到 0 / 2 个文件');
    const [unfinished] = await myBids(supplier, project.id);
    expect(unfinished?.status).toBe('uploading');

    // Another tab of the same session does not hold the sealed bytes: it can only say to seal anew.
    const other = await supplier.context().newPage();
    await other.goto(project.url);
    await other.getByTestId('my-bids').getByTestId('bid-resume-lost').waitFor();
    expect(await other.getByTestId('my-bids').getByRole('button', { name: '继续上传' }).count()).toBe(0);
    await other.close();

    blocked = false;
    await listed.getByRole('button', { name: '继续上传' }).click();
    await panel.getByTestId('bid-receipt').waitFor({ timeout: 30_000 });
    await expect.poll(() => percents(panel)).toEqual(['100', '100']);
    await expect.poll(() => listed.getByTestId('bid-status').allTextContents()).toEqual(['已递交']);
    const bids = await myBids(supplier, project.id);
    expect(bids.map((b) => [b.id, b.status])).toEqual([[unfinished?.id, 'submitted']]);
    await supplier.context().close();
  }, 90_000);
});

describe('投标保证金 in Chromium', () => {
  it('a supplier records its deposit, the centre sees a shared account, confirms it and records its refund', async () => {
    const project = await multimediaProject();
    // A bidder of the demo that has sealed a bid on the project records its deposit by transfer.
    const supplier = await signedIn('gongyingshang3');
    await supplier.goto(project.url);
    const deposit = supplier.getByTestId('deposit-panel');
    const form = deposit.getByTestId('deposit-form');
    await form.waitFor();
    expect(await form.getByLabel('金额（元）').inputValue()).toMatch(/^[\d,]+\.\d{2}$/);
    await form.getByLabel('付款单位（户名）').fill('第三家投标人财务部');
    await form.getByRole('button', { name: '登记保证金' }).click();
    await form.getByText('转账缴纳须填写付款账号').waitFor();
    await form.getByLabel('付款账号').fill('6222 0210 0300 4567 890');
    await form.getByRole('button', { name: '登记保证金' }).click();
    await expect.poll(() => deposit.getByTestId('deposit-status').textContent()).toBe('待确认');

    // Another bidder paid from the same account (recorded through the API, as the form would).
    const other = await signedIn('gongyingshang2');
    const token = (
      (await (await other.request.get(`${server.url}/api/auth/session`)).json()) as {
        csrfToken: string;
      }
    ).csrfToken;
    const amountFen = await requiredDeposit(other, project.id);
    const res = await other.request.post(`${server.url}/api/projects/${project.id}/deposit`, {
      headers: { 'x-csrf-token': token },
      data: { form: 'transfer', amountFen, payerName: '代缴单位', payerAccount: '6222021003004567890' },
    });
    expect(res.status(), await res.text()).toBe(200);
    await other.context().close();

    // The centre sees both, flagged, and confirms the first.
    const agent = await signedIn('jingban');
    await agent.goto(project.url);
    const table = agent.getByTestId('deposit-panel').getByTestId('deposits-table');
    const row = table.locator('tr', { hasText: '第三家投标人财务部' }).first();
    await row.waitFor();
    expect(await row.getByTestId('deposit-shared-flag').count()).toBe(1);
    await agent.getByTestId('deposit-shared-account').waitFor();
    await row.getByRole('button', { name: '确认到账' }).click();
    await agent.locator('.ant-popconfirm').getByRole('button', { name: '确认到账' }).click();
    await expect.poll(() => row.getByTestId('deposit-row-status').textContent()).toBe('已到账');

    // The supplier sees it confirmed, withdraws its bid in writing, and the refund falls due.
    await supplier.reload();
    await expect.poll(() => deposit.getByTestId('deposit-status').textContent()).toBe('已到账');
    const listed = supplier.getByTestId('my-bids');
    await listed.getByRole('button', { name: '撤回' }).first().click();
    await supplier.locator('.ant-popconfirm').getByRole('button', { name: '撤回' }).click();
    await expect.poll(() => listed.getByTestId('bid-status').first().textContent()).toBe('已撤回');
    await supplier.reload();
    await expect.poll(() => deposit.getByTestId('deposit-status').textContent()).toBe('待退还');
    expect(await deposit.getByTestId('deposit-details').textContent()).toMatch(/应退还期限\d{4}-\d{2}-\d{2}/);

    // The centre records the refund, dated today.
    await agent.reload();
    await row.getByRole('button', { name: '登记退还' }).click();
    const dialog = agent.getByRole('dialog');
    await dialog.getByLabel('退还日期').waitFor();
    await dialog.getByRole('button', { name: '登记退还' }).click();
    await dialogClosed(dialog);
    await expect.poll(() => row.getByTestId('deposit-row-status').textContent()).toBe('已退还');
    await supplier.reload();
    await expect.poll(() => deposit.getByTestId('deposit-status').textContent()).toBe('已退还');
    await agent.context().close();
    await supplier.context().close();
  }, 90_000);
});

/** A one-page PDF whose text (Helvetica, ASCII) pdfjs reads page by page. */
function pdfWithText(text: string): Buffer {
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const at of offsets) out += `${String(at).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

describe('暗标 identity-leak scan in Chromium', () => {
  it('scans the blind technical file in the browser before sealing, warns and asks for confirmation', async () => {
    // The demo has no 暗标 project: the 多媒体 project asks for one for this test (setup the UI cannot do).
    const project = await multimediaProject();
    const db = server.database.db;
    const setBlind = (on: boolean) =>
      db.execute(
        sql`update projects set requirements = jsonb_set(requirements, '{blindTechnical}', ${JSON.stringify(on)}::jsonb) where id = ${project.id}`,
      );
    const [firm] = await db
      .select({ name: suppliers.name })
      .from(users)
      .innerJoin(suppliers, eq(users.supplierId, suppliers.id))
      .where(eq(users.username, 'gongyingshang2'));
    const name = firm?.name ?? '';
    expect(name).not.toBe('');
    const dir = await mkdtemp(path.join(tmpdir(), 'zc-blind-'));
    const leaky = path.join(dir, '暗标技术方案.txt');
    const scanned = path.join(dir, '暗标技术方案.pdf');
    const clean = path.join(dir, '暗标技术方案（修改后）.txt');
    await writeFile(leaky, `一、项目理解\n本技术方案由${name}编制，实施团队驻场服务。\n`);
    await writeFile(scanned, pdfWithText('Service hotline: 13812345678'));
    await writeFile(clean, '一、项目理解\n本技术方案由投标人编制，实施团队驻场服务。\n');
    await setBlind(true);
    const supplier = await signedIn('gongyingshang2');
    try {
      const panel = await bidPanel(supplier, project.url);
      const picker = panel.getByTestId('bid-doc-blindTechnical');
      const scan = picker.getByTestId('leak-scan');

      // Its own name in the blind file: a warning with the place and the excerpt, and a confirmation asked.
      await picker.locator('input[type=file]').setInputFiles(leaky);
      await picker.locator('[data-testid=leak-scan][data-state=high]').waitFor({ timeout: 30_000 });
      const finding = scan.getByTestId('leak-finding').first();
      expect(await finding.getAttribute('data-severity')).toBe('high');
      expect(await finding.textContent()).toContain('第 2 行');
      expect(await finding.getByTestId('leak-excerpt').textContent()).toContain(`【${name}】`);
      const confirm = panel.getByTestId('leak-confirm');
      await confirm.waitFor();
      await snap(panel, 'blind-scan-warning');
      // Sending is not refused for good, but waits for the supplier to confirm.
      // (This bidder of the demo has bid on the project already: the button says 加密并重新递交.)
      await panel.getByRole('button', { name: /加密并(重新)?递交/ }).click();
      await panel.getByText('暗标文件中发现身份信息：请修改文件，或检查后勾选确认').waitFor();

      // A PDF is read by pdfjs in the browser, page by page: a mobile number is a warning of medium severity.
      await picker.locator('input[type=file]').setInputFiles(scanned);
      await picker.locator('[data-testid=leak-scan][data-state=medium]').waitFor({ timeout: 30_000 });
      expect(await scan.getByTestId('leak-finding').first().textContent()).toContain('第 1 页');
      expect(await scan.getByTestId('leak-excerpt').first().textContent()).toContain('【13812345678】');
      expect(await confirm.count()).toBe(0);

      // The corrected file: nothing found.
      await picker.locator('input[type=file]').setInputFiles(clean);
      await picker.locator('[data-testid=leak-scan][data-state=clean]').waitFor({ timeout: 30_000 });
      expect(await scan.textContent()).toContain('未发现身份信息');
      expect(await confirm.count()).toBe(0);
    } finally {
      await supplier.context().close();
      await setBlind(false);
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
