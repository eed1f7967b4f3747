import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/cli/demo/data.ts';
import {
  commitSeed,
  drawExportSchema,
  verifyDraw,
  type DrawExport,
} from '../../src/modules/evaluation/draw.contract.ts';
import { experts, expertSpecialties, specialties } from '../../src/modules/orgs/tables.ts';
import { hashPassword } from '../../src/platform/auth/passwords.ts';
import { users } from '../../src/platform/auth/tables.ts';
import { dialogClosed, launchChromium, startDemoServer } from './support.ts';

/**
 * The committee of a project in Chromium, as test/committee.int.test.ts through the API: the agent forms it
 * (a too-small composition refused with the statutory message), prepares the draw and sees the commitment; a
 * supervisor gives the on-site input; the seats show as 专家 n; the export replays in the browser and on the
 * public verify page, where a tampered record fails; a drawn expert declines and the next in the committed
 * order is invited.
 */
const SPECIALTY = { code: 'ZC99', name: '浏览器测试专业' };
const POOL = 10;

let server: Awaited<ReturnType<typeof startDemoServer>>;
let browser: Browser;
const pool = new Map<string, string>(); // expertId → username

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchChromium();
  // A specialty of its own with a pool of its own, so the draw's candidates are exactly these experts.
  const db = server.database.db;
  await db.insert(specialties).values({ ...SPECIALTY, parentCode: null });
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (let i = 0; i < POOL; i++) {
    const [e] = await db
      .insert(experts)
      .values({
        name: `抽取测试专家${i + 1}`,
        idNumber: `1501021980${randomBytes(4).readUInt32BE(0).toString().padStart(10, '0').slice(0, 8)}`,
        phone: '13800000000',
        titleLevel: 'senior',
        titleName: '高级工程师',
        years: 12,
        employer: `抽取测试单位${i + 1}`,
        regionCode: '150102',
        status: 'active',
        createdAt: new Date(),
      })
      .returning();
    if (!e) throw new Error('expert');
    await db.insert(expertSpecialties).values({ expertId: e.id, specialtyCode: SPECIALTY.code });
    const username = `chouqu${i + 1}_${randomUUID().slice(0, 6)}`;
    await db.insert(users).values({
      username,
      displayName: e.name,
      role: 'expert',
      passwordHash,
      expertId: e.id,
      passwordChangedAt: new Date(),
      createdAt: new Date(),
    });
    pool.set(e.id, username);
  }
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

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
  return { call };
}

