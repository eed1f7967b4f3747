import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../platform/config.ts';
import { AppError } from '../../../platform/errors.ts';
import { toHtml } from './html.ts';
import { toPdf } from './pdf.ts';
import { renderDocument } from './render.ts';
import { sampleInput } from './test-fixtures.ts';

const chromiumPath = loadConfig().chromiumPath;

describe('toPdf', () => {
  it.skipIf(!existsSync(chromiumPath))('prints an A4 PDF with Chromium', async () => {
    const pdf = await toPdf(toHtml(renderDocument(sampleInput('goods'))), chromiumPath);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(5 * 1024);
  });

  it('answers 503 PDF_RENDERER_UNAVAILABLE when Chromium is missing', async () => {
    const missing = '/nonexistent/zhengcai/chromium';
    const err: unknown = await toPdf('<p>x</p>', missing).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ statusCode: 503, code: 'PDF_RENDERER_UNAVAILABLE' });
    expect((err as AppError).message).toContain(missing);
    expect((err as AppError).message).toContain('CHROMIUM_PATH');
    expect((err as AppError).message).toContain('.docx');
  });
});

describe('config', () => {
  it('reads CHROMIUM_PATH, defaulting to the Debian package', () => {
    expect(loadConfig({}).chromiumPath).toBe('/usr/bin/chromium');
    expect(loadConfig({ CHROMIUM_PATH: '/opt/chrome/chrome' }).chromiumPath).toBe('/opt/chrome/chrome');
  });
});
