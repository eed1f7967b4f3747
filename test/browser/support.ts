import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Locator } from 'playwright-core';
import { expect, inject } from 'vitest';
import { buildApp, webDistDir } from '../../src/app.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { openDatabase } from '../../src/platform/db/client.ts';
import { runMigrations } from '../../src/platform/db/migrations.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The whole platform with the demo centre, on its own copy of the demo data directory seeded once for the run
 * (test/browser/global-setup.ts), listening on a free port.
 */
export async function startDemoServer() {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'zc-browser-'));
  await cp(inject('demoTemplate'), dataDir, { recursive: true });
  const database = await openDatabase({ dataDir });
  await runMigrations(database);
  const app = await buildApp({
    config: { ...loadConfig({}), dataDir },
    database,
    webDist: webDistDir,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    /** The server's own database, for a test's setup the UI cannot reach (a deadline moved into the past). */
    database,
    async close() {
      await app.close();
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} missing: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // The machine's network is closed: background services would only stall start-up.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Ticks a checkbox or radio, again if the first click landed while a dialog was still animating in (on a loaded
 * machine antd's opening animation can swallow it), until the control reports it is checked.
 */
export async function checkSteadily(locator: Locator): Promise<void> {
  await expect
    .poll(
      async () => {
        if (!(await locator.isChecked())) await locator.check({ timeout: 2000 }).catch(() => undefined);
        return locator.isChecked();
      },
      { timeout: 15_000 },
    )
    .toBe(true);
}

/** Waits for a dialog to close after its submit; if it stays open, fails with what the form says is wrong. */
export async function dialogClosed(dialog: Locator, timeout = 30_000): Promise<void> {
  try {
    await dialog.waitFor({ state: 'hidden', timeout });
  } catch {
    const errors = await dialog.locator('.ant-form-item-explain-error, .ant-alert-message').allTextContents();
    const chosen = await dialog.locator('.ant-select-selection-item').allTextContents();
    throw new Error(`对话框未关闭；表单提示：${errors.join(' | ') || '（无）'}；已选：${chosen.join(', ')}`);
  }
}

/**
 * Picks an option of a select in a dialog: opens it again if the first click landed while the dialog was still
 * animating in, until the choice shows.
 */
export async function chooseOption(d: Locator, label: string, option: string): Promise<void> {
  const select = d.locator('.ant-form-item', { has: d.page().getByLabel(label, { exact: true }) });
  const item = d.page().locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option });
  await expect
    .poll(
      async () => {
        if (!(await item.count())) await d.getByLabel(label, { exact: true }).click();
        await item
          .first()
          .click({ timeout: 2000 })
          .catch(() => undefined);
        // The list opens in a portal: the item's own text shows the choice once made.
        return select.textContent();
      },
      { timeout: 15_000 },
    )
    .toContain(option);
}
