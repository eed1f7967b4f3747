/**
 * Prints a document's HTML to PDF with a headless Chromium (the Debian package, not a downloaded browser).
 * Without Chromium the platform still serves .docx, so a missing executable is a 503 that says so, not a crash.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { AppError } from '../../../platform/errors.ts';

export async function toPdf(html: string, chromiumPath: string): Promise<Buffer> {
  if (!existsSync(chromiumPath)) {
    throw new AppError(
      503,
      'PDF_RENDERER_UNAVAILABLE',
      `生成 PDF 需要在服务器上安装 Chromium（当前配置的路径为 ${chromiumPath}，可通过环境变量 CHROMIUM_PATH 指定）；现在仍可下载 .docx 格式的文件`,
    );
  }
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    // The page is self-contained (html.ts), so nothing is fetched and 'load' means laid out.
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