/** A published open tender of the demo, and a review day three days after its opening (Beijing time). */
async function publishedProject() {
  const agent = await apiAs('jingban');
  const list = await agent.call('GET', '/api/projects?status=published&pageSize=100');
  for (const item of (list.json?.items ?? []) as { id: string }[]) {
    const p = (await agent.call('GET', `/api/projects/${item.id}`)).json as {
      id: string;
      code: string;
      method: string;
      schedule: { openingAt: string | null; bidDeadlineAt: string | null };
    };
    const opening = p.schedule.openingAt ?? p.schedule.bidDeadlineAt;
    if (p.method !== 'openTender' || !opening) continue;
    const day = new Date(new Date(opening).getTime() + (3 * 24 + 8) * 3_600_000).toISOString().slice(0, 10);
    return { id: p.id, code: p.code, reviewAt: `${day} 09:00` };
  }
  throw new Error('no published open tender in the demo');
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

/** Set COMMITTEE_SCREENSHOTS=/some/dir to keep pictures of the pages for a look. */
async function snap(page: Page, name: string): Promise<void> {
  const dir = process.env.COMMITTEE_SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

const text = async (page: Page, testId: string): Promise<string> =>
  (await page.getByTestId(testId).first().textContent()) ?? '';

describe('评审委员会 in Chromium', () => {
  it('forms a committee, draws it verifiably with a supervisor, replays it, and fills a decline', async () => {
    const project = await publishedProject();
    const projectUrl = `${server.url}/app/projects/${project.id}`;

    // 1. The agent forms the committee: too small first (the server's statutory message), then lawful.
    const agent = await signedIn('jingban');
    await agent.goto(projectUrl);
    const panel = agent.getByTestId('committee-panel');
    const form = panel.getByTestId('committee-form');
    await form.waitFor();
    const reviewAt = form.getByLabel('评审时间（北京时间）');
    await reviewAt.click();
    await reviewAt.fill(project.reviewAt);
    await reviewAt.press('Enter');
    await expect.poll(() => reviewAt.inputValue()).toBe(project.reviewAt);
    await form.getByLabel('评审地点').fill('浏览器测试评标室');
    // 异地评审: no "2 working days before the review" limit, so the draw may run today.
    const remote = form.getByLabel('异地评审');
    await remote.click();
    await expect.poll(() => remote.getAttribute('aria-checked')).toBe('true');
    await form.getByLabel('专业 1', { exact: true }).click();
    await form.getByLabel('专业 1', { exact: true }).fill(SPECIALTY.name);
    await agent.locator('.ant-select-tree').getByText(`${SPECIALTY.name}（${SPECIALTY.code}）`).click();
    await form.getByLabel('抽取人数 1').fill('1');
    await form.getByRole('button', { name: '添加采购人代表' }).click();
    await form.getByLabel('采购人代表 1', { exact: true }).fill('王采购');
    await form.getByRole('button', { name: '组建评审委员会' }).click();
    const refusal = form.getByTestId('committee-form-error');
    await expect.poll(() => refusal.textContent()).toContain('少于法定最少人数');
    const min = Number(/少于法定最少人数 (\d+) 人/.exec((await refusal.textContent()) ?? '')?.[1]);
    expect([5, 7]).toContain(min);
    await snap(agent, 'committee-form-refused');
    const count = min - 1; // with the one representative: an odd total, experts at least two thirds
    await form.getByLabel('抽取人数 1').fill(String(count));
    await form.getByRole('button', { name: '组建评审委员会' }).click();
    await panel.getByTestId('committee-plan').waitFor();
    expect(await text(agent, 'committee-vacancies')).toContain(`${SPECIALTY.name} 缺 ${count} 人`);
    expect(await text(agent, 'committee-earliest')).toContain('不限');
    expect(await text(agent, 'committee-status')).toBe('组建中');

    // 2. The centre prepares the draw: candidates frozen, the commitment published.
    await panel.getByRole('button', { name: '准备抽取' }).click();
    const card = panel.getByTestId('draw-card');
    await expect.poll(() => card.getByTestId('draw-status').textContent()).toBe('已公布承诺值，待现场抽取');
    const commitment = /[0-9a-f]{64}/.exec(
      (await card.getByTestId('draw-commitment').textContent()) ?? '',
    )?.[0];
    expect(commitment).toBeDefined();
    expect(await card.getByTestId('draw-slots').textContent()).toContain(String(POOL));
    expect(await card.getByRole('link', { name: '公开验证页面' }).getAttribute('href')).toBe('/draws/verify');
    expect(await card.getByRole('button', { name: '现场抽取' }).count()).toBe(0);
    await snap(agent, 'committee-prepared');

    // 3. The finance supervisor types the on-site input: the draw runs, the seed is revealed.
    const supervisor = await signedIn('caizheng');
    await supervisor.goto(projectUrl);
    const seen = supervisor.getByTestId('draw-card');
    await seen.getByRole('button', { name: '现场抽取' }).click();
    const dialog = supervisor.getByRole('dialog');
    expect(await dialog.textContent()).toContain(commitment);
    await dialog.getByLabel('现场随机内容').fill('abc');
    await dialog.getByRole('button', { name: '确认抽取' }).click();
    await dialog.getByText('请输入至少 6 个字符的随机内容').waitFor();
    await dialog.getByLabel('现场随机内容').fill('现场随机 8231');
    await dialog.getByRole('button', { name: '确认抽取' }).click();
    await dialogClosed(dialog);
    await expect.poll(() => seen.getByTestId('draw-status').textContent()).toBe('已抽取');
    expect(await seen.getByTestId('draw-input').textContent()).toBe('现场随机 8231');
    const serverSeed = /[0-9a-f]{64}/.exec(
      (await seen.getByTestId('draw-server-seed').textContent()) ?? '',
    )?.[0];
    expect(await commitSeed(serverSeed ?? '')).toBe(commitment);
    // Names are secret until the review: 专家 1…n, then the representative.
    const names = await supervisor.getByTestId('seat-name').allTextContents();
    expect(names).toEqual([...Array.from({ length: count }, (_, i) => `专家 ${i + 1}`), '王采购']);

    await snap(supervisor, 'committee-drawn');

    // 4. The export replays in this browser, and downloads as a file the CLI and the portal replay.
    await seen.getByRole('button', { name: '在本机验证' }).click();
    await expect.poll(() => text(supervisor, 'draw-local-verify')).toContain('✓ 验证通过');
    const [download] = await Promise.all([
      supervisor.waitForEvent('download'),
      seen.getByRole('button', { name: '导出抽取记录' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^抽取记录-${project.code}-[0-9a-f]{8}\\.json$`));
    const file = await download.path();
    const record: DrawExport = drawExportSchema.parse(JSON.parse(await readFile(file, 'utf8')));
    expect(await verifyDraw(record.inputs, record.result)).toEqual({ ok: true });
    expect(record.inputs.serverSeed).toBe(serverSeed);

    // 5. The public verify page, signed out: the file replays ✓; a tampered one fails with the reason.
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(`${server.url}/draws/verify`);
    await visitor.locator('input[type=file]').setInputFiles(file);
    await expect.poll(() => text(visitor, 'verify-verdict')).toContain('✓ 验证通过');
    expect(await text(visitor, 'verify-commitment')).toContain('相符');
    const [slot] = record.result.slots;
    if (!slot) throw new Error('no slot');
    expect(await visitor.getByTestId('verify-slots').textContent()).toContain(slot.selected[0]);
    const tampered = { ...record, inputs: { ...record.inputs, supervisorInput: '现场随机 8232' } };
    await visitor.getByLabel('抽取记录（JSON）').fill(JSON.stringify(tampered));
    await visitor.getByRole('button', { name: '验证' }).click();
    await expect.poll(() => text(visitor, 'verify-verdict')).toContain('✗ 验证未通过');
    expect(await text(visitor, 'verify-verdict')).toContain('抽取种子不符');
    await snap(visitor, 'draw-verify-tampered');
    await visitor.getByLabel('抽取记录（JSON）').fill('{"inputs": {}}');
    await visitor.getByRole('button', { name: '验证' }).click();
    await expect.poll(() => text(visitor, 'verify-verdict')).toContain('不是有效的抽取记录');
    await visitor.context().close();
    await supervisor.context().close();

    // 6. The first drawn expert declines with a reason; the next in the committed order is invited.
    const first = slot.selected[0] ?? '';
    const next = slot.order[count] ?? '';
    const expert = await signedIn(pool.get(first) ?? '');
    await expert.getByRole('link', { name: '评审邀请' }).click();
    const row = expert.getByTestId(`invitation-${project.code}`);
    await expect.poll(() => row.getByTestId('invitation-status').textContent()).toBe('已通知，待确认');
    await row.getByRole('button', { name: '不能参加' }).click();
    const decline = expert.getByRole('dialog');
    await decline.getByRole('button', { name: '提交' }).click();
    await decline.getByText('请说明不能参加的原因').waitFor();
    await decline.getByLabel('不能参加的原因').fill('评审当日需出席单位会议');
    await decline.getByRole('button', { name: '提交' }).click();
    await dialogClosed(decline);
    await expect.poll(() => row.getByTestId('invitation-status').textContent()).toBe('不能参加');
    expect(await row.getByRole('button', { name: '确认参加' }).count()).toBe(0);
    await expert.context().close();

    const replacement = await signedIn(pool.get(next) ?? '');
    await replacement.goto(`${server.url}/app/invitations`);
    const invited = replacement.getByTestId(`invitation-${project.code}`);
    await expect.poll(() => invited.getByTestId('invitation-status').textContent()).toBe('已通知，待确认');
    await snap(replacement, 'invitations');
    await invited.getByRole('button', { name: '确认参加' }).click();
    await replacement.locator('.ant-popconfirm').getByRole('button', { name: '确认参加' }).click();
    await expect.poll(() => invited.getByTestId('invitation-status').textContent()).toBe('已确认参加');
    await replacement.context().close();

    // The agent sees the decline, its reason, and the seat filled from the order — still without names.
    await agent.reload();
    await panel.getByTestId('committee-seats').waitFor();
    await expect
      .poll(() => panel.getByTestId('seat-decline-reason').allTextContents())
      .toContain('评审当日需出席单位会议');
    expect(await panel.getByTestId('seat-replaces').allTextContents()).toEqual(['递补 专家 1']);
    const after = await panel.getByTestId('seat-name').allTextContents();
    expect(after).toEqual([...Array.from({ length: count + 1 }, (_, i) => `专家 ${i + 1}`), '王采购']);
    expect(await text(agent, 'committee-vacancies')).toBe('无，已足额');
    await snap(agent, 'committee-declined');
    await agent.context().close();
  }, 150_000);
});
